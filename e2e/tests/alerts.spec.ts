import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, SCREENSHOTS } from './fixtures';

// 预警: an analyst makes a year-on-year rule in the dashboard, a report of 新都区 is approved with a
// value far above last year's, and the alert is in the analyst's notification list.

const XINDU = '510114';

function demoAccount(role: string) {
  const file = fileURLToPath(new URL('../.data/demo-accounts.txt', import.meta.url));
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${role}\t`));
  if (!line) throw new Error(`no ${role} demo account`);
  const [, email, password, region] = line.trimEnd().split('\t');
  return { email, password, region };
}

async function asUser(request: APIRequestContext, role: string) {
  const { email, password } = demoAccount(role);
  const login = await request.post('/graphql', {
    data: {
      query: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
      variables: { e: email, p: password },
    },
  });
  const token: string = (await login.json()).data.login.token;
  return async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await request.post('/graphql', { data: { query, variables }, headers: { authorization: `Bearer ${token}` } });
    const json = await res.json();
    if (json.errors?.length) throw new Error(json.errors.map((e: { message: string }) => e.message).join('; '));
    return json.data;
  };
}

async function signIn(page: Page, role: string, target: string) {
  const { email, password } = demoAccount(role);
  await page.goto(target);
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(new RegExp(target));
}

test('an analyst’s year-on-year rule raises an alert when a report beyond it is approved', async ({ page, gql, request }) => {
  test.setTimeout(120_000);
  const reporter = await asUser(request, 'REPORTER');
  const approver = await asUser(request, 'APPROVER');
  const analyst = await asUser(request, 'ANALYST');
  expect(demoAccount('ANALYST').region).toBe('510000');

  // a month and the same month a year later, both before the demo data (2011–2019) and unused: reruns don't collide
  const unused = async (p: string) => {
    const { report } = await reporter(`query ($r: String!, $p: String!) { report(region: $r, period: $p) { status entries { value } } }`, {
      r: XINDU,
      p,
    });
    return report.status === 'DRAFT' && report.entries.every((e: { value: number | null }) => e.value === null);
  };
  let base = '';
  let period = '';
  for (let attempt = 0; attempt < 40 && !period; attempt++) {
    const year = 2011 + Math.floor(Math.random() * 8);
    const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
    if ((await unused(`${year}-${month}`)) && (await unused(`${year + 1}-${month}`)))
      [base, period] = [`${year}-${month}`, `${year + 1}-${month}`];
  }
  expect(period, 'an unused pair of months in 2011–2019').not.toBe('');
  const lastYear = 137;
  const approve = async (p: string, value: number) => {
    await reporter(`mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`, {
      v: [{ region: XINDU, indicator: 'jobs_posted', period: p, value }],
    });
    await reporter(`mutation ($p: String!) { submitReport(region: "${XINDU}", period: $p) { status } }`, { p });
    await approver(`mutation ($p: String!) { approveReport(region: "${XINDU}", period: $p) { status } }`, { p });
  };
  await approve(base, lastYear);
  const { series } = await gql(
    `query ($f: String!) { series(indicator: "jobs_posted", region: "${XINDU}", from: $f, to: $f, grain: MONTH) { total } }`,
    {
      f: base,
    },
  );
  expect(series.total).toBe(lastYear);
  const name = `e2e 岗位同比 ${period} ${Date.now()}`;

  // — the analyst makes the rule in the dashboard
  await signIn(page, 'ANALYST', '/alerts');
  await expect(page.getByTestId('nav-alerts')).toBeVisible();
  await page.getByTestId('new-rule').click();
  await page.getByTestId('rule-kind').selectOption('YOY_CHANGE');
  await page.getByTestId('rule-name').fill(name);
  await page.getByTestId('rule-indicator').selectOption('jobs_posted');
  await page.getByTestId('rule-threshold').fill('50');
  await page.getByTestId('rule-create').click();
  const row = page.locator(`[data-testid=rule-row][data-name="${name}"]`);
  await expect(row).toContainText('同比异动');
  await expect(row).toContainText('四川省');
  await page.screenshot({ path: `${SCREENSHOTS}alerts-rule.png`, fullPage: true });
  const { alertRules } = await analyst(`{ alertRules { id name } }`);
  const ruleId = alertRules.find((r: { name: string }) => r.name === name).id;

  // — 新都区 reports three times last year's value; nothing fires until it is approved
  const value = lastYear * 3;
  await reporter(`mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`, {
    v: [{ region: XINDU, indicator: 'jobs_posted', period, value }],
  });
  await reporter(`mutation ($p: String!) { submitReport(region: "${XINDU}", period: $p) { status } }`, { p: period });
  const mine = async () =>
    (await analyst(`{ alerts(limit: 200) { id ruleName period message } }`)).alerts.filter(
      (a: { ruleName: string }) => a.ruleName === name,
    );
  expect(await mine()).toEqual([]);
  await approver(`mutation ($p: String!) { approveReport(region: "${XINDU}", period: $p) { status } }`, { p: period });
  const change = Number((((value - lastYear) / lastYear) * 100).toFixed(1));
  expect(change).toBe(200);
  expect(await mine()).toHaveLength(1);

  // — the analyst sees it arrive, without reloading (alertRaised), counted as unread in the navigation, and marks it read
  await expect(page.getByTestId('alerts-unread')).toBeVisible();
  const item = page.getByTestId('alert-item').filter({ hasText: name });
  await expect(item).toHaveCount(1);
  await expect(item.getByTestId('alert-message')).toContainText(`新都区 ${period} 发布岗位同比增长 ${change}%`);
  await expect(item).toHaveAttribute('data-read', 'false');
  await page.screenshot({ path: `${SCREENSHOTS}alerts-list.png`, fullPage: true });
  await item.getByTestId('alert-read').click();
  await expect(item).toHaveAttribute('data-read', 'true');

  // — and deletes the rule (its alert goes with it)
  await row.getByTestId('rule-delete').click();
  await row.getByTestId('rule-delete').click();
  await expect(row).toHaveCount(0);
  expect((await analyst(`{ alertRules { id } }`)).alertRules.map((r: { id: number }) => r.id)).not.toContain(ruleId);
});

test('the overview shows how many regions are approved for the latest month (the public sees no pending counts)', async ({ page, gql }) => {
  await page.goto('/');
  const card = page.getByTestId('completeness-card');
  await expect(card).toBeVisible();
  const { indicators } = await gql(`{ indicators { cadence latestPeriod } }`);
  const latest = indicators
    .filter((i: { cadence: string }) => i.cadence === 'MONTHLY')
    .map((i: { latestPeriod: string }) => i.latestPeriod)
    .sort()
    .at(-1);
  const { completeness } = await gql(
    `query ($p: String!) { completeness(region: "100000", period: $p) { expected approved submitted late } }`,
    {
      p: latest,
    },
  );
  expect(completeness.submitted).toBeNull();
  await expect(card.getByTestId('completeness-approved')).toContainText(String(completeness.approved));
  await expect(card).toContainText(`共 ${completeness.expected} 个填报单位`);
  await expect(card.getByTestId('completeness-submitted')).toHaveCount(0);
  await expect(card.getByTestId('completeness-late')).toHaveCount(0);
});
