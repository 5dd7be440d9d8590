import DataLoader from 'dataloader';
import { badInput } from '../../errors.js';
import { db, sql } from '../../db/sql.js';
import type { Catalog, IndicatorInfo as IndicatorRecord } from '../indicator/indicator.catalog.js';
import { levelDepth, type RegionLevel } from '../region/region.entity.js';
import type { RegionInfo as RegionRecord, RegionTree } from '../region/region.tree.js';
import type { Em } from '../../db/orm.js';
import { bucketStart, GRAIN_MONTHS, parseRange, periodLabel, toSqlDate, type Grain, type MonthRange } from './period.js';

export interface Point {
  period: string;
  value: number | null;
  previous: number | null;
  yoy: number | null;
}

export interface SeriesResult {
  indicator: IndicatorRecord;
  region: RegionRecord;
  grain: Grain;
  from: string;
  to: string;
  total: number | null;
  totalPrevious: number | null;
  totalYoy: number | null;
  points: Point[];
  note: string | null;
}

export interface RegionValueResult {
  region: RegionRecord;
  value: number | null;
  note: string | null;
}

/** Values of one base (sum/last) indicator per region and bucket; bucket null = the whole range. */
type Cells = Map<string, Map<string | null, number>>;

const LEVEL_NAMES: Record<RegionLevel, string> = { NATION: 'nation', PROVINCE: 'province', CITY: 'city', COUNTY: 'county' };

/**
 * Aggregation in SQL, following each indicator's rule: `sum` flows are summed over periods and
 * regions; `last` stocks take the last period with data in the range (summed over regions, which the
 * roll-ups hold); `ratio` = factor × aggregated numerator / aggregated denominator.
 * Data below a region is read from `observation` when the region is at the reporting level and
 * from `rollup` when it is coarser; a finer region has no value, and the note says why. Only approved
 * values count: the public never sees a draft.
 */
export class AggregateService {
  constructor(
    private readonly em: Em,
    private readonly regions: RegionTree,
    private readonly catalog: Catalog,
  ) {}

  async indicator(code: string): Promise<IndicatorRecord> {
    const indicator = this.catalog.byCode.get(code);
    if (indicator) return indicator;
    const all = this.catalog.all;
    throw badInput(`Unknown indicator "${code}". Valid codes: ${all.map((i) => i.code).join(', ')}.`);
  }

  async region(code: string): Promise<RegionRecord> {
    const region = this.regions.get(code);
    if (region) return region;
    throw badInput(
      `Unknown region code "${code}": use a six-digit GB/T 2260 code such as 100000 (全国), 510000 (四川省) or 510100 (成都市); the regions query lists them.`,
    );
  }

  /** The range of `from`..`to`, checked against the indicator's frequency. */
  range(indicator: IndicatorRecord, from: string, to: string): MonthRange {
    const range = parseRange(from, to);
    if (indicator.frequency === 'annual' && (range.from % 12 !== 0 || range.to % 12 !== 11)) {
      throw badInput(
        `Indicator "${indicator.code}" is reported once a year: "from" and "to" must cover whole years (e.g. from "2021" to "2023"), got ${from}..${to}.`,
      );
    }
    return range;
  }

  checkGrain(indicator: IndicatorRecord, grain: Grain): void {
    if (indicator.frequency === 'annual' && grain !== 'YEAR') {
      throw badInput(`Indicator "${indicator.code}" is reported once a year: use grain YEAR (MONTH and QUARTER are not available for it).`);
    }
  }

  /** Why a region at `level` has no value of `indicator`, or null when it has one. */
  private finerNote(indicator: IndicatorRecord, region: RegionRecord, level: RegionLevel): string | null {
    if (levelDepth(level) <= levelDepth(indicator.reportingLevel)) return null;
    return `"${indicator.code}" is reported at ${LEVEL_NAMES[indicator.reportingLevel]} level; ${region.code} ${region.name} is a ${LEVEL_NAMES[level]}, finer than that, so it has no value of its own.`;
  }

  async series(indicatorCode: string, regionCode: string, from: string, to: string, grain: Grain): Promise<SeriesResult> {
    const [indicator, region] = await Promise.all([this.indicator(indicatorCode), this.region(regionCode)]);
    const range = this.range(indicator, from, to);
    this.checkGrain(indicator, grain);

    const buckets: number[] = [];
    for (let m = bucketStart(range.from, grain); m <= range.to; m += GRAIN_MONTHS[grain]) buckets.push(m);
    const note = this.finerNote(indicator, region, region.level);
    const result: SeriesResult = {
      indicator,
      region,
      grain,
      from,
      to,
      note,
      total: null,
      totalPrevious: null,
      totalYoy: null,
      points: buckets.map((m) => ({ period: periodLabel(m, grain), value: null, previous: null, yoy: null })),
    };
    if (note) return result;

    const previousRange = { from: range.from - 12, to: range.to - 12 };
    const [current, previous] = await Promise.all([
      this.values(indicator, region, 'self', range, grain),
      this.values(indicator, region, 'self', previousRange, grain),
    ]);
    const now = current.get(region.code);
    const before = previous.get(region.code);
    for (const [i, point] of result.points.entries()) {
      point.value = now?.get(monthLabel(buckets[i])) ?? null;
      point.previous = before?.get(monthLabel(buckets[i] - 12)) ?? null;
      point.yoy = change(point.value, point.previous);
    }
    result.total = now?.get(null) ?? null;
    result.totalPrevious = before?.get(null) ?? null;
    result.totalYoy = change(result.total, result.totalPrevious);
    return result;
  }

  async breakdown(indicatorCode: string, regionCode: string, from: string, to: string): Promise<RegionValueResult[]> {
    const [indicator, region] = await Promise.all([this.indicator(indicatorCode), this.region(regionCode)]);
    const range = this.range(indicator, from, to);
    const children = this.regions.children(region.code);
    if (!children.length) return [];
    const note = this.finerNote(indicator, children[0], children[0].level);
    if (note) return children.map((child) => ({ region: child, value: null, note: this.finerNote(indicator, child, child.level) }));
    const values = await this.values(indicator, region, 'children', range, null);
    return children.map((child) => ({ region: child, value: values.get(child.code)?.get(null) ?? null, note: null }));
  }

  /** The indicator's aggregate for a region over a range (null when there is no data). */
  async total(indicator: IndicatorRecord, region: RegionRecord, range: MonthRange): Promise<number | null> {
    if (this.finerNote(indicator, region, region.level)) return null;
    return (await this.values(indicator, region, 'self', range, null)).get(region.code)?.get(null) ?? null;
  }

  /** Aggregated values per region and bucket, ratios combined from their parts. */
  private async values(
    indicator: IndicatorRecord,
    region: RegionRecord,
    scope: 'self' | 'children',
    range: MonthRange,
    grain: Grain | null,
  ): Promise<Cells> {
    if (indicator.aggregation !== 'ratio') return this.baseValues(indicator, region, scope, range, grain);
    const [numerator, denominator] = await Promise.all([
      this.catalog.byId.get(indicator.numeratorId!),
      this.catalog.byId.get(indicator.denominatorId!),
    ]);
    const [num, den] = await Promise.all([
      this.baseValues(numerator!, region, scope, range, grain),
      this.baseValues(denominator!, region, scope, range, grain),
    ]);
    const factor = Number(indicator.factor ?? 1);
    const out: Cells = new Map();
    for (const [code, byBucket] of den) {
      const ratios = new Map<string | null, number>();
      for (const [bucket, d] of byBucket) {
        const n = num.get(code)?.get(bucket);
        // factor × n first: integer parts divide exactly (100 × 93 / 100 is 93, not 92.99…).
        if (n !== undefined && d !== 0) ratios.set(bucket, (factor * n) / d);
      }
      out.set(code, ratios);
    }
    return out;
  }

  /** One base indicator's cells; requests of the same tick are answered together (loadBatch). */
  private baseValues(
    indicator: IndicatorRecord,
    region: RegionRecord,
    scope: 'self' | 'children',
    range: MonthRange,
    grain: Grain | null,
  ): Promise<Cells> {
    return this.batches.load({ indicator, region, scope, range, grain });
  }

  /**
   * Every base value asked for while a request's fields resolve, in one statement per kind of
   * question (table, scope, rule, grain) instead of one per field — a series and its year before too: a drill-down into 21 cities
   * or a category's overview is a few statements whatever the number of regions and indicators.
   */
  private readonly batches = new DataLoader<BaseKey, Cells, string>((keys) => this.loadBatch(keys), {
    cacheKeyFn: (k) => `${k.indicator.id}|${k.region.code}|${k.scope}|${k.range.from}|${k.range.to}|${k.grain}`,
  });

  private async loadBatch(keys: readonly BaseKey[]): Promise<Cells[]> {
    const groups = new Map<string, BaseKey[]>();
    for (const key of keys) {
      const group = `${tableOf(key)}|${key.scope}|${key.indicator.aggregation}|${key.grain}`;
      groups.set(group, [...(groups.get(group) ?? []), key]);
    }
    const results = new Map<BaseKey, Cells>();
    await Promise.all(
      [...groups.values()].map(async (group) => {
        const cells = new Map<string, Cells>(group.map((k) => [pairKey(k), new Map()]));
        for (const row of await this.query(group)) {
          const byRegion = cells.get(`${row.indicator_id}|${row.key_code}|${row.key_range}`)!;
          if (!byRegion.has(row.region_code)) byRegion.set(row.region_code, new Map());
          byRegion.get(row.region_code)!.set(row.bucket, Number(row.value));
        }
        for (const k of group) results.set(k, cells.get(pairKey(k))!);
      }),
    );
    return keys.map((k) => results.get(k)!);
  }

  /** Keys of one kind (same table, scope, rule and grain), in one statement. */
  private async query(keys: BaseKey[]): Promise<BatchRow[]> {
    const [{ scope, grain, indicator }] = keys;
    const table = tableOf(keys[0]);
    // the (indicator, region, range) triples asked for; for children, the region is their parent
    const pairs = sql`unnest(${keys.map((k) => k.indicator.id)}::int[], ${keys.map((k) => k.region.code)}::varchar[],
      ${keys.map((k) => toSqlDate(k.range.from))}::date[], ${keys.map((k) => toSqlDate(k.range.to))}::date[]) k (indicator_id, code, first, last)`;
    const join =
      scope === 'children'
        ? sql`join ${pairs} on t.indicator_id = k.indicator_id join region c on c.code = t.region_code and c.parent_code = k.code`
        : sql`join ${pairs} on t.indicator_id = k.indicator_id and t.region_code = k.code`;
    // observations count once approved; roll-ups hold approved values only
    const where = sql`t.period between k.first and k.last ${table === 'observation' ? sql`and t.status = 'approved'` : sql``}`;
    const bucket = sql.raw(
      grain === 'QUARTER'
        ? `date_trunc('quarter', t.period::timestamp)::date`
        : grain === 'YEAR'
          ? `date_trunc('year', t.period::timestamp)::date`
          : 't.period',
    );
    const from = sql`from ${sql.table(table)} t ${join} where ${where}`;
    const keyRange = sql`to_char(k.first, 'YYYY-MM-DD') || '..' || to_char(k.last, 'YYYY-MM-DD')`;
    if (indicator.aggregation === 'sum') {
      const grouping = grain
        ? sql`grouping sets ((t.indicator_id, k.code, k.first, k.last, t.region_code, ${bucket}), (t.indicator_id, k.code, k.first, k.last, t.region_code))`
        : sql`t.indicator_id, k.code, k.first, k.last, t.region_code`;
      const bucketColumn = grain ? sql`to_char(${bucket}, 'YYYY-MM')` : sql`null`;
      return (
        await sql<BatchRow>`select t.indicator_id, k.code as key_code, ${keyRange} as key_range, t.region_code, ${bucketColumn} as bucket, sum(t.value) as value
        ${from} group by ${grouping}`.execute(db(this.em))
      ).rows;
    }
    // last: the latest period with data, per bucket and over the whole range
    const perBucket = grain
      ? sql`(select distinct on (t.indicator_id, k.code, k.first, k.last, t.region_code, ${bucket}) t.indicator_id, k.code as key_code,
            ${keyRange} as key_range, t.region_code, to_char(${bucket}, 'YYYY-MM') as bucket, t.value
          ${from} order by t.indicator_id, k.code, k.first, k.last, t.region_code, ${bucket}, t.period desc) union all `
      : sql``;
    return (
      await sql<BatchRow>`${perBucket}(select distinct on (t.indicator_id, k.code, k.first, k.last, t.region_code) t.indicator_id, k.code as key_code,
        ${keyRange} as key_range, t.region_code, null as bucket, t.value
      ${from} order by t.indicator_id, k.code, k.first, k.last, t.region_code, t.period desc)`.execute(db(this.em))
    ).rows;
  }
}

interface BaseKey {
  indicator: IndicatorRecord;
  region: RegionRecord;
  scope: 'self' | 'children';
  range: MonthRange;
  grain: Grain | null;
}

type BatchRow = { indicator_id: number; key_code: string; key_range: string; region_code: string; bucket: string | null; value: number };

/** What a statement's row belongs to: an indicator, a region (the parent, for children) and a range. */
const pairKey = (k: BaseKey) => `${k.indicator.id}|${k.region.code}|${toSqlDate(k.range.from)}..${toSqlDate(k.range.to)}`;

/** Values at the indicator's reporting level are read from `observation`, coarser ones from `rollup`. */
function tableOf({ indicator, region, scope }: BaseKey): 'observation' | 'rollup' {
  const level = scope === 'self' ? region.level : childLevel(region.level);
  return level === indicator.reportingLevel ? 'observation' : 'rollup';
}

const childLevel = (level: RegionLevel): RegionLevel =>
  (['NATION', 'PROVINCE', 'CITY', 'COUNTY'] as const)[Math.min(levelDepth(level) + 1, 3)];

/** `YYYY-MM` of a month index: how SQL labels a bucket by its first month. */
const monthLabel = (index: number): string => toSqlDate(index).slice(0, 7);

/** Year-on-year change in percent. */
function change(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return ((value - previous) / Math.abs(previous)) * 100;
}
