/**
 * `pnpm bench [--size S0|S1|tiny] [--duration 8] [--connections 8] [--rounds 3] [--only Q-A,Q-B] [--skip w,dbtime,pglite]`
 *
 * Starts Hexie, the raw floor (node:http + pg) and PostGraphile 5 on the same PostgreSQL database
 * (generating the dataset first when it is missing), checks that all three give the same numbers for
 * every question, then drives each with autocannon in interleaved rounds (A B C, B C A, C A B …) and
 * prints medians of p50/p99 latency and requests/s with their ratios. Then the write cost (W), the
 * database time of the dashboard SQL against the base table, and Hexie on embedded PGlite against
 * PostgreSQL at S0. Results go to packages/bench/results/<size>.json as well.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generate, SIZES, type SizeName } from './data.ts';
import { benchRoot, dbUrl, ensureDatabase, ensureServerBuilt, freePort, startHexie, startNode, type Running } from './processes.ts';
import { buildScenarios, loadMeta, type TargetName } from './scenarios.ts';
import { printTable } from './table.ts';
import { runLoad } from './load.ts';
import { checkSameAnswers, compare, rowsOf } from './compare.ts';
import { measureWrites } from './writes.ts';
import { measureDbTime } from './db-time.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    size: { type: 'string', default: 'S0' },
    db: { type: 'string' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    only: { type: 'string' },
    skip: { type: 'string', default: '' },
    'hexie-node-args': { type: 'string', default: '' },
    'w-rounds': { type: 'string', default: '3' },
    'memory-seconds': { type: 'string', default: '60' },
    check: { type: 'boolean', default: false },
  },
});
const size = args.size as SizeName;
const db = args.db ?? `hexie_bench_${size.toLowerCase()}`;
const skip = new Set(args.skip!.split(',').filter(Boolean));
const opts = { connections: Number(args.connections), duration: Number(args.duration), rounds: Number(args.rounds) };

async function hasDataset(name: string): Promise<boolean> {
  await ensureDatabase(name);
  const c = new pg.Client({ connectionString: dbUrl(name) });
  await c.connect();
  try {
    const { rows } = await c.query(`select to_regclass('public.bench_dataset') is not null as ok`);
    if (!rows[0].ok) return false;
    return (await c.query('select 1 from bench_dataset')).rowCount === 1;
  } finally {
    await c.end();
  }
}

async function main() {
  if (args.check && !(await postgresReachable())) {
    console.log(`SKIPPED: no PostgreSQL at ${dbUrl('postgres')} (set BENCH_PG) — the smoke test needs one`);
    return;
  }
  ensureServerBuilt();
  const started = Date.now();
  if (!(await hasDataset(db))) {
    console.log(`no dataset in ${db}: generating ${size} first`);
    await generate({ size, counties: SIZES[size].counties, months: SIZES[size].months, end: '2025-12', db });
  }
  const client = new pg.Client({ connectionString: dbUrl(db) });
  await client.connect();
  const meta = await loadMeta(client);
  const {
    rows: [ds],
  } = await client.query('select * from bench_dataset');
  await client.end();
  let scenarios = await buildScenarios(meta);
  if (args.only) scenarios = scenarios.filter((s) => args.only!.split(',').includes(s.id));

  const machine = await machineInfo();
  console.log(
    `Hexie bench: ${size} (${Number(ds.rows).toLocaleString('en')} observations, ${ds.first_month}..${ds.last_month}) in ${db}; ${machine}`,
  );
  console.log(`autocannon: ${opts.connections} connections × ${opts.duration} s, ${opts.rounds} interleaved rounds, medians reported`);

  const results: Record<string, unknown> = { size, db, dataset: ds, machine, options: opts, date: new Date().toISOString() };
  const servers: Partial<Record<TargetName, Running>> = {};
  const src = path.join(benchRoot, 'src');
  try {
    const hexieNodeArgs = args['hexie-node-args']!.split(' ').filter(Boolean);
    if (!skip.has('reads')) {
      const [hp, rp, pp] = [await freePort(), await freePort(), await freePort()];
      [servers.hexie, servers.raw, servers.postgraphile] = await Promise.all([
        startHexie({ db, port: hp, nodeArgs: hexieNodeArgs }),
        startNode(
          'raw',
          [path.join(src, 'raw-floor.ts'), '--db', db, '--port', String(rp)],
          {},
          `http://127.0.0.1:${rp}/healthz`,
          `http://127.0.0.1:${rp}`,
        ),
        startNode(
          'postgraphile',
          [path.join(src, 'postgraphile.ts'), '--db', db, '--port', String(pp)],
          { GRAPHILE_ENV: 'production' },
          `http://127.0.0.1:${pp}/graphql`,
          `http://127.0.0.1:${pp}`,
        ),
      ]);
      const urls: Partial<Record<TargetName, string>> = {
        hexie: `http://127.0.0.1:${hp}`,
        'hexie-cached': `http://127.0.0.1:${hp}`,
        raw: `http://127.0.0.1:${rp}`,
        postgraphile: `http://127.0.0.1:${pp}`,
        'postgraphile-base': `http://127.0.0.1:${pp}`,
      };
      const rssOf: Partial<Record<TargetName, () => number>> = {
        hexie: servers.hexie.rssMb,
        'hexie-cached': servers.hexie.rssMb,
        raw: servers.raw.rssMb,
        postgraphile: servers.postgraphile.rssMb,
        'postgraphile-base': servers.postgraphile.rssMb,
      };
      if (args.check) {
        for (const s of scenarios)
          console.log(`${s.id}: the same numbers from ${Object.keys(s.asks).join(', ')} (${await checkSameAnswers(s, urls)} comparisons)`);
        return;
      }
      const cpuOf: Partial<Record<TargetName, () => number>> = {
        hexie: servers.hexie.cpuMs,
        'hexie-cached': servers.hexie.cpuMs,
        raw: servers.raw.cpuMs,
        postgraphile: servers.postgraphile.cpuMs,
        'postgraphile-base': servers.postgraphile.cpuMs,
      };
      const cells = await compare(scenarios, urls, rssOf, opts, cpuOf);
      const rows = rowsOf(scenarios, cells);
      results.reads = rows;
      results.runs = Object.fromEntries(cells);
      results.peakRssMb = Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s!.rssMb()]));
      printTable(rows);
      for (const s of Object.values(servers)) await s!.stop();
      delete servers.hexie;
      delete servers.raw;
      delete servers.postgraphile;
    }
    if (!skip.has('memory'))
      results.memory = await measureMemory(
        db,
        scenarios.filter((s) => s.id !== 'Q-E' && s.id !== 'Q-G'),
        hexieNodeArgs,
      );

    if (!skip.has('dbtime')) results.dbTime = await measureDbTime(dbUrl(db), meta);
    if (!skip.has('w')) results.writes = await measureWrites(dbUrl(db), Number(args['w-rounds']));
    if (!skip.has('pglite') && size !== 'S1') {
      const { comparePglite } = await import('./pglite.ts');
      results.pglite = await comparePglite(size, db, opts);
    }
  } finally {
    for (const s of Object.values(servers)) await s?.stop();
    const dir = path.join(benchRoot, 'results');
    if (!existsSync(dir)) mkdirSync(dir);
    const file = args.check ? null : skip.size || args.only ? `${size}-partial.json` : `${size}.json`;
    if (file) writeFileSync(path.join(dir, file), JSON.stringify(results, null, 2));
    console.log(
      `\nresults: ${file ? `packages/bench/results/${file}` : 'not written (--check)'} (${((Date.now() - started) / 60000).toFixed(1)} min)`,
    );
  }
}

/** Peak RSS of a fresh Hexie: first repeated (cache-hitting) dashboard queries, then distinct (cache-missing) ones. */
async function measureMemory(db: string, scenarios: Awaited<ReturnType<typeof buildScenarios>>, nodeArgs: string[]) {
  const port = await freePort();
  const hexie = await startHexie({ db, port, nodeArgs });
  const out: Record<string, number> = { startMb: hexie.rssMb() };
  try {
    console.log('\nMemory of a fresh Hexie under load');
    let peak = 0;
    for (const s of scenarios) {
      const r = await runLoad(`http://127.0.0.1:${port}`, s.asks['hexie-cached']!, {
        connections: opts.connections,
        duration: opts.duration,
        rss: hexie.rssMb,
      });
      peak = Math.max(peak, r.peakRssMb);
    }
    out.repeatedQueriesPeakMb = peak;
    console.log(`  repeated queries (Q-A..Q-D, cache hits): peak RSS ${peak.toFixed(0)} MB (at start ${out.startMb.toFixed(0)} MB)`);
    // then varied traffic: every request another question, none asked before (each answer computed, then kept by the cache)
    const mixed = scenarios.filter((s) => s.asks.hexie);
    const varied = {
      request: (i: number) => mixed[i % mixed.length].asks.hexie!.request(i),
      normalise: () => [],
    };
    const r = await runLoad(`http://127.0.0.1:${port}`, varied, {
      connections: opts.connections,
      duration: Number(args['memory-seconds']),
      rss: hexie.rssMb,
    });
    peak = Math.max(peak, r.peakRssMb);
    out.variedSeconds = Number(args['memory-seconds']);
    out.variedRequests = r.requests;
    out.variedErrors = r.errors + r.non2xx;
    console.log(
      `  then ${args['memory-seconds']} s of varied cache-missing queries (${mixed.map((s) => s.id).join(', ')} in turn, ${r.requests} requests, ${r.errors + r.non2xx} errors): peak RSS ${r.peakRssMb.toFixed(0)} MB`,
    );
    out.distinctQueriesPeakMb = peak;
  } finally {
    await hexie.stop();
  }
  return out;
}

async function postgresReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: dbUrl('postgres'), connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

async function machineInfo(): Promise<string> {
  const os = await import('node:os');
  const c = new pg.Client({ connectionString: dbUrl('postgres') });
  await c.connect();
  const { rows } = await c.query('show server_version');
  await c.end();
  return `${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${rows[0].server_version}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
