import DataLoader from 'dataloader';
import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { db, sql } from '../../db/sql.js';
import { badInput } from '../../errors.js';
import { GrainEnum, RegionValueNode, SeriesNode } from '../aggregate/aggregate.types.js';
import { NATION_CODE } from '../region/region.reference.js';
import { CATEGORIES } from './indicator.catalog.js';
import { AggregationEnum, CategoryNode, FrequencyEnum, IndicatorNode } from './indicator.types.js';

const dataRanges = new WeakMap<Context, DataLoader<number, { first: string; last: string } | null>>();

/** First and last period with data per indicator, batched (read from the national roll-up). */
function dataRange(ctx: Context) {
  let loader = dataRanges.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = (
        await sql<{ indicator_id: number; first: string; last: string }>`
          select indicator_id, to_char(min(period), 'YYYY-MM') as first, to_char(max(period), 'YYYY-MM') as last
          from rollup where region_code = ${NATION_CODE} and indicator_id in (${sql.join([...ids])})
          group by indicator_id`.execute(db(ctx.em))
      ).rows;
      return ids.map((id) => rows.find((r) => r.indicator_id === id) ?? null);
    });
    dataRanges.set(ctx, loader);
  }
  return loader;
}

@Resolver(() => IndicatorNode)
export class IndicatorResolver {
  @Query(() => IndicatorNode, { nullable: true, description: 'One indicator by code; null when unknown.' })
  indicator(@Arg('code', () => String, { description: 'The code to look up.' }) code: string, @Ctx() { catalog }: Context) {
    return catalog.byCode.get(code) ?? null;
  }

  @Query(() => [IndicatorNode], { description: 'The indicator catalog, optionally one category, in catalog order.' })
  async indicators(
    @Ctx() { catalog }: Context,
    @Arg('category', () => String, {
      nullable: true,
      description: 'Category code, e.g. employment_services; all categories when left out.',
    })
    category?: string | null,
  ) {
    if (category && !CATEGORIES.some((c) => c.code === category)) {
      throw badInput(`Unknown category "${category}". Valid categories: ${CATEGORIES.map((c) => c.code).join(', ')}.`);
    }
    const all = catalog.all;
    return category ? all.filter((i) => i.category === category) : all;
  }

  @FieldResolver(() => AggregationEnum, { description: 'How values combine over regions and periods: SUM, LAST or RATIO.' })
  rule(@Root() indicator: IndicatorNode) {
    return indicator.aggregation;
  }

  @FieldResolver(() => FrequencyEnum, { description: 'How often it is reported: MONTHLY (periods YYYY-MM) or ANNUAL (YYYY).' })
  cadence(@Root() indicator: IndicatorNode) {
    return indicator.frequency;
  }

  @FieldResolver(() => [GrainEnum], { description: 'The grains a series of this indicator can use.' })
  grains(@Root() indicator: IndicatorNode) {
    return indicator.frequency === 'annual' ? [GrainEnum.YEAR] : [GrainEnum.MONTH, GrainEnum.QUARTER, GrainEnum.YEAR];
  }

  @FieldResolver(() => IndicatorNode, { nullable: true, description: 'For ratios: the indicator summed above the line.' })
  numerator(@Root() indicator: IndicatorNode, @Ctx() { catalog }: Context) {
    return indicator.numeratorId ? (catalog.byId.get(indicator.numeratorId) ?? null) : null;
  }

  @FieldResolver(() => IndicatorNode, { nullable: true, description: 'For ratios: the indicator summed below the line.' })
  denominator(@Root() indicator: IndicatorNode, @Ctx() { catalog }: Context) {
    return indicator.denominatorId ? (catalog.byId.get(indicator.denominatorId) ?? null) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: 'The first period with data (2021-01, or 2020 for annual indicators).' })
  async firstPeriod(@Root() indicator: IndicatorNode, @Ctx() ctx: Context) {
    const range = await dataRange(ctx).load(indicator.numeratorId ?? indicator.id);
    return range && (indicator.frequency === 'annual' ? range.first.slice(0, 4) : range.first);
  }

  @FieldResolver(() => String, { nullable: true, description: 'The latest period with data.' })
  async latestPeriod(@Root() indicator: IndicatorNode, @Ctx() ctx: Context) {
    const range = await dataRange(ctx).load(indicator.numeratorId ?? indicator.id);
    return range && (indicator.frequency === 'annual' ? range.last.slice(0, 4) : range.last);
  }

  @FieldResolver(() => SeriesNode, { description: 'This indicator for a region over from..to (see Query.series).' })
  series(
    @Root() indicator: IndicatorNode,
    @Ctx() { aggregate }: Context,
    @Arg('region', () => String, { description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.' })
    region: string,
    @Arg('from', () => String, { description: 'First period, inclusive: YYYY-MM (YYYY for annual indicators).' }) from: string,
    @Arg('to', () => String, { description: 'Last period, inclusive: YYYY-MM (YYYY for annual indicators).' }) to: string,
    @Arg('grain', () => GrainEnum, { description: 'Time bucket of the points: MONTH, QUARTER or YEAR (annual indicators: YEAR only).' })
    grain: GrainEnum,
  ) {
    return aggregate.series(indicator.code, region, from, to, grain);
  }

  @FieldResolver(() => [RegionValueNode], { description: 'One value per direct child of the region (see Query.breakdown).' })
  breakdown(
    @Root() indicator: IndicatorNode,
    @Ctx() { aggregate }: Context,
    @Arg('region', () => String, { description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.' })
    region: string,
    @Arg('from', () => String, { description: 'First period, inclusive: YYYY-MM (YYYY for annual indicators).' }) from: string,
    @Arg('to', () => String, { description: 'Last period, inclusive: YYYY-MM (YYYY for annual indicators).' }) to: string,
  ) {
    return aggregate.breakdown(indicator.code, region, from, to);
  }
}

@Resolver(() => CategoryNode)
export class CategoryResolver {
  @Query(() => [CategoryNode], { description: 'Indicator categories in dashboard order.' })
  categories() {
    return CATEGORIES;
  }

  @FieldResolver(() => [IndicatorNode], { description: 'The category’s indicators, in catalog order.' })
  async indicators(@Root() category: CategoryNode, @Ctx() { catalog }: Context) {
    return catalog.all.filter((i) => i.category === category.code);
  }
}
