/**
 * The raw floor: plain `node:http` + `pg`, running the SQL statements Hexie runs for the same
 * question (same tables, same shapes: the base values a request needs, batched per request as
 * Hexie batches them — one statement per kind of question, a series and its year before in the same
 * one; a breakdown is the children plus one grouped aggregate) and answering with `JSON.stringify`. No GraphQL
 * parsing, validation, resolvers, ORM or cache: what no GraphQL layer over this SQL can beat.
 *
 *   node src/raw-floor.ts --db hexie_bench_s1 --port 4702
 *
 * GET /series?indicator=&region=&from=YYYY-MM&to=YYYY-MM          → { total, points: [{ period, value, yoy }] }
 * GET /breakdown?indicator=&region=&from=&to=                     → [{ region: { code, name }, value }]
 * GET /children-series?indicator=&region=&from=&to=               → [{ region, series }] (drill-down)
 * GET /overview?category=&region=&from=&to=                       → [{ code, name, unit, aggregation, series, breakdown }]
 */
import http from 'node:http';
import { parseArgs } from 'node:util';
import DataLoader from 'dataloader';
import pg from 'pg';
import { dbUrl } from './processes.ts';

// dates as text, doubles and sums as numbers (the same as Hexie's driver setup)
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(1700, Number);
pg.types.setTypeParser(20, Number);

interface Indicator {
  id: number;
  code: string;
  name: string;
  unit: string;
  category: string;
  aggregation: 'sum' | 'last' | 'ratio';
  numerator_id: number | null;
  denominator_id: number | null;
  factor: number | null;
  reporting_level: string;
  position: number;
}
interface Region {
  code: string;
  name: string;
  level: string;
}
type Cells = Map<string, Map<string | null, number>>;

const DEPTH: Record<string, number> = { NATION: 0, PROVINCE: 1, CITY: 2, COUNTY: 3 };
const LEVELS = ['NATION', 'PROVINCE', 'CITY', 'COUNTY'];

const monthIdx = (p: string) => Number(p.slice(0, 4)) * 12 + Number(p.slice(5, 7)) - 1;
const monthDate = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;

export async function createRawFloor(connectionString: string, poolSize = 10) {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  const indicators = (await pool.query<Indicator>('select * from indicator order by position')).rows;
  const byCode = new Map(indicators.map((i) => [i.code, i]));
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const regions = new Map((await pool.query<Region>('select code, name, level from region')).rows.map((r) => [r.code, r]));
  const ANNUAL = new Set(
    (await pool.query<{ code: string }>(`select code from indicator where frequency = 'annual'`)).rows.map((r) => r.code),
  );

  interface BaseKey {
    ind: Indicator;
    region: Region;
    scope: 'self' | 'children';
    from: number;
    to: number;
    monthly: boolean;
  }
  const tableOf = (k: BaseKey) =>
    (k.scope === 'self' ? k.region.level : LEVELS[Math.min(DEPTH[k.region.level] + 1, 3)]) === k.ind.reporting_level
      ? 'observation'
      : 'rollup';

  /** Hexie's batched statement for keys of one kind (same table, scope, rule, range, grain): one statement for all their (indicator, region) pairs. */
  async function loadKind(keys: BaseKey[]): Promise<Cells[]> {
    const [{ scope, monthly, ind }] = keys;
    const table = tableOf(keys[0]);
    const pairs = 'unnest($1::int[], $2::varchar[], $3::date[], $4::date[]) k (indicator_id, code, first, last)';
    const join =
      scope === 'children'
        ? `join ${pairs} on t.indicator_id = k.indicator_id join region c on c.code = t.region_code and c.parent_code = k.code`
        : `join ${pairs} on t.indicator_id = k.indicator_id and t.region_code = k.code`;
    const where = `t.period between k.first and k.last ${table === 'observation' ? "and t.status = 'approved'" : ''}`;
    const params = [
      keys.map((k) => k.ind.id),
      keys.map((k) => k.region.code),
      keys.map((k) => monthDate(k.from)),
      keys.map((k) => monthDate(k.to)),
    ];
    const range = `to_char(k.first, 'YYYY-MM-DD') || '..' || to_char(k.last, 'YYYY-MM-DD')`;
    const src = `from ${table} t ${join} where ${where}`;
    let text: string;
    if (ind.aggregation === 'sum') {
      text = monthly
        ? `select t.indicator_id, k.code as key_code, ${range} as key_range, t.region_code, to_char(t.period, 'YYYY-MM') as bucket, sum(t.value) as value ${src}
           group by grouping sets ((t.indicator_id, k.code, k.first, k.last, t.region_code, t.period), (t.indicator_id, k.code, k.first, k.last, t.region_code))`
        : `select t.indicator_id, k.code as key_code, ${range} as key_range, t.region_code, null as bucket, sum(t.value) as value ${src} group by t.indicator_id, k.code, k.first, k.last, t.region_code`;
    } else {
      const perBucket = monthly
        ? `(select distinct on (t.indicator_id, k.code, k.first, k.last, t.region_code, t.period) t.indicator_id, k.code as key_code, ${range} as key_range, t.region_code, to_char(t.period, 'YYYY-MM') as bucket, t.value ${src}
            order by t.indicator_id, k.code, k.first, k.last, t.region_code, t.period, t.period desc) union all `
        : '';
      text = `${perBucket}(select distinct on (t.indicator_id, k.code, k.first, k.last, t.region_code) t.indicator_id, k.code as key_code, ${range} as key_range, t.region_code, null as bucket, t.value ${src}
        order by t.indicator_id, k.code, k.first, k.last, t.region_code, t.period desc)`;
    }
    const { rows } = await pool.query<{
      indicator_id: number;
      key_code: string;
      key_range: string;
      region_code: string;
      bucket: string | null;
      value: number;
    }>(text, params);
    const keyOf = (k: BaseKey) => `${k.ind.id}|${k.region.code}|${monthDate(k.from)}..${monthDate(k.to)}`;
    const cells = new Map<string, Cells>(keys.map((k) => [keyOf(k), new Map()]));
    for (const row of rows) {
      const byRegion = cells.get(`${row.indicator_id}|${row.key_code}|${row.key_range}`)!;
      if (!byRegion.has(row.region_code)) byRegion.set(row.region_code, new Map());
      byRegion.get(row.region_code)!.set(row.bucket, Number(row.value));
    }
    return keys.map((k) => cells.get(keyOf(k))!);
  }

  /** Per request, as Hexie: the base values asked while a request is answered, grouped by kind, one statement per kind. */
  const batcher = () =>
    new DataLoader<BaseKey, Cells, string>(
      async (keys) => {
        const kinds = new Map<string, BaseKey[]>();
        for (const k of keys) {
          const kind = `${tableOf(k)}|${k.scope}|${k.ind.aggregation}|${k.monthly}`;
          kinds.set(kind, [...(kinds.get(kind) ?? []), k]);
        }
        const out = new Map<BaseKey, Cells>();
        await Promise.all(
          [...kinds.values()].map(async (group) => (await loadKind(group)).forEach((cells, i) => out.set(group[i], cells))),
        );
        return keys.map((k) => out.get(k)!);
      },
      { cacheKeyFn: (k) => `${k.ind.id}|${k.region.code}|${k.scope}|${k.from}|${k.to}|${k.monthly}` },
    );
  /** A request's own batcher and the answers built on it. */
  function requestScope() {
    const loader = batcher();

    function baseValues(
      ind: Indicator,
      region: Region,
      scope: 'self' | 'children',
      from: number,
      to: number,
      monthly: boolean,
    ): Promise<Cells> {
      return loader.load({ ind, region, scope, from, to, monthly });
    }

    async function values(
      ind: Indicator,
      region: Region,
      scope: 'self' | 'children',
      from: number,
      to: number,
      monthly: boolean,
    ): Promise<Cells> {
      if (ind.aggregation !== 'ratio') return baseValues(ind, region, scope, from, to, monthly);
      const [num, den] = await Promise.all([
        baseValues(byId.get(ind.numerator_id!)!, region, scope, from, to, monthly),
        baseValues(byId.get(ind.denominator_id!)!, region, scope, from, to, monthly),
      ]);
      const factor = Number(ind.factor ?? 1);
      const out: Cells = new Map();
      for (const [code, buckets] of den) {
        const ratios = new Map<string | null, number>();
        for (const [bucket, d] of buckets) {
          const n = num.get(code)?.get(bucket);
          if (n !== undefined && d !== 0) ratios.set(bucket, (factor * n) / d);
        }
        out.set(code, ratios);
      }
      return out;
    }

    const finer = (ind: Indicator, level: string) => DEPTH[level] > DEPTH[ind.reporting_level];
    const yoy = (v: number | null, p: number | null) => (v === null || p === null || p === 0 ? null : ((v - p) / Math.abs(p)) * 100);

    async function series(ind: Indicator, region: Region, fromP: string, toP: string) {
      const from = monthIdx(fromP);
      const to = monthIdx(toP);
      const points: Array<{ period: string; value: number | null; yoy: number | null }> = [];
      if (finer(ind, region.level)) {
        for (let m = from; m <= to; m++) points.push({ period: monthDate(m).slice(0, 7), value: null, yoy: null });
        return { total: null, totalYoy: null, points };
      }
      const [now, before] = await Promise.all([
        values(ind, region, 'self', from, to, true),
        values(ind, region, 'self', from - 12, to - 12, true),
      ]);
      const n = now.get(region.code);
      const b = before.get(region.code);
      for (let m = from; m <= to; m++) {
        const value = n?.get(monthDate(m).slice(0, 7)) ?? null;
        points.push({ period: monthDate(m).slice(0, 7), value, yoy: yoy(value, b?.get(monthDate(m - 12).slice(0, 7)) ?? null) });
      }
      const total = n?.get(null) ?? null;
      return { total, totalYoy: yoy(total, b?.get(null) ?? null), points };
    }

    async function breakdown(ind: Indicator, region: Region, fromP: string, toP: string) {
      const children = (
        await pool.query<{ code: string; name: string; level: string }>(
          'select code, name, level from region where parent_code = $1 order by code',
          [region.code],
        )
      ).rows;
      if (!children.length) return [];
      if (finer(ind, children[0].level)) return children.map((c) => ({ region: { code: c.code, name: c.name }, value: null }));
      const cells = await values(ind, region, 'children', monthIdx(fromP), monthIdx(toP), false);
      return children.map((c) => ({ region: { code: c.code, name: c.name }, value: cells.get(c.code)?.get(null) ?? null }));
    }

    return { series, breakdown };
  }

  /** The page's other requests (Q-F, Q-G): the statements Hexie runs for them, answers in the shape of its `data`. */
  async function pageRequest(
    url: URL,
    q: (k: string) => string,
    authorization: string | undefined,
    { series, breakdown }: ReturnType<typeof requestScope>,
  ): Promise<unknown> {
    switch (url.pathname) {
      case '/kpi':
      case '/trend': {
        const s = await series(byCode.get(q('indicator'))!, regions.get(q('region'))!, q('from'), q('to'));
        return { series: url.pathname === '/kpi' ? { total: s.total, totalYoy: s.totalYoy } : s };
      }
      case '/page-breakdown':
        return { breakdown: await breakdown(byCode.get(q('indicator'))!, regions.get(q('region'))!, q('from'), q('to')) };
      case '/me':
        return { me: null }; // anonymous: nothing to read
      case '/catalog': {
        const { rows } = await pool.query<{ code: string; category: string }>('select code, category from indicator order by position');
        const categories = [...new Set(rows.map((r) => r.category))];
        return { categories: categories.map((c) => ({ code: c, indicators: rows.filter((r) => r.category === c) })) };
      }
      case '/region': {
        const [[region], children] = await Promise.all([
          pool.query('select code, name, level, parent_code from region where code = $1', [q('region')]).then((r) => r.rows),
          pool.query('select code, name, level from region where parent_code = $1 order by code', [q('region')]).then((r) => r.rows),
        ]);
        return { region: { ...region, children } };
      }
      case '/targets': {
        const { rows } = await pool.query(
          `select t.id, t.value, json_build_object('code', i.code) as indicator from target t join indicator i on i.id = t.indicator_id
           where t.region_code = $1 or t.region_code in (select region_code from region_ancestor where ancestor_code = $1) order by t.id`,
          [q('region')],
        );
        return { targets: rows };
      }
      case '/entry-report': {
        // the session, the report row, then the three months' stored values in one statement (Hexie's batched loader)
        const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '';
        const hash = (await import('node:crypto')).createHash('sha256').update(token).digest('hex');
        const session = await pool.query(
          `select u.id, u.region_code from user_session s join app_user u on u.id = s.user_id
           where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now() and u.active`,
          [hash],
        );
        if (!session.rowCount) throw Object.assign(new Error('not signed in'), { status: 401 });
        const region = regions.get(q('region'))!;
        const m = monthIdx(q('period'));
        await pool.query('select * from report where region_code = $1 and period = $2', [region.code, q('period')]);
        const dates = [monthDate(m), monthDate(m - 1), monthDate(m - 12)];
        const { rows } = await pool.query<{ period: string; indicator_id: number; value: number }>(
          `select to_char(o.period, 'YYYY-MM-DD') as period, o.indicator_id, o.value from observation o
           where o.region_code = $1 and o.period = any($2::date[]) and o.indicator_id = any($3::int[])`,
          [region.code, dates, indicators.map((i) => i.id)],
        );
        const at = (date: string, id: number) => rows.find((r) => r.period === date && r.indicator_id === id)?.value ?? null;
        const entries = indicators
          .filter((i) => i.aggregation !== 'ratio' && i.reporting_level === region.level && !ANNUAL.has(i.code))
          .map((i) => ({
            indicator: { code: i.code },
            value: at(dates[0], i.id),
            previousValue: at(dates[1], i.id),
            lastYearValue: at(dates[2], i.id),
          }));
        return { report: { entries } };
      }
    }
    return undefined;
  }

  async function handle(url: URL, authorization?: string): Promise<unknown> {
    const scope = requestScope();
    const { series, breakdown } = scope;
    const q = (k: string) => {
      const v = url.searchParams.get(k);
      if (!v) throw Object.assign(new Error(`missing ${k}`), { status: 400 });
      return v;
    };
    const page = await pageRequest(url, q, authorization, scope);
    if (page !== undefined) return page;
    const region = regions.get(q('region'));
    if (!region) throw Object.assign(new Error('unknown region'), { status: 400 });
    switch (url.pathname) {
      case '/series':
      case '/breakdown':
      case '/children-series': {
        const ind = byCode.get(q('indicator'));
        if (!ind) throw Object.assign(new Error('unknown indicator'), { status: 400 });
        if (url.pathname === '/series') return series(ind, region, q('from'), q('to'));
        if (url.pathname === '/breakdown') return breakdown(ind, region, q('from'), q('to'));
        const children = (
          await pool.query<{ code: string; name: string }>('select code, name from region where parent_code = $1 order by code', [
            region.code,
          ])
        ).rows;
        return Promise.all(children.map(async (c) => ({ region: c, series: await series(ind, regions.get(c.code)!, q('from'), q('to')) })));
      }
      case '/overview': {
        const list = indicators.filter((i) => i.category === q('category'));
        return Promise.all(
          list.map(async (ind) => {
            const [s, b] = await Promise.all([series(ind, region, q('from'), q('to')), breakdown(ind, region, q('from'), q('to'))]);
            return { code: ind.code, name: ind.name, unit: ind.unit, aggregation: ind.aggregation, series: s, breakdown: b };
          }),
        );
      }
      default:
        throw Object.assign(new Error('not found'), { status: 404 });
    }
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
      return;
    }
    handle(url, req.headers.authorization).then(
      (data) => {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      },
      (error: Error & { status?: number }) => {
        res.writeHead(error.status ?? 500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: error.message }));
      },
    );
  });
  return { server, pool };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: args } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string', default: '4702' }, pool: { type: 'string', default: '10' } },
  });
  const { server } = await createRawFloor(dbUrl(args.db ?? 'hexie_bench_s0'), Number(args.pool));
  server.keepAliveTimeout = 60_000;
  server.listen(Number(args.port), '127.0.0.1', () => console.log(`raw floor on http://127.0.0.1:${args.port}/`));
  process.once('SIGTERM', () => process.exit(0));
}
