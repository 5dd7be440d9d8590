import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { IndicatorNode } from '../indicator/indicator.types.js';
import { RegionNode } from '../region/region.types.js';

export enum GrainEnum {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(GrainEnum, {
  name: 'Grain',
  description: 'Time bucket of a series: months, quarters (2024-Q1) or years.',
  valuesConfig: {
    MONTH: { description: 'Calendar months, labelled 2024-03.' },
    QUARTER: { description: 'Calendar quarters, labelled 2024-Q1 (monthly indicators only).' },
    YEAR: { description: 'Calendar years, labelled 2024.' },
  },
});

@ObjectType('SeriesPoint', { description: 'One bucket of a series, with the same bucket a year earlier.' })
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

@ObjectType('Series', {
  description: 'An indicator for a region over a period range: the total and one point per bucket. Approved data only.',
})
export class SeriesNode {
  @Field(() => IndicatorNode, { description: 'The indicator of the series.' })
  indicator!: IndicatorNode;

  @Field(() => RegionNode, { description: 'The region the series is for (its whole subtree is aggregated).' })
  region!: RegionNode;

  @Field(() => GrainEnum, { description: 'The time bucket of the points.' })
  grain!: GrainEnum;

  @Field(() => String, { description: 'First period asked for (YYYY-MM or YYYY).' })
  from!: string;

  @Field(() => String, { description: 'Last period asked for (YYYY-MM or YYYY).' })
  to!: string;

  @Field(() => Float, { nullable: true, description: "The indicator's own aggregation over the whole from..to range." })
  total!: number | null;

  @Field(() => Float, { nullable: true, description: 'The total over the same range a year earlier.' })
  totalPrevious!: number | null;

  @Field(() => Float, { nullable: true, description: 'Year-on-year change of the total in percent.' })
  totalYoy!: number | null;

  @Field(() => [SeriesPointNode], { description: 'One point per bucket from `from` to `to`, oldest first; approved data only.' })
  points!: SeriesPointNode[];

  @Field(() => String, { nullable: true, description: 'Why the values are null, e.g. a region finer than the reporting level.' })
  note!: string | null;
}

@ObjectType('RegionValue', { description: 'One child region’s value of a breakdown.' })
export class RegionValueNode {
  @Field(() => RegionNode, { description: 'The child region.' })
  region!: RegionNode;

  @Field(() => Float, {
    nullable: true,
    description: 'The indicator aggregated over the range for this region (its unit is the indicator’s); null when no data.',
  })
  value!: number | null;

  @Field(() => String, { nullable: true, description: 'Why the value is null, when the reason is known.' })
  note!: string | null;
}
