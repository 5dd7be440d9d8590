import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../auth/viewer.js';
import { repoRoot } from '../../config.js';
import { parseCsv } from '../../lib/csv.js';
import { indicatorCatalog } from '../indicator/indicator.catalog.js';
import { deadlinePassed } from './completeness.service.js';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../../test/databases.js';

const CHENGDU = '510100';
const ZIGONG = '510300';
const XINDU = '510114';

/** The levels that report monthly, read from the catalog file: the levels of its stored (non-ratio) monthly indicators. */
const monthlyLevels = [
  ...new Set(
    parseCsv(readFileSync(`${repoRoot}/packages/server/data/indicators.csv`, 'utf8'))
      .filter((r) => r.frequency === 'monthly' && r.aggregation !== 'ratio')
      .map((r) => r.reporting_level.toUpperCase()),
  ),
];

const inList = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** The month it is in China, as YYYY-MM. */
const chinaMonth = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());

const QUERY = `query ($r: String!, $p: String!, $limit: Int) {
  completeness(region: $r, period: $p) {
    period deadline expected submitted approved late region { code }
    units(limit: $limit) { region { code } status approved submittedAt approvedAt late deadline }
  } }`;

describe.each(vendors)('completeness on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  const tokens: Record<string, string> = {};
  let units: string[]; // the reporting units of 成都市, by code
  const sql = <T = any>(text: string, params: unknown[] = []) => rawQuery<T>(db, text, params);
  const ask = async (region: string, period: string, as?: string, limit?: number) => {
    const result = await db.query(QUERY, { r: region, p: period, ...(limit && { limit }) }, { token: as && tokens[as] });
    if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return result.data.completeness;
  };
  const gql = async (source: string, variables: Record<string, unknown>, as: string) => {
    const result = await db.query(source, variables, { token: tokens[as] });
    if (result.errors) throw new Error(result.errors.map((e) => e.message).join('\n'));
    return result.data;
  };
  /** Enters a value for each region and moves its report to `state`. */
  const report = async (regions: string[], period: string, state: 'DRAFT' | 'SUBMITTED' | 'APPROVED' | 'RETURNED') => {
    for (const region of regions) {
      const indicator = region === CHENGDU ? 'gold_mediation_organizations' : 'jobs_posted';
      await gql(
        `mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`,
        { v: [{ region, indicator, period, value: 5 }] },
        'reporter',
      );
      const key = { r: region, p: period };
      if (state !== 'DRAFT')
        await gql(`mutation ($r: String!, $p: String!) { submitReport(region: $r, period: $p) { status } }`, key, 'reporter');
      if (state === 'APPROVED')
        await gql(`mutation ($r: String!, $p: String!) { approveReport(region: $r, period: $p) { status } }`, key, 'approver');
      if (state === 'RETURNED')
        await gql(
          `mutation ($r: String!, $p: String!) { returnReport(region: $r, period: $p, reason: "check") { status } }`,
          key,
          'approver',
        );
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    tokens.reporter = await db.signIn('REPORTER', '100000');
    tokens.approver = await db.signIn('APPROVER', '100000');
    for (const role of ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST', 'VIEWER'] as Role[])
      tokens[`${role}@chengdu`] = await db.signIn(role, CHENGDU);
    units = (
      await sql<{ code: string }>(
        `select r.code from region r where (r.code = ? or r.code in (select region_code from region_ancestor where ancestor_code = ?)) and r.level in (${inList(monthlyLevels)}) order by r.code`,
        [CHENGDU, CHENGDU],
      )
    ).map((r) => r.code);
  });
  afterAll(() => db?.close());

  it('counts the regions that should report, and which submitted, were approved and are late', async () => {
    expect(monthlyLevels.sort()).toEqual(['CITY', 'COUNTY']);
    const counties = units.filter((c) => c !== CHENGDU);
    expect(units).toContain(CHENGDU);
    expect(counties.length).toBeGreaterThan(10);
    const period = '2019-03'; // due by the end of 10 April 2019, China time
    const [approved, submitted, returned, draft] = [counties.slice(0, 3), counties.slice(3, 5), counties.slice(5, 6), counties.slice(6, 7)];
    await report(approved, period, 'APPROVED');
    await report([CHENGDU], period, 'APPROVED');
    await report(submitted, period, 'SUBMITTED');
    await report(returned, period, 'RETURNED');
    await report(draft, period, 'DRAFT');
    // one approved report was submitted in time (set here, as if on 5 April 2019); the city's was loaded approved, never submitted
    await sql(`update report set submitted_at = '2019-04-05T02:00:00Z' where region_code = ? and period = ?`, [approved[0], period]);
    await sql(`update report set submitted_at = null, submitted_by = null where region_code = ? and period = ?`, [CHENGDU, period]);

    const c = await ask(CHENGDU, period, 'ADMIN@chengdu', 1000);
    expect(c.deadline).toBe('2019-04-10T16:00:00.000Z');
    expect(c.expected).toBe(units.length);
    expect(c.approved).toBe(approved.length + 1);
    expect(c.submitted).toBe(approved.length + 1 + submitted.length);
    // all but two: submitted today (after the deadline), returned, draft or not started; the city was approved without a submission (loaded data: on time)
    expect(c.late).toBe(units.length - 2);
    const byCode = new Map<string, any>(c.units.map((u: any) => [u.region.code, u]));
    expect(byCode.size).toBe(units.length);
    expect(byCode.get(approved[0])).toMatchObject({
      status: 'APPROVED',
      approved: true,
      late: false,
      submittedAt: '2019-04-05T02:00:00.000Z',
    });
    expect(byCode.get(approved[1])).toMatchObject({ status: 'APPROVED', late: true });
    expect(byCode.get(submitted[0])).toMatchObject({ status: 'SUBMITTED', approved: false, late: true, approvedAt: null });
    expect(byCode.get(returned[0])).toMatchObject({ status: 'RETURNED', late: true });
    expect(byCode.get(counties.at(-1)!)).toMatchObject({ status: 'DRAFT', late: true, submittedAt: null });
    // late ones first, then by code
    const order = c.units.map((u: any) => u.region.code);
    const lateCodes = units.filter((code) => byCode.get(code)!.late);
    expect(order.slice(0, lateCodes.length)).toEqual(lateCodes);
    expect((await ask(CHENGDU, period, 'ADMIN@chengdu', 3)).units).toHaveLength(3);

    // a county is its own only unit; the nation counts every county and city
    expect(await ask(XINDU, period, 'ADMIN@chengdu', 5)).toMatchObject({ expected: 1 });
    const [{ n }] = await sql<{ n: string }>(`select count(*) as n from region where level in (${inList(monthlyLevels)})`);
    expect((await ask('100000', period)).expected).toBe(Number(n));
  });

  it('is not late before the deadline', async () => {
    const period = chinaMonth(); // due on the 10th of next month
    const counties = units.filter((c) => c !== CHENGDU);
    await report(counties.slice(0, 2), period, 'SUBMITTED');
    const c = await ask(CHENGDU, period, 'ANALYST@chengdu');
    expect(c).toMatchObject({ expected: units.length, submitted: 2, approved: 0, late: 0 });
    expect(new Date(c.deadline).getTime()).toBeGreaterThan(Date.now());
  });

  it('annual periods: the levels with annual indicators, due 90 days after the year (catalog override)', async () => {
    const c = await ask(CHENGDU, '2019', 'ADMIN@chengdu');
    expect(c.deadline).toBe('2020-03-30T16:00:00.000Z'); // end of 30 March 2020 (a leap year), China time
    const annualLevels = new Set(
      parseCsv(readFileSync(`${repoRoot}/packages/server/data/indicators.csv`, 'utf8'))
        .filter((r) => r.frequency === 'annual' && r.aggregation !== 'ratio')
        .map((r) => r.reporting_level.toUpperCase()),
    );
    expect([...annualLevels].sort()).toEqual(['CITY', 'PROVINCE']);
    expect(c.expected).toBe(1); // 成都市 itself: the province is above it
  });

  describe('who sees pending states', () => {
    const ROLES = ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST', 'VIEWER'];
    const pending = ['ADMIN', 'APPROVER', 'REPORTER', 'ANALYST'];
    const cells = [
      ...ROLES.flatMap((role) => [
        { who: role, region: CHENGDU, sees: pending.includes(role) },
        { who: role, region: ZIGONG, sees: false },
      ]),
      { who: 'anonymous', region: CHENGDU, sees: false },
    ];
    it.each(cells)('$who on $region → pending visible: $sees', async ({ who, region, sees }) => {
      const c = await ask(region, '2019-03', who === 'anonymous' ? undefined : `${who}@chengdu`, 1000);
      const [{ expected, approved }] = await sql<{ expected: string; approved: string }>(
        `select count(*) as expected, count(*) filter (where p.status = 'APPROVED') as approved
         from region r left join report p on p.region_code = r.code and p.period = '2019-03'
         where (r.code = ? or r.code in (select region_code from region_ancestor where ancestor_code = ?)) and r.level in (${inList(monthlyLevels)})`,
        [region, region],
      );
      expect(c.expected).toBe(Number(expected));
      expect(c.approved).toBe(Number(approved));
      if (sees) {
        expect(c.submitted).not.toBeNull();
        expect(c.late).not.toBeNull();
      } else {
        expect(c).toMatchObject({ submitted: null, late: null });
        // statuses only say approved or not; not-approved ones first, then by code (the order tells nothing pending)
        for (const u of c.units) {
          expect(u.status === 'APPROVED' || u.status === null).toBe(true);
          expect(u.submittedAt).toBeNull();
          expect(u.late).toBeNull();
        }
        const order = c.units.map((u: any) => `${u.approved ? 1 : 0}|${u.region.code}`);
        expect(order).toEqual([...order].sort());
      }
    });
  });

  it('refuses bad input with what is allowed', async () => {
    const error = async (r: string, p: string, limit?: number) =>
      (await db.query(QUERY, { r, p, ...(limit !== undefined && { limit }) })).errors?.[0];
    expect((await error('999999', '2019-03'))?.message).toMatch(/Unknown region code "999999"/);
    expect((await error(CHENGDU, '2019-3'))?.message).toMatch(/Invalid period "2019-3": use a month like 2024-03/);
    expect((await error(CHENGDU, '2019-Q1'))?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await error(CHENGDU, '2019-03', 0))?.message).toMatch(/limit must be from 1 to 5000, got 0/);
  });
});

describe('deadlinePassed (when cached completeness answers must go)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('pglite');
  });
  afterAll(async () => {
    await db?.close();
  });

  it('is true across the end of a monthly deadline (the 10th, midnight China time) and false between deadlines', async () => {
    const catalog = await indicatorCatalog(db.orm.em.fork() as never);
    // March 2024's reports are due by the end of 10 April, China time = 2024-04-10T16:00Z
    expect(deadlinePassed(catalog, new Date('2024-04-10T15:59:00Z'), new Date('2024-04-10T16:01:00Z'))).toBe(true);
    expect(deadlinePassed(catalog, new Date('2024-04-10T16:01:00Z'), new Date('2024-04-10T16:02:00Z'))).toBe(false);
    expect(deadlinePassed(catalog, new Date('2024-04-11T00:00:00Z'), new Date('2024-05-10T15:59:00Z'))).toBe(false);
    expect(deadlinePassed(catalog, new Date('2024-04-11T00:00:00Z'), new Date('2024-05-10T16:00:00Z'))).toBe(true);
  });
});
