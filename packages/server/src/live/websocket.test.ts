import type { FastifyInstance } from 'fastify';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../http/app.js';
import { createTestDatabase, vendors, type TestDatabase } from '../test/databases.js';
import { TestRedis } from '../test/redis-server.js';
import { EventBus } from './events.js';
import { LIVE_CHANNEL } from './redis.js';

const XINDU = '510114'; // a county of 成都市
const CHENGDU = '510100';
const ZIGONG = '510300'; // another city of 四川省
const NATION = '100000';

const until = async (condition: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Connection {
  client: Client;
  closed: Promise<{ code: number; reason: string }>;
  acknowledged: Promise<Record<string, unknown> | undefined>;
}

/** A graphql-ws client as a browser or a script would open it: a bearer token, or a cookie sent with an Origin. */
function connect(url: string, { token, cookie, origin }: { token?: string; cookie?: string; origin?: string } = {}): Connection {
  const headers = { ...(cookie ? { cookie: `hexie_session=${cookie}` } : {}), ...(origin ? { origin } : {}) };
  let closed!: (event: { code: number; reason: string }) => void;
  let acknowledged!: (payload: Record<string, unknown> | undefined) => void;
  const connection = {
    closed: new Promise<{ code: number; reason: string }>((resolve) => (closed = resolve)),
    acknowledged: new Promise<Record<string, unknown> | undefined>((resolve) => (acknowledged = resolve)),
  };
  const client = createClient({
    url,
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols: string | string[]) {
        super(address, protocols, { headers });
      }
    },
    connectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
    lazy: false,
    onNonLazyError: () => {},
    retryAttempts: 0,
    on: {
      connected: (_socket, payload) => acknowledged(payload as Record<string, unknown> | undefined),
      closed: (event) => closed({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }),
    },
  });
  return { client, ...connection };
}

/** Everything a subscription hands its sink. */
function listen(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const next: { data?: any; errors?: readonly any[] }[] = [];
  const errors: any[] = [];
  const dispose = client.subscribe({ query, variables }, { next: (v) => next.push(v), error: (e) => errors.push(e), complete: () => {} });
  return { next, errors, dispose, data: () => next.filter((n) => n.data).map((n) => n.data) };
}

const REPORTS = `subscription ($r: String!) { reportsChanged(region: $r) { region { code } period status previousStatus at } }`;
const DATA = `subscription ($r: String!, $i: [String!]) { dataChanged(region: $r, indicators: $i) { region { code } period indicators { code } } }`;

describe.each(vendors)('subscriptions over WebSocket on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let url: string;
  let origin: string;
  const events = new EventBus();
  const tokens: Record<string, string> = {};
  let month = 0;

  const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: { query, variables },
    });
    const body = res.json();
    if (body.errors) throw new Error(JSON.stringify(body.errors));
    return body.data;
  };
  /** A report of 新都区 for a new month with one value, submitted and approved through the API. */
  const approveNewReport = async (value: number) => {
    const period = `2019-${String(++month).padStart(2, '0')}`;
    await gql(
      `mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`,
      { v: [{ region: XINDU, indicator: 'jobs_posted', period, value }] },
      tokens.reporter,
    );
    await gql(
      `mutation ($r: String!, $p: String!) { submitReport(region: $r, period: $p) { status } }`,
      { r: XINDU, p: period },
      tokens.reporter,
    );
    await gql(
      `mutation ($r: String!, $p: String!) { approveReport(region: $r, period: $p) { status } }`,
      { r: XINDU, p: period },
      tokens.approver,
    );
    return period;
  };

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    app = await buildApp({ orm: db.orm, events, limits: { live: { connectionsPerIp: 12, subscriptionsPerConnection: 3 } } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as { port: number };
    url = `ws://127.0.0.1:${port}/graphql`;
    origin = `http://127.0.0.1:${port}`;
    tokens.reporter = await db.signIn('REPORTER', XINDU);
    tokens.approver = await db.signIn('APPROVER', NATION);
    tokens.chengdu = await db.signIn('APPROVER', CHENGDU);
    tokens.zigong = await db.signIn('APPROVER', ZIGONG);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('tells each subscriber what its permissions allow: pending moves in scope, approvals to all', async () => {
    const chengdu = connect(url, { token: tokens.chengdu });
    const zigong = connect(url, { token: tokens.zigong });
    const anonymous = connect(url);
    expect(await chengdu.acknowledged).toEqual({ signedIn: true });
    expect(await anonymous.acknowledged).toEqual({ signedIn: false });
    const inScope = listen(chengdu.client, REPORTS, { r: CHENGDU });
    const outOfScope = listen(zigong.client, REPORTS, { r: NATION });
    const outOfScopeData = listen(zigong.client, DATA, { r: ZIGONG });
    const publicReports = listen(anonymous.client, REPORTS, { r: NATION });
    const publicData = listen(anonymous.client, DATA, { r: NATION, i: ['jobs_posted'] });
    const otherIndicator = listen(anonymous.client, DATA, { r: NATION, i: ['wage_arrears_recovered'] });
    await until(() => events.listeners('reportChanged') === 3 && events.listeners('dataChanged') === 3);

    const period = await approveNewReport(42);
    await until(() => inScope.next.length === 2 && publicData.next.length === 1);
    await pause(200); // time enough for anything else to arrive
    expect(inScope.data().map((d) => d.reportsChanged)).toEqual([
      { region: { code: XINDU }, period, status: 'SUBMITTED', previousStatus: 'DRAFT', at: expect.any(String) },
      { region: { code: XINDU }, period, status: 'APPROVED', previousStatus: 'SUBMITTED', at: expect.any(String) },
    ]);
    // the public and a user outside the scope hear of the approval, not of the submission
    for (const heard of [publicReports, outOfScope]) {
      expect(heard.data().map((d) => [d.reportsChanged.status, d.reportsChanged.region.code])).toEqual([['APPROVED', XINDU]]);
    }
    expect(publicData.data()).toEqual([{ dataChanged: { region: { code: XINDU }, period, indicators: [{ code: 'jobs_posted' }] } }]);
    expect(outOfScopeData.next).toEqual([]); // 新都区 is not in 自贡市
    expect(otherIndicator.next).toEqual([]);
    for (const c of [chengdu, zigong, anonymous]) c.client.dispose();
    await until(() => events.listeners('reportChanged') === 0 && events.listeners('dataChanged') === 0);
  });

  it('refuses a forged token, and the session cookie from another origin', async () => {
    const forged = connect(url, { token: 'forged-token-0123456789' });
    expect(await forged.closed).toEqual({ code: 4401, reason: 'The bearer token is invalid, expired or revoked: sign in again' });

    const hijack = connect(url, { cookie: tokens.chengdu, origin: 'https://evil.example' });
    const refused = await hijack.closed;
    expect(refused.code).toBe(4403);
    expect(refused.reason).toMatch(/session cookie counts only from this hub’s pages; send a bearer token/);
    expect(await connect(url, { cookie: tokens.chengdu }).closed).toMatchObject({ code: 4403 }); // no Origin: no cookie

    // the dashboard's own page: signed in by its cookie, hears pending moves
    const own = connect(url, { cookie: tokens.chengdu, origin });
    expect(await own.acknowledged).toEqual({ signedIn: true });
    const moves = listen(own.client, REPORTS, { r: XINDU });
    await until(() => events.listeners('reportChanged') === 1);
    await approveNewReport(7);
    await until(() => moves.next.length === 2);
    expect(moves.data().map((d) => d.reportsChanged.status)).toEqual(['SUBMITTED', 'APPROVED']);
    own.client.dispose();
  });

  it('validates subscriptions like queries, with clear errors', async () => {
    const { client } = connect(url);
    const errorOf = async (query: string, variables: Record<string, unknown> = {}) => {
      const sub = listen(client, query, variables);
      await until(() => sub.errors.length > 0 || sub.next.some((n) => n.errors));
      return sub.errors[0]?.[0] ?? sub.next.find((n) => n.errors)!.errors![0];
    };
    expect(await errorOf(REPORTS, { r: '999999' })).toMatchObject({
      message: 'Unknown region code "999999": use a six-digit GB/T 2260 code such as 510114.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await errorOf(DATA, { r: NATION, i: ['no_such_indicator'] })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await errorOf(REPORTS, { r: 'x'.repeat(101) })).toMatchObject({
      message: 'Argument "region" of Subscription.reportsChanged is 101 characters long; at most 100 are allowed.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(await errorOf(REPORTS, { r: '5101\u000014' })).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await errorOf(REPORTS, {})).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await errorOf('{ regions(level: PROVINCE) { code } }')).toMatchObject({
      message: 'Only subscriptions run over WebSocket: send queries and mutations as HTTP POST /graphql.',
      extensions: { code: 'BAD_REQUEST' },
    });
    const deep = `subscription { dataChanged(region: "${NATION}") { region { ${'parent { '.repeat(11)}code${' }'.repeat(11)} } } }`;
    expect(await errorOf(deep)).toMatchObject({ extensions: { code: 'QUERY_TOO_DEEP' } });
    expect(await errorOf('subscription { nope }')).toMatchObject({ message: expect.stringMatching(/Cannot query field "nope"/) });
    client.dispose();
  });

  it('caps subscriptions per connection, connections per address, and the message size', async () => {
    const { client } = connect(url);
    const subs = [1, 2, 3].map(() => listen(client, DATA, { r: NATION }));
    await until(() => events.listeners('dataChanged') === 3);
    const fourth = listen(client, DATA, { r: NATION });
    await until(() => fourth.errors.length > 0);
    expect(fourth.errors[0][0]).toMatchObject({
      message: 'This connection already runs 3 subscriptions, the most allowed: complete one first.',
      extensions: { code: 'TOO_MANY_SUBSCRIPTIONS' },
    });
    subs[0].dispose();
    await until(() => events.listeners('dataChanged') === 2);
    const again = listen(client, DATA, { r: NATION });
    await until(() => events.listeners('dataChanged') === 3);
    expect(again.errors).toEqual([]);
    client.dispose();

    const sockets = await Promise.all(
      Array.from({ length: 12 }, () => {
        const socket = new WebSocket(url, 'graphql-transport-ws');
        return new Promise<WebSocket>((resolve) => socket.once('open', () => resolve(socket)));
      }),
    );
    const extra = new WebSocket(url, 'graphql-transport-ws');
    const [code, reason] = await new Promise<[number, string]>((resolve) => extra.once('close', (c, r) => resolve([c, String(r)])));
    expect([code, reason]).toEqual([4429, 'Too many live connections from your address: at most 12']);
    const big = sockets[0];
    const closed = new Promise<number>((resolve) => big.once('close', (c) => resolve(c)));
    big.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(70_000) } }));
    expect(await closed).toBe(1009); // message too big
    for (const s of sockets) s.close();
  });

  it('answers a subscription sent over HTTP with where to send it', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json' },
      payload: { query: REPORTS, variables: { r: NATION } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({
      message: expect.stringMatching(/Subscriptions run over WebSocket .* at this same path, \/graphql/),
      extensions: { code: 'BAD_REQUEST' },
    });
  });
});

describe('subscriptions across two server replicas through Redis', () => {
  let db: TestDatabase;
  let redis: TestRedis;
  let a: FastifyInstance;
  let b: FastifyInstance;
  const busB = new EventBus();

  beforeAll(async () => {
    redis = await TestRedis.start();
    db = await createTestDatabase('pglite');
    a = await buildApp({ orm: db.orm, redisUrl: redis.url });
    b = await buildApp({ orm: db.orm, redisUrl: redis.url, events: busB });
    await b.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.close();
    await redis?.close();
  });

  it('tells a subscriber of replica B of an approval made through replica A', async () => {
    const reporter = await db.signIn('REPORTER', XINDU);
    const approver = await db.signIn('APPROVER', NATION);
    const { port } = b.server.address() as { port: number };
    const { client } = connect(`ws://127.0.0.1:${port}/graphql`);
    const data = listen(client, DATA, { r: NATION });
    await until(() => busB.listeners('dataChanged') === 1);
    for (let i = 0; (await redis.subscribers(LIVE_CHANNEL)) < 2; i++) await pause(20);
    const post = (query: string, token: string) =>
      a.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: { query },
      });
    await post(
      `mutation { saveObservations(values: [{ region: "${XINDU}", indicator: "jobs_posted", period: "2018-03", value: 5 }]) { status } }`,
      reporter,
    );
    await post(`mutation { submitReport(region: "${XINDU}", period: "2018-03") { status } }`, reporter);
    const approved = await post(`mutation { approveReport(region: "${XINDU}", period: "2018-03") { status } }`, approver);
    expect(approved.json().data.approveReport.status).toBe('APPROVED');
    await until(() => data.next.length === 1, 2000);
    expect(data.data()[0].dataChanged).toMatchObject({ region: { code: XINDU }, period: '2018-03' });
    client.dispose();
  });
});
