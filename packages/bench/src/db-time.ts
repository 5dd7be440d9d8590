/**
 * Database time of the dashboard's SQL (Hexie's statements over `rollup`) against the same question
 * asked of the base table (`observation` joined to `region_ancestor`), from EXPLAIN ANALYZE
 * (planning + execution, median of warm runs). Also Q-E's base-table statement, for comparison with
 * its end-to-end latency.
 */
import pg from 'pg';
import { monthDate } from './dataset.ts';
import { median } from './load.ts';
import type { Meta } from './scenarios.ts';

interface Stmt {
  label: string;
  rollup: string;
  base: string;
}

type Agg = 'sum' | 'last';

/** Hexie's statement over rollup (as in aggregate.service.ts) and the base-table equivalent. */
function pair(
  label: string,
  id: number,
  agg: Agg,
  region: string,
  scope: 'self' | 'children',
  from: number,
  to: number,
  monthly: boolean,
): Stmt {
  const range = `t.indicator_id = ${id} and t.period between '${monthDate(from)}'::date and '${monthDate(to)}'::date`;
  const rangeO = range.replaceAll('t.', 'o.');
  const rollJoin = scope === 'children' ? `join region c on c.code = t.region_code and c.parent_code = '${region}'` : '';
  const rollWhere = `${range}${scope === 'self' ? ` and t.region_code = '${region}'` : ''}`;
  const baseFrom =
    scope === 'self'
      ? `observation o join region_ancestor a on a.region_code = o.region_code and a.ancestor_code = '${region}'`
      : `observation o join region_ancestor a on a.region_code = o.region_code join region c on c.code = a.ancestor_code and c.parent_code = '${region}'`;
  if (agg === 'sum') {
    return {
      label,
      rollup: monthly
        ? `select t.region_code, to_char(t.period, 'YYYY-MM') as bucket, sum(t.value) from rollup t ${rollJoin} where ${rollWhere} group by grouping sets ((t.region_code, t.period), (t.region_code))`
        : `select t.region_code, null as bucket, sum(t.value) from rollup t ${rollJoin} where ${rollWhere} group by t.region_code`,
      base: monthly
        ? `select a.ancestor_code, to_char(o.period, 'YYYY-MM') as bucket, sum(o.value) from ${baseFrom} where ${rangeO} group by grouping sets ((a.ancestor_code, o.period), (a.ancestor_code))`
        : `select a.ancestor_code, null as bucket, sum(o.value) from ${baseFrom} where ${rangeO} group by a.ancestor_code`,
    };
  }
  const perBucket = (from_: string, key: string) =>
    monthly
      ? `(select distinct on (${key}, t.period) ${key}, to_char(t.period, 'YYYY-MM') as bucket, t.value from ${from_} order by ${key}, t.period, t.period desc) union all `
      : '';
  const rollSrc = `rollup t ${rollJoin} where ${rollWhere}`;
  const baseSrc = `(select a.ancestor_code as region_code, o.period, sum(o.value) as value from ${baseFrom} where ${rangeO} group by 1, 2) t`;
  return {
    label,
    rollup: `${perBucket(rollSrc, 't.region_code')}(select distinct on (t.region_code) t.region_code, null as bucket, t.value from ${rollSrc} order by t.region_code, t.period desc)`,
    base: `${perBucket(baseSrc, 't.region_code')}(select distinct on (t.region_code) t.region_code, null as bucket, t.value from ${baseSrc} order by t.region_code, t.period desc)`,
  };
}

export interface DbTimeRow {
  query: string;
  statements: number;
  rollupMs: number;
  baseMs: number;
  ratio: number;
  worstStatementRatio: number;
}

export async function measureDbTime(
  connectionString: string,
  meta: Meta,
  opts = { indicator: 'jobs_posted', province: '510000', category: 'dispute_resolution' },
  log = console.log,
) {
  const c = new pg.Client({ connectionString });
  await c.connect();
  const L = meta.lastMonth;
  const F = Math.max(meta.firstMonth, L - 119);
  const ind = meta.indicators.get(opts.indicator)!;
  const series = (label: string, id: number, agg: Agg, region: string, from: number, to: number) => [
    pair(`${label} (range)`, id, agg, region, 'self', from, to, true),
    pair(`${label} (year before)`, id, agg, region, 'self', from - 12, to - 12, true),
  ];
  const cities = await meta.children(opts.province);
  const groups: Array<[string, Stmt[]]> = [
    ['Q-A national series, 120 months', series('Q-A', ind.id, 'sum', '100000', F, L)],
    ['Q-B provinces, 12 months', [pair('Q-B', ind.id, 'sum', '100000', 'children', L - 11, L, false)]],
    [`Q-C ${cities.length} city series, 120 months`, cities.flatMap((city) => series(`Q-C ${city.code}`, ind.id, 'sum', city.code, F, L))],
    [
      'Q-D overview of a category',
      [...meta.indicators.values()]
        .filter((i) => i.category === opts.category)
        .flatMap((i) =>
          (i.aggregation === 'ratio' ? [i.numerator_id!, i.denominator_id!] : [i.id]).map((id) => ({
            id,
            agg: meta.indicators.get(meta.byId.get(id)!)!.aggregation as Agg,
          })),
        )
        .flatMap(({ id, agg }) => [
          ...series(`Q-D ${meta.byId.get(id)}`, id, agg, '100000', L - 11, L),
          pair(`Q-D ${meta.byId.get(id)} breakdown`, id, agg, '100000', 'children', L - 11, L, false),
        ]),
    ],
  ];
  const explainMs = async (sql: string, runs: number) => {
    const times: number[] = [];
    for (let k = 0; k < runs + 1; k++) {
      const { rows } = await c.query(`explain (analyze, format json) ${sql}`);
      const plan = rows[0]['QUERY PLAN'][0];
      if (k > 0) times.push(plan['Planning Time'] + plan['Execution Time']); // first run warms the cache
    }
    return median(times);
  };
  const out: DbTimeRow[] = [];
  log('\nDatabase time (EXPLAIN ANALYZE, planning + execution, median of warm runs): roll-ups vs the base table');
  try {
    for (const [query, stmts] of groups) {
      let rollupMs = 0;
      let baseMs = 0;
      let worst = 0;
      for (const s of stmts) {
        const r = await explainMs(s.rollup, 5);
        const b = await explainMs(s.base, stmts.length > 20 ? 1 : 3);
        rollupMs += r;
        baseMs += b;
        worst = Math.max(worst, r / b);
      }
      const row = { query, statements: stmts.length, rollupMs, baseMs, ratio: rollupMs / baseMs, worstStatementRatio: worst };
      out.push(row);
      log(
        `  ${query.padEnd(36)} ${String(stmts.length).padStart(3)} statements  roll-ups ${rollupMs.toFixed(2).padStart(8)} ms  base table ${baseMs.toFixed(1).padStart(8)} ms  ratio 1/${(baseMs / rollupMs).toFixed(0)} (worst statement 1/${(1 / worst).toFixed(0)})`,
      );
    }
    // Q-E: the base-table statement Hexie runs for a county breakdown
    const city = meta.cities[0];
    const qe = `select t.region_code, null as bucket, sum(t.value) as value from observation t join region c on c.code = t.region_code and c.parent_code = '${city}'
      where t.indicator_id = ${ind.id} and t.period between '${monthDate(L - 11)}'::date and '${monthDate(L)}'::date group by t.region_code`;
    const qeMs = await explainMs(qe, 5);
    log(`  Q-E county breakdown of ${city}, 12 months, from observation: ${qeMs.toFixed(2)} ms in the database`);
    return { rows: out, qe: { sql: qe, ms: qeMs } };
  } finally {
    await c.end();
  }
}
