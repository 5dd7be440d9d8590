/**
 * The questions, asked of each server in its own language, and the answers normalised to plain
 * numbers so the bench can check that every server says the same thing before timing it.
 */
import type pg from 'pg';
import { monthDate, monthIndex, monthLabel } from './dataset.ts';

export type TargetName = 'hexie' | 'hexie-cached' | 'raw' | 'postgraphile' | 'postgraphile-base' | 'hexie-pglite' | 'hexie-pglite-cached';

export interface Req {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  headers?: Record<string, string>;
}

/** A normalised answer: a flat list of [label, number | null] pairs, compared in order. */
export type Answer = Array<[string, number | null]>;

export interface Ask {
  /** the request for the i-th call (requests vary only where the scenario says so) */
  request(i: number): Req;
  normalise(json: unknown): Answer;
}

export interface Scenario {
  id: string;
  title: string;
  /** how many different calls the answer check compares (default 1; Q-E 3) */
  checkCalls?: number;
  /** run once before the scenario is checked and timed (Q-G signs in) */
  setup?: (urls: Partial<Record<TargetName, string>>) => Promise<void>;
  /** per target; a missing target does not answer this question */
  asks: Partial<Record<TargetName, Ask>>;
}

export interface Meta {
  firstMonth: number;
  lastMonth: number;
  indicators: Map<
    string,
    {
      id: number;
      aggregation: string;
      numerator_id: number | null;
      denominator_id: number | null;
      factor: number | null;
      category: string;
      reporting_level: string;
    }
  >;
  byId: Map<number, string>;
  children: (code: string) => Promise<Array<{ code: string; name: string }>>;
  cities: string[];
  /** a county with observations (Q-G's reporter works there) */
  county: string;
  /** the PostgreSQL database */
  db: string;
}

export async function loadMeta(client: pg.Client): Promise<Meta> {
  const [ds] = (await client.query<{ first_month: string; last_month: string }>('select first_month, last_month from bench_dataset')).rows;
  if (!ds) throw new Error('no bench_dataset row: generate the data first (pnpm bench:data)');
  const inds = (
    await client.query(
      'select id, code, aggregation, numerator_id, denominator_id, factor, category, reporting_level from indicator order by position',
    )
  ).rows;
  const cities = (
    await client.query<{ code: string }>(
      `select c.code from region c where c.level = 'CITY' and exists (select 1 from region k where k.parent_code = c.code) order by c.code`,
    )
  ).rows.map((r) => r.code);
  const kids = new Map<string, Array<{ code: string; name: string }>>();
  for (const r of (
    await client.query<{ code: string; name: string; parent_code: string }>('select code, name, parent_code from region order by code')
  ).rows) {
    if (!kids.has(r.parent_code)) kids.set(r.parent_code, []);
    kids.get(r.parent_code)!.push({ code: r.code, name: r.name });
  }
  const idx = (p: string) => monthIndex(Number(p.slice(0, 4)), Number(p.slice(5, 7)));
  const [{ county }] = (
    await client.query<{ county: string }>(
      `select min(region_code) as county from observation where region_code like '51%' and indicator_id = (select id from indicator where code = 'jobs_posted')`,
    )
  ).rows;
  return {
    firstMonth: idx(ds.first_month),
    lastMonth: idx(ds.last_month),
    indicators: new Map(inds.map((i) => [i.code, i])),
    byId: new Map(inds.map((i) => [i.id, i.code])),
    children: async (code) => kids.get(code) ?? [],
    cities,
    county,
    db: client.database!,
  };
}

const gql =
  (query: string, variables: Record<string, unknown>, nonce: boolean, headers?: Record<string, string>) =>
  (i: number): Req => ({
    method: 'POST',
    path: '/graphql',
    body: JSON.stringify({ query, variables: nonce ? { ...variables, benchNonce: `${process.pid}-${i}-${Math.random()}` } : variables }),
    headers,
  });

/** Hexie asks: `nonce` adds an unused variable so the response cache never hits (the real work is timed). */
function hexieAsks(
  query: string,
  variables: (i: number) => Record<string, unknown>,
  normalise: (data: any) => Answer,
): Record<'hexie' | 'hexie-cached', Ask> {
  const norm = (json: any) => {
    if (json.errors) throw new Error(JSON.stringify(json.errors).slice(0, 300));
    return normalise(json.data);
  };
  return {
    hexie: { request: (i) => gql(query, variables(i), true)(i), normalise: norm },
    'hexie-cached': { request: (i) => gql(query, variables(i), false)(i), normalise: norm },
  };
}

function pgAsk(query: string, variables: (i: number) => Record<string, unknown>, normalise: (data: any) => Answer): Ask {
  return {
    request: (i) => gql(query, variables(i), false)(i),
    normalise: (json: any) => {
      if (json.errors) throw new Error(JSON.stringify(json.errors).slice(0, 300));
      return normalise(json.data);
    },
  };
}

const rawAsk = (path: (i: number) => string, normalise: (data: any) => Answer): Ask => ({
  request: (i) => ({ method: 'GET', path: path(i) }),
  normalise: (json: any) => normalise(json.data),
});

const qs = (o: Record<string, string>) => new URLSearchParams(o).toString();

const seriesAnswer = (s: { total: number | null; points: Array<{ period: string; value: number | null }> }): Answer => [
  ['total', s.total],
  ...s.points.map((p): [string, number | null] => [p.period, p.value]),
];
const breakdownAnswer = (rows: Array<{ region: { code: string }; value: number | null }>): Answer =>
  rows.map((r) => [r.region.code, r.value]);

/** From raw monthly rows (period → value) the series Hexie would give for a `sum` indicator. */
function sumSeriesFromRows(rows: Array<{ period: string; value: number }>, from: number, to: number): Answer {
  const byMonth = new Map(rows.map((r) => [r.period.slice(0, 7), Number(r.value)]));
  let total: number | null = null;
  const points: Answer = [];
  for (let m = from; m <= to; m++) {
    const v = byMonth.get(monthLabel(m)) ?? null;
    if (v !== null) total = (total ?? 0) + v;
    points.push([monthLabel(m), v]);
  }
  return [['total', total], ...points];
}

const PG_SERIES = `query($i: Int!, $r: String!, $f: Date!, $t: Date!) {
  allRollups(condition: { indicatorId: $i, regionCode: $r }, filter: { period: { greaterThanOrEqualTo: $f, lessThanOrEqualTo: $t } }, orderBy: PERIOD_ASC) { nodes { period value } }
}`;

const HEXIE_SERIES = `query QA($i: String!, $r: String!, $f: String!, $t: String!) {
  series(indicator: $i, region: $r, from: $f, to: $t, grain: MONTH) { total points { period value yoy } }
}`;

const HEXIE_BREAKDOWN = `query QB($i: String!, $r: String!, $f: String!, $t: String!) {
  breakdown(indicator: $i, region: $r, from: $f, to: $t) { region { code name } value }
}`;

export interface ScenarioOptions {
  indicator: string;
  province: string;
  category: string;
}

export const DEFAULT_SCENARIO_OPTIONS: ScenarioOptions = { indicator: 'jobs_posted', province: '510000', category: 'dispute_resolution' };

export async function buildScenarios(meta: Meta, opts: ScenarioOptions = DEFAULT_SCENARIO_OPTIONS): Promise<Scenario[]> {
  const ind = meta.indicators.get(opts.indicator)!;
  const L = meta.lastMonth;
  const F = Math.max(meta.firstMonth, L - 119);
  const d = (m: number) => monthDate(m);
  const p = (m: number) => monthLabel(m);
  const cities = await meta.children(opts.province);

  // Q-A: national monthly series over (up to) 120 months
  const qa: Scenario = {
    id: 'Q-A',
    title: `${opts.indicator} national monthly series, ${p(F)}..${p(L)}`,
    asks: {
      ...hexieAsks(
        HEXIE_SERIES,
        () => ({ i: opts.indicator, r: '100000', f: p(F), t: p(L) }),
        (data) => seriesAnswer(data.series),
      ),
      raw: rawAsk(() => `/series?${qs({ indicator: opts.indicator, region: '100000', from: p(F), to: p(L) })}`, seriesAnswer),
      postgraphile: pgAsk(
        PG_SERIES,
        () => ({ i: ind.id, r: '100000', f: d(F - 12), t: d(L) }),
        (data) => sumSeriesFromRows(data.allRollups.nodes, F, L),
      ),
    },
  };

  // Q-B: every province, the last 12 months (map + ranking)
  const pgRegions = `allRegions(condition: { parentCode: $r }, orderBy: CODE_ASC) { nodes { code name } }`;
  const groupedToAnswer = (regions: Array<{ code: string }>, groups: Array<{ keys: string[]; sum: { value: number } }>): Answer => {
    const by = new Map(groups.map((g) => [g.keys[0], Number(g.sum.value)]));
    return regions.map((r) => [r.code, by.get(r.code) ?? null]);
  };
  const qb: Scenario = {
    id: 'Q-B',
    title: `${opts.indicator} for every province, ${p(L - 11)}..${p(L)}`,
    asks: {
      ...hexieAsks(
        HEXIE_BREAKDOWN,
        () => ({ i: opts.indicator, r: '100000', f: p(L - 11), t: p(L) }),
        (data) => breakdownAnswer(data.breakdown),
      ),
      raw: rawAsk(() => `/breakdown?${qs({ indicator: opts.indicator, region: '100000', from: p(L - 11), to: p(L) })}`, breakdownAnswer),
      postgraphile: pgAsk(
        `query($i: Int!, $r: String!, $f: Date!, $t: Date!) { ${pgRegions}
          allRollupRegions(condition: { indicatorId: $i, parentCode: $r }, filter: { period: { greaterThanOrEqualTo: $f, lessThanOrEqualTo: $t } }) {
            groupedAggregates(groupBy: REGION_CODE) { keys sum { value } } } }`,
        () => ({ i: ind.id, r: '100000', f: d(L - 11), t: d(L) }),
        (data) => groupedToAnswer(data.allRegions.nodes, data.allRollupRegions.groupedAggregates),
      ),
      'postgraphile-base': pgAsk(
        `query($i: Int!, $r: String!, $f: Date!, $t: Date!) { ${pgRegions}
          allObservationProvinces(condition: { indicatorId: $i }, filter: { period: { greaterThanOrEqualTo: $f, lessThanOrEqualTo: $t } }) {
            groupedAggregates(groupBy: PROVINCE_CODE) { keys sum { value } } } }`,
        () => ({ i: ind.id, r: '100000', f: d(L - 11), t: d(L) }),
        (data) => groupedToAnswer(data.allRegions.nodes, data.allObservationProvinces.groupedAggregates),
      ),
    },
  };

  // Q-C: drill-down: the province's cities × 120 months
  const hexieQc = `query QC($i: String!, $f: String!, $t: String!) {\n${cities
    .map(
      (c) =>
        `  c${c.code}: series(indicator: $i, region: "${c.code}", from: $f, to: $t, grain: MONTH) { total points { period value yoy } }`,
    )
    .join('\n')}\n}`;
  const qc: Scenario = {
    id: 'Q-C',
    title: `${opts.indicator} for the ${cities.length} cities of ${opts.province}, ${p(F)}..${p(L)} monthly`,
    asks: {
      ...hexieAsks(
        hexieQc,
        () => ({ i: opts.indicator, f: p(F), t: p(L) }),
        (data) => cities.flatMap((c) => seriesAnswer(data[`c${c.code}`]).map(([k, v]): [string, number | null] => [`${c.code} ${k}`, v])),
      ),
      raw: rawAsk(
        () => `/children-series?${qs({ indicator: opts.indicator, region: opts.province, from: p(F), to: p(L) })}`,
        (data: Array<{ region: { code: string }; series: any }>) =>
          data.flatMap((x) => seriesAnswer(x.series).map(([k, v]): [string, number | null] => [`${x.region.code} ${k}`, v])),
      ),
      postgraphile: pgAsk(
        `query($i: Int!, $r: String!, $f: Date!, $t: Date!) { ${pgRegions}
          allRollupRegions(condition: { indicatorId: $i, parentCode: $r }, filter: { period: { greaterThanOrEqualTo: $f, lessThanOrEqualTo: $t } }, orderBy: [REGION_CODE_ASC, PERIOD_ASC]) {
            nodes { regionCode period value } } }`,
        () => ({ i: ind.id, r: opts.province, f: d(F - 12), t: d(L) }),
        (data) =>
          (data.allRegions.nodes as Array<{ code: string }>).flatMap((c) =>
            sumSeriesFromRows(
              data.allRollupRegions.nodes.filter((n: any) => n.regionCode === c.code),
              F,
              L,
            ).map(([k, v]): [string, number | null] => [`${c.code} ${k}`, v]),
          ),
      ),
    },
  };

  // Q-D: the overview's whole query for one category
  const categoryIndicators = [...meta.indicators.entries()].filter(([, i]) => i.category === opts.category);
  const hexieQd = `query QD($c: String!, $r: String!, $f: String!, $t: String!) {
  indicators(category: $c) {
    code name unit aggregation
    series(region: $r, from: $f, to: $t, grain: MONTH) { total totalYoy points { period value } }
    breakdown(region: $r, from: $f, to: $t) { region { code name } value }
  }
}`;
  const overviewAnswer = (list: Array<{ code: string; series: any; breakdown: any }>): Answer =>
    list.flatMap((x) =>
      [...seriesAnswer(x.series), ...breakdownAnswer(x.breakdown)].map(([k, v]): [string, number | null] => [`${x.code} ${k}`, v]),
    );
  const base = [
    ...new Set(categoryIndicators.flatMap(([, i]) => (i.aggregation === 'ratio' ? [i.numerator_id!, i.denominator_id!] : [i.id]))),
  ];
  const pgQd = `query($r: String!, $f: Date!, $f0: Date!, $t: Date!) { ${pgRegions}
${base
  .map((id) => {
    const code = meta.byId.get(id)!;
    const last = meta.indicators.get(code)!.aggregation === 'last';
    return `  s${id}: allRollups(condition: { indicatorId: ${id}, regionCode: $r }, filter: { period: { greaterThanOrEqualTo: $f0, lessThanOrEqualTo: $t } }, orderBy: PERIOD_ASC) { nodes { period value } }
  b${id}: allRollupRegions(condition: { indicatorId: ${id}, parentCode: $r${last ? ', period: $t' : ''} }${last ? '' : ', filter: { period: { greaterThanOrEqualTo: $f, lessThanOrEqualTo: $t } }'}) { groupedAggregates(groupBy: REGION_CODE) { keys sum { value } } }`;
  })
  .join('\n')}
}`;
  const pgOverview = (data: any): Answer => {
    const regions: Array<{ code: string }> = data.allRegions.nodes;
    // per base indicator: monthly national values and per-province totals over the range
    const monthly = (id: number) => new Map<string, number>(data[`s${id}`].nodes.map((n: any) => [n.period.slice(0, 7), Number(n.value)]));
    const perRegion = (id: number) =>
      new Map<string, number>(data[`b${id}`].groupedAggregates.map((g: any) => [g.keys[0], Number(g.sum.value)]));
    const out: Answer = [];
    for (const [code, i] of categoryIndicators) {
      const seriesOf = (id: number) => {
        const byMonth = monthly(id);
        const agg = meta.indicators.get(meta.byId.get(id)!)!.aggregation;
        const pts: Array<number | null> = [];
        let total: number | null = null;
        for (let m = L - 11; m <= L; m++) {
          const v = byMonth.get(monthLabel(m)) ?? null;
          pts.push(v);
          if (v !== null) total = agg === 'last' ? v : (total ?? 0) + v;
        }
        return { pts, total };
      };
      let series: { pts: Array<number | null>; total: number | null };
      let br: Map<string, number>;
      if (i.aggregation === 'ratio') {
        const n = seriesOf(i.numerator_id!);
        const dd = seriesOf(i.denominator_id!);
        const f = Number(i.factor ?? 1);
        const ratio = (a: number | null, b: number | null) => (a === null || b === null || b === 0 ? null : (f * a) / b);
        series = { pts: n.pts.map((a, k) => ratio(a, dd.pts[k])), total: ratio(n.total, dd.total) };
        const bn = perRegion(i.numerator_id!);
        const bd = perRegion(i.denominator_id!);
        br = new Map([...bd].flatMap(([k, v]) => (bn.has(k) && v !== 0 ? [[k, (f * bn.get(k)!) / v] as [string, number]] : [])));
      } else {
        series = seriesOf(i.id);
        br = perRegion(i.id);
      }
      out.push([`${code} total`, series.total]);
      series.pts.forEach((v, k) => out.push([`${code} ${monthLabel(L - 11 + k)}`, v]));
      for (const r of regions) out.push([`${code} ${r.code}`, br.get(r.code) ?? null]);
    }
    return out;
  };
  const qd: Scenario = {
    id: 'Q-D',
    title: `overview of ${opts.category} (${categoryIndicators.length} indicators: series + breakdown), ${p(L - 11)}..${p(L)}`,
    asks: {
      ...hexieAsks(
        hexieQd,
        () => ({ c: opts.category, r: '100000', f: p(L - 11), t: p(L) }),
        (data) => overviewAnswer(data.indicators),
      ),
      raw: rawAsk(() => `/overview?${qs({ category: opts.category, region: '100000', from: p(L - 11), to: p(L) })}`, overviewAnswer),
      postgraphile: pgAsk(pgQd, () => ({ r: '100000', f: d(L - 11), f0: d(L - 23), t: d(L) }), pgOverview),
    },
  };

  // Q-E: ad-hoc, uncached: the counties of a city (varying), a `sum` indicator (varying), a range (varying), from the base table
  const sumIndicators = [...meta.indicators.entries()]
    .filter(([, i]) => i.aggregation === 'sum' && i.reporting_level === 'COUNTY')
    .map(([c, i]) => [c, i.id] as const);
  const combo = (i: number) => {
    const city = meta.cities[(i * 7919) % meta.cities.length];
    const [code, id] = sumIndicators[(i * 31) % sumIndicators.length];
    const span = 1 + ((i * 13) % 24);
    const to = L - ((i * 17) % Math.max(1, L - F - span));
    return { city, code, id, from: Math.max(F, to - span + 1), to };
  };
  const qe: Scenario = {
    id: 'Q-E',
    title: 'ad-hoc breakdown of a city into counties over the base table (varying city, indicator, range)',
    asks: {
      hexie: hexieAsks(
        HEXIE_BREAKDOWN,
        (i) => {
          const c = combo(i);
          return { i: c.code, r: c.city, f: p(c.from), t: p(c.to) };
        },
        (data) => breakdownAnswer(data.breakdown),
      ).hexie,
      raw: rawAsk((i) => {
        const c = combo(i);
        return `/breakdown?${qs({ indicator: c.code, region: c.city, from: p(c.from), to: p(c.to) })}`;
      }, breakdownAnswer),
      postgraphile: pgAsk(
        `query($i: Int!, $r: String!, $f: Date!, $t: Date!) { ${pgRegions}
          allObservationRegions(condition: { indicatorId: $i, parentCode: $r }, filter: { period: { greaterThanOrEqualTo: $f, lessThanOrEqualTo: $t } }) {
            groupedAggregates(groupBy: REGION_CODE) { keys sum { value } } } }`,
        (i) => {
          const c = combo(i);
          return { i: c.id, r: c.city, f: d(c.from), t: d(c.to) };
        },
        (data) => groupedToAnswer(data.allRegions.nodes, data.allObservationRegions.groupedAggregates),
      ),
    },
  };
  const { pageScenarios } = await import('./page-scenarios.ts');
  return [qa, qb, qc, qd, qe, ...(await pageScenarios(meta))];
}

/** Differences between two answers (relative tolerance 1e-9), at most `limit` of them. */
export function diffAnswers(a: Answer, b: Answer, limit = 5): string[] {
  const out: string[] = [];
  if (a.length !== b.length) out.push(`length ${a.length} ≠ ${b.length}`);
  for (let k = 0; k < Math.min(a.length, b.length) && out.length < limit; k++) {
    const [ka, va] = a[k];
    const [kb, vb] = b[k];
    const same = va === vb || (va !== null && vb !== null && Math.abs(va - vb) <= 1e-9 * Math.max(1, Math.abs(va), Math.abs(vb)));
    if (ka !== kb || !same) out.push(`${ka}=${va} vs ${kb}=${vb}`);
  }
  return out;
}
