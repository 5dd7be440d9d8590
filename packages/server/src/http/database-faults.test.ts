import net from 'node:net';
import { Writable } from 'node:stream';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { dataVersionOf, openDatabase, type Orm } from '../db/orm.js';
import { createTestDatabase, vendors, type TestDatabase } from '../test/databases.js';
import { buildApp } from './app.js';
import { UNAVAILABLE_MESSAGE_TEXT } from './errors.js';
import { READY_TIMEOUT_MS } from './health.js';

/** Log lines written by the app's pino logger, parsed. */
function logSink() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { lines, logger: { level: 'info', stream } };
}

const QUERY = { query: '{ series(indicator: "jobs_posted", region: "510000", from: "2024-01", to: "2024-03", grain: MONTH) { total } }' };
const OTHER_QUERY = { query: '{ breakdown(indicator: "jobs_posted", region: "510000", from: "2024-01", to: "2024-03") { value } }' };

/**
 * A TCP proxy in front of PostgreSQL that this test can freeze (accepts and never answers, and
 * stops passing data on open connections) or take down (closes every connection and refuses new
 * ones): the database misbehaving without touching the real server.
 */
class FaultyProxy {
  mode: 'forward' | 'frozen' | 'down' = 'forward';
  private readonly sockets = new Set<net.Socket>();
  private server?: net.Server;
  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<number> {
    this.server = net.createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => {});
      if (this.mode === 'down') return void client.destroy();
      if (this.mode === 'frozen') return; // accepted, never answered
      const upstream = net.connect(this.target);
      this.sockets.add(upstream);
      upstream.on('close', () => (this.sockets.delete(upstream), client.destroy()));
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.on('data', (d) => this.mode === 'forward' && upstream.write(d));
      upstream.on('data', (d) => this.mode === 'forward' && client.write(d));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return (this.server!.address() as AddressInfo).port;
  }
  freeze() {
    this.mode = 'frozen';
  }
  down() {
    this.mode = 'down';
    for (const s of this.sockets) s.destroy();
  }
  async stop() {
    for (const s of this.sockets) s.destroy();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

describe.each(vendors.filter((v) => v.vendor === 'postgresql'))('PostgreSQL frozen, down or slow', () => {
  let db: TestDatabase;
  let proxy: FaultyProxy;
  let orm: Orm;
  let app: FastifyInstance;
  let sink: ReturnType<typeof logSink>;
  const timeouts = { connectMs: 500, statementMs: 800 };
  const post = (payload: unknown = QUERY) => app.inject({ method: 'POST', url: '/graphql', payload: payload as object });

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
  });
  afterAll(async () => db?.close());

  const start = async (limits: { timeoutMs?: number } = {}) => {
    const url = new URL(db.databaseUrl!);
    proxy = new FaultyProxy({ host: url.hostname, port: Number(url.port || 5432) });
    url.port = String(await proxy.start());
    url.hostname = '127.0.0.1';
    orm = await openDatabase({ databaseUrl: url.toString(), dataDir: '', timeouts });
    sink = logSink();
    app = await buildApp({ orm, logger: sink.logger, limits });
  };
  afterEach(async () => {
    await app?.close();
    await proxy?.stop();
    await orm?.close(true);
  });

  it('a frozen database: 503 within the connection timeout, /readyz 503 within its own, /healthz ok', async () => {
    await start();
    expect((await post()).statusCode).toBe(200);
    proxy.freeze();
    await orm.em
      .getConnection()
      .execute('select 1')
      .catch(() => {}); // the pooled connection is frozen too
    let started = performance.now();
    // a question for the database (regions are answered from memory)
    const answer = await post(OTHER_QUERY);
    expect(answer.statusCode, answer.body).toBe(503);
    expect(answer.json().errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(performance.now() - started).toBeLessThan(timeouts.statementMs + 1_000 + 1_500);
    started = performance.now();
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.body).toBe('{"status":"unavailable"}');
    expect(performance.now() - started).toBeLessThan(READY_TIMEOUT_MS + 500);
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
  });

  it('a database that went down: 503 at once, logged once for the burst; back when it is back', async () => {
    await start();
    expect((await post()).statusCode).toBe(200);
    expect((await post()).headers['x-hexie-cache']).toBe('hit');
    proxy.down();
    const started = performance.now();
    // a query not asked before (an answer kept by the cache may be served until the process notices, below)
    const answers = await Promise.all(Array.from({ length: 30 }, () => post(OTHER_QUERY)));
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(503);
      expect(answer.json().errors[0]).toEqual({ message: UNAVAILABLE_MESSAGE_TEXT, extensions: { code: 'SERVICE_UNAVAILABLE' } });
      expect(answer.headers['retry-after']).toBe('5');
    }
    expect(performance.now() - started).toBeLessThan(3_000);
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(503);
    expect(ready.body).toBe('{"status":"unavailable"}');
    expect((await app.inject('/healthz')).statusCode).toBe(200);
    // once it knows it cannot hear of writes, nothing is served from the cache either
    expect(dataVersionOf(orm).token).toBeUndefined();
    const cached = await post();
    expect(cached.statusCode).toBe(503);
    expect(cached.headers['x-hexie-cache']).toBe('miss');
    // 32 failures, one line, with the request id and no stack
    const errors = sink.lines.filter((l) => Number(l.level) >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ fault: 'database-unavailable', reqId: expect.any(String) });
    expect(JSON.stringify(errors)).not.toMatch(/\n\s+at /);
    proxy.mode = 'forward';
    const back = await post();
    expect(back.statusCode, back.body).toBe(200);
  });

  it('out of connections: a request that waits too long for one is a 503', async () => {
    await start();
    // hold every connection of the pool (10) in a long statement of our own
    const held = Array.from({ length: 10 }, () =>
      orm.em
        .getConnection()
        .execute('select pg_sleep(0.7)')
        .catch(() => {}),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const answer = await post({ query: '{ regions(parent: "510000") { code } }' });
    expect(answer.statusCode, answer.body).toBe(503);
    expect(answer.json().errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    await Promise.all(held);
    expect((await post()).statusCode).toBe(200);
  });

  it('a statement over statement_timeout is a 503 TIMEOUT, and the request deadline answers TIMEOUT on time', async () => {
    await start({ timeoutMs: 1_500 });
    // a second server whose statements may run long, but whose requests have 600 ms
    const patientOrm = await openDatabase({ databaseUrl: db.databaseUrl, dataDir: '', timeouts: { connectMs: 500, statementMs: 10_000 } });
    const hurried = await buildApp({ orm: patientOrm, limits: { timeoutMs: 600 } });
    const locker = new pg.Client({ connectionString: db.databaseUrl });
    await locker.connect();
    try {
      await locker.query('begin; lock table region in access exclusive mode');
      let started = performance.now();
      const slow = await post({ query: '{ regions(parent: "510000") { code } }' });
      expect(slow.statusCode, slow.body).toBe(503);
      expect(slow.json().errors[0].extensions.code).toBe('TIMEOUT');
      expect(performance.now() - started).toBeLessThan(timeouts.statementMs + 700);

      started = performance.now();
      const late = await hurried.inject({ method: 'POST', url: '/graphql', payload: { query: '{ regions(parent: "510000") { code } }' } });
      expect(late.statusCode, late.body).toBe(503);
      expect(late.json().errors[0]).toMatchObject({ extensions: { code: 'TIMEOUT', limitMs: 600 } });
      expect(late.json().errors[0].message).toMatch(/longer than 0.6 s/);
      expect(performance.now() - started).toBeLessThan(1_200);
    } finally {
      await locker.query('rollback').catch(() => {});
      await locker.end();
    }
    expect((await post()).statusCode).toBe(200);
    expect((await hurried.inject({ method: 'POST', url: '/graphql', payload: QUERY })).statusCode).toBe(200);
    await hurried.close();
    await patientOrm.close(true);
  });
});

describe('PGlite and statement_timeout', () => {
  it('PGlite ignores statement_timeout and blocks the event loop for a statement (why the cost limit matters there)', async () => {
    const db = await createTestDatabase('pglite');
    try {
      const connection = db.orm.em.fork().getConnection();
      await connection.execute('set statement_timeout = 50');
      let ticks = 0;
      const timer = setInterval(() => ticks++, 5);
      const started = performance.now();
      await connection.execute('select pg_sleep(0.3)');
      clearInterval(timer);
      expect(performance.now() - started).toBeGreaterThanOrEqual(290); // not cancelled at 50 ms
      expect(ticks).toBe(0); // no timer ran meanwhile
    } finally {
      await db.close();
    }
  });
});
