/**
 * I: a 100,000-row import (POST /api/imports, long CSV) on a fresh database: dry run, then commit
 * with submit=true, timed from the client; the server's peak resident memory sampled from /proc
 * while it runs. Then an approver approves every report (not timed) and the nation's and each
 * province's roll-ups are compared with sums the bench computes from the rows it generated.
 *
 * `pnpm bench:import -- [--rows 100000] [--only pglite|postgresql] [--quick]` (--quick: the import only,
 * without the approvals and the roll-up check; --main: another build's dist/main.js, to compare). The load average is taken when the commit ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { dbUrl, ensureDatabase, ensureServerBuilt, freePort, serverMain, startNode, type Running } from './processes.ts';

const { values: args } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    rows: { type: 'string', default: '100000' },
    only: { type: 'string' },
    quick: { type: 'boolean', default: false },
    main: { type: 'string' },
  },
});
const ROWS = Number(args.rows);
const ADMIN = { email: 'bench-admin@hexie.example', password: 'bench admin password' };
const APPROVER = { email: 'bench-approver@hexie.example', password: 'bench approver password' };
const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04'];

interface Result {
  vendor: string;
  rows: number;
  dryRunMs: number;
  commitMs: number;
  dryRowsPerS: number;
  commitRowsPerS: number;
  idleRssMb: number;
  peakRssMb: number;
  load: string;
  approveMs: number;
  reports: number;
  rollupsExact: boolean | null;
  checked: number;
}

async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

async function run(vendor: 'postgresql' | 'pglite'): Promise<Result> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env: Record<string, string> = {
    HEXIE_DEMO: '0',
    PORT: String(port),
    HOST: '127.0.0.1',
    HEXIE_ADMIN_EMAIL: ADMIN.email,
    HEXIE_ADMIN_PASSWORD: ADMIN.password,
  };
  const db = `hexie_import_bench_${process.pid}`;
  let dir = '';
  if (vendor === 'postgresql') {
    await ensureDatabase(db, true);
    env.DATABASE_URL = dbUrl(db);
  } else {
    dir = mkdtempSync(path.join(tmpdir(), 'hexie-bench-import-'));
    env.DATABASE_URL = '';
    env.HEXIE_DATA_DIR = dir;
  }
  let server: Running | undefined;
  try {
    server = await startNode(
      `hexie-${vendor}`,
      [args.main ? path.resolve(args.main) : serverMain],
      env,
      `${base}/readyz`,
      `${base}/graphql`,
    );
    let serverLog = '';
    for (const stream of [server.child.stdout!, server.child.stderr!])
      stream.on('data', (chunk: Buffer) => (serverLog = (serverLog + chunk.toString()).slice(-4000)));
    const url = `${base}/graphql`;
    const login = (who: typeof ADMIN) =>
      gql(url, `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: who.email, p: who.password }).then(
        (d) => d.login.token as string,
      );
    const admin = await login(ADMIN);
    await gql(
      url,
      `mutation ($i: CreateUserInput!) { createUser(input: $i) { email } }`,
      {
        i: { email: APPROVER.email, name: 'bench approver', password: APPROVER.password, role: 'APPROVER', region: '100000' },
      },
      admin,
    );
    const approver = await login(APPROVER);

    // ---- the file, and the bench's own sums of it (the oracle)
    const c = vendor === 'postgresql' ? new pg.Client({ connectionString: dbUrl(db) }) : undefined;
    const catalog = await gql(url, `{ regions(level: COUNTY) { code } indicators { code aggregation frequency reportingLevel } }`);
    const counties: string[] = catalog.regions.map((r: { code: string }) => r.code).sort();
    const indicators: string[] = catalog.indicators
      .filter((i: any) => i.aggregation === 'sum' && i.frequency === 'monthly' && i.reportingLevel === 'COUNTY')
      .map((i: any) => i.code);
    const lines = ['地区代码,指标代码,期间,数值'];
    const sums = new Map<string, number>(); // indicator|region(province or nation)|month
    const add = (k: string, v: number) => sums.set(k, (sums.get(k) ?? 0) + v);
    const reports = new Set<string>();
    let n = 0;
    outer: for (const month of MONTHS) {
      for (const county of counties) {
        for (const indicator of indicators) {
          if (n >= ROWS) break outer;
          const value = ((n * 7919) % 5000) + 1;
          lines.push(`${county},${indicator},${month},${value}`);
          add(`${indicator}|${county.slice(0, 2)}0000|${month}`, value);
          add(`${indicator}|100000|${month}`, value);
          reports.add(`${county}|${month}`);
          n++;
        }
      }
    }
    const file = Buffer.from(lines.join('\n'));
    console.log(`  ${vendor}: ${n.toLocaleString('en')} rows (${(file.length / 1024 / 1024).toFixed(1)} MB), ${reports.size} reports`);

    // ---- the import, with the server's memory sampled
    const idle = server.rssMb();
    let peak = idle;
    const sampler = setInterval(() => (peak = Math.max(peak, server!.rssMb())), 50);
    const post = async (dryRun: boolean) => {
      const form = new FormData();
      form.append('dryRun', String(dryRun));
      form.append('submit', 'true');
      form.append('file', new Blob([file], { type: 'text/csv' }), 'bench.csv');
      const t0 = performance.now();
      const res = await fetch(`${base}/api/imports`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
      const body = (await res.json()) as any;
      const ms = performance.now() - t0;
      if (res.status !== 200 || body.problemCount) {
        throw new Error(`import ${dryRun ? 'dry run' : 'commit'}: ${res.status} ${JSON.stringify(body).slice(0, 500)}\n${serverLog}`);
      }
      return { ms, body };
    };
    const dry = await post(true);
    const commit = await post(false);
    clearInterval(sampler);
    if (!commit.body.committed || commit.body.submitted.length !== reports.size) throw new Error('the commit did not submit every report');
    const timing = {
      vendor,
      rows: n,
      dryRunMs: Math.round(dry.ms),
      commitMs: Math.round(commit.ms),
      dryRowsPerS: Math.round(n / (dry.ms / 1000)),
      commitRowsPerS: Math.round(n / (commit.ms / 1000)),
      idleRssMb: Math.round(idle),
      peakRssMb: Math.round(peak),
      load: loadavg()
        .map((l) => l.toFixed(1))
        .join(' '),
    };
    if (args.quick) return { ...timing, approveMs: NaN, reports: reports.size, rollupsExact: null, checked: 0 };

    // ---- approve every report (8 at a time), then compare the roll-ups with the oracle
    const t0 = performance.now();
    const queue = [...reports];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let key = queue.pop(); key; key = queue.pop()) {
          const [region, period] = key.split('|');
          await gql(
            url,
            `mutation ($r: String!, $p: String!) { approveReport(region: $r, period: $p) { status } }`,
            { r: region, p: period },
            approver,
          );
        }
      }),
    );
    const approveMs = performance.now() - t0;
    let exact = true;
    let checked = 0;
    for (const indicator of indicators) {
      for (const month of MONTHS) {
        const data = await gql(
          url,
          `query ($i: String!, $m: String!) { series(indicator: $i, region: "100000", from: $m, to: $m, grain: MONTH) { total }
             breakdown(indicator: $i, region: "100000", from: $m, to: $m) { region { code } value } }`,
          { i: indicator, m: month },
        );
        const want = (region: string) => sums.get(`${indicator}|${region}|${month}`) ?? null;
        if (data.series.total !== want('100000')) exact = false;
        for (const b of data.breakdown) if (b.value !== want(b.region.code)) exact = false;
        checked += 1 + data.breakdown.length;
      }
    }
    await c?.end();
    return {
      ...timing,
      approveMs: Math.round(approveMs),
      reports: reports.size,
      rollupsExact: exact,
      checked,
    };
  } finally {
    await server?.stop();
    if (vendor === 'postgresql') {
      const a = new pg.Client({ connectionString: dbUrl('postgres') });
      await a.connect();
      await a.query(`drop database if exists "${db}" with (force)`);
      await a.end();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

ensureServerBuilt();
const vendors = (args.only ? [args.only] : ['postgresql', 'pglite']) as ('postgresql' | 'pglite')[];
console.log(`I: importing ${ROWS.toLocaleString('en')} rows through POST /api/imports (dry run, then commit with submit=true)`);
const results: Result[] = [];
for (const vendor of vendors) {
  results.push(await run(vendor));
  console.log(results.at(-1));
}
console.table(results);
if (results.some((r) => r.rollupsExact === false)) process.exitCode = 1;
