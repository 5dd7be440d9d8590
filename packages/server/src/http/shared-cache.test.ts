import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, vendors, type TestDatabase } from '../test/databases.js';
import { TestRedis } from '../test/redis-server.js';
import { buildApp } from './app.js';

const XINDU = '510114';
const OBSERVATIONS = `query ($r: String!, $p: String!) { observations(region: $r, period: $p) { value } }`;
const SAVE = `mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`;

/** Two server replicas in one process (same database, same Redis, each its own memory), as behind a load balancer. */
describe.each(vendors)('the response cache shared through Redis (REDIS_URL) on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let redis: TestRedis;
  const replicas: { app: FastifyInstance; log: string[] }[] = [];
  let token: string;

  const post = async (replica: number, query: string, variables: Record<string, unknown>) => {
    const response = await replicas[replica].app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: JSON.stringify({ query, variables }),
    });
    return { status: response.statusCode, cache: response.headers['x-hexie-cache'], body: response.json() };
  };
  const values = (replica: number, period: string) => post(replica, OBSERVATIONS, { r: XINDU, p: period });
  const save = (replica: number, period: string, value: number) =>
    post(replica, SAVE, { v: [{ region: XINDU, indicator: 'jobs_posted', period, value }] });

  beforeAll(async () => {
    [db, redis] = await Promise.all([createTestDatabase(vendor), TestRedis.start()]);
    token = await db.signIn('REPORTER', XINDU);
    for (let i = 0; i < 2; i++) {
      const log: string[] = [];
      const stream = new Writable({ write: (chunk, _encoding, done) => (log.push(String(chunk)), done()) });
      replicas.push({ app: await buildApp({ orm: db.orm, redisUrl: redis.url, logger: { level: 'info', stream } }), log });
    }
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.app.close()));
    await Promise.all([db?.close(), redis?.close()]);
  });

  it('serves an answer made on one replica from the other, and a write through either retires it', async () => {
    expect(await values(0, '2024-01')).toMatchObject({ cache: 'miss', body: { data: { observations: [] } } });
    expect(await values(1, '2024-01')).toMatchObject({ cache: 'hit', body: { data: { observations: [] } } });

    expect((await save(0, '2024-01', 77)).body.errors).toBeUndefined();
    expect(await values(1, '2024-01')).toMatchObject({ cache: 'miss', body: { data: { observations: [{ value: 77 }] } } });
    expect(await values(0, '2024-01')).toMatchObject({ cache: 'hit', body: { data: { observations: [{ value: 77 }] } } });
  });

  it('keeps answering from memory when Redis goes, with one warning per replica, and shares again when it is back', async () => {
    await redis.stop();
    for (let i = 0; i < 3; i++) {
      for (const replica of [0, 1]) expect((await values(replica, '2024-02')).status).toBe(200);
    }
    // each replica now caches for itself: the second ask on the same replica is a hit
    expect((await values(0, '2024-02')).cache).toBe('hit');
    expect((await save(1, '2024-02', 5)).status).toBe(200);
    expect(await values(0, '2024-02')).toMatchObject({ cache: 'miss', body: { data: { observations: [{ value: 5 }] } } });
    for (const { log } of replicas) {
      expect(log.filter((line) => line.includes('Redis is unavailable'))).toHaveLength(1);
    }

    await redis.start();
    const until = Date.now() + 5_000;
    while (!replicas.every(({ log }) => log.some((line) => line.includes('Redis is back: the response cache')))) {
      expect(Date.now()).toBeLessThan(until);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect((await values(1, '2024-03')).cache).toBe('miss');
    expect((await values(0, '2024-03')).cache).toBe('hit');
  });
});
