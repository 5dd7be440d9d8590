import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { test, expect } from './fixtures';

// The demo accounts' passwords are written by the server's first start with demo data.
const accounts = () =>
  Object.fromEntries(
    readFileSync(new URL('../.data/demo-accounts.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.includes('@'))
      .map((l) => l.split('\t'))
      .map(([role, email, password]) => [role, { email, password }]),
  ) as Record<string, { email: string; password: string }>;

const LOGIN = `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`;
const XINDU = '510114';

/** A long sheet of 新都区's monthly figures; `bad` puts a wrong value in rows 3 and 5. */
async function sheet(period: string, bad: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('月报');
  ws.addRow(['地区代码', '指标代码', '期间', '数值', '备注']);
  ws.addRow([XINDU, 'jobs_posted', period, 120, null]);
  ws.addRow([XINDU, 'mediation_cases', period, bad ? '12件' : 12, null]);
  ws.addRow([XINDU, 'trainees', period, 300, null]);
  ws.addRow([XINDU, 'recruitment_events', period, bad ? 2.5 : 2, null]);
  ws.addRow([XINDU, 'new_enterprises_served', period, 5, '含新设企业']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

test('a reporter uploads a sheet, sees its two bad rows in Chinese, fixes them and commits; the report awaits approval', async ({
  page,
  gql,
}) => {
  const { REPORTER, APPROVER } = accounts();
  const approver = (await gql(LOGIN, { e: APPROVER.email, p: APPROVER.password })).login.token as string;
  const asApprover = async (query: string) => {
    const res = await page.request.post('/graphql', {
      data: { query },
      headers: { 'content-type': 'application/json', authorization: `Bearer ${approver}` },
    });
    return (await res.json()).data;
  };
  // a month after the demo data with no report of 新都区 yet (earlier runs used theirs)
  const taken = new Set((await asApprover(`{ reports(region: "${XINDU}", limit: 1000) { period } }`)).reports.map((r: any) => r.period));
  const period = Array.from({ length: 22 }, (_, m) => `${2025 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`).find(
    (p) => !taken.has(p),
  )!;
  expect(period).toBeTruthy();

  // sign in through the API: the response's cookie signs the page in
  const login = await page.request.post('/graphql', {
    data: { query: LOGIN, variables: { e: REPORTER.email, p: REPORTER.password } },
    headers: { 'content-type': 'application/json' },
  });
  expect(login.ok()).toBe(true);

  await page.goto('/');
  await page.getByTestId('import-link').click();
  await expect(page).toHaveURL(/\/import$/);
  await expect(page.getByRole('heading', { name: '数据导入' })).toBeVisible();
  await expect(page.getByTestId('template-xlsx')).toHaveAttribute(
    'href',
    new RegExp(`/api/imports/template\\.xlsx\\?region=${XINDU}&period=`),
  );

  // the template downloads as a real workbook for the reporter's county
  const download = page.waitForEvent('download');
  await page.getByTestId('template-xlsx').click();
  const template = new ExcelJS.Workbook();
  await template.xlsx.readFile(await (await download).path());
  expect(template.worksheets[0].getRow(2).getCell(1).value).toBe(XINDU);

  // the dry run lists the two bad rows with Chinese messages; committing is disabled
  await page.getByTestId('file-input').setInputFiles({
    name: '新都区月报.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await sheet(period, true),
  });
  const problems = page.getByTestId('problems').locator('tbody tr');
  await expect(problems).toHaveCount(2);
  await expect(problems.nth(0).locator('td')).toHaveText(['3', '数值 D3', '12件', '“12件”中含有文字（“件”）：只填数字，单位“件”不用写。']);
  await expect(problems.nth(1).locator('td')).toHaveText(['5', '数值 D5', '2.5', '“招聘活动”以“场”计数，应为整数，而不是 2.5。']);
  await expect(page.getByTestId('import-summary')).toHaveText('共 5 行：3 行无误，2 行有问题，0 个数值与已存数据相同；问题 2 个。');
  await expect(page.getByTestId('commit')).toBeDisabled();
  await page.screenshot({ path: 'screenshots/import-problems.png', fullPage: true });

  // fixed, the dry run is clean; commit and submit
  await page.getByTestId('file-input').setInputFiles({
    name: '新都区月报（已改）.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await sheet(period, false),
  });
  await expect(page.getByTestId('import-summary')).toHaveText('共 5 行：5 行无误，0 行有问题，0 个数值与已存数据相同；问题 0 个。');
  await expect(page.getByTestId('problems')).toHaveCount(0);
  await page.getByTestId('submit-check').check();
  await page.getByTestId('commit').click();
  await expect(page.getByTestId('import-committed')).toContainText('写入 1 份报表，提交审核 1 份');
  await expect(page.getByTestId('import-history').locator('tbody tr').first()).toContainText('新都区月报（已改）.xlsx');
  await expect(page.getByTestId('import-history').locator('tbody tr').first()).toContainText('已导入');

  // the first upload, in the list of past imports, shows its problems again
  const checked = page.getByTestId('import-history').locator('tbody tr').filter({ hasText: '新都区月报.xlsx' }).first();
  await checked.getByRole('button', { name: '查看 2 个问题' }).click();
  await expect(page.getByTestId('history-problems').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('history-problems').locator('tbody tr').nth(0)).toContainText('“12件”中含有文字（“件”）');

  // the approver's queue holds the report, with the values of the sheet
  const queue = await asApprover(`{ reports(status: SUBMITTED, region: "${XINDU}", period: "${period}") { period status region { code }
    entries { indicator { code } value note } } }`);
  expect(queue.reports).toHaveLength(1);
  const entered = Object.fromEntries(
    queue.reports[0].entries.filter((e: any) => e.value !== null).map((e: any) => [e.indicator.code, e.value]),
  );
  expect(entered).toEqual({ jobs_posted: 120, mediation_cases: 12, trainees: 300, recruitment_events: 2, new_enterprises_served: 5 });

  // and the approver sees it in the 审核 page's queue
  await page.context().clearCookies();
  await page.request.post('/graphql', {
    data: { query: LOGIN, variables: { e: APPROVER.email, p: APPROVER.password } },
    headers: { 'content-type': 'application/json' },
  });
  await page.goto('/review');
  const [year, month] = period.split('-').map(Number);
  await expect(
    page
      .getByTestId('queue-item')
      .filter({ hasText: '新都区' })
      .filter({ hasText: new RegExp(`${year}年0?${month}月`) }),
  ).toHaveCount(1);
});

test('the dashboard’s ranking CSV of a month imports back unchanged', async ({ page, gql }) => {
  const { REPORTER } = accounts();
  const token = (await gql(LOGIN, { e: REPORTER.email, p: REPORTER.password })).login.token as string;
  await page.goto(`/?region=510100&period=2024-03`);
  const ranking = page.getByTestId('ranking-chart');
  await expect(ranking.locator('[data-action=csv]')).toBeEnabled();
  const download = page.waitForEvent('download');
  await ranking.locator('[data-action=csv]').click();
  const csv = readFileSync(await (await download).path());
  const lines = csv.toString('utf8').slice(1).trim().split('\r\n');
  expect(lines[0].split(',').at(-1)).toBe('期间');
  const xindu = lines.filter((l) => l.includes(`,${XINDU},`)); // the reporter's county

  // 新都区's row, as the reporter (the other counties are outside the reporter's scope)
  const file = `\uFEFF${lines[0]}\r\n${xindu.join('\r\n')}\r\n`;
  const res = await page.request.post('/api/imports', {
    headers: { authorization: `Bearer ${token}` },
    multipart: { file: { name: 'ranking.csv', mimeType: 'text/csv', buffer: Buffer.from(file) } },
  });
  const body = await res.json();
  expect(body).toMatchObject({ problemCount: 0, rows: 1, unchanged: 1, reports: [] });
});

test('a file over 20 MB is refused in the page, in Chinese, with the limit', async ({ page }) => {
  const { REPORTER } = accounts();
  await page.request.post('/graphql', {
    data: { query: LOGIN, variables: { e: REPORTER.email, p: REPORTER.password } },
    headers: { 'content-type': 'application/json' },
  });
  await page.goto('/import');
  await page.getByTestId('file-input').setInputFiles({
    name: '全年.csv',
    mimeType: 'text/csv',
    buffer: Buffer.alloc(21 * 1024 * 1024, '510114,jobs_posted,2024-01,1\n'),
  });
  await expect(page.getByRole('alert')).toHaveText('文件超过 20 MB，单次导入的上限：请拆分后分批导入。');
});
