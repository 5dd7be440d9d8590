import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Orm } from '../../db/orm.js';
import { loadReferenceData } from '../../db/reference.js';
import { createTestDatabase, vendors, type TestDatabase } from '../../test/databases.js';
import { multipart } from '../../test/multipart.js';
import { regionTree } from '../region/region.tree.js';
import { SessionService } from '../session/session.service.js';
import { UserService } from '../user/user.service.js';

/**
 * kill -9 in the middle of a commit: the real server in its own process (the built dist/main.js),
 * killed once the import's transaction is writing, then started again on the same database.
 */
const serverDir = fileURLToPath(new URL('../../..', import.meta.url));
const PERIOD = '2024-06';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

/** The newest modification time of the files in a folder. */
const lastWrite = (dir: string): number =>
  Math.max(
    0,
    ...readdirSync(dir)
      .map((name) => statSync(path.join(dir, name)))
      .filter((s) => s.isFile())
      .map((s) => s.mtimeMs),
  );

describe.each(vendors)('kill -9 during an import commit on $vendor', ({ vendor }) => {
  let port: number;
  let child: ChildProcess | undefined;
  let env: Record<string, string>;
  let token: string;
  let file: string;
  let rows = 0;
  let dataDir = '';
  let pgDb: TestDatabase | undefined;

  const start = async () => {
    child = spawn(process.execPath, ['dist/main.js'], { cwd: serverDir, env: { ...process.env, ...env }, stdio: 'ignore' });
    for (let i = 0; i < 600; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return;
      } catch {
        /* not yet */
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the server did not start');
  };
  const stop = async () => {
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child!.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  };
  const post = (dryRun: boolean) => {
    const body = multipart({ dryRun: String(dryRun) }, { name: 'nation.csv', bytes: file });
    return fetch(`http://127.0.0.1:${port}/api/imports`, {
      method: 'POST',
      headers: { ...body.headers, authorization: `Bearer ${token}` },
      body: body.payload,
    });
  };
  /** What the database holds of the import, read directly with the server stopped. */
  const traces = async () => {
    const query = async (orm: Orm) => {
      const c = orm.em.fork().getConnection();
      const one = async (sql: string) => Number((await c.execute<{ n: string }[]>(sql))[0].n);
      return {
        observations: await one(`select count(*) as n from observation where period = '${PERIOD}-01'`),
        reports: await one(`select count(*) as n from report where period = '${PERIOD}'`),
        audit: await one(`select count(*) as n from audit_entry where period = '${PERIOD}'`),
        committed: await one(`select count(*) as n from import where status = 'COMMITTED'`),
      };
    };
    if (pgDb) return query(pgDb.orm);
    const orm = await openDatabase({ dataDir });
    try {
      return await query(orm);
    } finally {
      await orm.close(true);
    }
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(serverDir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
      cwd: serverDir,
      stdio: 'inherit',
    });
    port = await freePort();
    let orm: Orm;
    if (vendor === 'postgresql') {
      pgDb = await createTestDatabase('postgresql');
      orm = pgDb.orm;
      env = { PORT: String(port), DATABASE_URL: pgDb.databaseUrl!, HEXIE_DEMO: '0' };
    } else {
      dataDir = mkdtempSync(path.join(tmpdir(), 'hexie-crash-'));
      orm = await openDatabase({ dataDir });
      await loadReferenceData(orm.em.fork() as never);
      env = { PORT: String(port), HEXIE_DATA_DIR: dataDir, HEXIE_DEMO: '0' };
    }
    const em = orm.em.fork() as never;
    await new UserService(em, await regionTree(em)).create(
      { email: 'admin@crash.test', name: 'admin', password: 'a test password', role: 'ADMIN', region: '100000' },
      null,
    );
    token = (await new SessionService(em).signIn('admin@crash.test', 'a test password')).token;
    const counties = (
      await orm.em.fork().getConnection().execute<{ code: string }[]>(`select code from region where level = 'COUNTY' order by code`)
    ).map((r: { code: string }) => r.code);
    const indicators = (
      await orm.em
        .fork()
        .getConnection()
        .execute<{ code: string }[]>(
          `select code from indicator where reporting_level = 'COUNTY' and frequency = 'monthly' and aggregation <> 'ratio' order by id`,
        )
    ).map((r: { code: string }) => r.code);
    const lines = ['region,indicator,period,value'];
    for (const c of counties.slice(0, 2000))
      for (const i of indicators.slice(0, 25)) lines.push(`${c},${i},${PERIOD},${(rows++ % 97) + 1}`);
    file = lines.join('\n');
    if (vendor === 'pglite') await orm.close(true);
    await start();
  }, 600_000);

  afterAll(async () => {
    await stop();
    await pgDb?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('leaves no trace of the commit after a restart, and the same file then commits whole', async () => {
    expect(rows).toBeGreaterThan(40_000);
    const dry = await post(true);
    expect(((await dry.json()) as { problemCount: number }).problemCount).toBe(0);

    // kill the server once the commit's transaction is writing
    let writing: () => Promise<boolean>;
    let admin: pg.Client | undefined;
    if (vendor === 'postgresql') {
      admin = new pg.Client({ connectionString: pgDb!.databaseUrl });
      admin.on('error', () => {}); // the database is dropped at the end
      await admin.connect();
      writing = async () =>
        (
          await admin!.query(
            `select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and query ilike '%insert into observation%'`,
          )
        ).rows[0].n > 0;
    } else {
      // WAL segments have a fixed size: the transaction's first write shows as a newer modification time
      const wal = path.join(dataDir, 'pg_wal');
      const before = lastWrite(wal);
      let first = 0;
      writing = async () => {
        if (!first && lastWrite(wal) > before) first = Date.now();
        return first > 0 && Date.now() - first > 500; // into the writes (the commit's writes take seconds)
      };
    }
    const response = post(false).catch((error) => error as Error);
    let seen = false;
    for (let i = 0; i < 6000 && !seen; i++) {
      seen = await writing();
      if (!seen) await new Promise((r) => setTimeout(r, 5));
    }
    expect(seen).toBe(true);
    const exited = new Promise((r) => child!.once('exit', r));
    process.kill(child!.pid!, 'SIGKILL');
    await exited;
    await admin?.end();
    expect(await response).toBeInstanceOf(Error); // the client never got an answer

    await start(); // recovery
    await stop();
    expect(await traces()).toEqual({ observations: 0, reports: 0, audit: 0, committed: 0 });

    await start();
    const done = (await (await post(false)).json()) as { durationMs: number };
    expect(done).toMatchObject({ committed: true, rows });
    console.log(`${vendor}: a commit of ${rows} rows took ${done.durationMs} ms`);
    await stop();
    expect(await traces()).toEqual({ observations: rows, reports: 2000, audit: rows, committed: 1 });
  }, 600_000);
});
