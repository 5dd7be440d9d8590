import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Orm } from '../db/orm.js';
import { REPLICA_CHECK_MS } from '../db/replicas.js';
import { createTestDatabase, rawQuery, type TestDatabase } from '../test/databases.js';
import { buildApp } from './app.js';

const XINDU = '510114';
const PERIOD = '2024-03';
const PIN_MS = 1_500;
const OBSERVATIONS = `query ($r: String!, $p: String!) { observations(region: $r, period: $p) { value indicator { code } } }`;

/**
 * Read replicas without a standby's timing: the "replica" is a second database that never receives
 * the primary's writes, so which server answered is plain from the answer.
 */
describe.runIf(!!process.env.TEST_DATABASE_URL)('read replicas (DATABASE_READ_URLS) on postgresql', () => {
  let primary: TestDatabase;
  let replica: TestDatabase;
  let orm: Orm;
  let app: FastifyInstance;
  let replicaOpen = true;

  const gql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', ...(token && { authorization: `Bearer ${token}` }) },
      payload: JSON.stringify({ query, variables }),
    });
    const body = response.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  const values = async (token: string) =>
    ((await gql(OBSERVATIONS, { r: XINDU, p: PERIOD }, token)).observations as { value: number; indicator: { code: string } }[]).map(
      (o) => `${o.indicator.code}=${o.value}`,
    );

  beforeAll(async () => {
    [primary, replica] = await Promise.all([createTestDatabase('postgresql'), createTestDatabase('postgresql')]);
    orm = await openDatabase({ databaseUrl: primary.databaseUrl, databaseReadUrls: [replica.databaseUrl!], dataDir: '' });
    app = await buildApp({ orm, readPinMs: PIN_MS });
  });
  afterAll(async () => {
    await app?.close();
    await orm?.close(true);
    await Promise.all([primary?.close(), replicaOpen && replica?.close()]);
  });

  it('writes to the primary, answers queries from the replica, and lets a writer read their write for the pin time', async () => {
    const reporter = await primary.signIn('REPORTER', XINDU);
    const analyst = await primary.signIn('ANALYST', XINDU);

    const saved = await gql(
      `mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`,
      { v: [{ region: XINDU, indicator: 'jobs_posted', period: PERIOD, value: 42 }] },
      reporter,
    );
    expect(saved.saveObservations).toEqual([{ status: 'DRAFT' }]);
    const stored = `select value from observation o join indicator i on i.id = o.indicator_id where i.code = 'jobs_posted' and o.region_code = $1`;
    expect(await rawQuery(primary, stored.replace('$1', '?'), [XINDU])).toEqual([{ value: 42 }]);
    expect(await rawQuery(replica, stored.replace('$1', '?'), [XINDU])).toEqual([]);

    // the writer is pinned to the primary: they see their value at once
    const started = Date.now();
    expect(await values(reporter)).toEqual(['jobs_posted=42']);
    // anyone else's query goes to the replica, which has not got it
    expect(await values(analyst)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(PIN_MS);

    // once the pin has passed, the writer reads from the replica too
    await new Promise((resolve) => setTimeout(resolve, PIN_MS + 200));
    expect(await values(reporter)).toEqual([]);
  });

  it('leaves out a replica that stops answering: its reads go to the primary', async () => {
    const analyst = await primary.signIn('ANALYST', XINDU);
    expect(await values(analyst)).toEqual([]); // the replica answers
    replicaOpen = false;
    await replica.close(); // its database is dropped: every connection to it fails
    await new Promise((resolve) => setTimeout(resolve, 2 * REPLICA_CHECK_MS + 200));
    expect(await values(analyst)).toEqual(['jobs_posted=42']);
  });
});
