import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { Aggregation, Frequency } from './indicator.entity.js';
import type { RegionLevel } from '../region/region.entity.js';
import { RegionLevelEnum } from '../region/region.types.js';

export const AggregationEnum = { SUM: 'sum', LAST: 'last', RATIO: 'ratio' } as const;
registerEnumType(AggregationEnum, {
  name: 'Aggregation',
  description: 'How an indicator’s values combine over regions and periods.',
  valuesConfig: {
    SUM: { description: 'A flow (cases, events, people served): summed over periods and over regions.' },
    LAST: { description: 'A stock (organisations, places): the last period in the range, summed over regions.' },
    RATIO: { description: 'factor × aggregated numerator ÷ aggregated denominator (never an average of ratios).' },
  },
});

export const FrequencyEnum = { MONTHLY: 'monthly', ANNUAL: 'annual' } as const;
registerEnumType(FrequencyEnum, {
  name: 'Frequency',
  description: 'How often an indicator is reported.',
  valuesConfig: {
    MONTHLY: { description: 'Every month: periods are YYYY-MM.' },
    ANNUAL: { description: 'Once a year: periods are YYYY.' },
  },
});

@ObjectType('Indicator', { description: 'An indicator of the catalog, with its unit and aggregation rule.' })
export class IndicatorNode {
  id!: number;

  @Field(() => String, { description: 'Stable identifier, snake_case (e.g. jobs_posted); use it in every query.' })
  code!: string;

  @Field(() => String, { description: 'Chinese name.' })
  name!: string;

  @Field(() => String, { description: 'English name.' })
  nameEn!: string;

  @Field(() => String, { description: 'Chinese unit, e.g. 份, 人次, 元, %.' })
  unit!: string;

  @Field(() => String, { description: 'English unit, e.g. cases, people, yuan, %.' })
  unitEn!: string;

  @Field(() => String, { description: 'Category code, e.g. employment_services.' })
  category!: string;

  @Field(() => String, {
    description:
      'sum (flows: summed over periods and regions), last (stocks: last period in the range, summed over regions) or ratio (factor × aggregated numerator / aggregated denominator).',
    deprecationReason: 'Use `rule` (the Aggregation enum); this lower-case text stays for old clients.',
  })
  aggregation!: Aggregation;

  @Field(() => String, {
    description: 'monthly or annual reporting.',
    deprecationReason: 'Use `cadence` (the Frequency enum); this lower-case text stays for old clients.',
  })
  frequency!: Frequency;

  @Field(() => RegionLevelEnum, { description: 'The level data is reported at; coarser levels are roll-ups, finer ones have no value.' })
  reportingLevel!: RegionLevel;

  @Field(() => Float, { nullable: true, description: 'For ratios: the multiplier (100 for percentages).' })
  factor!: number | null;

  @Field(() => Int, {
    description: 'Reports are due by the end of this many days after their period, China time (10: the 10th of the next month).',
  })
  deadlineDays!: number;

  numeratorId!: number | null;
  denominatorId!: number | null;
}

@ObjectType('Category', { description: 'A group of indicators shown as one dashboard tab.' })
export class CategoryNode {
  @Field(() => String, { description: 'Stable identifier, e.g. employment_services.' })
  code!: string;

  @Field(() => String, { description: 'Chinese name, e.g. 就业服务.' })
  name!: string;

  @Field(() => String, { description: 'English name.' })
  nameEn!: string;
}
