import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test, expect, exact, kpisLoaded, SCREENSHOTS, SERIES_TOTAL, type Gql } from './fixtures';
import type { APIRequestContext, Page } from '@playwright/test';

// Data in, accountably: a reporter of 新都区 enters a month and submits it, the approver of 成都市
// approves it, and the public (anonymous) figures of 成都市 grow by exactly what was typed.

interface Account {
  role: string;
  email: string;
  password: string;
  region: string;
}

/** The demo accounts the e2e server wrote into its data folder on first start. */
function demoAccounts(): Map<string, Account> {
  const file = fileURLToPath(new URL('../.data/demo-accounts.txt', import.meta.url));
  const lines = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l && !l.startsWith('#'));
  const header = lines[0].split('\t');
  expect(header.slice(0, 4)).toEqual(['role', 'email', 'password', 'region']);
  const accounts = new Map<string, Account>();
  for (const line of lines.slice(1)) {
    const [role, email, password, region] = line.split('\t');
    accounts.set(role, { role, email, password, region });
  }
  return accounts;
}

const XINDU = '510114';
const CHENGDU = '510100';

/** What the test types: whole numbers where the unit counts things, a decimal for money. */
const TYPED: Record<string, { text: string; value: number }> = {
  recruitment_events: { text: '7', value: 7 },
  jobs_posted: { text: '1,234', value: 1234 },
  mediation_cases: { text: '15', value: 15 },
  wage_arrears_recovered: { text: '86421.5', value: 86421.5 },
};

/** A GraphQL call with a Bearer token (scripts' way in), to check the starting state as the reporter. */
async function asUser(request: APIRequestContext, account: Account) {
  const login = await request.post('/graphql', {
    data: {
      query: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
      variables: { e: account.email, p: account.password },
    },
  });
  const body = await login.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const token: string = body.data.login.token;
  const raw = async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await request.post('/graphql', { data: { query, variables }, headers: { authorization: `Bearer ${token}` } });
    return res.json();
  };
  return Object.assign(
    async (query: string, variables: Record<string, unknown> = {}) => {
      const json = await raw(query, variables);
      if (json.errors?.length) throw new Error(json.errors.map((e: { message: string }) => e.message).join('; '));
      return json.data;
    },
    { raw },
  );
}

/** A month before the demo data (2011–2019) that nobody has entered anything into yet: reruns don't collide. */
async function freshMonth(reporter: Awaited<ReturnType<typeof asUser>>): Promise<string> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const year = 2011 + Math.floor(Math.random() * 9);
    const month = 1 + Math.floor(Math.random() * 12);
    const period = `${year}-${String(month).padStart(2, '0')}`;
    const { report } = await reporter(`query ($r: String!, $p: String!) { report(region: $r, period: $p) { status entries { value } } }`, {
      r: XINDU,
      p: period,
    });
    if (report.status === 'DRAFT' && report.entries.every((e: { value: number | null }) => e.value === null)) return period;
  }
  throw new Error('no unused month found in 2011–2019');
}

/** The public, approved-only total of 成都市 for the month (null when nothing is approved). */
async function chengduTotals(gql: Gql, period: string): Promise<Record<string, number | null>> {
  const out: Record<string, number | null> = {};
  for (const code of Object.keys(TYPED)) {
    const { series } = await gql(SERIES_TOTAL, { indicator: code, region: CHENGDU, from: period, to: period, grain: 'MONTH' });
    out[code] = series.total;
  }
  return out;
}

async function signIn(page: Page, account: Account, target: string) {
  await page.goto(target);
  // a page that needs an account sends an anonymous visitor to the sign-in page, and back afterwards
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await page.getByTestId('login-email').fill(account.email);
  await page.getByTestId('login-password').fill(account.password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(new RegExp(target.replace(/[?]/g, '\\?')));
}

test('a reporter enters and submits 新都区’s month, the approver of 成都市 approves, the public figures grow by exactly that', async ({
  browser,
  page,
  gql,
  request,
}) => {
  test.setTimeout(120_000);
  const accounts = demoAccounts();
  const reporter = accounts.get('REPORTER')!;
  const approver = accounts.get('APPROVER')!;
  expect(reporter.region).toBe(XINDU);
  expect(approver.region).toBe(CHENGDU);

  const period = await freshMonth(await asUser(request, reporter));
  const [year, month] = period.split('-').map(Number);
  const before = await chengduTotals(gql, period);

  // — the reporter signs in and opens the month
  await signIn(page, reporter, '/entry');
  await expect(page.getByTestId('account-name')).toBeVisible();
  await page.getByTestId('account-button').click();
  await expect(page.getByTestId('account-role')).toHaveText('填报员');
  await expect(page.getByTestId('account-region')).toContainText('新都区');
  await page.getByTestId('account-button').click();
  await expect(page.getByTestId('nav-entry')).toBeVisible();
  await expect(page.getByTestId('nav-review')).toHaveCount(0);
  await expect(page.getByTestId('nav-users')).toHaveCount(0);

  await expect(page.getByTestId('picked-region')).toHaveText('新都区');
  await page.getByTestId('entry-year').selectOption(String(year));
  await page.getByTestId('entry-month').selectOption(String(month));
  await expect(page).toHaveURL(new RegExp(`period=${period}`));
  await expect(page.getByTestId('entry-title')).toContainText(`${year}年${month}月`);
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'DRAFT');

  const row = (code: string) => page.locator(`[data-testid=entry-row][data-indicator="${code}"]`);
  // inline validation: whole numbers where the unit counts things, nothing negative, numbers only
  const events = row('recruitment_events').getByTestId('entry-value');
  await events.fill('3.5');
  await expect(row('recruitment_events').getByTestId('entry-error')).toHaveText('该指标计数，须为整数');
  await events.fill('-2');
  await expect(row('recruitment_events').getByTestId('entry-error')).toHaveText('不能为负数');
  await events.fill('abc');
  await expect(row('recruitment_events').getByTestId('entry-error')).toHaveText('请输入数字');
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('entry-failure')).toContainText('请先更正 1 处错误');

  for (const [code, typed] of Object.entries(TYPED)) await row(code).getByTestId('entry-value').fill(typed.text);
  await row('mediation_cases').getByTestId('entry-note').fill('e2e: 含两起集体争议');
  await expect(page.getByTestId('entry-error')).toHaveCount(0);
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('entry-notice')).toHaveText(`已保存 ${Object.keys(TYPED).length} 项。`);
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'DRAFT');
  // saved, not yet public
  expect(await chengduTotals(gql, period)).toEqual(before);

  await page.screenshot({ path: `${SCREENSHOTS}governance-entry-draft.png`, fullPage: true });
  await page.getByTestId('submit-report').click();
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'SUBMITTED');
  await expect(page.getByTestId('report-status')).toContainText('提交');
  for (const [code, typed] of Object.entries(TYPED)) {
    await expect(row(code).getByTestId('entry-value')).toHaveValue(String(typed.value));
    await expect(row(code).getByTestId('entry-value')).toHaveAttribute('readonly', '');
  }
  await expect(page.getByTestId('save-draft')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}governance-entry-submitted.png`, fullPage: true });
  // submitted, still not public
  expect(await chengduTotals(gql, period)).toEqual(before);

  // — the approver of 成都市, in another browser context, approves
  const context = await browser.newContext();
  const approverPage = await context.newPage();
  await signIn(approverPage, approver, '/review');
  await expect(approverPage.getByTestId('nav-review')).toBeVisible();
  const item = approverPage.locator(`[data-testid=queue-item][data-region="${XINDU}"][data-period="${period}"]`);
  await item.click();
  const detail = approverPage.getByTestId('review-report');
  await expect(detail).toContainText('新都区');
  await expect(detail.getByTestId('report-status')).toHaveAttribute('data-status', 'SUBMITTED');
  for (const [code, typed] of Object.entries(TYPED)) {
    await expect(detail.locator(`[data-testid=review-row][data-indicator="${code}"]`).getByTestId('review-value')).toContainText(
      exact(typed.value),
    );
  }
  // returning needs a reason
  await approverPage.getByTestId('return-report').click();
  await expect(approverPage.getByTestId('reason-required')).toBeVisible();
  await approverPage.screenshot({ path: `${SCREENSHOTS}governance-review.png`, fullPage: true });

  await approverPage.getByTestId('approve-report').click();
  await expect(approverPage.getByTestId('review-notice')).toContainText('已审核通过');
  await expect(detail.getByTestId('report-status')).toHaveAttribute('data-status', 'APPROVED');
  await expect(detail.getByTestId('approved-by')).toBeVisible();
  await expect(item).toHaveCount(0); // left the queue
  await approverPage.screenshot({ path: `${SCREENSHOTS}governance-approved.png`, fullPage: true });
  await context.close();

  // — the public API: 成都市 grew by exactly what was typed, indicator by indicator
  const after = await chengduTotals(gql, period);
  for (const [code, typed] of Object.entries(TYPED)) expect(after[code], code).toBeCloseTo((before[code] ?? 0) + typed.value, 6);

  // — the public dashboard (anonymous): the same 成都市 figures on the overview's KPI cards
  const anonymous = await browser.newContext();
  const publicPage = await anonymous.newPage();
  await publicPage.goto(`/?region=${CHENGDU}&category=employment_services&period=${period}`);
  await kpisLoaded(publicPage);
  await expect(publicPage.getByTestId('sign-in-link')).toBeVisible();
  await expect(publicPage.getByTestId('nav-entry')).toHaveCount(0);
  for (const code of ['recruitment_events', 'jobs_posted']) {
    const expected = (before[code] ?? 0) + TYPED[code].value;
    const card = publicPage.locator(`[data-testid=kpi-card][data-indicator="${code}"]`);
    await expect(card).toHaveAttribute('data-value', String(expected));
    await expect(card.getByTestId('kpi-number')).toHaveText(exact(expected));
  }
  await publicPage.screenshot({ path: `${SCREENSHOTS}governance-public.png`, fullPage: true });
  await anonymous.close();

  // — the reporter sees the approval, and the report is locked
  await page.reload();
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'APPROVED');
  await expect(page.getByTestId('approved-by')).toContainText('审核通过');
});

test('the history drawer shows who changed a value, when, from what to what', async ({ browser, request }) => {
  const accounts = demoAccounts();
  const reporter = await asUser(request, accounts.get('REPORTER')!);
  const period = await freshMonth(reporter);
  const SAVE = `mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`;
  const value = (v: number | null) => [{ region: XINDU, indicator: 'trainees', period, value: v }];
  await reporter(SAVE, { v: value(40) });
  await reporter(SAVE, { v: value(42) });
  const { observationHistory } = await reporter(
    `query ($r: String!, $i: String!, $p: String!) { observationHistory(region: $r, indicator: $i, period: $p) { action before after } }`,
    { r: XINDU, i: 'trainees', p: period },
  );
  expect(observationHistory.map((a: { action: string }) => a.action).sort()).toEqual(['CREATE', 'UPDATE']);

  // the analyst of 四川省 (reads pending values and history in scope)
  const context = await browser.newContext();
  const page = await context.newPage();
  const target = `/indicator/trainees?region=${XINDU}&period=${period}`;
  await page.goto('/login?redirect=' + encodeURIComponent(target));
  await page.getByTestId('login-email').fill(accounts.get('ANALYST')!.email);
  await page.getByTestId('login-password').fill(accounts.get('ANALYST')!.password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/indicator\/trainees/);
  await expect(page.getByTestId('nav-review')).toBeVisible();
  await expect(page.getByTestId('nav-entry')).toHaveCount(0);
  await page.getByTestId('history-open').click();
  const drawer = page.getByTestId('history-drawer');
  await expect(drawer.getByTestId('history-entry')).toHaveCount(2);
  await expect(drawer.locator('[data-testid=history-entry][data-action=UPDATE]')).toContainText('40 → 42');
  await expect(drawer.locator('[data-testid=history-entry][data-action=CREATE]')).toContainText('— → 40');
  await page.screenshot({ path: `${SCREENSHOTS}governance-history.png` });
  await page.getByTestId('history-close').click();
  await expect(drawer).toHaveCount(0);
  await context.close();

  // anonymous visitors have no history button
  const anonymous = await browser.newContext();
  const publicPage = await anonymous.newPage();
  await publicPage.goto(target);
  await expect(publicPage.getByTestId('indicator-name')).toBeVisible();
  await expect(publicPage.getByTestId('history-open')).toHaveCount(0);
  await anonymous.close();
});

test('an admin lists, creates and deactivates users; the new account signs in, the deactivated one cannot', async ({ browser, gqlRaw }) => {
  const admin = demoAccounts().get('ADMIN')!;
  const email = `e2e.${Date.now().toString(36)}@hexie.example`;
  const password = `pw-${Math.random().toString(36).slice(2)}-e2e`;
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, admin, '/users');
  await expect(page.getByTestId('nav-users')).toBeVisible();
  for (const role of ['admin', 'approver.chengdu', 'reporter.xindu', 'analyst.sichuan', 'viewer'])
    await expect(page.locator(`[data-testid=user-row][data-email="${role}@hexie.example"]`)).toBeVisible();

  await page.getByTestId('new-user').click();
  await page.getByTestId('user-create').click(); // empty form: inline problems, nothing sent
  await expect(page.getByTestId('user-form').locator('.field-error')).toHaveCount(3);
  await page.getByTestId('user-email').fill(email);
  await page.getByTestId('user-name').fill('测试填报员');
  await page.getByTestId('user-password').fill(password);
  await page.getByTestId('user-role').selectOption('REPORTER');
  await page.getByTestId('region-child').selectOption('510000');
  await page.getByTestId('region-child').selectOption('510100');
  await expect(page.getByTestId('picked-region')).toHaveText('成都市');
  await page.screenshot({ path: `${SCREENSHOTS}governance-users-form.png`, fullPage: true });
  await page.getByTestId('user-create').click();
  await expect(page.getByTestId('users-notice')).toContainText(email);
  const row = page.locator(`[data-testid=user-row][data-email="${email}"]`);
  await expect(row).toContainText('填报员');
  await expect(row).toContainText('成都市');

  const login = (p: string) =>
    gqlRaw(`mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { user { role region { code } } } }`, { e: email, p });
  const ok = await login(password);
  expect(ok.data?.login.user).toEqual({ role: 'REPORTER', region: { code: '510100' } });

  await row.getByTestId('deactivate').click();
  await row.getByTestId('deactivate').click(); // confirm
  await expect(page.getByTestId('users-notice')).toContainText('已停用');
  await page.screenshot({ path: `${SCREENSHOTS}governance-users.png`, fullPage: true });
  const refused = await login(password);
  expect(refused.errors?.length).toBeGreaterThan(0);
  await context.close();
});

test('a save the server refuses shows the server’s words, and nothing is saved', async ({ page, request }) => {
  const reporterAccount = demoAccounts().get('REPORTER')!;
  const reporter = await asUser(request, reporterAccount);
  const period = await freshMonth(reporter);
  await signIn(page, reporterAccount, `/entry?region=${XINDU}&period=${period}`);
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'DRAFT');

  // meanwhile, in another tab, the month is filled in and submitted
  const SAVE = `mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`;
  await reporter(SAVE, { v: [{ region: XINDU, indicator: 'trainees', period, value: 5 }] });
  await reporter(`mutation ($r: String!, $p: String!) { submitReport(region: $r, period: $p) { status } }`, { r: XINDU, p: period });

  // what the server answers to that save (refused, so nothing changes)
  const values = [{ region: XINDU, indicator: 'recruitment_events', period, value: 3, note: null }];
  const refused = await reporter.raw(SAVE, { v: values });
  const problem: string = refused.errors[0].extensions.problems[0].message;
  expect(problem).toContain('新都区');

  await page.locator('[data-testid=entry-row][data-indicator="recruitment_events"]').getByTestId('entry-value').fill('3');
  await page.getByTestId('save-draft').click();
  await expect(page.getByTestId('entry-failure')).toContainText(problem);
  // the page now shows the report as it is: submitted, read-only
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'SUBMITTED');
  await expect(page.getByTestId('save-draft')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}governance-refused.png` });
  await page.reload();
  await expect(page.getByTestId('report-status')).toHaveAttribute('data-status', 'SUBMITTED');
  await expect(page.locator('[data-testid=entry-row][data-indicator="recruitment_events"]').getByTestId('entry-value')).toHaveValue('');
});
