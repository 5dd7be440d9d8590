import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context.js';
import { badInput } from '../../errors.js';
import { db, sql } from '../../db/sql.js';
import { IndicatorNode } from '../indicator/indicator.types.js';
import { RegionNode } from '../region/region.types.js';
import type { ReportStatus } from '../report/report.entity.js';
import { periodDate } from '../report/report.period.js';
import { ReportService } from '../report/report.service.js';
import { ObservationValueNode, ReportStatusEnum } from '../report/report.types.js';

@Resolver(() => ObservationValueNode)
export class ObservationResolver {
  @Query(() => [ObservationValueNode], {
    description:
      'Stored values of a region and the regions below it for a report period, any status (pending included). For users whose scope covers the region.',
  })
  async observations(
    @Ctx() ctx: Context,
    @Arg('region', () => String, { description: 'Six-digit GB/T 2260 region code, e.g. 510000 (四川省); 100000 is the nation.' })
    region: string,
    @Arg('period', () => String, { description: 'Report period: YYYY-MM for the monthly indicators, YYYY for the annual ones.' })
    period: string,
    @Arg('status', () => ReportStatusEnum, { nullable: true, description: 'Only reports or values with this status.' })
    status?: ReportStatus | null,
    @Arg('limit', () => Int, { nullable: true, defaultValue: 1000, description: '1 to 10000.' }) limit?: number | null,
  ) {
    const key = new ReportService(ctx).checkKey(region, period, 'readPending');
    const max = limit ?? 1000;
    if (!Number.isInteger(max) || max < 1 || max > 10_000) throw badInput(`limit must be from 1 to 10000, got ${max}.`);
    // one date (a month's or a year's first day) per indicator of the period's frequency: primary-key probes
    const ids = ctx.catalog.all.filter((i) => i.frequency === key.period.frequency && i.aggregation !== 'ratio').map((i) => i.id);
    const { rows } = await sql<ObservationValueNode>`
      select o.region_code as "regionCode", o.indicator_id as "indicatorId", ${key.period.label} as period, o.value, o.note,
        upper(o.status) as status, o.updated_by as "updatedBy", o.updated_at as "updatedAt"
      from observation o join indicator i on i.id = o.indicator_id
      where o.indicator_id in (${sql.join(ids)}) and o.period = ${periodDate(key.period)}::date
        and (o.region_code = ${key.regionCode} or o.region_code in (select region_code from region_ancestor where ancestor_code = ${key.regionCode}))
        ${status ? sql`and o.status = ${status.toLowerCase()}` : sql``}
      order by o.region_code, i.position
      limit ${max}`.execute(db(ctx.em));
    return rows.map((r) => ({ ...r, value: Number(r.value) }));
  }

  @FieldResolver(() => RegionNode, { description: 'The region the value is for.' })
  region(@Root() value: ObservationValueNode, @Ctx() { regions }: Context) {
    return regions.get(value.regionCode) ?? null;
  }

  @FieldResolver(() => IndicatorNode, { description: 'The indicator.' })
  indicator(@Root() value: ObservationValueNode, @Ctx() { catalog }: Context) {
    return catalog.byId.get(value.indicatorId) ?? null;
  }
}
