/** Starting, watching and stopping the servers under test. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import pg from 'pg';

export const benchRoot = fileURLToPath(new URL('../', import.meta.url));
export const repoRoot = path.resolve(benchRoot, '../..');
export const serverMain = path.join(repoRoot, 'packages/server/dist/main.js');

export const DEFAULT_PG = process.env.BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';

export const dbUrl = (db: string): string => `${DEFAULT_PG}/${db}`;

/** Builds the server when its dist is missing or older than its sources (a fresh clone has none). */
export function ensureServerBuilt(): void {
  if (existsSync(serverMain) && !process.env.BENCH_REBUILD) return;
  console.log('building @hexie/server …');
  const r = spawnSync('pnpm', ['--filter', '@hexie/server', 'build'], { cwd: repoRoot, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('pnpm --filter @hexie/server build failed');
}

/** Creates the database when it does not exist yet (`fresh`: drops it first, so the server's current migrations make it). */
export async function ensureDatabase(db: string, fresh = false): Promise<void> {
  const admin = new pg.Client({ connectionString: dbUrl('postgres') });
  await admin.connect();
  try {
    if (fresh) await admin.query(`drop database if exists "${db.replace(/"/g, '')}" with (force)`);
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [db]);
    if (!rowCount) await admin.query(`create database "${db.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
}

/** A TCP port nothing listens on right now (so parallel runs do not collide). */
export async function freePort(): Promise<number> {
  const net = await import('node:net');
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

export interface Running {
  name: string;
  url: string;
  child: ChildProcess;
  /** resident set size of the process in MB (Linux /proc) */
  rssMb(): number;
  /** CPU time the process has used so far, ms (Linux /proc): work per request, whatever else runs on the machine */
  cpuMs(): number;
  stop(): Promise<void>;
}

export function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** User + system CPU time of a process in ms (Linux /proc), NaN when unknown. */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 1/100 s
  } catch {
    return NaN;
  }
}

export async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

/** Spawns a node process, waits until `readyUrl` answers, and returns a handle. */
export async function startNode(
  name: string,
  args: string[],
  env: Record<string, string>,
  readyUrl: string,
  url: string,
): Promise<Running> {
  const taken = await fetch(readyUrl).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`${name}: something already answers at ${readyUrl}; stop it first`);
  const child = spawn(process.execPath, args, { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-8000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  try {
    await waitForHttp(readyUrl, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${name} did not start: ${(error as Error).message}\n${log}`, { cause: error });
  }
  return {
    name,
    url,
    child,
    rssMb: () => rssMb(child.pid),
    cpuMs: () => cpuMs(child.pid),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** The Hexie server on a PostgreSQL database (or on PGlite in `pgliteDir`). */
export function startHexie(opts: {
  db?: string;
  pgliteDir?: string;
  port: number;
  nodeArgs?: string[];
  /** another build's main.js (default: this checkout's packages/server/dist/main.js) */
  main?: string;
}): Promise<Running> {
  // as `pnpm serve` runs it in production
  const env: Record<string, string> = { HEXIE_DEMO: '0', PORT: String(opts.port), HOST: '127.0.0.1', NODE_ENV: 'production' };
  if (opts.db) env.DATABASE_URL = dbUrl(opts.db);
  else {
    env.DATABASE_URL = '';
    env.HEXIE_DATA_DIR = opts.pgliteDir!;
  }
  const base = `http://127.0.0.1:${opts.port}`;
  return startNode(
    opts.db ? 'hexie' : 'hexie-pglite',
    [...(opts.nodeArgs ?? []), opts.main ?? serverMain],
    env,
    `${base}/healthz`,
    `${base}/graphql`,
  );
}

/** The bench's reporter account (Q-G) in `db`, made once with the server's own CLI (`hexie users:add`). */
export async function ensureReporter(db: string, county: string): Promise<void> {
  const { REPORTER } = await import('./page-scenarios.ts');
  const c = new pg.Client({ connectionString: dbUrl(db) });
  await c.connect();
  try {
    if ((await c.query('select 1 from app_user where email = $1', [REPORTER.email])).rowCount) return;
  } finally {
    await c.end();
  }
  const r = spawnSync(
    process.execPath,
    [path.join(repoRoot, 'packages/server/dist/cli.js'), 'users:add', '--email', REPORTER.email, '--role', 'REPORTER', '--region', county],
    { input: REPORTER.password, env: { ...process.env, DATABASE_URL: dbUrl(db), HEXIE_DEMO: '0' }, encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`hexie users:add failed: ${r.stderr || r.stdout}`);
}
