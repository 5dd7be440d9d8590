/**
 * A Hexie cluster on loopback, every part a real process from its Debian package: a PostgreSQL
 * primary and a streaming standby made with pg_basebackup, Redis, Hexie server replicas (the built
 * dist/main.js) and HAProxy in front. Used by the cluster test and the capacity measurement; it
 * imports node built-ins only, so `node` runs it from the bench as well as vitest from here.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The Debian PostgreSQL binaries (the newest installed version), or HEXIE_PG_BIN. */
export const PG_BIN =
  process.env.HEXIE_PG_BIN ??
  `/usr/lib/postgresql/${
    (existsSync('/usr/lib/postgresql') ? readdirSync('/usr/lib/postgresql') : ['15']).sort((x, y) => Number(y) - Number(x))[0]
  }/bin`;
const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
export const serverMain = path.join(repoRoot, 'packages/server/dist/main.js');
export const DATABASE = 'hexie_cluster';
const ADMIN = { email: 'admin@cluster.test', password: 'cluster admin password' };

export interface ClusterOptions {
  /** First of the ports used (the cluster takes base..base+20). */
  basePort?: number;
  /** How many Hexie server replicas. */
  replicas?: number;
  /** Load the demo data (minutes on a busy machine); without it the database has the reference data and an ADMIN account. */
  demo?: boolean;
  /** Runs once PostgreSQL and the standby are up, before the servers start (e.g. loads a data set into `primaryUrl`). */
  prepare?: (primaryUrl: string) => Promise<void>;
  /** Extra environment for every Hexie replica. */
  env?: Record<string, string>;
}

export interface HexieReplica {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  log: string;
}

export interface Cluster {
  dir: string;
  primaryUrl: string;
  standbyUrl: string;
  redisUrl: string;
  /** HAProxy's front door. */
  url: string;
  replicas: HexieReplica[];
  haproxyConfig: string;
  /** Accounts: the demo data's by role, or without demo data the first admin (ADMIN). */
  accounts: Map<string, { email: string; password: string }>;
  /** SQL on the primary (port of the standby with `standby: true`) through psql: rows of tab-separated fields. */
  sql(query: string, options?: { standby?: boolean }): string[][];
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  /** SIGKILL, as a crash. */
  kill(replica: HexieReplica): Promise<void>;
  /** Everything stopped and the folder removed; safe to call twice. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { encoding: 'utf8', env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

/** PostgreSQL refuses to run as root: as root, its commands run as the postgres user. */
const asRoot = process.getuid?.() === 0;
const pgCommand = (tool: string, args: string[]): [string, string[]] =>
  asRoot ? ['runuser', ['-u', 'postgres', '--', `${PG_BIN}/${tool}`, ...args]] : [`${PG_BIN}/${tool}`, args];
const pg = (tool: string, args: string[]) => run(...pgCommand(tool, args));

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, log?: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  const tail = log && existsSync(log) ? `\n--- ${log} ---\n${readFileSync(log, 'utf8').slice(-3000)}` : '';
  throw new Error(`${what} did not come up in ${timeoutMs / 1000} s${tail}`);
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

async function stopChild(child: ChildProcess | undefined, signal: NodeJS.Signals = 'SIGTERM', graceMs = 5_000): Promise<void> {
  if (!child || exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  await Promise.race([gone, sleep(graceMs)]);
  if (!exited(child)) {
    child.kill('SIGKILL');
    await gone;
  }
}

/** HAProxy in front of the replicas: round robin, /readyz health checks twice a second, retries elsewhere when a connection fails. */
export function haproxyConfig(front: number, servers: { name: string; port: number }[]): string {
  return `global
  maxconn 4096

defaults
  mode http
  option http-keep-alive
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  # WebSocket subscriptions stay open
  timeout tunnel 1h
  # a request whose connection failed (the server is down) is sent to another server
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response

frontend hexie
  bind 127.0.0.1:${front}
  default_backend hexie_replicas

backend hexie_replicas
  balance roundrobin
  option httpchk GET /readyz
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
${servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port} check`).join('\n')}
`;
}

/** Starts the whole cluster; on any failure whatever was started is stopped again. */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const base = options.basePort ?? 5500;
  const count = options.replicas ?? 2;
  const ports = { primary: base + 1, standby: base + 2, redis: base + 3, haproxy: base + 10 };
  if (!existsSync(serverMain)) throw new Error(`${serverMain} is missing: run pnpm --filter @hexie/server build first`);
  const dir = mkdtempSync(path.join(tmpdir(), 'hexie-cluster-'));
  const children: ChildProcess[] = [];
  const pgDirs: string[] = [];
  let redis: ChildProcess | undefined;
  let stopped = false;

  // if the test process itself ends (a crash, ^C), the servers go with it
  const stopNow = () => {
    for (const child of [...children, redis]) if (child && !exited(child)) child.kill('SIGKILL');
    for (const data of pgDirs) spawnSync(...pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', stopNow);
    await Promise.all(children.map((child) => stopChild(child)));
    await stopChild(redis);
    for (const data of pgDirs.reverse()) {
      spawnSync(...pgCommand('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']), { stdio: 'ignore' });
    }
    rmSync(dir, { recursive: true, force: true });
  };

  const startRedis = async () => {
    const log = path.join(dir, 'redis.log');
    redis = spawn(
      'redis-server',
      [
        '--port',
        String(ports.redis),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--maxmemory',
        '256mb',
        '--maxmemory-policy',
        'allkeys-lru',
      ],
      {
        stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')],
      },
    );
    await waitFor('redis-server', () => /Ready to accept connections/.test(readFileSync(log, 'utf8')), 10_000, log);
  };

  try {
    // the primary (its folders belong to the user PostgreSQL runs as)
    const pgRoot = path.join(dir, 'pg');
    mkdirSync(pgRoot);
    if (asRoot) {
      chmodSync(dir, 0o755);
      run('chown', ['postgres', pgRoot]);
    }
    const primary = path.join(pgRoot, 'primary');
    pg('initdb', ['-D', primary, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
    const settings = `port = ${ports.primary}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '${pgRoot}'\nfsync = off\nmax_connections = 200\n`;
    appendFileSync(path.join(primary, 'postgresql.conf'), settings);
    pgDirs.push(primary);
    pg('pg_ctl', ['-D', primary, '-l', path.join(pgRoot, 'primary.log'), '-w', 'start']);
    pg('createdb', ['-h', '127.0.0.1', '-p', String(ports.primary), '-U', 'postgres', DATABASE]);

    // the standby: a base backup that follows the primary (-R writes primary_conninfo and standby.signal)
    const standby = path.join(pgRoot, 'standby');
    pg('pg_basebackup', ['-h', '127.0.0.1', '-p', String(ports.primary), '-U', 'postgres', '-D', standby, '-R', '-X', 'stream']);
    appendFileSync(path.join(standby, 'postgresql.conf'), `port = ${ports.standby}\n`);
    pgDirs.push(standby);
    pg('pg_ctl', ['-D', standby, '-l', path.join(pgRoot, 'standby.log'), '-w', 'start']);

    await startRedis();

    const primaryUrl = `postgres://postgres@127.0.0.1:${ports.primary}/${DATABASE}`;
    const standbyUrl = `postgres://postgres@127.0.0.1:${ports.standby}/${DATABASE}`;
    await options.prepare?.(primaryUrl);
    const redisUrl = `redis://127.0.0.1:${ports.redis}`;
    const replicas: HexieReplica[] = [];
    // one at a time: the first migrates and loads the demo data, the others find it there
    for (let i = 0; i < count; i++) {
      const name = String.fromCharCode(97 + i); // a, b, …
      const port = base + 11 + i;
      const log = path.join(dir, `hexie-${name}.log`);
      const dataDir = path.join(dir, `data-${name}`);
      mkdirSync(dataDir);
      const child = spawn(process.execPath, ['--enable-source-maps', serverMain], {
        cwd: path.dirname(serverMain),
        env: {
          ...process.env,
          NODE_ENV: 'production',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: primaryUrl,
          DATABASE_READ_URLS: standbyUrl,
          REDIS_URL: redisUrl,
          HEXIE_DATA_DIR: dataDir,
          HEXIE_TRUST_PROXY: '127.0.0.1',
          LOG_LEVEL: 'info',
          HEXIE_DEMO: options.demo ? '1' : '0',
          ...(!options.demo && { HEXIE_ADMIN_EMAIL: ADMIN.email, HEXIE_ADMIN_PASSWORD: ADMIN.password }),
          ...options.env,
        },
        stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')],
      });
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      await waitFor(
        `Hexie replica ${name}`,
        async () => {
          if (exited(child)) throw new Error('exited');
          return (await fetch(`${url}/readyz`)).ok;
        },
        300_000,
        log,
      );
      replicas.push({ name, port, url, child, log });
    }

    const accounts = new Map<string, { email: string; password: string }>();
    if (!options.demo) accounts.set('ADMIN', ADMIN);
    else
      for (const line of readFileSync(path.join(dir, 'data-a', 'demo-accounts.txt'), 'utf8').split('\n')) {
        const [role, email, password] = line.split('\t');
        if (email?.includes('@')) accounts.set(role, { email, password });
      }

    const haproxyConfigText = haproxyConfig(
      ports.haproxy,
      replicas.map((r) => ({ name: r.name, port: r.port })),
    );
    const cfg = path.join(dir, 'haproxy.cfg');
    writeFileSync(cfg, haproxyConfigText);
    const haproxyLog = path.join(dir, 'haproxy.log');
    const haproxy = spawn('haproxy', ['-f', cfg, '-db'], { stdio: ['ignore', openSync(haproxyLog, 'a'), openSync(haproxyLog, 'a')] });
    children.unshift(haproxy);
    const url = `http://127.0.0.1:${ports.haproxy}`;
    await waitFor('HAProxy', async () => (await fetch(`${url}/readyz`)).ok, 20_000, haproxyLog);

    const sql = (query: string, { standby: onStandby = false } = {}) =>
      run('psql', [
        '-h',
        '127.0.0.1',
        '-p',
        String(onStandby ? ports.standby : ports.primary),
        '-U',
        'postgres',
        '-d',
        DATABASE,
        '-AtF',
        '\t',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        query,
      ])
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t'));

    return {
      dir,
      primaryUrl,
      standbyUrl,
      redisUrl,
      url,
      replicas,
      haproxyConfig: haproxyConfigText,
      accounts,
      sql,
      stopRedis: () => stopChild(redis),
      startRedis,
      kill: (replica) => stopChild(replica.child, 'SIGKILL'),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
