import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../auth/viewer.js';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../../test/databases.js';
import { regionTree } from '../region/region.tree.js';
import { UserService } from '../user/user.service.js';

const PASSWORD = 'correct horse battery';
const CHENGDU = '510100';
const XINDU = '510114'; // a county of 成都市
const JINJIANG = '510104'; // another county of 成都市
const SICHUAN = '510000';
const NATION = '100000';

/** Sums over what this test wrote; the API must agree at every level. */
const SERIES = `query ($region: String!, $from: String!, $to: String!, $indicator: String!) {
  series(indicator: $indicator, region: $region, from: $from, to: $to, grain: MONTH) { total } }`;

describe.each(vendors)('governance on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let outsideCounty: string; // a county outside 成都市 (in 自贡市)
  const tokens = new Map<string, string>();

  const gql = async (source: string, variables: Record<string, unknown> = {}, as?: string) => {
    const result = await db.query(source, variables, { token: as ? tokens.get(as) : undefined });
    return result as { data?: any; errors?: readonly { message: string; extensions?: any }[] };
  };
  const ok = async (source: string, variables: Record<string, unknown> = {}, as?: string) => {
    const result = await gql(source, variables, as);
    if (result.errors?.length) throw new Error(result.errors.map((e) => `${e.extensions?.code}: ${e.message}`).join('\n'));
    return result.data;
  };
  const code = async (source: string, variables: Record<string, unknown> = {}, as?: string) => {
    const result = await gql(source, variables, as);
    return result.errors?.length ? (result.errors[0].extensions?.code as string) : 'ok';
  };
  const sql = <T = any>(text: string, params: unknown[] = []) => rawQuery<T>(db, text, params);

  const addUser = async (email: string, role: Role, region: string) => {
    const em = db.orm.em.fork() as never;
    await new UserService(em, await regionTree(em)).create({ email, name: email.split('@')[0], password: PASSWORD, role, region }, null);
    const data = await ok(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`, { e: email, p: PASSWORD });
    tokens.set(email, data.login.token);
  };

  const save = (values: object[], as: string) =>
    gql(`mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { region { code } period status } }`, { v: values }, as);
  const move = (mutation: string, region: string, period: string, as: string, reason?: string) =>
    gql(
      `mutation ($r: String!, $p: String!${reason === undefined ? '' : ', $why: String!'}) { ${mutation}(region: $r, period: $p${reason === undefined ? '' : ', reason: $why'}) { status } }`,
      { r: region, p: period, ...(reason === undefined ? {} : { why: reason }) },
      as,
    );
  const total = async (region: string, period: string, indicator = 'jobs_posted') =>
    (await ok(SERIES, { region, from: period, to: period, indicator })).series.total as number | null;

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    [{ code: outsideCounty }] = await sql<{ code: string }>(`select code from region where parent_code = '510300' order by code limit 1`);
    await addUser('admin@test.cn', 'ADMIN', NATION);
    await addUser('reporter@test.cn', 'REPORTER', NATION);
    await addUser('approver@test.cn', 'APPROVER', NATION);
    await addUser('xindu@test.cn', 'REPORTER', XINDU);
    await addUser('chengdu@test.cn', 'APPROVER', CHENGDU);
  });
  afterAll(() => db?.close());

  describe('authorization matrix', () => {
    const ROLES: Role[] = ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST', 'VIEWER'];
    let month = 2000 * 12; // every cell gets report periods of its own
    const nextMonth = () => {
      month++;
      return `${Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}`;
    };
    /** A report of `region` in the given state, made by the nation-wide setup accounts. */
    const prepare = async (region: string, state: 'SUBMITTED' | 'APPROVED') => {
      const period = nextMonth();
      await save([{ region, indicator: 'jobs_posted', period, value: 3 }], 'reporter@test.cn');
      await move('submitReport', region, period, 'reporter@test.cn');
      if (state === 'APPROVED') await move('approveReport', region, period, 'approver@test.cn');
      return period;
    };
    let users = 0;
    type Op = (as: string | undefined, region: string) => Promise<string>;
    const OPS: Record<string, Op> = {
      save: (as, region) =>
        code(
          `mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`,
          { v: [{ region, indicator: 'jobs_posted', period: nextMonth(), value: 1 }] },
          as,
        ),
      submit: async (as, region) => {
        const period = nextMonth();
        await save([{ region, indicator: 'jobs_posted', period, value: 2 }], 'reporter@test.cn');
        return code(
          `mutation ($r: String!, $p: String!) { submitReport(region: $r, period: $p) { status } }`,
          { r: region, p: period },
          as,
        );
      },
      approve: async (as, region) =>
        code(
          `mutation ($r: String!, $p: String!) { approveReport(region: $r, period: $p) { status } }`,
          { r: region, p: await prepare(region, 'SUBMITTED') },
          as,
        ),
      return: async (as, region) =>
        code(
          `mutation ($r: String!, $p: String!) { returnReport(region: $r, period: $p, reason: "x") { status } }`,
          { r: region, p: await prepare(region, 'SUBMITTED') },
          as,
        ),
      unapprove: async (as, region) =>
        code(
          `mutation ($r: String!, $p: String!) { unapproveReport(region: $r, period: $p, reason: "x") { status } }`,
          { r: region, p: await prepare(region, 'APPROVED') },
          as,
        ),
      readPending: async (as, region) =>
        code(
          `query ($r: String!, $p: String!) { observations(region: $r, period: $p) { value } report(region: $r, period: $p) { status entries { value } } }`,
          { r: region, p: await prepare(region, 'SUBMITTED') },
          as,
        ),
      readHistory: async (as, region) =>
        code(
          `query ($r: String!, $p: String!) { reportHistory(region: $r, period: $p) { action } }`,
          { r: region, p: await prepare(region, 'APPROVED') },
          as,
        ),
      queue: (as, region) => code(`query ($r: String!) { reports(region: $r, status: SUBMITTED) { period } }`, { r: region }, as),
      createUser: (as, region) =>
        code(
          `mutation ($i: CreateUserInput!) { createUser(input: $i) { email } }`,
          { i: { email: `new${++users}@test.cn`, name: 'n', password: PASSWORD, role: 'VIEWER', region } },
          as,
        ),
      deactivate: async (as, region) => {
        const email = `victim${++users}@test.cn`;
        const em = db.orm.em.fork() as never;
        await new UserService(em, await regionTree(em)).create({ email, name: 'v', password: PASSWORD, role: 'VIEWER', region }, null);
        return code(`mutation ($e: String!) { deactivateUser(email: $e) { active } }`, { e: email }, as);
      },
      manageAlerts: (as, region) =>
        code(
          `mutation ($i: AlertRuleInput!) { createAlertRule(input: $i) { rule { id } } }`,
          { i: { kind: 'MISSING_REPORT', name: 'missing', region } },
          as,
        ),
      readAlerts: (as, region) => code(`query ($r: String!) { alerts(region: $r) { id } }`, { r: region }, as),
    };
    // in scope: 新都区 (inside 成都市); out of scope: a county of 自贡市
    const may: Record<string, Role[]> = {
      save: ['ADMIN', 'REPORTER'],
      submit: ['ADMIN', 'REPORTER'],
      approve: ['ADMIN', 'APPROVER'],
      return: ['ADMIN', 'APPROVER'],
      unapprove: ['ADMIN', 'APPROVER'],
      readPending: ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST'],
      readHistory: ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST'],
      queue: ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST'],
      createUser: ['ADMIN'],
      deactivate: ['ADMIN'],
      manageAlerts: ['ADMIN', 'ANALYST'],
      readAlerts: ['ADMIN', 'APPROVER', 'ANALYST'],
    };
    beforeAll(async () => {
      for (const role of ROLES) await addUser(`${role.toLowerCase()}@chengdu.cn`, role, CHENGDU);
    });
    const cells = Object.keys(OPS).flatMap((op) => [
      ...ROLES.flatMap((role) => [
        { op, who: role, inScope: true, expected: may[op].includes(role) ? 'ok' : 'FORBIDDEN' },
        { op, who: role, inScope: false, expected: 'FORBIDDEN' },
      ]),
      { op, who: 'anonymous', inScope: true, expected: 'UNAUTHENTICATED' },
    ]);
    it.each(cells)('$op by $who (in scope: $inScope) → $expected', async ({ op, who, inScope, expected }) => {
      const as = who === 'anonymous' ? undefined : `${who.toLowerCase()}@chengdu.cn`;
      expect(await OPS[op](as, inScope ? XINDU : outsideCounty)).toBe(expected);
    });
    it('names what is allowed in a FORBIDDEN message', async () => {
      const out = await save([{ region: outsideCounty, indicator: 'jobs_posted', period: '2019-01', value: 1 }], 'reporter@chengdu.cn');
      expect(out.errors![0].extensions.code).toBe('FORBIDDEN');
      expect(out.errors![0].message).toMatch(/your scope is 成都市 \(510100\)/);
      const role = await move('approveReport', XINDU, '2019-01', 'reporter@chengdu.cn');
      expect(role.errors![0].message).toMatch(/is for ADMIN or APPROVER; you are REPORTER/);
    });
  });

  it('counts a report’s values in every aggregate only while it is approved', async () => {
    const month = '2019-05';
    const values = [
      { region: XINDU, indicator: 'jobs_posted', period: month, value: 123 },
      { region: JINJIANG, indicator: 'jobs_posted', period: month, value: 77 },
    ];
    expect((await save([values[0]], 'xindu@test.cn')).errors).toBeUndefined();
    expect((await save([values[1]], 'reporter@test.cn')).errors).toBeUndefined();
    const levels = [XINDU, CHENGDU, SICHUAN, NATION];
    const totals = () => Promise.all(levels.map((r) => total(r, month)));

    expect(await totals()).toEqual([null, null, null, null]);
    expect((await move('submitReport', XINDU, month, 'xindu@test.cn')).data.submitReport.status).toBe('SUBMITTED');
    expect(await totals()).toEqual([null, null, null, null]);
    expect((await move('approveReport', XINDU, month, 'chengdu@test.cn')).data.approveReport.status).toBe('APPROVED');
    expect(await totals()).toEqual([123, 123, 123, 123]);

    await move('submitReport', JINJIANG, month, 'reporter@test.cn');
    await move('approveReport', JINJIANG, month, 'chengdu@test.cn');
    expect(await totals()).toEqual([123, 200, 200, 200]);
    expect(await total(JINJIANG, month)).toBe(77);

    expect((await move('unapproveReport', XINDU, month, 'approver@test.cn', '数值有误')).data.unapproveReport.status).toBe('RETURNED');
    expect(await totals()).toEqual([null, 77, 77, 77]);

    // returned → edited → submitted → approved again
    expect((await save([{ ...values[0], value: 130 }], 'xindu@test.cn')).errors).toBeUndefined();
    await move('submitReport', XINDU, month, 'xindu@test.cn');
    await move('approveReport', XINDU, month, 'chengdu@test.cn');
    expect(await totals()).toEqual([130, 207, 207, 207]);
    await save([{ region: XINDU, indicator: 'recruitment_events', period: '2019-04', value: 3 }], 'xindu@test.cn');
    const listed = await ok(
      `query ($r: String!, $p: String!) { observations(region: $r, period: $p) { region { code } indicator { code } period value status } }`,
      { r: CHENGDU, p: month },
      'chengdu@test.cn',
    );
    expect(listed.observations).toEqual([
      { region: { code: JINJIANG }, indicator: { code: 'jobs_posted' }, period: month, value: 77, status: 'APPROVED' },
      { region: { code: XINDU }, indicator: { code: 'jobs_posted' }, period: month, value: 130, status: 'APPROVED' },
    ]);
    const drafts = await ok(`{ observations(region: "${XINDU}", period: "2019-04", status: DRAFT) { value status } }`, {}, 'xindu@test.cn');
    expect(drafts.observations).toEqual([{ value: 3, status: 'DRAFT' }]);
  });

  it('locks an approved report and names who approved it', async () => {
    const month = '2019-06';
    await save([{ region: XINDU, indicator: 'jobs_posted', period: month, value: 5 }], 'xindu@test.cn');
    await move('submitReport', XINDU, month, 'xindu@test.cn');
    const submitted = await save([{ region: XINDU, indicator: 'jobs_posted', period: month, value: 6 }], 'xindu@test.cn');
    expect(submitted.errors![0].message).toMatch(/awaits approval/);
    await move('approveReport', XINDU, month, 'chengdu@test.cn');
    const locked = await save([{ region: XINDU, indicator: 'jobs_posted', period: month, value: 6 }], 'xindu@test.cn');
    expect(locked.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(locked.errors![0].extensions.problems[0]).toMatchObject({ index: 0, field: 'period' });
    expect(locked.errors![0].message).toMatch(/locked: approved by chengdu/);
    expect(await total(XINDU, month)).toBe(5);
  });

  it('lets nobody approve a report they submitted', async () => {
    const month = '2019-07';
    await save([{ region: XINDU, indicator: 'jobs_posted', period: month, value: 1 }], 'admin@test.cn');
    await move('submitReport', XINDU, month, 'admin@test.cn');
    const own = await move('approveReport', XINDU, month, 'admin@test.cn');
    expect(own.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(own.errors![0].message).toMatch(/another approver/);
    expect((await move('approveReport', XINDU, month, 'approver@test.cn')).errors).toBeUndefined();

    // nor a report whose values they entered, whoever submitted it
    const other = '2019-11';
    await save([{ region: XINDU, indicator: 'jobs_posted', period: other, value: 999999 }], 'admin@test.cn');
    await move('submitReport', XINDU, other, 'xindu@test.cn');
    expect((await move('approveReport', XINDU, other, 'admin@test.cn')).errors![0].message).toMatch(/You changed values/);
    expect(await total(XINDU, other)).toBeNull();
    // once returned and resubmitted without their values changing again, they may
    await move('returnReport', XINDU, other, 'chengdu@test.cn', '核对');
    await save([{ region: XINDU, indicator: 'jobs_posted', period: other, value: 12 }], 'xindu@test.cn');
    await move('submitReport', XINDU, other, 'xindu@test.cn');
    expect((await move('approveReport', XINDU, other, 'admin@test.cn')).errors).toBeUndefined();
  });

  it('lets one of two simultaneous approvals win and counts the values once', async () => {
    const month = '2019-09';
    await addUser('approver2@test.cn', 'APPROVER', CHENGDU);
    await save([{ region: XINDU, indicator: 'jobs_posted', period: month, value: 41 }], 'xindu@test.cn');
    await move('submitReport', XINDU, month, 'xindu@test.cn');
    const results = await Promise.all([
      move('approveReport', XINDU, month, 'chengdu@test.cn'),
      move('approveReport', XINDU, month, 'approver2@test.cn'),
      save([{ region: XINDU, indicator: 'jobs_posted', period: month, value: 99 }], 'xindu@test.cn'),
    ]);
    expect(results.slice(0, 2).filter((r) => !r.errors).length).toBe(1);
    expect(results.slice(0, 2).find((r) => r.errors)!.errors![0].message).toMatch(
      /is APPROVED; only SUBMITTED reports can become APPROVED/,
    );
    expect(results[2].errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(await total(CHENGDU, month)).toBe(41);
    const approvals = await sql(`select 1 from audit_entry where region_code = ? and period = ? and action = 'APPROVE'`, [XINDU, month]);
    expect(approvals.length).toBe(1);
  });

  it.runIf(vendor === 'postgresql')('waits for a report another transaction holds, then moves it', async () => {
    const month = '2019-10';
    await save([{ region: XINDU, indicator: 'jobs_posted', period: month, value: 8 }], 'xindu@test.cn');
    await move('submitReport', XINDU, month, 'xindu@test.cn');
    const holder = new pg.Client({ connectionString: db.databaseUrl });
    await holder.connect();
    try {
      await holder.query('begin');
      await holder.query(`select 1 from report where region_code = $1 and period = $2 for update`, [XINDU, month]);
      const approval = move('approveReport', XINDU, month, 'chengdu@test.cn');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await holder.query('commit');
      expect((await approval).errors).toBeUndefined();
    } finally {
      await holder.end();
    }
    expect(await total(XINDU, month)).toBe(8);
  });

  it('keeps an append-only audit trail of every value and status change', async () => {
    const month = '2019-08';
    const at = (value: number | null, note?: string) => [{ region: XINDU, indicator: 'jobs_posted', period: month, value, note }];
    await save(at(10, '初报'), 'xindu@test.cn');
    await save(at(12), 'xindu@test.cn');
    await save(at(12), 'xindu@test.cn'); // no change: no entry
    await move('submitReport', XINDU, month, 'xindu@test.cn');
    await move('returnReport', XINDU, month, 'chengdu@test.cn', '请核实');
    await save(at(null), 'xindu@test.cn');
    await save(at(14), 'xindu@test.cn');
    await move('submitReport', XINDU, month, 'xindu@test.cn');
    await move('approveReport', XINDU, month, 'chengdu@test.cn');
    await move('unapproveReport', XINDU, month, 'chengdu@test.cn', '重新核对');

    const history = await ok(
      `query ($r: String!, $p: String!) { reportHistory(region: $r, period: $p) { id action actor before after noteAfter reason user { email } indicator { code } } }`,
      { r: XINDU, p: month },
      'chengdu@test.cn',
    );
    expect(history.reportHistory.map((e: any) => [e.action, e.before, e.after, e.reason, e.user?.email])).toEqual([
      ['CREATE', null, 10, null, 'xindu@test.cn'],
      ['UPDATE', 10, 12, null, 'xindu@test.cn'],
      ['SUBMIT', null, null, null, 'xindu@test.cn'],
      ['RETURN', null, null, '请核实', 'chengdu@test.cn'],
      ['DELETE', 12, null, null, 'xindu@test.cn'],
      ['CREATE', null, 14, null, 'xindu@test.cn'],
      ['SUBMIT', null, null, null, 'xindu@test.cn'],
      ['APPROVE', null, null, null, 'chengdu@test.cn'],
      ['UNAPPROVE', null, null, '重新核对', 'chengdu@test.cn'],
    ]);
    expect(history.reportHistory[0]).toMatchObject({ noteAfter: '初报', indicator: { code: 'jobs_posted' } });
    expect(history.reportHistory[0].actor).toMatch(/xindu <xindu@test.cn>/);
    const ids = history.reportHistory.map((e: any) => e.id);
    expect(ids.every((id: unknown) => typeof id === 'string' && /^\d+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const values = await ok(
      `query ($r: String!, $p: String!) { observationHistory(region: $r, indicator: "jobs_posted", period: $p) { action after } }`,
      { r: XINDU, p: month },
      'xindu@test.cn',
    );
    expect(values.observationHistory.map((e: any) => e.after)).toEqual([10, 12, null, 14]);

    // the database refuses to rewrite history, whoever asks
    const [{ count }] = await sql<{ count: string }>(`select count(*) from audit_entry`);
    await expect(sql(`update audit_entry set actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(sql(`delete from audit_entry`)).rejects.toThrow(/append-only/);
    await expect(sql(`truncate audit_entry`)).rejects.toThrow(/append-only/);
    expect((await sql<{ count: string }>(`select count(*) from audit_entry`))[0].count).toBe(count);

    // a change made outside Hexie still names who made it
    await sql(`update observation set value = 15 where region_code = ? and period = '2019-08-01'`, [XINDU]);
    const [last] = await sql<{ actor: string; action: string }>(`select actor, action from audit_entry order by id desc limit 1`);
    expect(last).toMatchObject({ action: 'UPDATE', actor: expect.stringMatching(/^database role /) });
  });

  it('refuses every wrong value with its index and field, and saves nothing', async () => {
    const before = await sql<{ n: string }>(`select count(*) as n from observation`);
    const good = { region: XINDU, indicator: 'jobs_posted', period: '2018-01', value: 1 };
    const cases: [object, string, RegExp][] = [
      [{ ...good, region: '999999' }, 'region', /Unknown region code "999999"/],
      [{ ...good, indicator: 'nope' }, 'indicator', /Unknown indicator "nope"\. Indicators that are entered: recruitment_events/],
      [{ ...good, indicator: 'mediation_success_rate' }, 'indicator', /computed .* enter mediation_cases_succeeded and mediation_cases/],
      [{ ...good, region: CHENGDU }, 'region', /reported by counties/],
      [{ ...good, indicator: 'skill_competition_events' }, 'region', /reported by provinces/],
      [{ ...good, period: '2018-13' }, 'period', /Invalid period "2018-13"/],
      [{ ...good, period: ' 2018-01' }, 'period', /Invalid period/],
      [{ ...good, period: '2018' }, 'period', /reported monthly: give a month/],
      [
        { ...good, region: SICHUAN, indicator: 'skill_competition_events', period: '2018-01' },
        'period',
        /once a year: give a year like 2018/,
      ],
      [{ ...good, period: '2099-01' }, 'period', /in the future/],
      [{ ...good, value: -1 }, 'value', /negative/],
      [{ ...good, value: 1.5 }, 'value', /whole number/],
      [{ ...good, note: 'x'.repeat(501) }, 'note', /at most 500/],
      [{ ...good, note: 'a\u0000b' }, 'note', /control characters/],
    ];
    const result = await save([good, ...cases.map(([value]) => value), good], 'reporter@test.cn');
    const problems = result.errors![0].extensions.problems as { index: number; field: string; message: string }[];
    expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    cases.forEach(([, field, message], i) => {
      const found = problems.filter((p) => p.index === i + 1);
      expect(
        found.map((p) => p.field),
        `case ${i + 1}`,
      ).toContain(field);
      expect(found.map((p) => p.message).join(' | '), `case ${i + 1}`).toMatch(message);
    });
    expect(problems.find((p) => p.index === cases.length + 1)?.message).toMatch(/appears twice \(first at #0\)/);
    expect(problems.some((p) => p.index === 0)).toBe(false);
    // money may have fractions
    expect(problems.some((p) => p.index === 0)).toBe(false);
    expect(await sql<{ n: string }>(`select count(*) as n from observation`)).toEqual(before);
    expect((await save([{ ...good, indicator: 'wage_arrears_recovered', value: 1234.5 }], 'xindu@test.cn')).errors).toBeUndefined();
  });

  it('refuses wrong status transitions, unknown reports and empty reasons, changing nothing', async () => {
    const period = '2018-02';
    const status = async () =>
      (await sql<{ status: string }>(`select status from report where region_code = ? and period = ?`, [XINDU, period]))[0]?.status;
    expect((await move('approveReport', XINDU, period, 'chengdu@test.cn')).errors![0].message).toMatch(/has not been started/);
    expect((await move('submitReport', XINDU, period, 'xindu@test.cn')).errors![0].message).toMatch(/has not been started/);
    await save([{ region: XINDU, indicator: 'jobs_posted', period, value: 4 }], 'xindu@test.cn');
    expect((await move('approveReport', XINDU, period, 'chengdu@test.cn')).errors![0].message).toMatch(
      /is DRAFT; only SUBMITTED reports can become APPROVED/,
    );
    expect((await move('unapproveReport', XINDU, period, 'chengdu@test.cn', 'x')).errors![0].extensions.code).toBe('BAD_USER_INPUT');
    await move('submitReport', XINDU, period, 'xindu@test.cn');
    expect((await move('submitReport', XINDU, period, 'xindu@test.cn')).errors![0].message).toMatch(/is SUBMITTED/);
    expect((await move('returnReport', XINDU, period, 'chengdu@test.cn', '   ')).errors![0].message).toMatch(/Give a reason/);
    expect(await status()).toBe('SUBMITTED');
    expect((await move('approveReport', XINDU, '2018-2', 'chengdu@test.cn')).errors![0].message).toMatch(/Invalid period "2018-2"/);
    expect((await move('approveReport', '12345', period, 'chengdu@test.cn')).errors![0].message).toMatch(/Unknown region code/);
    expect(await status()).toBe('SUBMITTED');
  });

  it('refuses malformed, unknown, expired, revoked and forged tokens, and deactivated users', async () => {
    const me = (token?: string) => db.query(`{ me { email } }`, {}, { token });
    const codeOf = async (token: string) => (await me(token)).errors?.[0]?.extensions?.code;
    await addUser('temp@test.cn', 'VIEWER', XINDU);
    const token = tokens.get('temp@test.cn')!;
    expect((await me(token)).data).toEqual({ me: { email: 'temp@test.cn' } });
    expect((await me()).data).toEqual({ me: null });
    const forged = [
      'not-a-token',
      token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'),
      'eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIxIiwicm9sZSI6IkFETUlOIn0.',
      'x'.repeat(10_000),
    ];
    for (const bad of forged) expect(await codeOf(bad)).toBe('UNAUTHENTICATED');

    await addUser('expired@test.cn', 'VIEWER', XINDU);
    await sql(
      `update user_session set expires_at = now() - interval '1 second' where user_id = (select id from app_user where email = 'expired@test.cn')`,
    );
    expect(await codeOf(tokens.get('expired@test.cn')!)).toBe('UNAUTHENTICATED');

    expect((await db.query(`mutation { logout }`, {}, { token })).data).toEqual({ logout: true });
    expect(await codeOf(token)).toBe('UNAUTHENTICATED');

    await addUser('leaver@test.cn', 'REPORTER', XINDU);
    await ok(`mutation { deactivateUser(email: "leaver@test.cn") { active } }`, {}, 'admin@test.cn');
    expect(await codeOf(tokens.get('leaver@test.cn')!)).toBe('UNAUTHENTICATED');
    const again = await gql(`mutation { login(email: "leaver@test.cn", password: "${PASSWORD}") { token } }`);
    const unknown = await gql(`mutation { login(email: "nobody@test.cn", password: "${PASSWORD}") { token } }`);
    const wrong = await gql(`mutation { login(email: "admin@test.cn", password: "wrong password!") { token } }`);
    for (const r of [again, unknown, wrong])
      expect(r.errors![0]).toMatchObject({ message: 'Wrong email or password.', extensions: { code: 'UNAUTHENTICATED' } });
  });

  it('validates new users and keeps admins inside their scope', async () => {
    const create = (input: object, as = 'admin@test.cn') =>
      gql(`mutation ($i: CreateUserInput!) { createUser(input: $i) { email role region { code } } }`, { i: input }, as);
    const base = { email: 'Li.Hua@Test.cn', name: '李华', password: PASSWORD, role: 'REPORTER', region: XINDU };
    expect((await create(base)).data.createUser).toEqual({ email: 'li.hua@test.cn', role: 'REPORTER', region: { code: XINDU } });
    expect((await create(base)).errors![0].message).toMatch(/already exists/);
    const bad = await create({ ...base, email: 'not-an-email', password: 'short', region: '000000' });
    expect(bad.errors![0].message).toMatch(/is not an email address.*at least 10 characters.*Unknown region code "000000"/);
    await addUser('cityadmin@test.cn', 'ADMIN', CHENGDU);
    expect((await create({ ...base, email: 'x@test.cn', region: SICHUAN }, 'cityadmin@test.cn')).errors![0].extensions.code).toBe(
      'FORBIDDEN',
    );
    const listed = await ok(`{ users { email } }`, {}, 'cityadmin@test.cn');
    expect(listed.users.map((u: any) => u.email)).toContain('li.hua@test.cn');
    expect(listed.users.map((u: any) => u.email)).not.toContain('admin@test.cn');
    expect(
      (await gql(`mutation { deactivateUser(email: "cityadmin@test.cn") { active } }`, {}, 'cityadmin@test.cn')).errors![0].message,
    ).toMatch(/your own account/);
  });
});
