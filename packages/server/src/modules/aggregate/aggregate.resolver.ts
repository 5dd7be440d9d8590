import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../../context.js';
import { GrainEnum, RegionValueNode, SeriesNode } from './aggregate.types.js';

@Resolver()
export class AggregateResolver {
  @Query(() => SeriesNode, {
    description:
      'An indicator for one region over from..to (periods 2024-03, 2024-Q1 or 2024), in buckets of the grain, with year-on-year change.',
  })
  series(
    @Ctx() { aggregate }: Context,
    @Arg('indicator', () => String, { description: 'Indicator code from the catalog, e.g. jobs_posted.' }) indicator: string,
    @Arg('region', () => String, { description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.' })
    region: string,
    @Arg('from', () => String, { description: 'First period, inclusive: YYYY-MM (YYYY for annual indicators).' }) from: string,
    @Arg('to', () => String, { description: 'Last period, inclusive: YYYY-MM (YYYY for annual indicators).' }) to: string,
    @Arg('grain', () => GrainEnum, { description: 'Time bucket of the points: MONTH, QUARTER or YEAR (annual indicators: YEAR only).' })
    grain: GrainEnum,
  ) {
    return aggregate.series(indicator, region, from, to, grain);
  }

  @Query(() => [RegionValueNode], { description: 'One value per direct child of the region, aggregated over from..to.' })
  breakdown(
    @Ctx() { aggregate }: Context,
    @Arg('indicator', () => String, { description: 'Indicator code from the catalog, e.g. jobs_posted.' }) indicator: string,
    @Arg('region', () => String, { description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.' })
    region: string,
    @Arg('from', () => String, { description: 'First period, inclusive: YYYY-MM (YYYY for annual indicators).' }) from: string,
    @Arg('to', () => String, { description: 'Last period, inclusive: YYYY-MM (YYYY for annual indicators).' }) to: string,
  ) {
    return aggregate.breakdown(indicator, region, from, to);
  }
}
