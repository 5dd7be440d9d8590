import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { APIRequestContext } from '@playwright/test';
import { test, expect, kpisLoaded, SERIES_TOTAL } from './fixtures';

// Live updates: the big screen changes within a second of an approval, without reload, and the
// approval queue shows a submission the moment it is made.

const XINDU = '510114';

/** The demo accounts the e2e server wrote into its data folder on first start. */
function demoAccount(role: string): { email: string; password: string; region: string } {
  const file = fileURLToPath(new URL('../.data/demo-accounts.txt', import.meta.url));
  const line = readFileSync(file, 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${role}\t`));
  if (!line) throw new Error(`no ${role} in demo-accounts.txt`);
  const [, email, password, region] = line.trimEnd().split('\t');
  return { email, password, region };
}

/** GraphQL with a bearer token: a script approving through the API. */
async function signedIn(request: APIRequestContext, role: string) {
  const account = demoAccount(role);
  const login = await request.post('/graphql', {
    data: {
      query: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { token } }`,
      variables: { e: account.email, p: account.password },
    },
  });
  const token: string = (await login.json()).data.login.token;
  return async (query: string, variables: Record<string, unknown> = {}) => {
    const res = await request.post('/graphql', { data: { query, variables }, headers: { authorization: `Bearer ${token}` } });
    const body = await res.json();
    if (body.errors?.length) throw new Error(body.errors.map((e: { message: string }) => e.message).join('; '));
    return body.data;
  };
}

/** A month before the demo data that nobody has entered anything into yet (reruns do not collide). */
async function freshMonth(reporter: Awaited<ReturnType<typeof signedIn>>): Promise<string> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const period = `${2011 + Math.floor(Math.random() * 9)}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}`;
    const { report } = await reporter(`query ($r: String!, $p: String!) { report(region: $r, period: $p) { status entries { value } } }`, {
      r: XINDU,
      p: period,
    });
    if (report.status === 'DRAFT' && report.entries.every((e: { value: number | null }) => e.value === null)) return period;
  }
  throw new Error('no unused month found in 2011–2019');
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

test('the big screen shows an approved figure within a second, without reload', async ({ page, request, gql }) => {
  test.setTimeout(180_000);
  const reporter = await signedIn(request, 'REPORTER');
  const approver = await signedIn(request, 'APPROVER');
  const period = await freshMonth(reporter);
  const key = { r: XINDU, p: period };

  let loads = 0;
  page.on('load', () => loads++);
  // the page subscribes over a WebSocket at /graphql (its client lazy-loaded)
  const subscribed = page
    .waitForEvent('websocket', (ws) => ws.url().endsWith('/graphql'))
    .then((ws) => ws.waitForEvent('framesent', (f) => String(f.payload).includes('"subscribe"')));
  await page.goto(`/screen?region=${XINDU}&period=${period}`);
  await kpisLoaded(page);
  const card = page.locator('[data-testid=kpi-card][data-indicator=jobs_posted]');
  await expect(card).toHaveAttribute('data-value', '');
  // the page notes the moment the figure changes (same machine clock as this test)
  await card.evaluate((el) => {
    new MutationObserver(() => ((window as unknown as { changedAt: number }).changedAt = Date.now())).observe(el, {
      attributeFilter: ['data-value'],
    });
  });
  await subscribed;
  await page.waitForTimeout(300); // the server has registered it

  const sinceRequest: number[] = [];
  const sinceAnswer: number[] = [];
  for (let round = 1; round <= 5; round++) {
    const value = 1000 + round * 111;
    await reporter(`mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`, {
      v: [{ region: XINDU, indicator: 'jobs_posted', period, value }],
    });
    await reporter(`mutation ($r: String!, $p: String!) { submitReport(region: $r, period: $p) { status } }`, key);
    await page.evaluate(() => ((window as unknown as { changedAt: number }).changedAt = 0));
    const sent = Date.now();
    await approver(`mutation ($r: String!, $p: String!) { approveReport(region: $r, period: $p) { status } }`, key);
    const answered = Date.now();
    await expect(card).toHaveAttribute('data-value', String(value), { timeout: 5000 });
    const changedAt = await page.evaluate(() => (window as unknown as { changedAt: number }).changedAt);
    sinceRequest.push(changedAt - sent);
    sinceAnswer.push(changedAt - answered);
    // the number shown is the API's own for that month
    const { series } = await gql(SERIES_TOTAL, { indicator: 'jobs_posted', region: XINDU, from: period, to: period, grain: 'MONTH' });
    expect(series.total).toBe(value);
    // unapproved: the figure leaves the screen as live
    await approver(
      `mutation ($r: String!, $p: String!) { unapproveReport(region: $r, period: $p, reason: "e2e live round") { status } }`,
      key,
    );
    await expect(card).toHaveAttribute('data-value', '', { timeout: 5000 });
  }
  expect(loads).toBe(1); // never reloaded
  console.log(
    `big screen, approval → figure on screen (ms), 5 approvals: from the request ${sinceRequest.join(', ')} (median ${median(sinceRequest)}); from the answer ${sinceAnswer.join(', ')} (median ${median(sinceAnswer)})`,
  );
  expect(median(sinceRequest)).toBeLessThan(1000);
});

test('the approval queue shows a submission as it is made', async ({ page, request }) => {
  test.setTimeout(120_000);
  const reporter = await signedIn(request, 'REPORTER');
  const approver = demoAccount('APPROVER');
  const period = await freshMonth(reporter);
  const subscribed = page
    .waitForEvent('websocket', (ws) => ws.url().endsWith('/graphql'))
    .then((ws) => ws.waitForEvent('framesent', (f) => String(f.payload).includes('"subscribe"')));
  await page.goto('/review');
  await expect(page).toHaveURL(/\/login\?redirect=/);
  await page.getByTestId('login-email').fill(approver.email);
  await page.getByTestId('login-password').fill(approver.password);
  await page.getByTestId('login-submit').click();
  await expect(page).toHaveURL(/\/review/);
  await expect(page.getByTestId('review-queue')).toBeVisible();
  const item = page.locator(`[data-testid=queue-item][data-region="${XINDU}"][data-period="${period}"]`);
  await expect(item).toHaveCount(0);
  await subscribed;
  await page.waitForTimeout(300);

  await reporter(`mutation ($v: [ObservationInput!]!) { saveObservations(values: $v) { status } }`, {
    v: [{ region: XINDU, indicator: 'jobs_posted', period, value: 5 }],
  });
  await reporter(`mutation ($r: String!, $p: String!) { submitReport(region: $r, period: $p) { status } }`, { r: XINDU, p: period });
  await expect(item).toHaveCount(1, { timeout: 3000 });
  // tidy: the report goes back to its reporter
  await item.click();
  await page.getByTestId('review-reason').fill('e2e: live queue');
  await page.getByTestId('return-report').click();
  await expect(item).toHaveCount(0);
});
