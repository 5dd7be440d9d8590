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
    @Arg('indicator', () => String) indicator: string,
    @Arg('region', () => String) region: string,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
    @Arg('grain', () => GrainEnum) grain: GrainEnum,
  ) {
    return aggregate.series(indicator, region, from, to, grain);
  }

  @Query(() => [RegionValueNode], { description: 'One value per direct child of the region, aggregated over from..to.' })
  breakdown(
    @Ctx() { aggregate }: Context,
    @Arg('indicator', () => String) indicator: string,
    @Arg('region', () => String) region: string,
    @Arg('from', () => String) from: string,
    @Arg('to', () => String) to: string,
  ) {
    return aggregate.breakdown(indicator, region, from, to);
  }
}
