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
});
