import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../http/app.js';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../../test/databases.js';
import { multipart } from '../../test/multipart.js';

const fixture = (name: string) => readFileSync(new URL(`../../test/fixtures/import/${name}`, import.meta.url));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const CHENGDU = '510100';
const XINDU = '510114';
const JINJIANG = '510104';
const QINGYANG = '510105';

interface Problem {
  row: number | null;
  column: string | null;
  cell: string | null;
  value: string | null;
  message: string;
  messageEn: string;
}

describe.each(vendors)('imports on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let reporter: string;
  let approver: string;
  let viewer: string;
  const sql = <T = any>(text: string, params: unknown[] = []) => rawQuery<T>(db, text, params);

  const upload = async (name: string, bytes: Buffer | string, fields: Record<string, string> = {}, token = reporter) => {
    const body = multipart(fields, { name, bytes });
    const res = await app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...body.headers, authorization: `Bearer ${token}` },
      payload: body.payload,
    });
    return { status: res.statusCode, body: res.json() as Record<string, any> & { problems: Problem[] } };
  };
  const commit = (name: string, bytes: Buffer | string, fields: Record<string, string> = {}) =>
    upload(name, bytes, { dryRun: 'false', ...fields });
  const gql = async (query: string, variables: Record<string, unknown>, token: string) => {
    const result = await db.query(query, variables, { token });
    if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
    return result.data as any;
  };
  /** What is stored for a period, read with SQL of the test's own. */
  const stored = async (period: string) =>
    Object.fromEntries(
      (
        await sql<{ key: string; value: number; note: string | null; status: string }>(
          `select o.region_code || ' ' || i.code as key, o.value, o.note, o.status from observation o join indicator i on i.id = o.indicator_id
           where o.period = ?::date order by 1`,
          [`${period}-01`],
        )
      ).map((r) => [r.key, Number(r.value)]),
    );

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    app = await buildApp({ orm: db.orm });
    reporter = await db.signIn('REPORTER', CHENGDU);
    approver = await db.signIn('APPROVER', CHENGDU);
    viewer = await db.signIn('VIEWER', CHENGDU);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  describe('formats and layouts: each clean file imports exactly its values', () => {
    const cases: { file: string; period: string; format: string; layout: string; rows: number; values: Record<string, number> }[] = [
      {
        file: 'long-utf8.csv',
        period: '2023-01',
        format: 'csv',
        layout: 'long',
        rows: 4,
        values: {
          '510100 model_harmonious_enterprises': 3,
          '510104 jobs_posted': 1234,
          '510114 jobs_posted': 120,
          '510114 wage_arrears_recovered': 15000.5,
        },
      },
      {
        file: 'long-bom-semicolon.csv',
        period: '2023-02',
        format: 'csv',
        layout: 'long',
        rows: 2,
        values: { '510104 mediation_cases': 2005, '510114 jobs_posted': 88 },
      },
      {
        file: 'long-tab.csv',
        period: '2023-03',
        format: 'csv',
        layout: 'long',
        rows: 2,
        values: { '510105 jobs_posted': 61, '510105 trainees': 1200 },
      },
      {
        file: 'long-gbk.csv',
        period: '2023-06',
        format: 'csv',
        layout: 'long',
        rows: 3,
        values: { '510104 mediation_cases': 12, '510105 trainees': 45, '510114 jobs_posted': 300 },
      },
      {
        file: 'wide.xlsx',
        period: '2023-04',
        format: 'xlsx',
        layout: 'wide',
        rows: 3,
        values: {
          '510104 jobs_posted': 210,
          '510104 wage_arrears_recovered': 0,
          '510105 jobs_posted': 1020,
          '510105 mediation_cases': 4,
          '510114 jobs_posted': 150,
          '510114 mediation_cases': 9,
          '510114 wage_arrears_recovered': 2500.5,
        },
      },
      {
        file: 'excel-cells.xlsx',
        period: '2023-05',
        format: 'xlsx',
        layout: 'long',
        rows: 3,
        values: { '510104 jobs_posted': 3000, '510105 mediation_cases': 7, '510114 jobs_posted': 1500 },
      },
      {
        // the template served for 成都市, 2023-08, filled in and saved by LibreOffice Calc 7.4 (make-libreoffice.py):
        // its 21 rows (the city and its 20 districts and counties), the values typed into seven cells
        file: 'libreoffice-template.xlsx',
        period: '2023-08',
        format: 'xlsx',
        layout: 'wide',
        rows: 21,
        values: {
          '510100 model_harmonious_enterprises': 4,
          '510104 jobs_posted': 1234, // typed "1,234"
          '510104 mediation_cases': 6, // typed "=2*3"
          '510105 jobs_posted': 0,
          '510114 jobs_posted': 150,
          '510114 mediation_cases': 9,
          '510114 wage_arrears_recovered': 2500.5,
        },
      },
      {
        // a long sheet typed in LibreOffice Calc, the periods typed as 2023-09-01, Sep 2023 and 9/15/2023: date cells
        file: 'libreoffice-dates.xlsx',
        period: '2023-09',
        format: 'xlsx',
        layout: 'long',
        rows: 3,
        values: { '510104 mediation_cases': 5, '510105 trainees': 300, '510114 jobs_posted': 77 },
      },
    ];

    it.each(cases)('$file ($layout $format)', async ({ file, period, format, layout, rows, values }) => {
      const bytes = fixture(file);
      const dry = await upload(file, bytes);
      expect(dry.status).toBe(200);
      expect(dry.body.problems).toEqual([]);
      expect(dry.body).toMatchObject({
        dryRun: true,
        committed: false,
        format,
        layout,
        rows,
        accepted: rows,
        rejected: 0,
        problemCount: 0,
      });
      expect(dry.body.sha256).toBe(sha256(bytes));
      expect(await stored(period)).toEqual({}); // a dry run writes nothing

      const done = await commit(file, bytes);
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ dryRun: false, committed: true, status: 'COMMITTED', values: Object.keys(values).length });
      expect(await stored(period)).toEqual(values);
      const regions = [...new Set(Object.keys(values).map((k) => k.split(' ')[0]))].sort();
      expect(done.body.reports).toEqual(regions.map((region) => ({ region, period })));
      const [{ status }] = await sql<{ status: string }>(`select distinct status from report where period = ?`, [period]);
      expect(status).toBe('DRAFT');

      // every value written names the import: id, file name and SHA-256
      const audit = await sql<{ import_id: number; actor: string; n: string }>(
        `select import_id, actor, count(*) as n from audit_entry where period = ? and indicator_id is not null group by 1, 2`,
        [period],
      );
      expect(audit).toHaveLength(1);
      expect(audit[0].import_id).toBe(done.body.id);
      expect(Number(audit[0].n)).toBe(Object.keys(values).length);
      expect(audit[0].actor).toContain(`import #${done.body.id} (${file}, sha256 ${sha256(bytes)})`);

      // importing the same file again changes nothing
      const again = await upload(file, bytes);
      expect(again.body).toMatchObject({ unchanged: Object.keys(values).length, reports: [], problemCount: 0 });
    });

    it('keeps the note of a long file and of a quoted field with the separator in it', async () => {
      const notes = await sql<{ key: string; note: string }>(
        `select o.region_code || ' ' || o.period as key, o.note from observation o where o.note is not null order by 1`,
      );
      expect(notes).toEqual([
        { key: '510104 2023-01-01', note: '首次填报' },
        { key: '510114 2023-02-01', note: '含; 分号的备注' },
        { key: '510114 2023-05-01', note: '富文本' },
      ]);
    });
  });

  it('explains every bad row (one rule per row) and writes nothing', async () => {
    const bytes = fixture('bad-values.csv');
    const { status, body } = await upload('bad-values.csv', bytes);
    expect(status).toBe(200);
    expect(body).toMatchObject({ rows: 15, accepted: 1, rejected: 14, problemCount: 14 });
    const got = body.problems.map((p) => [p.row, p.column, p.cell, p.value]);
    expect(got).toEqual([
      [2, '地区代码', 'A2', '999999'],
      [3, '指标代码', 'B3', 'no_such_indicator'],
      [4, '数值', 'D4', '12件'],
      [5, '数值', 'D5', '45%'],
      [6, '数值', 'D6', '5'],
      [7, '数值', 'D7', '-3'],
      [8, '数值', 'D8', '1.5'],
      [9, '期间', 'C9', '2099-01'],
      [10, '指标代码', 'B10', 'mediation_success_rate'],
      [11, '地区代码', 'A11', '510302'],
      [12, '地区代码', 'A12', '510100'],
      [13, '期间', 'C13', '2023-07'],
      [14, '期间', 'C14', '2023-7x'],
      [15, '数值', 'D15', '12,34'],
    ]);
    const zh = body.problems.map((p) => p.message);
    expect(zh[0]).toBe('未知的地区代码“999999”：请填六位行政区划代码（GB/T 2260），如 510114。');
    expect(zh[1]).toMatch(/^未知的指标“no_such_indicator”。可填报的指标：.*发布岗位（jobs_posted）/);
    expect(zh[2]).toBe('“12件”中含有文字（“件”）：只填数字，单位“个”不用写。');
    expect(zh[3]).toBe('“45%”是百分比，但“受理调解案件”以“件”计数：请填写数量本身。');
    expect(zh[4]).toBe('与第 4 行的地区、指标、期间相同：同一地区、指标、期间在一个文件中只能出现一次。');
    expect(zh[5]).toBe('数值 -3 是负数：应为 0 或正数。');
    expect(zh[6]).toBe('“受理调解案件”以“件”计数，应为整数，而不是 1.5。');
    expect(zh[7]).toBe('2099-01 尚未开始：期间开始后才能填报。');
    expect(zh[8]).toBe('“调解成功率”由“调解成功案件”和“受理调解案件”计算得出，不能直接填报：请填报这两项。');
    expect(zh[9]).toBe('自流井区 (510302)不在您的范围内：您的范围是成都市 (510100)及其下级地区。');
    expect(zh[10]).toBe('“发布岗位”由县级地区填报，成都市 (510100)不是县级地区。');
    expect(zh[11]).toBe('“竞赛覆盖企事业单位”按年填报：期间应为年份（如 2023），而不是“2023-07”。');
    expect(zh[12]).toBe('期间“2023-7x”无效：月度指标填月份（如 2024-03），年度指标填年份（如 2024）。');
    expect(zh[13]).toBe('“12,34”不是数字：只填数字（可以用 1,234 这样的千分位）。');
    expect(body.problems[0].messageEn).toBe('Unknown region code "999999": use a six-digit GB/T 2260 code such as 510114.');

    const refused = await commit('bad-values.csv', bytes);
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ committed: false, status: 'REJECTED', problemCount: 14 });
    expect(await stored('2023-07')).toEqual({}); // row 16 was fine, and is not written either
    expect(await sql(`select 1 from report where period = '2023-07'`)).toEqual([]);
  });

  it.each([
    ['bad-header.csv', 200, [1, 1], ['未知的列名“数量x”', '缺少列：期间。']],
    ['empty.csv', 422, [null], ['文件是空的。']],
    ['header-only.csv', 200, [null], ['文件只有表头，没有数据行，没有可导入的内容。']],
    ['broken-quote.csv', 422, [null], ['有一个引号（"）没有闭合']],
    ['png-named.xlsx', 415, [null], ['扩展名是 .xlsx，内容却是图片，不是 Excel 工作簿']],
    ['old-excel.xls', 415, [null], ['不支持旧版 Excel 97–2003 工作簿（.xls）']],
    ['xlsx-named.csv', 415, [null], ['扩展名是 .csv，内容却是ZIP 压缩包，不是 CSV 文本文件（是改了扩展名的 .xlsx 工作簿吗？']],
    ['plain-zip.xlsx', 415, [null], ['是 ZIP 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）']],
    ['zip-bomb.xlsx', 413, [null], ['解压后超过 200 MB（声明 300 MB），不像月报表格，已拒绝。']],
  ])('%s → %i with a clear message', async (file, status, rows, messages) => {
    const before = process.memoryUsage().rss;
    const res = await upload(file, fixture(file));
    expect(res.status).toBe(status);
    expect(res.body.problems.map((p) => p.row)).toEqual(rows);
    res.body.problems.forEach((p, i) => expect(p.message).toContain(messages[i]));
    if (file === 'zip-bomb.xlsx') expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('refuses a file over 20 MB with 413 and the limit, and over 200,000 rows', async () => {
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x31);
    const res = await upload('big.csv', big);
    expect(res.status).toBe(413);
    expect(res.body.error.messageZh).toBe('文件超过 20 MB，单次导入的上限：请拆分后分批导入。');
    expect(res.body.error.message).toBe('The file is larger than 20 MB, the most one import accepts: split it.');

    const lines = ['region,indicator,period,value'];
    for (let i = 0; i < 200_001; i++) lines.push(`510114,jobs_posted,2020-01,${i}`);
    const many = await upload('many.csv', lines.join('\n'));
    expect(many.status).toBe(413);
    expect(many.body.problems[0].message).toContain('一次最多导入 200000 行');
  });

  it('writes all or nothing: a locked report refuses the whole file, even rows of other reports', async () => {
    const file = 'regionCode,indicator,period,value\n510114,jobs_posted,2023-11,10\n510114,mediation_cases,2023-11,2\n';
    const first = await commit('nov.csv', file.replace('regionCode', 'region'), { submit: 'true' });
    expect(first.body).toMatchObject({ committed: true, submitted: [{ region: XINDU, period: '2023-11' }] });
    expect((await sql(`select status from report where region_code = ? and period = '2023-11'`, [XINDU]))[0]).toEqual({
      status: 'SUBMITTED',
    });
    await gql(`mutation { approveReport(region: "${XINDU}", period: "2023-11") { status } }`, {}, approver);

    const second =
      'region,indicator,period,value\n510104,jobs_posted,2023-11,7\n510114,jobs_posted,2023-11,11\n510114,mediation_cases,2023-11,2\n';
    const dry = await upload('nov2.csv', second);
    expect(dry.body.problems.map((p: Problem) => [p.row, p.column, p.value])).toEqual([[3, 'period', '2023-11']]);
    expect(dry.body.problems[0].message).toMatch(/^新都区 \(510114\) 2023-11 的报表已由.*审核通过，已锁定。$/);
    expect(dry.body.unchanged).toBe(1); // row 4 equals the approved value: not a change
    const refused = await commit('nov2.csv', second);
    expect(refused.status).toBe(422);
    expect(await stored('2023-11')).toEqual({ '510114 jobs_posted': 10, '510114 mediation_cases': 2 });
    expect(await sql(`select 1 from report where region_code = ? and period = '2023-11'`, [JINJIANG])).toEqual([]);
    // the approved values count in the roll-ups: 成都市's total is 新都区's value
    const { series } = await gql(
      `{ series(indicator: "jobs_posted", region: "${CHENGDU}", from: "2023-11", to: "2023-11", grain: MONTH) { total } }`,
      {},
      approver,
    );
    expect(series.total).toBe(10);
  });

  it('serialises two imports of the same reports: never interleaved', async () => {
    const counties = (await sql<{ code: string }>(`select code from region where parent_code = ? order by code`, [CHENGDU])).map(
      (r) => r.code,
    );
    const file = (value: number) =>
      [
        '地区代码,指标代码,期间,数值',
        ...counties.flatMap((c) => ['jobs_posted', 'trainees', 'mediation_cases'].map((i) => `${c},${i},2023-12,${value}`)),
      ].join('\n');
    const [a, b] = await Promise.all([commit('a.csv', file(1)), commit('b.csv', file(2))]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const values = await sql<{ value: number; n: string }>(
      `select value, count(*) as n from observation where period = '2023-12-01' group by value`,
    );
    expect(values).toHaveLength(1); // all 1 or all 2, never a mix
    expect(Number(values[0].n)).toBe(counties.length * 3);
    // the later commit's audit entries show the earlier one's values as "before", one import after the other
    const last = values[0].value === 1 ? a.body.id : b.body.id;
    const [{ n }] = await sql<{ n: string }>(`select count(*) as n from audit_entry where import_id = ? and action = 'UPDATE'`, [last]);
    expect(Number(n)).toBe(counties.length * 3);

    // with submit=true, the second finds the reports submitted and fails clearly
    const [c, d] = await Promise.all([
      commit('c.csv', file(3).replace(/2023-12/g, '2023-10'), { submit: 'true' }),
      commit('d.csv', file(4).replace(/2023-12/g, '2023-10'), { submit: 'true' }),
    ]);
    const statuses = [c.status, d.status].sort();
    expect(statuses[0]).toBe(200);
    expect([409, 422]).toContain(statuses[1]);
    const loser = c.status === 200 ? d : c;
    expect(loser.body.problems[0].message).toContain('正在等待审核');
    const after = await sql<{ value: number }>(`select distinct value from observation where period = '2023-10-01'`);
    expect(after).toEqual([{ value: c.status === 200 ? 3 : 4 }]);
  });

  it('round trip: the template (xlsx and csv) and the dashboard CSV export import back unchanged', async () => {
    // values of 2023-04 were imported from wide.xlsx above
    const xlsx = await app.inject({
      method: 'GET',
      url: `/api/imports/template.xlsx?region=${CHENGDU}&period=2023-04`,
      headers: { authorization: `Bearer ${reporter}` },
    });
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('2023-04');
    const head = (ws.getRow(1).values as unknown[]).slice(1);
    expect(head.slice(0, 4)).toEqual(['地区代码', '地区', '期间', '招聘活动']);
    expect(String(ws.getRow(1).getCell(4).note)).toContain('单位：场');
    const counties = (await sql<{ code: string }>(`select code from region where parent_code = ? order by code`, [CHENGDU])).map(
      (r) => r.code,
    );
    const codes = [];
    for (let r = 2; r <= ws.rowCount; r++) codes.push(ws.getRow(r).getCell(1).value);
    expect(codes).toEqual([CHENGDU, ...counties]); // the city reports city-level indicators
    const jobsColumn = head.indexOf('发布岗位') + 1;
    expect(ws.getRow(codes.indexOf(XINDU) + 2).getCell(jobsColumn).value).toBe(150);

    const back = await upload('template.xlsx', xlsx.rawPayload);
    expect(back.body).toMatchObject({ layout: 'wide', problemCount: 0, unchanged: 7, reports: [] });

    const csv = await app.inject({
      method: 'GET',
      url: `/api/imports/template.csv?region=${CHENGDU}&period=2023-04`,
      headers: { authorization: `Bearer ${reporter}` },
    });
    expect(csv.body.startsWith('\uFEFF地区代码,地区,期间,招聘活动（场）,发布岗位（个）')).toBe(true);
    expect((await upload('template.csv', csv.rawPayload)).body).toMatchObject({ problemCount: 0, unchanged: 7, reports: [] });

    // the dashboard's ranking export (packages/web/src/charts/csv.ts: BOM, CRLF, "name (unit)") with its period column
    const exported = `\uFEFF排名,区划代码,地区,发布岗位 (个),期间\r\n1,${QINGYANG},青羊区,1020,2023-04\r\n2,${JINJIANG},锦江区,210,2023-04\r\n3,${XINDU},新都区,150,2023-04\r\n`;
    expect((await upload('发布岗位_成都市_2023年4月.csv', exported)).body).toMatchObject({ problemCount: 0, unchanged: 3, reports: [] });

    // filled in and imported, the template writes exactly the new cells
    ws.getRow(codes.indexOf(XINDU) + 2).getCell(jobsColumn).value = 151;
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const done = await commit('template-edited.xlsx', edited);
    expect(done.body).toMatchObject({ committed: true, unchanged: 6, reports: [{ region: XINDU, period: '2023-04' }] });
    expect((await stored('2023-04'))['510114 jobs_posted']).toBe(151);
  });

  it('lists imports in GraphQL with their problems, to users whose scope covers the uploader', async () => {
    const { imports } = await gql(`{ imports(limit: 100) { id fileName sha256 rows status user { email } } }`, {}, reporter);
    const bad = imports.find((i: any) => i.fileName === 'bad-values.csv' && i.status === 'REJECTED');
    expect(bad).toMatchObject({ rows: 15, sha256: sha256(fixture('bad-values.csv')) });
    const { import: one } = await gql(
      `query ($id: Int!) { import(id: $id) { problemCount problems { row column messageZh } } }`,
      { id: bad.id },
      approver,
    );
    expect(one.problemCount).toBe(14);
    expect(one.problems[2]).toEqual({ row: 4, column: '数值', messageZh: '“12件”中含有文字（“件”）：只填数字，单位“个”不用写。' });
    const outsider = await db.signIn('ADMIN', '510300');
    expect((await gql(`query ($id: Int!) { import(id: $id) { id } }`, { id: bad.id }, outsider)).import).toBeNull();
  });

  it('lists a dry run at once, through the response cache', async () => {
    const latest = async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { authorization: `Bearer ${reporter}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ query: '{ imports(limit: 1) { id fileName } }' }),
      });
      return res.json().data.imports[0];
    };
    await latest(); // the answer is cached now
    const dry = await upload('listed.csv', fixture('long-utf8.csv'));
    expect(await latest()).toEqual({ id: dry.body.id, fileName: 'listed.csv' });
  });

  it('is authenticated like /graphql and safe from cross-site posts with the cookie', async () => {
    const body = multipart({}, { name: 'x.csv', bytes: fixture('long-utf8.csv') });
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/imports', headers: { ...body.headers, ...headers }, payload: body.payload });
    expect((await post({})).statusCode).toBe(401);
    expect((await post({ authorization: 'Bearer nope' })).statusCode).toBe(401);
    expect((await post({ authorization: `Bearer ${viewer}` })).statusCode).toBe(403);
    const cookie = `hexie_session=${reporter}`;
    const forged = await post({ cookie, origin: 'https://evil.example' });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.code).toBe('CSRF');
    expect((await post({ cookie })).statusCode).toBe(403); // no Origin and no header: refused too
    expect((await post({ cookie, 'x-hexie-csrf': '1' })).statusCode).toBe(200);
    expect((await post({ cookie, origin: 'http://localhost:80', host: 'localhost:80' })).statusCode).toBe(200);
  });
});
