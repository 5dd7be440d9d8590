import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../db/seeders/demo-load.js';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../test/databases.js';
import { buildApp } from './app.js';
import { EXPORT_COLUMNS } from './export.js';

const URL_2024H1 = '/api/export?indicator=jobs_posted&region=510000&from=2024-01&to=2024-06&grain=MONTH';

describe.each(vendors)('GET /api/export on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let token: string;
  /** Approved jobs posted per month of 2024-01..06 under 四川, straight from the observation table. */
  let expected: Map<string, number>;
  let withheld: { region_code: string };

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    await loadDemoData(db.orm, db.databaseUrl, { provinces: ['510000'] });
    // one county's March value goes back to SUBMITTED: exports must leave it out
    [withheld] = await rawQuery<{ region_code: string }>(
      db,
      `select region_code from observation o join indicator i on i.id = o.indicator_id
        where i.code = 'jobs_posted' and o.region_code like '51%' and o.period = '2024-03-01' order by region_code limit 1`,
    );
    await rawQuery(
      db,
      `update observation set status = 'submitted' where region_code = ? and period = '2024-03-01'
        and indicator_id = (select id from indicator where code = 'jobs_posted')`,
      [withheld.region_code],
    );
    const rows = await rawQuery<{ month: string; total: number }>(
      db,
      `select to_char(o.period, 'YYYY-MM') as month, sum(o.value)::float8 as total from observation o join indicator i on i.id = o.indicator_id
        where i.code = 'jobs_posted' and o.region_code like '51%' and o.status = 'approved'
          and o.period between '2024-01-01' and '2024-06-01' group by 1 order by 1`,
    );
    expected = new Map(rows.map((r) => [r.month, Number(r.total)]));
    token = await db.signIn('VIEWER', '510000');
    app = await buildApp({ orm: db.orm });
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  const parseCsv = (text: string) =>
    text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));

  it('gives CSV (UTF-8 with BOM) equal to the approved observations, for anyone', async () => {
    const response = await app.inject(`${URL_2024H1}&format=csv`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="jobs_posted_510000_2024-01_2024-06_MONTH.csv"');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const [header, ...rows] = parseCsv(response.body);
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[4], Number(r[5]), r[8]])).toEqual(
      [...expected].map(([month, total]) => ['jobs_posted', '发布岗位', '510000', '四川省', month, total, '个']),
    );
    expect(rows).toHaveLength(6);
  });

  it('gives XLSX with the same numbers, and quarters that add the months', async () => {
    const response = await app.inject(`${URL_2024H1}&format=xlsx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(response.rawPayload as never);
    const sheet = book.worksheets[0];
    const values = sheet.getSheetValues().slice(1) as unknown[][];
    expect(values[0].slice(1)).toEqual([...EXPORT_COLUMNS]);
    expect(values.slice(1).map((r) => [r[5], r[6]])).toEqual([...expected].map(([month, total]) => [month, total]));

    const quarters = parseCsv((await app.inject(`${URL_2024H1.replace('MONTH', 'QUARTER')}`)).body).slice(1);
    const sum = (months: string[]) => months.reduce((s, m) => s + expected.get(m)!, 0);
    expect(quarters.map((r) => [r[4], Number(r[5])])).toEqual([
      ['2024-Q1', sum(['2024-01', '2024-02', '2024-03'])],
      ['2024-Q2', sum(['2024-04', '2024-05', '2024-06'])],
    ]);
  });

  it('accepts a bearer token or the session cookie, and refuses a bad token with 401', async () => {
    const plain = (await app.inject(URL_2024H1)).body;
    const bearer = await app.inject({ url: URL_2024H1, headers: { authorization: `Bearer ${token}` } });
    expect(bearer.statusCode).toBe(200);
    expect(bearer.body).toBe(plain);
    const cookie = await app.inject({ url: URL_2024H1, cookies: { hexie_session: token } });
    expect(cookie.statusCode).toBe(200);
    expect(cookie.body).toBe(plain);
    const refused = await app.inject({ url: URL_2024H1, headers: { authorization: 'Bearer not-a-token' } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('answers bad parameters with 400 and a message that says what is wrong', async () => {
    const cases: [string, RegExp][] = [
      ['/api/export?indicator=jobs_posted&region=510000', /Missing from, to/],
      [`${URL_2024H1}&format=pdf`, /format must be csv or xlsx/],
      [URL_2024H1.replace('MONTH', 'WEEK'), /grain must be MONTH, QUARTER, YEAR/],
      [URL_2024H1.replace('jobs_posted', 'nope'), /nope/],
      [URL_2024H1.replace('510000', '999999'), /999999/],
      [URL_2024H1.replace('2024-06', '2024-13'), /2024-13/],
      [`${URL_2024H1}&colour=red`, /Unknown parameter "colour"/],
      [`${URL_2024H1}&region=510100`, /Give "region" once/],
    ];
    for (const [url, message] of cases) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().errors[0].extensions.code, url).toBe('BAD_USER_INPUT');
      expect(response.json().errors[0].message, url).toMatch(message);
    }
  });
});
