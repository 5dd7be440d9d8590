import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataVersionOf, openDatabase, type Orm } from '../db/orm.js';
import { createTestDatabase, rawQuery, type TestDatabase } from '../test/databases.js';
import { buildApp } from './app.js';
import { memoryStore } from './response-cache.js';

const JOBS = '{ series(indicator: "jobs_posted", region: "510000", from: "2024-01", to: "2024-01", grain: MONTH) { total } }';
const ask = (app: FastifyInstance, query = JOBS) =>
  app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query }) });
const answer = async (app: FastifyInstance) => {
  const response = await ask(app);
  return { cache: response.headers['x-hexie-cache'], total: response.json().data.series.total as number | null };
};
const until = async (what: string, ok: () => boolean | Promise<boolean>, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('memory store', () => {
  it('keeps at most its byte budget, dropping the least recently used', async () => {
    const store = memoryStore(6_000); // an entry of a quarter of it at most
    const text = (n: number) => `{"data":"${String(n).repeat(600)}"}`; // 1,424 bytes counted (UTF-16 + 200)
    const keys = ['a', 'b', 'c', 'd'];
    for (const [n, key] of keys.entries()) await store.set(key, { version: '1.1', text: text(n) });
    expect(await store.get('a')).toBeDefined(); // a is now the most recently used
    await store.set('e', { version: '1.1', text: text(5) });
    expect(await store.get('b')).toBeUndefined();
    for (const key of ['a', 'c', 'd']) expect((await store.get(key))?.text).toBe(text(keys.indexOf(key)));
    expect((await store.get('e'))?.text).toBe(text(5));
    await store.set('big', { version: '1.1', text: 'x'.repeat(700) }); // over a quarter of the budget
    expect(await store.get('big')).toBeUndefined();
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('response cache with several server processes on one PostgreSQL', () => {
  let db: TestDatabase;
  let second: Orm;
  let one: FastifyInstance;
  let two: FastifyInstance;
  let writer: pg.Client;
  let value = 10;
  /** A write by a third process (its own connection), as a replica or a command-line import would make. */
  const write = async () => {
    value++;
    await writer.query(`update observation set value = $1 where region_code = '510104' and period = '2024-01-01' and indicator_id = 2`, [
      value,
    ]);
  };

  beforeAll(async () => {
    db = await createTestDatabase('postgresql');
    await rawQuery(db, `insert into observation (indicator_id, region_code, period, value) values (2, '510104', '2024-01-01', ${value})`);
    second = await openDatabase({ databaseUrl: db.databaseUrl, dataDir: '' });
    one = await buildApp({ orm: db.orm });
    two = await buildApp({ orm: second });
    writer = new pg.Client({ connectionString: db.databaseUrl });
    await writer.connect();
  });
  afterAll(async () => {
    await writer?.end();
    await one?.close();
    await two?.close();
    await second?.close(true);
    await db?.close();
  });

  it("drops every process's cached answers when another process writes", async () => {
    for (const app of [one, two]) {
      expect(await answer(app)).toEqual({ cache: 'miss', total: value });
      expect(await answer(app)).toEqual({ cache: 'hit', total: value });
    }
    await write();
    for (const app of [one, two]) {
      await until('the write is seen', async () => (await answer(app)).total === value);
      expect(await answer(app)).toEqual({ cache: 'hit', total: value });
    }
  });

  it('shows a write made through the process itself on its very next read', async () => {
    await answer(one);
    expect((await answer(one)).cache).toBe('hit');
    await rawQuery(
      db,
      `update observation set value = value + 1 where region_code = '510104' and period = '2024-01-01' and indicator_id = 2`,
    );
    value++;
    expect(await answer(one)).toEqual({ cache: 'miss', total: value });
  });

  it('serves nothing from the cache while not listening, and counts everything as changed once listening again', async () => {
    await answer(two);
    expect((await answer(two)).cache).toBe('hit');
    const versions = dataVersionOf(second);
    const before = versions.token;
    const { rows } = await writer.query<{ n: number }>(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
       where datname = current_database() and application_name = 'hexie data version'`,
    );
    expect(rows[0].n).toBe(2); // both servers' listening connections
    await until('the loss is noticed', () => versions.token === undefined);
    expect((await answer(two)).cache).toBe('miss');
    expect((await answer(two)).cache).toBe('miss');
    await write();
    await until('listening again', () => versions.token !== undefined);
    expect(versions.token).not.toBe(before);
    expect(await answer(two)).toEqual({ cache: 'miss', total: value });
    expect(await answer(two)).toEqual({ cache: 'hit', total: value });
  });
});
