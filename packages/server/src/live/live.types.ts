import { Field, GraphQLISODateTime, ObjectType } from 'type-graphql';
import { IndicatorNode } from '../modules/indicator/indicator.types.js';
import type { ReportStatus } from '../modules/report/report.entity.js';
import { ReportStatusEnum } from '../modules/report/report.types.js';
import { RegionNode } from '../modules/region/region.types.js';

@ObjectType('ReportChange', { description: 'A report moved from one status to another (told once the change has committed).' })
export class ReportChangeNode {
  @Field(() => RegionNode, { description: 'The region of the report.' })
  region!: RegionNode;

  @Field(() => String, { description: 'The report period: "2024-03" for the monthly indicators, "2024" for the annual ones.' })
  period!: string;

  @Field(() => ReportStatusEnum, { description: 'Its status now.' })
  status!: ReportStatus;

  @Field(() => ReportStatusEnum, { nullable: true, description: 'Its status before; null when not known.' })
  previousStatus!: ReportStatus | null;

  @Field(() => GraphQLISODateTime, { description: 'When the change committed.' })
  at!: Date;
}

@ObjectType('DataChange', {
  description:
    'Approved (public) values changed: a report was approved or unapproved, or figures were accepted as published figures or targets. Every aggregate of the region and of the regions above it may have changed for these indicators: ask again for what you show.',
})
export class DataChangeNode {
  @Field(() => RegionNode, { description: 'The region whose values changed (a report’s region, or the region of accepted figures).' })
  region!: RegionNode;

  @Field(() => String, { description: 'The report period ("2024-03" or "2024"), or for accepted figures the month their span ends in.' })
  period!: string;

  @Field(() => [IndicatorNode], { description: 'The indicators whose values changed, ratio indicators computed from them included.' })
  indicators!: IndicatorNode[];

  @Field(() => GraphQLISODateTime, { description: 'When the change committed.' })
  at!: Date;
}
