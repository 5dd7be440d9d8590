import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** A demo account from the server's data folder (tab-separated: role, email, password, region). */
function demoAccount(role: string): { email: string; password: string } {
  const file = fileURLToPath(new URL('../.data/demo-accounts.txt', import.meta.url));
  const row = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('#'))
    .map((l) => l.split('\t'))
    .find((cols) => cols[0] === role);
  if (!row) throw new Error(`no ${role} in ${file}`);
  return { email: row[1], password: row[2] };
}

const LOGIN = 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }';

/** Signs the page in through the API: the answer sets the HttpOnly session cookie in the page's context. */
async function signIn(page: Page, role = 'ANALYST') {
  const response = await page.request.post('/graphql', { data: { query: LOGIN, variables: demoAccount(role) } });
  expect((await response.json()).errors).toBeUndefined();
}

/** Opens the saved-queries panel (GraphiQL remembers an open panel across reloads). */
async function openSaved(page: Page) {
  const panel = page.getByTestId('saved-queries');
  await expect(page.getByRole('button', { name: /(Show|Hide) 保存的查询/ })).toBeVisible();
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /Show 保存的查询/ }).click();
  await expect(panel).toBeVisible();
  return panel;
}

/** Every request the page makes, to check that none leaves 127.0.0.1. */
function recordRequests(page: Page): URL[] {
  const seen: URL[] = [];
  page.on('request', (request) => seen.push(new URL(request.url())));
  return seen;
}

test('the explorer runs a query with the signed-in user and no request leaves 127.0.0.1', async ({ page, gql }) => {
  await signIn(page);
  const requests = recordRequests(page);
  await page.goto('/explorer');
  await expect(page.locator('.graphiql-container')).toBeVisible();
  // the first example tab asks for 四川's jobs posted in 2024
  await expect(page.locator('.graphiql-query-editor')).toContainText('JobsPostedSichuan2024');
  const answer = page.waitForResponse(
    (r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('JobsPostedSichuan2024'),
  );
  await page.locator('.graphiql-execute-button').click();
  const body = await (await answer).json();
  const expected = await gql(
    `{ series(indicator: "jobs_posted", region: "510000", from: "2024-01", to: "2024-12", grain: MONTH) { total } }`,
  );
  expect(body.data.series.total).toBe(expected.series.total);
  await expect(page.locator('.graphiql-response')).toContainText('四川省');

  // the same-origin cookie went along: the explorer's panel knows who is signed in
  await expect(await openSaved(page)).toContainText('ANALYST');

  const hosts = new Set(requests.filter((u) => u.protocol.startsWith('http')).map((u) => u.hostname));
  expect([...hosts]).toEqual(['127.0.0.1']);
  // GraphiQL's workers are bundled files from the hub itself
  expect(requests.some((u) => /worker/.test(u.pathname))).toBe(true);
});

test('GET /graphql in a browser leads to the explorer', async ({ page }) => {
  await page.goto('/graphql');
  await expect(page).toHaveURL(/\/explorer$/);
  await expect(page.locator('.graphiql-container')).toBeVisible();
});

test('a saved query survives a reload, and opens for another user in scope by its link', async ({ page, browser, baseURL }) => {
  await signIn(page);
  await page.goto('/explorer');
  const panel = await openSaved(page);
  const name = `岗位查询 ${Date.now()}`;
  await panel.getByLabel('query name').fill(name);
  await panel.getByRole('checkbox').check();
  await panel.getByRole('button', { name: /^保存/ }).click();
  await expect(panel.getByRole('status')).toContainText(name);

  await page.reload();
  await openSaved(page);
  const item = page.getByTestId('saved-query').filter({ hasText: name });
  await expect(item).toBeVisible();

  // stored on the server: the API lists it for this user
  const listed = await page.request.post('/graphql', { data: { query: '{ savedQueries { id name query shared } }' } });
  const saved = (await listed.json()).data.savedQueries.find((q: { name: string }) => q.name === name);
  expect(saved).toMatchObject({ shared: true });
  expect(saved.query).toContain('JobsPostedSichuan2024');

  // another signed-in user (a national VIEWER overlaps every scope) opens the shared link
  const other = await browser.newContext({ baseURL });
  const otherPage = await other.newPage();
  await signIn(otherPage, 'VIEWER');
  await otherPage.goto(`/explorer?saved=${saved.id}`);
  await expect(otherPage.locator('.graphiql-query-editor')).toContainText('JobsPostedSichuan2024');
  await other.close();

  // clean up: delete it from the panel
  await item.getByRole('button', { name: `delete ${name}` }).click();
  await expect(page.getByTestId('saved-query').filter({ hasText: name })).toHaveCount(0);
});
