import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { RegionNode } from '../region/region.types.js';
import { CompletenessService } from './completeness.service.js';
import { CompletenessNode, CompletenessUnitNode } from './completeness.types.js';

@Resolver(() => CompletenessNode)
export class CompletenessResolver {
  @Query(() => CompletenessNode, {
    description: 'Reporting completeness (填报率) of a period below a region: for everyone; submitted and late counts for users in scope.',
  })
  completeness(
    @Ctx() ctx: Context,
    @Arg('region', () => String, { description: 'Six-digit GB/T 2260 region code, e.g. 510100 (成都市); 100000 is the nation.' })
    region: string,
    @Arg('period', () => String, { description: 'Report period: YYYY-MM for the monthly indicators, YYYY for the annual ones.' })
    period: string,
  ) {
    return new CompletenessService(ctx).completeness(region, period);
  }

  @FieldResolver(() => RegionNode, { description: 'The region asked about.' })
  region(@Root() c: CompletenessNode, @Ctx() { regions }: Context) {
    return regions.get(c.regionCode);
  }

  @FieldResolver(() => [CompletenessUnitNode], {
    description: 'The reporting units: late and missing ones first (for the public: those not approved yet), then by code.',
  })
  units(
    @Root() c: CompletenessNode,
    @Ctx() ctx: Context,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 100, description: '1 to 5000.' }) limit?: number | null,
  ) {
    return new CompletenessService(ctx).units(c.scope, limit ?? 100);
  }
}

@Resolver(() => CompletenessUnitNode)
export class CompletenessUnitResolver {
  @FieldResolver(() => RegionNode, { description: 'The reporting region.' })
  region(@Root() unit: CompletenessUnitNode, @Ctx() { regions }: Context) {
    return regions.get(unit.regionCode);
  }
}
