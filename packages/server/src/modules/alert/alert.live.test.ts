import type { FastifyInstance } from 'fastify';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildApp } from '../../http/app.js';
import { EventBus } from '../../live/events.js';
import { createTestDatabase, vendors, type TestDatabase } from '../../test/databases.js';

const XINDU = '510114';
const CHENGDU = '510100';
const ZIGONG = '510300';

const until = async (condition: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** A graphql-ws client as a script opens it (a bearer token in the connection parameters). */
function connect(url: string, token?: string): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : undefined,
    lazy: false,
    onNonLazyError: () => {},
    retryAttempts: 0,
  });
}

const ALERT_RAISED = `subscription { alertRaised { id kind ruleName period message read webhookState region { code } } }`;

function listen(client: Client, query: string) {
  const data: any[] = [];
  const errors: any[] = [];
  const dispose = client.subscribe(
    { query },
    { next: (v) => (v.data ? data.push(v.data) : errors.push(...(v.errors ?? []))), error: (e) => errors.push(e), complete: () => {} },
  );
  return { data, errors, dispose };
}

describe.each(vendors)('the alertRaised subscription on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let url: string;
  const tokens: Record<string, string> = {};
  const clients: Client[] = [];

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
  const report = async (period: string, value: number) => {
    await gql(
      `mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`,
      { v: [{ region: XINDU, indicator: 'jobs_posted', period, value }] },
      tokens.reporter,
    );
    await gql(`mutation ($p: String!) { submitReport(region: "${XINDU}", period: $p) { status } }`, { p: period }, tokens.reporter);
    await gql(`mutation ($p: String!) { approveReport(region: "${XINDU}", period: $p) { status } }`, { p: period }, tokens.approver);
  };

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    app = await buildApp({ orm: db.orm, events: new EventBus() });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `ws://127.0.0.1:${(app.server.address() as { port: number }).port}/graphql`;
    tokens.reporter = await db.signIn('REPORTER', XINDU);
    tokens.approver = await db.signIn('APPROVER', CHENGDU);
    tokens.analyst = await db.signIn('ANALYST', '510000');
    tokens.zigong = await db.signIn('ANALYST', ZIGONG);
    tokens.viewer = await db.signIn('VIEWER', CHENGDU);
  });
  afterAll(async () => {
    for (const client of clients) await client.dispose();
    await app?.close();
    await db?.close();
  });

  it('tells those who may read alerts in the region, once, when the alert is stored; refuses the others', async () => {
    const open = (token?: string) => {
      const client = connect(url, token);
      clients.push(client);
      return listen(client, ALERT_RAISED);
    };
    const analyst = open(tokens.analyst);
    const approver = open(tokens.approver);
    const zigong = open(tokens.zigong);
    const reporter = open(tokens.reporter);
    const viewer = open(tokens.viewer);
    const anonymous = open();
    await until(() => reporter.errors.length > 0 && viewer.errors.length > 0 && anonymous.errors.length > 0);
    expect(reporter.errors[0].message).toMatch(/Reading alerts is for ADMIN or APPROVER or ANALYST; you are REPORTER/);
    expect(viewer.errors[0].message).toMatch(/you are VIEWER/);
    expect(anonymous.errors[0].message).toMatch(/Sign in first/);
    // the subscriptions are in place once a first event reaches them: wait for the server to have them
    await until(() => app.events.listeners('alertRaised') >= 3 + 1); // three subscribers and the webhook scheduler

    const { createAlertRule } = await gql(
      `mutation ($i: AlertRuleInput!) { createAlertRule(input: $i) { rule { id } } }`,
      { i: { kind: 'YOY_CHANGE', name: '新都岗位', region: XINDU, indicator: 'jobs_posted', threshold: 20 } },
      tokens.analyst,
    );
    await report('2018-03', 100);
    await report('2019-03', 150); // +50 %
    await until(() => analyst.data.length > 0 && approver.data.length > 0);
    await report('2019-04', 1); // nothing a year before: no alert
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const heard of [analyst, approver]) {
      expect(heard.data).toEqual([
        {
          alertRaised: {
            id: expect.any(Number),
            kind: 'YOY_CHANGE',
            ruleName: '新都岗位',
            period: '2019-03',
            message: expect.stringContaining('新都区 2019-03 发布岗位同比增长 50%'),
            read: false,
            webhookState: null,
            region: { code: XINDU },
          },
        },
      ]);
    }
    expect(zigong.data).toEqual([]);
    const stored = await gql(`{ alerts { id } }`, {}, tokens.analyst);
    expect(stored.alerts.map((a: { id: number }) => a.id)).toEqual([analyst.data[0].alertRaised.id]);
    expect(createAlertRule.rule.id).toBeGreaterThan(0);
  });
});
