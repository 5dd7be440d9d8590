import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { IndicatorNode } from '../indicator/indicator.types.js';
import { RegionNode } from '../region/region.types.js';

export enum GrainEnum {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(GrainEnum, { name: 'Grain', description: 'Time bucket of a series: months, quarters (2024-Q1) or years.' });

@ObjectType('SeriesPoint')
export class SeriesPointNode {
  @Field(() => String, { description: 'The bucket: 2024-03, 2024-Q1 or 2024.' })
  period!: string;

  @Field(() => Float, { nullable: true, description: 'The aggregate over the bucket (within from..to); null when no data.' })
  value!: number | null;

  @Field(() => Float, { nullable: true, description: 'The same bucket a year earlier.' })
  previous!: number | null;

  @Field(() => Float, { nullable: true, description: 'Year-on-year change in percent: (value / previous − 1) × 100.' })
  yoy!: number | null;
}

@ObjectType('Series')
export class SeriesNode {
  @Field(() => IndicatorNode)
  indicator!: IndicatorNode;

  @Field(() => RegionNode)
  region!: RegionNode;

  @Field(() => GrainEnum)
  grain!: GrainEnum;

  @Field(() => String)
  from!: string;

  @Field(() => String)
  to!: string;

  @Field(() => Float, { nullable: true, description: "The indicator's own aggregation over the whole from..to range." })
  total!: number | null;

  @Field(() => Float, { nullable: true, description: 'The total over the same range a year earlier.' })
  totalPrevious!: number | null;

  @Field(() => Float, { nullable: true, description: 'Year-on-year change of the total in percent.' })
  totalYoy!: number | null;

  @Field(() => [SeriesPointNode])
  points!: SeriesPointNode[];

  @Field(() => String, { nullable: true, description: 'Why the values are null, e.g. a region finer than the reporting level.' })
  note!: string | null;
}

@ObjectType('RegionValue')
export class RegionValueNode {
  @Field(() => RegionNode)
  region!: RegionNode;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the value is null, when the reason is known.' })
  note!: string | null;
}
