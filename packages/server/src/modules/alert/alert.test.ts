import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '../../auth/viewer.js';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../../test/databases.js';
import { indicatorCatalog } from '../indicator/indicator.catalog.js';
import { regionTree } from '../region/region.tree.js';
import { AlertEngine } from './alert.engine.js';
import { webhookSettings, webhookUrlProblem } from './alert.webhook.js';

const CHENGDU = '510100';
const XINDU = '510114';
const JINJIANG = '510104';
const WUHOU = '510107';
const ZIGONG = '510300';

/** The month it is in China (YYYY-MM) and the end of the 10th of the next month (its reports' deadline), computed here. */
function currentPeriod() {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(new Date())
    .split('-')
    .map(Number);
  // 00:00 on the 11th of the next month in UTC+8 = 16:00 UTC on the 10th
  return { period: `${y}-${String(m).padStart(2, '0')}`, deadline: new Date(Date.UTC(y, m, 10, 16)) };
}

const RULE = `mutation ($i: AlertRuleInput!) { createAlertRule(input: $i) { rule { id kind name threshold webhookUrl region { code } indicator { code } } webhookSecret } }`;
const ALERTS = `query { alerts(limit: 200) { id kind ruleName period message messageEn read webhookState region { code } } }`;

describe.each(vendors)('alerts on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  const tokens: Record<string, string> = {};
  const sql = <T = any>(text: string, params: unknown[] = []) => rawQuery<T>(db, text, params);
  const gql = (source: string, variables: Record<string, unknown>, as?: string) =>
    db.query(source, variables, { token: as ? tokens[as] : undefined }) as Promise<{ data?: any; errors?: any[] }>;
  const ok = async (source: string, variables: Record<string, unknown>, as: string) => {
    const result = await gql(source, variables, as);
    if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return result.data;
  };
  const engine = async () => {
    const em = db.orm.em.fork() as never;
    return new AlertEngine(em, await regionTree(em), await indicatorCatalog(em));
  };
  const createRule = async (input: Record<string, unknown>, as = 'analyst') => (await ok(RULE, { i: input }, as)).createAlertRule;
  const alertsOf = async (ruleId: number) =>
    sql<{ region_code: string; period: string; message: string; details: string }>(
      'select region_code, period, message, details from alert where rule_id = ? order by id',
      [ruleId],
    );
  /** Enters values, submits and (unless told otherwise) approves one report. */
  const report = async (region: string, period: string, values: Record<string, number>, approve = true) => {
    const v = Object.entries(values).map(([indicator, value]) => ({ region, indicator, period, value }));
    await ok(`mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`, { v }, 'reporter');
    await ok(
      `mutation ($r: String!, $p: String!) { submitReport(region: $r, period: $p) { status } }`,
      { r: region, p: period },
      'reporter',
    );
    if (approve) await approve_(region, period);
  };
  const approve_ = (region: string, period: string) =>
    ok(`mutation ($r: String!, $p: String!) { approveReport(region: $r, period: $p) { status } }`, { r: region, p: period }, 'approver');

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    tokens.reporter = await db.signIn('REPORTER', '100000');
    tokens.approver = await db.signIn('APPROVER', '100000');
    tokens.analyst = await db.signIn('ANALYST', '510000');
    tokens.admin = await db.signIn('ADMIN', '100000');
    for (const role of ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST', 'VIEWER'] as Role[])
      tokens[`${role}@chengdu`] = await db.signIn(role, CHENGDU);
  });
  afterAll(() => db?.close());
  beforeEach(() => {
    webhookSettings.allowPrivate = false;
  });

  it('YOY_CHANGE: fires once, when a report beyond ±X % is approved in the subtree, and not otherwise', async () => {
    const { rule } = await createRule({
      kind: 'YOY_CHANGE',
      name: '岗位同比异常',
      region: CHENGDU,
      indicator: 'jobs_posted',
      threshold: 50,
    });
    expect(rule).toMatchObject({ kind: 'YOY_CHANGE', threshold: 50, region: { code: CHENGDU }, indicator: { code: 'jobs_posted' } });
    // last year: 100 in each county (no alert: nothing the year before)
    for (const county of [XINDU, JINJIANG, WUHOU]) await report(county, '2018-05', { jobs_posted: 100 });
    await report('510302', '2018-05', { jobs_posted: 100 }); // 自流井区, outside 成都市
    expect(await alertsOf(rule.id)).toEqual([]);

    await report(XINDU, '2019-05', { jobs_posted: 140 }); // +40 %: within ±50 %
    await report('510302', '2019-05', { jobs_posted: 300 }); // +200 %, but outside the subtree
    await report(JINJIANG, '2019-05', { jobs_posted: 160 }, false); // +60 %, submitted only
    expect(await alertsOf(rule.id)).toEqual([]);
    const heard = db.events.subscribe('alertRaised');
    await approve_(JINJIANG, '2019-05');
    // published on the event bus once the alert is stored
    const event = (await heard.next()).value!;
    await heard.return!();
    expect(event).toMatchObject({
      ruleId: rule.id,
      ruleName: '岗位同比异常',
      kind: 'YOY_CHANGE',
      region: JINJIANG,
      period: '2019-05',
      webhook: false,
    });
    await report(WUHOU, '2019-05', { jobs_posted: 30 }); // −70 %
    const fired = await alertsOf(rule.id);
    expect(fired.map((a) => [a.region_code, a.period])).toEqual([
      [JINJIANG, '2019-05'],
      [WUHOU, '2019-05'],
    ]);
    expect(fired[0].message).toMatch(/锦江区 2019-05 发布岗位同比增长 60%/);
    expect(JSON.parse(fired[1].details)).toMatchObject({ value: 30, lastYear: 100, change: -70 });

    // unapproved and approved again: still one alert for the rule × region × period
    await ok(`mutation { unapproveReport(region: "${JINJIANG}", period: "2019-05", reason: "recount") { status } }`, {}, 'approver');
    await ok(`mutation { submitReport(region: "${JINJIANG}", period: "2019-05") { status } }`, {}, 'reporter');
    await approve_(JINJIANG, '2019-05');
    expect(await alertsOf(rule.id)).toHaveLength(2);
  });

  it('TARGET_PACE: fires once when a complete period leaves a target behind its pace', async () => {
    // a target of 1200 recruitment events in 新都区 for 2019: 100 a month keeps the pace
    const [{ id: source }] = await sql<{ id: number }>('select id from source_document order by id limit 1');
    await sql(
      `insert into target (region_code, indicator_id, period_start, period_end, value, unit, qualifier, source_id, quote)
       select ?, id, '2019-01-01', '2019-12-31', 1200, '场', 'exact', ?, 'test' from indicator where code = 'recruitment_events'`,
      [XINDU, source],
    );
    const { rule } = await createRule({
      kind: 'TARGET_PACE',
      name: '招聘进度',
      region: CHENGDU,
      indicator: 'recruitment_events',
      threshold: 10,
    });
    await report(XINDU, '2019-01', { recruitment_events: 100 }); // 8.3 % of the target at 8.3 % of the year
    await report(XINDU, '2019-02', { recruitment_events: 50 }); // 12.5 % at 16.7 %: 4.2 points behind, within 10
    expect(await alertsOf(rule.id)).toEqual([]);
    await report(XINDU, '2019-03', { recruitment_events: 10 }, false);
    expect(await alertsOf(rule.id)).toEqual([]);
    await approve_(XINDU, '2019-03'); // 13.3 % at 25 %: 11.7 points behind
    const fired = await alertsOf(rule.id);
    expect(fired.map((a) => [a.region_code, a.period])).toEqual([[XINDU, '2019-03']]);
    const details = JSON.parse(fired[0].details);
    expect(details.achieved).toBe(160);
    expect(details.progress).toBeCloseTo((160 / 1200) * 100, 1);
    expect(details.pace).toBeCloseTo(25, 1);
    // another county's approval of the same month: not the target's region, nothing new
    await report(JINJIANG, '2019-03', { recruitment_events: 1 });
    expect(await alertsOf(rule.id)).toHaveLength(1);
  });

  it('MISSING_REPORT and TARGET_PACE at a deadline: once it passes, once only', async () => {
    const { period, deadline } = currentPeriod();
    const year = Number(period.slice(0, 4));
    const missing = (await createRule({ kind: 'MISSING_REPORT', name: '新都漏报', region: XINDU })).rule;
    const reported = (await createRule({ kind: 'MISSING_REPORT', name: '锦江漏报', region: JINJIANG })).rule;
    await report(JINJIANG, period, { jobs_posted: 1 }, false); // submitted in time
    // a city-level target for the year with nothing reported: behind the pace at every deadline
    const [{ id: source }] = await sql<{ id: number }>('select id from source_document order by id limit 1');
    await sql(
      `insert into target (region_code, indicator_id, period_start, period_end, value, unit, qualifier, source_id, quote)
       select ?, id, ?, ?, 12, '家', 'exact', ?, 'test' from indicator where code = 'gold_mediation_organizations'`,
      [CHENGDU, `${year}-01-01`, `${year}-12-31`, source],
    );
    const pace = (
      await createRule({ kind: 'TARGET_PACE', name: '金牌调解组织', region: CHENGDU, indicator: 'gold_mediation_organizations' })
    ).rule;
    const e = await engine();

    expect(await e.deadlinesPassed(new Date(deadline.getTime() - 1000))).toEqual([]);
    const raised = await e.deadlinesPassed(new Date(deadline.getTime() + 1000));
    expect(raised.map((a) => [a.ruleId, a.regionCode, a.period]).sort()).toEqual(
      [
        [missing.id, XINDU, period],
        [pace.id, CHENGDU, period],
      ].sort(),
    );
    expect(JSON.parse((await alertsOf(missing.id))[0].details)).toEqual({ missing: [XINDU] });
    expect(await alertsOf(reported.id)).toEqual([]);
    // again, and later: nothing new
    expect(await e.deadlinesPassed(new Date(deadline.getTime() + 5000))).toEqual([]);
    expect(await (await engine()).deadlinesPassed(new Date(deadline.getTime() + 3600_000))).toEqual([]);
  });

  describe('webhooks', () => {
    let server: http.Server;
    let url: string;
    let received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    let answers: number[] = [];
    beforeAll(async () => {
      server = http.createServer((request, response) => {
        let body = '';
        request.on('data', (chunk) => (body += chunk));
        request.on('end', () => {
          received.push({ headers: request.headers, body });
          response.statusCode = answers.shift() ?? 200;
          response.end();
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/hexie`;
    });
    afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('delivers a signed body, retries after a 500 with backoff, and logs every attempt', async () => {
      webhookSettings.allowPrivate = true;
      const { rule, webhookSecret } = await createRule({
        kind: 'YOY_CHANGE',
        name: 'hook',
        region: XINDU,
        indicator: 'employment_intentions',
        threshold: 10,
        webhookUrl: url,
      });
      expect(webhookSecret).toMatch(/^whsec_[\w-]{40,}$/);
      expect(rule.webhookUrl).toBe(url);
      // the secret is shown once: not in the rule as listed
      const listed = await ok(`{ alertRules { id webhookUrl } }`, {}, 'analyst');
      expect(JSON.stringify(listed)).not.toContain(webhookSecret);

      await report(XINDU, '2017-07', { employment_intentions: 10 });
      await report(XINDU, '2018-07', { employment_intentions: 20 }); // +100 %
      const [alert] = await sql<{ id: number; webhook_state: string }>('select id, webhook_state from alert where rule_id = ?', [rule.id]);
      expect(alert.webhook_state).toBe('PENDING');

      received = [];
      answers = [500];
      const start = new Date();
      const e = await engine();
      expect(await e.deliverDue(start)).toBe(1);
      expect(received).toHaveLength(1);
      expect(await e.deliverDue(start)).toBe(0); // not before the backoff
      expect(await e.deliverDue(new Date(start.getTime() + webhookSettings.backoffMs - 1000))).toBe(0);
      expect(await e.deliverDue(new Date(start.getTime() + webhookSettings.backoffMs + 1))).toBe(1);
      expect(received).toHaveLength(2);
      expect(await e.deliverDue(new Date(start.getTime() + 10 * webhookSettings.backoffMs))).toBe(0); // delivered: done

      for (const { headers, body } of received) {
        const timestamp = headers['x-hexie-timestamp'] as string;
        expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60);
        const expected = `sha256=${createHmac('sha256', webhookSecret).update(`${timestamp}.${body}`).digest('hex')}`;
        expect(headers['x-hexie-signature']).toBe(expected);
        expect(headers['content-type']).toBe('application/json');
        const payload = JSON.parse(body);
        expect(payload).toMatchObject({
          type: 'alert.raised',
          rule: { id: rule.id, kind: 'YOY_CHANGE' },
          alert: { id: alert.id, period: '2018-07', region: { code: XINDU } },
        });
        expect(payload.alert.details).toMatchObject({ value: 20, lastYear: 10, change: 100 });
      }
      // a tampered body does not verify
      const { headers, body } = received[0];
      const forged = createHmac('sha256', webhookSecret)
        .update(`${headers['x-hexie-timestamp']}.${body.replace('2018-07', '2018-08')}`)
        .digest('hex');
      expect(headers['x-hexie-signature']).not.toBe(`sha256=${forged}`);

      const log = await ok(`{ alertDeliveries(rule: ${rule.id}) { attempt ok httpStatus error url alertId } }`, {}, 'analyst');
      expect(log.alertDeliveries).toEqual([
        { attempt: 2, ok: true, httpStatus: 200, error: null, url, alertId: alert.id },
        { attempt: 1, ok: false, httpStatus: 500, error: 'HTTP 500', url, alertId: alert.id },
      ]);
      const [after] = await sql<{ webhook_state: string; webhook_attempts: number }>(
        'select webhook_state, webhook_attempts from alert where id = ?',
        [alert.id],
      );
      expect(after).toEqual({ webhook_state: 'DELIVERED', webhook_attempts: 2 });
      const listedAlert = (await ok(ALERTS, {}, 'analyst')).alerts.find((a: any) => a.id === alert.id);
      expect(listedAlert.webhookState).toBe('DELIVERED');
    });

    it('gives up after the last attempt', async () => {
      webhookSettings.allowPrivate = true;
      const { rule } = await createRule({
        kind: 'YOY_CHANGE',
        name: 'down',
        region: XINDU,
        indicator: 'job_fair_visitors',
        threshold: 10,
        webhookUrl: url,
      });
      await report(XINDU, '2017-08', { job_fair_visitors: 10 });
      await report(XINDU, '2018-08', { job_fair_visitors: 40 });
      received = [];
      answers = Array(webhookSettings.maxAttempts).fill(503);
      const e = await engine();
      let now = Date.now();
      for (let i = 0; i < webhookSettings.maxAttempts; i++) {
        expect(await e.deliverDue(new Date(now))).toBe(1);
        now += webhookSettings.backoffMs * 4 ** i + 1;
      }
      expect(await e.deliverDue(new Date(now + 1e12))).toBe(0);
      expect(received).toHaveLength(webhookSettings.maxAttempts);
      const [state] = await sql<{ webhook_state: string }>('select webhook_state from alert where rule_id = ?', [rule.id]);
      expect(state.webhook_state).toBe('FAILED');
    });

    it('refuses loopback, private and non-http(s) URLs unless allowed', async () => {
      for (const bad of [
        'http://127.0.0.1:8080/x',
        'http://localhost/x',
        'http://10.1.2.3/x',
        'http://192.168.0.10/x',
        'http://172.16.5.5/x',
        'http://169.254.169.254/latest/meta-data',
        'http://[::1]/x',
        'http://[fd00::1]/x',
        'http://[::ffff:127.0.0.1]/x',
        'http://0.0.0.0/x',
      ]) {
        expect(await webhookUrlProblem(bad, false), bad).toMatch(/is not public/);
      }
      expect(await webhookUrlProblem('ftp://example.org/x', false)).toMatch(/must be http:\/\/ or https:\/\//);
      expect(await webhookUrlProblem('file:///etc/passwd', false)).toMatch(/must be http:\/\/ or https:\/\//);
      expect(await webhookUrlProblem('not a url', false)).toMatch(/is not a URL/);
      expect(await webhookUrlProblem('https://user:pw@93.184.215.14/x', false)).toMatch(/user name or password/);
      expect(await webhookUrlProblem('https://93.184.215.14/hook', false)).toBeNull();
      expect(await webhookUrlProblem('http://127.0.0.1:8080/x', true)).toBeNull();

      const before = await sql('select count(*)::int as n from alert_rule');
      const refused = await gql(
        RULE,
        { i: { kind: 'MISSING_REPORT', name: 'x', region: XINDU, webhookUrl: 'http://127.0.0.1:9/x' } },
        'analyst',
      );
      expect(refused.errors![0].extensions.code).toBe('BAD_USER_INPUT');
      expect(refused.errors![0].message).toMatch(/Webhook refused: .*127\.0\.0\.1 is a loopback address.*HEXIE_WEBHOOK_ALLOW_PRIVATE/);
      expect(await sql('select count(*)::int as n from alert_rule')).toEqual(before);
    });

    it('refuses, at connect time, a host that resolves to a private address', async () => {
      // allowed when the rule was made (configuration), refused when delivering
      webhookSettings.allowPrivate = true;
      const port = (server.address() as AddressInfo).port;
      const { rule } = await createRule({
        kind: 'YOY_CHANGE',
        name: 'rebind',
        region: XINDU,
        indicator: 'recruitment_events',
        threshold: 1,
        webhookUrl: `http://localhost:${port}/x`,
      });
      await report(XINDU, '2016-09', { recruitment_events: 10 });
      await report(XINDU, '2017-09', { recruitment_events: 20 });
      webhookSettings.allowPrivate = false;
      received = [];
      await (await engine()).deliverDue(new Date());
      expect(received).toHaveLength(0);
      const [attempt] = await sql<{ ok: boolean; error: string }>('select ok, error from webhook_attempt where rule_id = ?', [rule.id]);
      expect(attempt.ok).toBe(false);
      expect(attempt.error).toMatch(/refused: .* is a loopback address/);
    });
  });

  it('lists alerts in scope with read marks; markAlertRead', async () => {
    const analyst = (await ok(ALERTS, {}, 'analyst')).alerts;
    expect(analyst.length).toBeGreaterThan(3);
    const chengdu = (await ok(ALERTS, {}, 'APPROVER@chengdu')).alerts;
    expect(chengdu.every((a: any) => a.region.code.startsWith('5101'))).toBe(true);
    const unread = (await ok('{ unreadAlerts }', {}, 'APPROVER@chengdu')).unreadAlerts;
    expect(unread).toBe(chengdu.length);
    expect((await ok(`mutation ($id: Int) { markAlertRead(id: $id) }`, { id: chengdu[0].id }, 'APPROVER@chengdu')).markAlertRead).toBe(
      unread - 1,
    );
    expect((await ok(ALERTS, {}, 'APPROVER@chengdu')).alerts.find((a: any) => a.id === chengdu[0].id).read).toBe(true);
    // read marks are per user
    expect((await ok('{ unreadAlerts }', {}, 'ADMIN@chengdu')).unreadAlerts).toBe(unread);
    expect((await ok(`mutation { markAlertRead }`, {}, 'APPROVER@chengdu')).markAlertRead).toBe(0);
    expect((await ok(`query { alerts(unread: true) { id } }`, {}, 'APPROVER@chengdu')).alerts).toEqual([]);
    // an alert about 自贡市: the analyst of 四川省 sees it, 成都市's approver neither sees nor marks it
    const zlj = '510302';
    const { rule } = await createRule({ kind: 'YOY_CHANGE', name: '自流井', region: zlj, indicator: 'jobs_posted', threshold: 5 });
    await report(zlj, '2016-05', { jobs_posted: 10 });
    await report(zlj, '2017-05', { jobs_posted: 50 });
    const [{ id }] = await sql<{ id: number }>('select id from alert where rule_id = ?', [rule.id]);
    expect((await ok(ALERTS, {}, 'analyst')).alerts.map((a: any) => a.id)).toContain(id);
    expect((await ok(ALERTS, {}, 'APPROVER@chengdu')).alerts.map((a: any) => a.id)).not.toContain(id);
    const outside = await gql(`mutation { markAlertRead(id: ${id}) }`, {}, 'APPROVER@chengdu');
    expect(outside.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await ok('{ unreadAlerts }', {}, 'APPROVER@chengdu')).unreadAlerts).toBe(0);
  });

  it('is for ANALYST and ADMIN (rules) and ADMIN, APPROVER, ANALYST (alerts), in their scope', async () => {
    const input = { kind: 'MISSING_REPORT', name: 'm', region: XINDU };
    const code = async (source: string, variables: Record<string, unknown>, as?: string) =>
      (await gql(source, variables, as)).errors?.[0]?.extensions?.code ?? 'ok';
    for (const role of ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST', 'VIEWER']) {
      const as = `${role}@chengdu`;
      const manage = ['ADMIN', 'ANALYST'].includes(role) ? 'ok' : 'FORBIDDEN';
      const read = ['ADMIN', 'APPROVER', 'ANALYST'].includes(role) ? 'ok' : 'FORBIDDEN';
      expect(await code(RULE, { i: input }, as), `${role} creates`).toBe(manage);
      expect(await code(RULE, { i: { ...input, region: ZIGONG } }, as), `${role} creates outside`).toBe('FORBIDDEN');
      expect(await code('{ alertRules { id } }', {}, as), `${role} lists rules`).toBe(manage);
      expect(await code(ALERTS, {}, as), `${role} lists alerts`).toBe(read);
      expect(await code('{ unreadAlerts }', {}, as), `${role} counts`).toBe(read);
      expect(await code(`query { alerts(region: "${ZIGONG}") { id } }`, {}, as), `${role} outside`).toBe('FORBIDDEN');
    }
    for (const source of [
      RULE,
      '{ alertRules { id } }',
      ALERTS,
      '{ unreadAlerts }',
      'mutation { markAlertRead }',
      'mutation { deleteAlertRule(id: 1) }',
      '{ alertDeliveries(rule: 1) { id } }',
    ])
      expect(await code(source, { i: input }), source).toBe('UNAUTHENTICATED');

    // a rule of 四川省 is outside 成都市's scope: not deleted by a Chengdu analyst
    const { rule } = await createRule({ kind: 'MISSING_REPORT', name: 'province', region: '510000' });
    expect(await code(`mutation { deleteAlertRule(id: ${rule.id}) }`, {}, 'ANALYST@chengdu')).toBe('FORBIDDEN');
    expect(await code(`mutation { deleteAlertRule(id: ${rule.id}) }`, {}, 'REPORTER@chengdu')).toBe('FORBIDDEN');
    expect(await code(`{ alertDeliveries(rule: ${rule.id}) { id } }`, {}, 'ANALYST@chengdu')).toBe('FORBIDDEN');
    expect(await code(`{ alertDeliveries(rule: ${rule.id}) { id } }`, {}, 'APPROVER@chengdu')).toBe('FORBIDDEN');
    expect(await code(`{ alertDeliveries(rule: ${rule.id}) { id } }`, {}, 'analyst')).toBe('ok');
    expect((await ok(`mutation { deleteAlertRule(id: ${rule.id}) }`, {}, 'analyst')).deleteAlertRule).toBe(true);
    expect(await sql('select id from alert_rule where id = ?', [rule.id])).toEqual([]);
  });

  it('refuses bad rules with what is allowed, storing nothing', async () => {
    const before = await sql('select count(*)::int as n from alert_rule');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ kind: 'YOY_CHANGE', name: 'x', region: XINDU, indicator: 'jobs_posted' }, /needs a threshold in % above 0 and at most 10000/],
      [{ kind: 'YOY_CHANGE', name: 'x', region: XINDU, indicator: 'jobs_posted', threshold: -5 }, /above 0 and at most 10000 .* got -5/],
      [{ kind: 'YOY_CHANGE', name: 'x', region: XINDU, threshold: 5 }, /watches one indicator: give its code/],
      [{ kind: 'YOY_CHANGE', name: 'x', region: XINDU, indicator: 'nope', threshold: 5 }, /Unknown indicator "nope"/],
      [{ kind: 'TARGET_PACE', name: 'x', region: XINDU, indicator: 'jobs_posted', threshold: 150 }, /from 0 to 100, got 150/],
      [{ kind: 'MISSING_REPORT', name: 'x', region: XINDU, indicator: 'jobs_posted' }, /leave indicator out/],
      [{ kind: 'MISSING_REPORT', name: 'x', region: XINDU, threshold: 3 }, /has no threshold/],
      [{ kind: 'MISSING_REPORT', name: '  ', region: XINDU }, /name of 1 to 200 characters/],
      [{ kind: 'MISSING_REPORT', name: 'x', region: '999999' }, /Unknown region code "999999"/],
      [{ kind: 'MISSING_REPORT', name: 'x', region: XINDU, webhookUrl: 'ftp://example.org/' }, /must be http:\/\/ or https:\/\//],
    ];
    for (const [input, message] of cases) {
      const result = await gql(RULE, { i: input }, 'analyst');
      expect(result.errors?.[0]?.message, JSON.stringify(input)).toMatch(message);
      expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
    expect((await gql(RULE, { i: { kind: 'SOMETHING', name: 'x', region: XINDU } }, 'analyst')).errors?.[0]?.message).toMatch(/AlertKind/);
    expect((await gql(`{ alerts(limit: 0) { id } }`, {}, 'analyst')).errors?.[0]?.message).toMatch(/limit must be from 1 to 200, got 0/);
    expect((await gql(`mutation { deleteAlertRule(id: 999999) }`, {}, 'analyst')).errors?.[0]?.message).toMatch(/No alert rule 999999/);
    expect((await gql(`mutation { markAlertRead(id: 999999) }`, {}, 'analyst')).errors?.[0]?.message).toMatch(/No alert 999999/);
    expect(await sql('select count(*)::int as n from alert_rule')).toEqual(before);
  });
});
