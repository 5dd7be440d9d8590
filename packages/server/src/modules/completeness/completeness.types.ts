import { Field, GraphQLISODateTime, Int, ObjectType } from 'type-graphql';
import { ReportStatusEnum } from '../report/report.types.js';
import type { ReportStatus } from '../report/report.entity.js';
import type { CompletenessScope } from './completeness.service.js';

@ObjectType('Completeness', {
  description:
    'Reporting completeness (填报率) of a period below a region: the regions that should report, how many submitted, were approved and are late. Pending counts are for users who may read pending values there.',
})
export class CompletenessNode {
  regionCode!: string;
  scope!: CompletenessScope;

  @Field(() => String, { description: 'The report period: YYYY-MM (monthly indicators) or YYYY (annual ones).' })
  period!: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: 'When reports are due (the earliest deadline among the units; null when no region reports this period).',
  })
  deadline!: Date | null;

  @Field(() => Int, { description: 'Reporting units: the regions at a level that reports this period, the region itself and below it.' })
  expected!: number;

  @Field(() => Int, {
    nullable: true,
    description: 'Units whose report is submitted or approved; null for callers who may not read pending values here.',
  })
  submitted!: number | null;

  @Field(() => Int, { description: 'Units whose report is approved.' })
  approved!: number;

  @Field(() => Int, {
    nullable: true,
    description:
      'Units past their deadline without a submitted report, or that submitted after it; null for callers who may not read pending values here.',
  })
  late!: number | null;
}

@ObjectType('CompletenessUnit', { description: 'One region that should report the period, and where its report stands.' })
export class CompletenessUnitNode {
  regionCode!: string;

  @Field(() => GraphQLISODateTime, { description: 'When its report is due.' })
  deadline!: Date;

  @Field(() => ReportStatusEnum, {
    nullable: true,
    description: 'Its report’s status (DRAFT when not started). For callers who may not read pending values: APPROVED or null.',
  })
  status!: ReportStatus | null;

  @Field(() => Boolean, { description: 'Whether its report is approved (public).' })
  approved!: boolean;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was last submitted (null for the public).' })
  submittedAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When it was approved.' })
  approvedAt!: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Late: not submitted by the deadline (null for the public).' })
  late!: boolean | null;
}
