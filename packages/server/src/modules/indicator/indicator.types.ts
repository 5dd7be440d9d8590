import { Field, Float, ObjectType } from 'type-graphql';
import type { Aggregation, Frequency } from './indicator.entity.js';
import type { RegionLevel } from '../region/region.entity.js';
import { RegionLevelEnum } from '../region/region.types.js';

@ObjectType('Indicator', { description: 'An indicator of the catalog, with its unit and aggregation rule.' })
export class IndicatorNode {
  id!: number;

  @Field(() => String)
  code!: string;

  @Field(() => String, { description: 'Chinese name.' })
  name!: string;

  @Field(() => String)
  nameEn!: string;

  @Field(() => String, { description: 'Chinese unit, e.g. 份, 人次, 元, %.' })
  unit!: string;

  @Field(() => String)
  unitEn!: string;

  @Field(() => String, { description: 'Category code, e.g. employment_services.' })
  category!: string;

  @Field(() => String, {
    description:
      'sum (flows: summed over periods and regions), last (stocks: last period in the range, summed over regions) or ratio (factor × aggregated numerator / aggregated denominator).',
  })
  aggregation!: Aggregation;

  @Field(() => String, { description: 'monthly or annual reporting.' })
  frequency!: Frequency;

  @Field(() => RegionLevelEnum, { description: 'The level data is reported at; coarser levels are roll-ups, finer ones have no value.' })
  reportingLevel!: RegionLevel;

  @Field(() => Float, { nullable: true, description: 'For ratios: the multiplier (100 for percentages).' })
  factor!: number | null;

  numeratorId!: number | null;
  denominatorId!: number | null;
}

@ObjectType('Category', { description: 'A group of indicators shown as one dashboard tab.' })
export class CategoryNode {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  nameEn!: string;
}
