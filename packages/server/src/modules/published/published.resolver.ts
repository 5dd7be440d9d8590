import { FigureQualifierEnum, FigureScopeEnum } from '../extract/extract.types.js';
import { Arg, Ctx, FieldResolver, Float, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { fromSqlDate } from '../aggregate/period.js';
import { IndicatorNode } from '../indicator/indicator.types.js';
import { RegionNode } from '../region/region.types.js';
import { PublishedFigure, SourceDocument, Target } from './published.entity.js';
import { FigureFields, PublishedFigureNode, SourceDocumentNode, TargetNode } from './published.types.js';

/** The filter for figures of a region (and everything below it) and/or an indicator. */
async function figureFilter(ctx: Context, region?: string | null, indicator?: string | null) {
  const filter: Record<string, unknown> = {};
  if (region) {
    const r = await ctx.aggregate.region(region);
    const below = await ctx.em
      .getConnection()
      .execute<{ region_code: string }[]>('select region_code from region_ancestor where ancestor_code = ?', [r.code]);
    filter.regionCode = { $in: [r.code, ...below.map((b) => b.region_code)] };
  }
  if (indicator) filter.indicatorId = (await ctx.aggregate.indicator(indicator)).id;
  return filter;
}

const hubAggregates = new WeakMap<FigureFields, Promise<number | null>>();

/** The hub's aggregate over the months (or, for annual indicators, the years) a figure covers. */
function hubAggregate(figure: FigureFields, ctx: Context): Promise<number | null> {
  let aggregate = hubAggregates.get(figure);
  if (!aggregate) hubAggregates.set(figure, (aggregate = computeHubAggregate(figure, ctx)));
  return aggregate;
}

async function computeHubAggregate(figure: FigureFields, ctx: Context): Promise<number | null> {
  const [indicator, region] = await Promise.all([
    ctx.catalog.byId.get(figure.indicatorId) ?? null,
    ctx.regions.get(figure.regionCode) ?? null,
  ]);
  let from = fromSqlDate(figure.periodStart);
  let to = fromSqlDate(figure.periodEnd);
  if (indicator!.frequency === 'annual') {
    from -= from % 12;
    to += 11 - (to % 12);
  }
  return ctx.aggregate.total(indicator!, region!, { from, to });
}

const dateText = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

/** Field resolvers shared by published figures and targets: one resolver class per type. */
export function figureFieldsResolver(node: typeof PublishedFigureNode | typeof TargetNode) {
  @Resolver(() => node)
  class FigureFieldsResolver {
    @FieldResolver(() => RegionNode, { description: 'The region the figure is about.' })
    region(@Root() figure: FigureFields, @Ctx() { regions }: Context) {
      return regions.get(figure.regionCode) ?? null;
    }

    @FieldResolver(() => IndicatorNode, { description: 'The indicator the figure counts.' })
    indicator(@Root() figure: FigureFields, @Ctx() { catalog }: Context) {
      return catalog.byId.get(figure.indicatorId) ?? null;
    }

    @FieldResolver(() => SourceDocumentNode, { description: 'The document that states it.' })
    async source(@Root() figure: FigureFields, @Ctx() { em }: Context) {
      const source = await em.findOneOrFail(SourceDocument, { id: figure.sourceId });
      return { ...source, date: dateText(source.date) };
    }

    @FieldResolver(() => FigureQualifierEnum, {
      description: 'How exact the figure is: EXACT, AT_LEAST (余, 多, 以上) or APPROXIMATE (约, 近: reconciled within 5 %).',
    })
    precision(@Root() figure: FigureFields) {
      return figure.qualifier;
    }

    @FieldResolver(() => String, { description: 'First day covered, YYYY-MM-DD.' })
    periodStart(@Root() figure: FigureFields) {
      return dateText(figure.periodStart);
    }

    @FieldResolver(() => String, { description: 'Last day covered, YYYY-MM-DD.' })
    periodEnd(@Root() figure: FigureFields) {
      return dateText(figure.periodEnd);
    }
  }
  Object.defineProperty(FigureFieldsResolver, 'name', { value: `${node.name}FieldsResolver` });
  return FigureFieldsResolver;
}

@Resolver(() => PublishedFigureNode)
export class PublishedFigureResolver {
  @FieldResolver(() => FigureScopeEnum, {
    description: 'TOTAL (the region’s whole figure) or PARTIAL (one event or channel: a lower bound for the hub’s aggregate).',
  })
  coverage(@Root() figure: PublishedFigureNode) {
    return figure.scope;
  }

  @Query(() => [PublishedFigureNode], { description: 'Published figures of a region (and the regions below it) and/or an indicator.' })
  async publishedFigures(
    @Ctx() ctx: Context,
    @Arg('region', () => String, {
      nullable: true,
      description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.',
    })
    region?: string | null,
    @Arg('indicator', () => String, { nullable: true, description: 'Indicator code from the catalog, e.g. jobs_posted.' })
    indicator?: string | null,
  ) {
    return ctx.em.find(PublishedFigure, await figureFilter(ctx, region, indicator), { orderBy: { id: 'asc' } });
  }

  @FieldResolver(() => Float, { nullable: true, description: "The hub's own aggregate for the same region, indicator and period." })
  hubValue(@Root() figure: PublishedFigureNode, @Ctx() ctx: Context) {
    return hubAggregate(figure, ctx);
  }

  @FieldResolver(() => Boolean, {
    description: 'Whether the hub agrees: equal for exact totals, at least the figure for at_least or partial ones.',
  })
  async reconciled(@Root() figure: PublishedFigureNode, @Ctx() ctx: Context) {
    const hub = await hubAggregate(figure, ctx);
    if (hub === null) return false;
    // an approximate figure (约, 近) agrees within 5 %
    const tolerance = (figure.qualifier === 'approximate' ? 0.05 : 1e-9) * Math.max(1, Math.abs(figure.value));
    const lowerBound = figure.qualifier === 'at_least' || figure.scope === 'partial';
    return lowerBound ? hub >= figure.value - tolerance : Math.abs(hub - figure.value) <= tolerance;
  }
}

@Resolver(() => TargetNode)
export class TargetResolver {
  @Query(() => [TargetNode], { description: 'Targets of a region (and the regions below it) and/or an indicator.' })
  async targets(
    @Ctx() ctx: Context,
    @Arg('region', () => String, {
      nullable: true,
      description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.',
    })
    region?: string | null,
    @Arg('indicator', () => String, { nullable: true, description: 'Indicator code from the catalog, e.g. jobs_posted.' })
    indicator?: string | null,
  ) {
    return ctx.em.find(Target, await figureFilter(ctx, region, indicator), { orderBy: { id: 'asc' } });
  }

  @FieldResolver(() => Float, { nullable: true, description: "The hub's aggregate over the target's period." })
  achieved(@Root() target: TargetNode, @Ctx() ctx: Context) {
    return hubAggregate(target, ctx);
  }

  @FieldResolver(() => Float, { nullable: true, description: 'achieved / value × 100.' })
  async progress(@Root() target: TargetNode, @Ctx() ctx: Context) {
    const achieved = await hubAggregate(target, ctx);
    return achieved === null || target.value === 0 ? null : (achieved / target.value) * 100;
  }
}
