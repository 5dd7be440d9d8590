/**
 * `pnpm bench:data --size S0|S1|tiny [--counties N] [--months M] [--end 2025-12] [--db NAME | --pglite DIR]`
 *
 * Generates the synthetic national dataset into a Hexie database: the server's migrations create the
 * schema and load the region tree and the indicator catalog (the server is started once, with no demo
 * data), then every observation is streamed in with COPY, the roll-ups are rebuilt with the server's
 * own `hexie_rollup_rebuild()`, and the tables are vacuumed and analysed. Deterministic: the same
 * arguments always give the same rows. Prints rows/s for each phase.
 */
import { rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { monthDate, monthIndex, spread, ValueModel, type IndicatorRow, type RegionRow } from './dataset.ts';
import { dbUrl, ensureDatabase, ensureServerBuilt, freePort, startHexie } from './processes.ts';

export const SIZES = {
  tiny: { counties: 40, months: 24 },
  S0: { counties: 268, months: 120 },
  S1: { counties: undefined, months: 120 },
} as const;
export type SizeName = keyof typeof SIZES;

export interface DataOptions {
  size: SizeName;
  counties?: number;
  months: number;
  /** last month, `YYYY-MM` */
  end: string;
  db?: string;
  pgliteDir?: string;
  quiet?: boolean;
  /** The port of the server that migrates the database (default: any free one). */
  port?: number;
}

export interface DataReport {
  rows: number;
  copySeconds: number;
  indexSeconds: number;
  rollupSeconds: number;
  rollupRows: number;
  vacuumSeconds: number;
  totalSeconds: number;
  firstMonth: string;
  lastMonth: string;
  counties: number;
}

/** A minimal query interface both node-postgres and PGlite satisfy. */
interface Sql {
  query<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

const seconds = (t0: number) => (performance.now() - t0) / 1000;

/** Every observation row of the dataset as COPY text, in chunks, month by month (the way monthly imports arrive). */
export function* copyChunks(
  indicators: IndicatorRow[],
  regions: RegionRow[],
  counties: number | undefined,
  firstMonth: number,
  lastMonth: number,
): Generator<string, void, void> {
  const model = new ValueModel(indicators);
  const byLevel = (level: string) => regions.filter((r) => r.level === level).sort((a, b) => (a.code < b.code ? -1 : 1));
  const allCounties = byLevel('COUNTY');
  const index = new Map<string, number>();
  for (const level of ['PROVINCE', 'CITY', 'COUNTY'])
    byLevel(level).forEach((r, i) => index.set(r.code, i + (level === 'CITY' ? 10_000 : level === 'PROVINCE' ? 20_000 : 0)));
  const chosenCounties = spread(allCounties, counties);
  const parent = new Map(regions.map((r) => [r.code, r.parent_code]));
  const chosenCities = [...new Set(chosenCounties.map((c) => parent.get(c.code)!))].sort();
  const chosenProvinces = [...new Set(chosenCities.map((c) => parent.get(c)!))].sort();
  const plan: Array<[string[], IndicatorRow[], IndicatorRow[]]> = [
    [chosenCounties.map((c) => c.code), model.indicatorsAt('COUNTY', 'monthly'), model.indicatorsAt('COUNTY', 'annual')],
    [chosenCities, model.indicatorsAt('CITY', 'monthly'), model.indicatorsAt('CITY', 'annual')],
    [chosenProvinces, model.indicatorsAt('PROVINCE', 'monthly'), model.indicatorsAt('PROVINCE', 'annual')],
  ];
  const out = new Map<string, number>();
  let buf: string[] = [];
  for (let m = firstMonth; m <= lastMonth; m++) {
    const date = monthDate(m);
    for (const [codes, monthly, annual] of plan) {
      const inds = m % 12 === 0 ? [...monthly, ...annual] : monthly;
      if (!inds.length) continue;
      for (const code of codes) {
        model.values(index.get(code)!, m, inds, out);
        for (const ind of inds) buf.push(`${ind.id}\t${code}\t${date}\t${out.get(ind.code)}\tt\n`);
      }
      if (buf.length >= 8192) {
        yield buf.join('');
        buf = [];
      }
    }
  }
  if (buf.length) yield buf.join('');
}

export function countRows(chunk: string): number {
  let n = 0;
  for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) n++;
  return n;
}

/** Creates the schema through the server's own migrations (regions and catalog included). */
async function migrate(opts: DataOptions): Promise<void> {
  ensureServerBuilt();
  const server = await startHexie({ db: opts.db, pgliteDir: opts.pgliteDir, port: opts.port ?? (await freePort()) });
  await server.stop();
}

const COPY_SQL = 'copy observation (indicator_id, region_code, period, value, synthetic) from stdin';

export async function generate(opts: DataOptions): Promise<DataReport> {
  const log = (s: string) => opts.quiet || console.log(s);
  const [endYear, endMonth] = opts.end.split('-').map(Number);
  const lastMonth = monthIndex(endYear, endMonth);
  const firstMonth = lastMonth - opts.months + 1;
  const started = performance.now();
  if (opts.db) await ensureDatabase(opts.db, true);
  else if (opts.pgliteDir) rmSync(opts.pgliteDir, { recursive: true, force: true });
  await migrate(opts);

  let client: pg.Client | undefined;
  let lite: import('@electric-sql/pglite').PGlite | undefined;
  let db: Sql;
  if (opts.db) {
    client = new pg.Client({ connectionString: dbUrl(opts.db) });
    await client.connect();
    db = client as unknown as Sql;
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    lite = await PGlite.create({ dataDir: opts.pgliteDir, database: 'hexie' });
    db = lite as unknown as Sql;
  }
  try {
    const indicators = (
      await db.query<IndicatorRow>(
        'select id, code, aggregation, frequency, reporting_level, numerator_id, denominator_id from indicator order by id',
      )
    ).rows;
    const regions = (await db.query<RegionRow>('select code, level, parent_code from region')).rows;
    if (!indicators.length || !regions.length) throw new Error('the database has no regions or indicators: did the server migrate it?');
    const counties = opts.counties;
    log(
      `dataset ${opts.size}: ${counties ?? 'all'} counties × ${opts.months} months (${monthDate(firstMonth).slice(0, 7)}..${opts.end}) into ${opts.db ?? opts.pgliteDir}`,
    );

    await db.query('truncate observation, rollup');
    await db.query('alter table observation disable trigger user');
    await db.query('alter table observation drop constraint observation_pkey');

    let t0 = performance.now();
    let rows = 0;
    const chunks = copyChunks(indicators, regions, counties, firstMonth, lastMonth);
    if (client) {
      const source = Readable.from(
        (function* () {
          for (const chunk of chunks) {
            rows += countRows(chunk);
            yield chunk;
          }
        })(),
      );
      await pipeline(source, client.query(copyFrom(COPY_SQL)));
    } else {
      const parts: string[] = [];
      for (const chunk of chunks) {
        rows += countRows(chunk);
        parts.push(chunk);
      }
      await lite!.query(`${COPY_SQL.replace('stdin', "'/dev/blob'")}`, [], { blob: new Blob(parts) });
    }
    const copySeconds = seconds(t0);
    log(
      `  COPY        ${rows.toLocaleString('en')} rows in ${copySeconds.toFixed(1)} s = ${Math.round(rows / copySeconds).toLocaleString('en')} rows/s`,
    );

    t0 = performance.now();
    await db.query('alter table observation add constraint observation_pkey primary key (indicator_id, region_code, period)');
    // statistics before the rebuild: without them its joins plan as if the tables were empty
    // (region and region_ancestor too: the server loads them but nothing has analysed them yet)
    await db.query('analyze observation');
    await db.query('analyze region');
    await db.query('analyze region_ancestor');
    await db.query('analyze indicator');
    const indexSeconds = seconds(t0);
    log(`  primary key + analyze ${indexSeconds.toFixed(1)} s`);
    await db.query('alter table observation enable trigger user');

    t0 = performance.now();
    const rollupRows = Number((await db.query<{ n: string }>('select hexie_rollup_rebuild() as n')).rows[0].n);
    const rollupSeconds = seconds(t0);
    log(`  rollups     ${rollupRows.toLocaleString('en')} rows by hexie_rollup_rebuild() in ${rollupSeconds.toFixed(1)} s`);

    t0 = performance.now();
    await db.query('vacuum (analyze) observation');
    await db.query('vacuum (analyze) rollup');
    const vacuumSeconds = seconds(t0);
    log(`  vacuum analyze ${vacuumSeconds.toFixed(1)} s`);
    await db.query(
      `create table if not exists bench_dataset (id boolean primary key default true, size text, counties int, months int, first_month text, last_month text, rows bigint)`,
    );
    await db.query('delete from bench_dataset');
    await db.query('insert into bench_dataset (size, counties, months, first_month, last_month, rows) values ($1, $2, $3, $4, $5, $6)', [
      opts.size,
      counties ?? null,
      opts.months,
      monthDate(firstMonth).slice(0, 7),
      opts.end,
      rows,
    ]);
    const totalSeconds = seconds(started);
    log(
      `  total       ${totalSeconds.toFixed(1)} s = ${Math.round(rows / totalSeconds).toLocaleString('en')} rows/s end to end (migration, COPY, key, roll-ups, vacuum)`,
    );
    return {
      rows,
      copySeconds,
      indexSeconds,
      rollupSeconds,
      rollupRows,
      vacuumSeconds,
      totalSeconds,
      firstMonth: monthDate(firstMonth).slice(0, 7),
      lastMonth: opts.end,
      counties: counties ?? regions.filter((r) => r.level === 'COUNTY').length,
    };
  } finally {
    await client?.end();
    await lite?.close();
  }
}

export function parseDataArgs(argv: string[]): DataOptions {
  const { values } = parseArgs({
    args: argv.filter((a) => a !== '--'),
    options: {
      size: { type: 'string', default: 'S0' },
      counties: { type: 'string' },
      months: { type: 'string' },
      end: { type: 'string', default: '2025-12' },
      db: { type: 'string' },
      pglite: { type: 'string' },
    },
  });
  const size = values.size as SizeName;
  if (!(size in SIZES)) throw new Error(`--size must be one of ${Object.keys(SIZES).join(', ')}`);
  if (!/^\d{4}-\d{2}$/.test(values.end!)) throw new Error('--end must look like 2025-12');
  return {
    size,
    counties: values.counties ? Number(values.counties) : SIZES[size].counties,
    months: values.months ? Number(values.months) : SIZES[size].months,
    end: values.end!,
    db: values.pglite ? undefined : (values.db ?? `hexie_bench_${size.toLowerCase()}`),
    pgliteDir: values.pglite,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  generate(parseDataArgs(process.argv.slice(2))).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
