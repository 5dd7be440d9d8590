/**
 * PostGraphile 5 with @graphile/pg-aggregates and the connection filter, over the same database.
 *
 *   node src/postgraphile.ts --db hexie_bench_s1 --port 4703
 *
 * It is given the schema `bench_pg`: views over Hexie's own tables, so it can group and filter the
 * way the questions need (PostGraphile only groups by a column of the relation it reads):
 *   rollup              public.rollup as it is (national series: region_code = '100000')
 *   rollup_region       rollup + the region's parent_code (breakdowns and drill-downs: parent_code = X)
 *   observation_region  observation + parent_code (ad-hoc breakdowns over the base table)
 *   observation_province observation + the province it lies in (grouping by province over the base
 *                       table: what PostGraphile has without roll-ups)
 *   region              code, name, level, parent_code
 * Ratios, `last` stocks and year-on-year are derived by the client from the raw aggregates it
 * returns (PostGraphile has no notion of them); see scenarios.ts.
 */
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { dbUrl } from './processes.ts';

export const VIEWS_SQL = `
create schema if not exists bench_pg;
create or replace view bench_pg.rollup as
  select indicator_id, region_code, period, value, n from public.rollup;
create or replace view bench_pg.rollup_region as
  select r.indicator_id, r.region_code, g.parent_code, r.period, r.value, r.n
  from public.rollup r join public.region g on g.code = r.region_code;
create or replace view bench_pg.observation_region as
  select o.indicator_id, o.region_code, g.parent_code, o.period, o.value
  from public.observation o join public.region g on g.code = o.region_code;
create or replace view bench_pg.observation_province as
  select o.indicator_id, o.region_code, a.ancestor_code as province_code, o.period, o.value
  from public.observation o
  join public.region_ancestor a on a.region_code = o.region_code
  join public.region p on p.code = a.ancestor_code and p.level = 'PROVINCE';
create or replace view bench_pg.region as
  select code, name, level, parent_code, position from public.region;
comment on view bench_pg.rollup is E'@behavior +aggregates +filter';
comment on view bench_pg.rollup_region is E'@behavior +aggregates +filter';
comment on view bench_pg.observation_region is E'@behavior +aggregates +filter';
comment on view bench_pg.observation_province is E'@behavior +aggregates +filter';
`;

export async function ensureViews(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query(VIEWS_SQL);
  } finally {
    await client.end();
  }
}

export async function startPostGraphile(connectionString: string, port: number, poolSize = 10) {
  await ensureViews(connectionString);
  const { postgraphile } = await import('postgraphile');
  const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
  const { makePgService } = await import('postgraphile/adaptors/pg');
  const { grafserv } = await import('postgraphile/grafserv/node');
  const { PgAggregatesPreset } = await import('@graphile/pg-aggregates');
  const { PostGraphileConnectionFilterPreset } = await import('postgraphile-plugin-connection-filter');
  const pool = new pg.Pool({ connectionString, max: poolSize });
  const preset: GraphileConfig.Preset = {
    extends: [PostGraphileAmberPreset, PgAggregatesPreset, PostGraphileConnectionFilterPreset],
    pgServices: [makePgService({ pool, schemas: ['bench_pg'] })],
    grafserv: { port, host: '127.0.0.1', graphqlPath: '/graphql', watch: false },
    grafast: { explain: false },
    schema: { pgForbidSetofFunctionsToReturnNull: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.keepAliveTimeout = 60_000;
  serv.addTo(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { server, pgl };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: args } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string', default: '4703' }, pool: { type: 'string', default: '10' } },
  });
  await startPostGraphile(dbUrl(args.db ?? 'hexie_bench_s0'), Number(args.port), Number(args.pool));
  console.log(`PostGraphile on http://127.0.0.1:${args.port}/graphql`);
  process.once('SIGTERM', () => process.exit(0));
}
