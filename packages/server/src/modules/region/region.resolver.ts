import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import type { RegionLevel } from './region.entity.js';
import { RegionLevelEnum, RegionNode } from './region.types.js';

@Resolver(() => RegionNode)
export class RegionResolver {
  @Query(() => RegionNode, { nullable: true, description: 'One region by its GB/T 2260 code; null when unknown.' })
  region(@Arg('code', () => String, { description: 'The code to look up.' }) code: string, @Ctx() { regions }: Context) {
    return regions.get(code) ?? null;
  }

  @Query(() => [RegionNode], {
    description: 'Regions filtered by parent code and/or level (ordered by code). Without arguments: the nation and the provinces.',
  })
  async regions(
    @Ctx() { regions, aggregate }: Context,
    @Arg('parent', () => String, { nullable: true, description: 'Only the direct children of this region code.' }) parent?: string | null,
    @Arg('level', () => RegionLevelEnum, { nullable: true, description: 'Only regions of this level.' }) level?: RegionLevel | null,
  ) {
    if (parent) await aggregate.region(parent);
    if (!parent && !level) return regions.all.filter((r) => r.level === 'NATION' || r.level === 'PROVINCE');
    return (parent ? regions.children(parent) : regions.all).filter((r) => !level || r.level === level);
  }

  @FieldResolver(() => RegionNode, { nullable: true, description: 'The region one level up; null for the nation.' })
  parent(@Root() region: RegionNode, @Ctx() { regions }: Context) {
    return region.parentCode ? (regions.get(region.parentCode) ?? null) : null;
  }

  @FieldResolver(() => [RegionNode], { description: 'Direct children, ordered by code.' })
  children(@Root() region: RegionNode, @Ctx() { regions }: Context) {
    return regions.children(region.code);
  }

  @FieldResolver(() => [RegionNode], { description: 'Ancestors from the nation down to the parent (for breadcrumbs).' })
  async ancestors(@Root() region: RegionNode, @Ctx() { regions }: Context) {
    const chain: RegionNode[] = [];
    for (let code = region.parentCode; code;) {
      const r = regions.get(code) ?? null;
      if (!r) throw badInput(`Region ${region.code} has an unknown ancestor ${code}.`);
      chain.unshift(r as RegionNode);
      code = r.parentCode ?? null;
    }
    return chain;
  }
}
