import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { badInput, clip } from '../../errors.js';
import { IndicatorNode } from '../indicator/indicator.types.js';
import { RegionNode } from '../region/region.types.js';
import { ReportService } from '../report/report.service.js';
import { AuditEntryNode } from '../report/report.types.js';
import { UserNode } from '../user/user.types.js';
import { AuditEntry } from './audit.entity.js';

export const HISTORY_LIMIT = 200;
export const MAX_HISTORY_LIMIT = 1000;

/** The latest `limit` entries matching `where`, oldest first. */
async function latest(ctx: Context, where: Record<string, unknown>, limit: number | null | undefined) {
  const n = limit ?? HISTORY_LIMIT;
  if (!Number.isInteger(n) || n < 1 || n > MAX_HISTORY_LIMIT) throw badInput(`limit must be from 1 to ${MAX_HISTORY_LIMIT}, got ${n}.`);
  return (await ctx.em.find(AuditEntry, where, { orderBy: { id: 'desc' }, limit: n })).reverse();
}

@Resolver(() => AuditEntryNode)
export class AuditResolver {
  @Query(() => [AuditEntryNode], {
    description: 'The changes of one value, oldest first: the latest `limit` of them. For users whose scope covers the region.',
  })
  async observationHistory(
    @Ctx() ctx: Context,
    @Arg('region', () => String, { description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.' })
    region: string,
    @Arg('indicator', () => String, { description: 'Indicator code from the catalog, e.g. jobs_posted.' }) indicator: string,
    @Arg('period', () => String, { description: 'Report period: YYYY-MM for the monthly indicators, YYYY for the annual ones.' })
    period: string,
    @Arg('limit', () => Int, { nullable: true, defaultValue: HISTORY_LIMIT, description: `1 to ${MAX_HISTORY_LIMIT}.` })
    limit?: number | null,
  ) {
    const key = new ReportService(ctx).checkKey(region, period, 'readHistory');
    const found = ctx.catalog.byCode.get(indicator) ?? null;
    if (!found) throw badInput(`Unknown indicator "${clip(indicator)}".`);
    return latest(ctx, { regionCode: key.regionCode, period: key.period.label, indicatorId: found.id }, limit);
  }

  @Query(() => [AuditEntryNode], {
    description:
      'The changes of a report, its values and its status, oldest first: the latest `limit` of them. For users whose scope covers the region.',
  })
  reportHistory(
    @Ctx() ctx: Context,
    @Arg('region', () => String, { description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.' })
    region: string,
    @Arg('period', () => String, { description: 'Report period: YYYY-MM for the monthly indicators, YYYY for the annual ones.' })
    period: string,
    @Arg('limit', () => Int, { nullable: true, defaultValue: HISTORY_LIMIT, description: `1 to ${MAX_HISTORY_LIMIT}.` })
    limit?: number | null,
  ) {
    const key = new ReportService(ctx).checkKey(region, period, 'readHistory');
    return latest(ctx, { regionCode: key.regionCode, period: key.period.label }, limit);
  }

  /** The column is a bigint (a JS bigint from the driver), which GraphQL's ID cannot serialise. */
  @FieldResolver(() => ID)
  id(@Root() entry: AuditEntryNode) {
    return String(entry.id);
  }

  @FieldResolver(() => RegionNode, { description: 'The region whose value or report changed.' })
  region(@Root() entry: AuditEntryNode, @Ctx() { regions }: Context) {
    return regions.get(entry.regionCode) ?? null;
  }

  @FieldResolver(() => IndicatorNode, { nullable: true, description: 'Null for a change of the report’s status.' })
  indicator(@Root() entry: AuditEntryNode, @Ctx() { catalog }: Context) {
    return entry.indicatorId === null ? null : (catalog.byId.get(entry.indicatorId) ?? null);
  }

  @FieldResolver(() => UserNode, {
    nullable: true,
    description: 'Who made the change; null for the demo load or a change made outside Hexie.',
  })
  user(@Root() entry: AuditEntryNode, @Ctx() { loaders }: Context) {
    return entry.userId === null ? null : loaders.user.load(entry.userId);
  }
}
