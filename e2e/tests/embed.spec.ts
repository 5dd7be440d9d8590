import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIRequestContext, Page } from '@playwright/test';
import { test, expect, SCREENSHOTS } from './fixtures';
import { baseURL } from '../playwright.config';

// Another site (a second origin: its own port) shows Hexie's charts by <script> and by <iframe>;
// the hub answers only what each stored embed allows.
const DATA_DIR = new URL('../.data/', import.meta.url);

function account(role: string) {
  const text = readFileSync(new URL('demo-accounts.txt', DATA_DIR), 'utf8');
  const line = text
    .split('\n')
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('role\t'))
    .map((l) => l.split('\t'))
    .find(([r]) => r === role);
  if (!line) throw new Error(`no ${role} in demo-accounts.txt`);
  return { email: line[1], password: line[2], region: line[3] };
}

/** A tiny static site on another port: `/` is whatever HTML the test sets. */
async function portal(): Promise<{ origin: string; set(html: string): void; close(): Promise<void> }> {
  let html = '';
  const server: Server = createServer((request, response) => {
    response.writeHead(request.url === '/' ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
    response.end(request.url === '/' ? html : 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, set: (h) => (html = h), close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const CREATE = `mutation ($input: EmbedInput!) { createEmbed(input: $input) { id token iframeUrl snippet } }`;
interface Created {
  id: string;
  token: string | null;
  iframeUrl: string;
  snippet: string;
}

async function signIn(request: APIRequestContext) {
  const { email, password } = account('ANALYST');
  const res = await request.post('/graphql', {
    data: {
      query: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { expiresAt } }`,
      variables: { e: email, p: password },
    },
  });
  expect((await res.json()).errors).toBeUndefined();
}

async function createEmbed(request: APIRequestContext, input: Record<string, unknown>): Promise<Created> {
  const res = await request.post('/graphql', { data: { query: CREATE, variables: { input } } });
  const body = await res.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.createEmbed;
}

/** Every /api/embed/data answer the page received. */
function watchData(page: Page) {
  const answers: { status: number; body: string }[] = [];
  page.on('response', async (response) => {
    if (response.url().includes('/api/embed/data') && response.request().method() === 'GET') {
      answers.push({ status: response.status(), body: await response.text().catch(() => '') });
    }
  });
  return answers;
}

const PARAMS = { indicator: 'jobs_posted', region: '510000', from: '2024-01', to: '2024-12', grain: 'MONTH' };

test.describe('embedding on another site', () => {
  let site: Awaited<ReturnType<typeof portal>>;
  test.beforeAll(async () => {
    site = await portal();
  });
  test.afterAll(async () => site?.close());

  test('a trend by script tag and a map by iframe both paint with the API’s numbers', async ({ page, request, gql }) => {
    await signIn(request);
    const trend = await createEmbed(request, { widget: 'trend', kind: 'SIGNED', params: PARAMS, origins: [site.origin], expiresIn: 3600 });
    const map = await createEmbed(request, { widget: 'map', kind: 'PUBLIC', params: { ...PARAMS, grain: null }, origins: [site.origin] });
    const kpi = await createEmbed(request, { widget: 'kpi', kind: 'PUBLIC', params: { ...PARAMS, grain: null }, origins: [] });
    expect(trend.snippet).toContain(`<script src="${baseURL}/embed.js" type="module"></script>`);
    site.set(
      `<!doctype html><html><head><meta charset="utf-8"><title>门户</title><style>h1{color:rgb(1,2,3)} .card{border:9px solid red}</style></head>
       <body><h1>四川省人社门户</h1>${trend.snippet}
       <hexie-chart widget="kpi" embed="${kpi.id}" lang="en" theme="dark" style="--hexie-accent: #123456"></hexie-chart><iframe id="map" src="${map.iframeUrl}" width="800" height="460"></iframe></body></html>`,
    );
    const answers = watchData(page);
    await page.goto(site.origin);
    const element = page.locator('hexie-chart[widget="trend"]');
    const card = element.getByTestId('trend-chart');
    // each element speaks its own language: the trend Chinese (default), the KPI English
    await expect(card.locator('.card-title')).toContainText('发布岗位');
    await expect(page.locator('hexie-chart[widget="kpi"]').getByTestId('kpi-widget')).toContainText('Jobs posted');
    await expect(card.locator('canvas').first()).toBeVisible();
    // shadow DOM: the portal's .card rule does not reach the chart, the chart's styles do not reach the page
    expect(await card.evaluate((el) => getComputedStyle(el).borderTopWidth)).toBe('1px');
    expect(await page.locator('h1').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(1, 2, 3)');

    // the numbers drawn are the API's (asked directly, not through the embed)
    const { series } = await gql(
      `query ($i: String!, $r: String!, $f: String!, $t: String!) { series(indicator: $i, region: $r, from: $f, to: $t, grain: MONTH) { points { value } } }`,
      { i: PARAMS.indicator, r: PARAMS.region, f: PARAMS.from, t: PARAMS.to },
    );
    await expect
      .poll(() => card.evaluate((el) => (el as HTMLElement & { hexieChart?: any }).hexieChart?.getOption()?.series?.[0]?.data))
      .toEqual(series.points.map((p: { value: number | null }) => p.value));
    expect(answers.every((a) => a.status === 200)).toBe(true);

    const frame = page.frameLocator('#map');
    await expect(frame.locator('hexie-chart').getByTestId('region-map').locator('canvas').first()).toBeVisible({ timeout: 30_000 });
    await page.waitForTimeout(800);
    await page.screenshot({ path: `${SCREENSHOTS}embed-portal.png`, fullPage: true });
  });

  test('a tampered, expired or revoked token, a changed parameter or another origin is refused with no data', async ({
    page,
    request,
    browser,
  }) => {
    await signIn(request);
    const good = await createEmbed(request, { widget: 'trend', kind: 'SIGNED', params: PARAMS, origins: [site.origin], expiresIn: 3600 });
    const token = good.token!;
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());

    // tampered: the region changed in the payload, the signature kept
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, params: { ...claims.params, region: '100000' } })).toString('base64url')}.${signature}`;
    // expired: correctly signed with the hub's key (from its data folder), with a past expiry
    const keys = JSON.parse(readFileSync(new URL('embed-keys.json', DATA_DIR), 'utf8')) as { kid: string; secret: string }[];
    const body = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(Date.now() / 1000) - 60 })).toString('base64url');
    const expired = `${header}.${body}.${createHmac('sha256', Buffer.from(keys[0].secret, 'base64url')).update(`${header}.${body}`).digest('base64url')}`;
    // revoked
    const gone = await createEmbed(request, { widget: 'trend', kind: 'SIGNED', params: PARAMS, origins: [site.origin], expiresIn: 3600 });
    const revoked = await request.post('/graphql', {
      data: { query: `mutation ($id: String!) { revokeEmbed(id: $id) { revokedAt } }`, variables: { id: gone.id } },
    });
    expect((await revoked.json()).errors).toBeUndefined();
    // allowed elsewhere only
    const elsewhere = await createEmbed(request, {
      widget: 'trend',
      kind: 'SIGNED',
      params: PARAMS,
      origins: ['https://portal.example'],
      expiresIn: 3600,
    });

    const attrs = (p: Record<string, string>) =>
      Object.entries(p)
        .map(([k, v]) => `${k}="${v}"`)
        .join(' ');
    const cases: [string, string, RegExp][] = [
      ['tampered', attrs({ widget: 'trend', ...PARAMS, token: tampered }), /signature does not match/],
      ['expired', attrs({ widget: 'trend', ...PARAMS, token: expired }), /expired/],
      ['revoked', attrs({ widget: 'trend', ...PARAMS, token: gone.token! }), /revoked/],
      ['changed-parameter', attrs({ widget: 'trend', ...PARAMS, region: '510100', token }), /locked to region/],
      ['other-origin', attrs({ widget: 'trend', ...PARAMS, token: elsewhere.token! }), /may not be shown on/],
    ];
    for (const [name, attributes, reason] of cases) {
      site.set(`<!doctype html><html><head><meta charset="utf-8"><script src="${baseURL}/embed.js" type="module"></script></head>
        <body><hexie-chart ${attributes}></hexie-chart></body></html>`);
      const answers = watchData(page);
      await page.goto(site.origin);
      const refusal = page.locator('hexie-chart [data-state="refused"]');
      await expect(refusal, name).toBeVisible();
      await expect(refusal, name).toContainText(reason);
      await expect(page.locator('hexie-chart canvas')).toHaveCount(0);
      expect(answers.length, name).toBeGreaterThan(0);
      for (const a of answers) {
        expect(a.status, name).toBe(403);
        expect(a.body, name).not.toMatch(/"points"|"rows"|"total"/);
      }
      await page.screenshot({ path: `${SCREENSHOTS}embed-refused-${name}.png` });
    }

    // an iframe on an origin the embed does not name is not framed at all (a page of its own: the
    // browser reports the refusal as the CSP violation it is)
    site.set(`<!doctype html><html><body><iframe id="f" src="${baseURL}/embed/trend?token=${elsewhere.token}"></iframe></body></html>`);
    const other = await browser.newPage();
    const answers = watchData(other);
    const blocked = other.waitForEvent('console', (m) => /frame-ancestors/.test(m.text()));
    await other.goto(site.origin);
    await blocked;
    await other.waitForTimeout(500);
    expect(answers).toEqual([]);
    await other.close();
  });
});

test('an analyst creates an embed from the dashboard’s 嵌入 dialog and its snippet works on another site', async ({ page }) => {
  const site = await portal();
  try {
    const { email, password } = account('ANALYST');
    // signing in through the API sets the HttpOnly session cookie for the page too
    const login = await page.request.post('/graphql', {
      data: {
        query: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { expiresAt } }`,
        variables: { e: email, p: password },
      },
    });
    expect((await login.json()).errors).toBeUndefined();
    await page.goto('/?region=510000');
    const trend = page.getByTestId('trend-chart');
    await trend.locator('[data-action="embed"]').click();
    const dialog = page.getByTestId('embed-dialog');
    await expect(dialog).toBeVisible();
    await dialog.locator('textarea[name="origins"]').fill(site.origin);
    await dialog.getByRole('button', { name: '生成嵌入代码' }).click();
    const snippet = await dialog.getByTestId('embed-snippet').inputValue();
    expect(snippet).toMatch(
      /^<script src="http:\/\/127\.0\.0\.1:\d+\/embed\.js" type="module"><\/script>\n<hexie-chart widget="trend" .* token="[\w-]+\.[\w-]+\.[\w-]+"/,
    );
    // the live preview is the iframe page itself
    await expect(dialog.frameLocator('[data-testid="embed-preview"]').locator('hexie-chart canvas').first()).toBeVisible({
      timeout: 30_000,
    });
    await page.screenshot({ path: `${SCREENSHOTS}embed-dialog.png` });

    site.set(`<!doctype html><html><head><meta charset="utf-8"></head><body>${snippet}</body></html>`);
    await page.goto(site.origin);
    await expect(page.locator('hexie-chart').getByTestId('trend-chart').locator('canvas').first()).toBeVisible();
  } finally {
    await site.close();
  }
});

test('the 嵌入 button is not offered to anonymous visitors', async ({ page }) => {
  await page.goto('/?region=510000');
  await expect(page.getByTestId('trend-chart').locator('canvas').first()).toBeVisible();
  await expect(page.locator('[data-action="embed"]')).toHaveCount(0);
});

test('嵌入管理: an analyst lists the embeds, copies a snippet, revokes one, and it stops answering', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { email, password } = account('ANALYST');
  const login = await page.request.post('/graphql', {
    data: {
      query: `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { expiresAt } }`,
      variables: { e: email, p: password },
    },
  });
  expect((await login.json()).errors).toBeUndefined();
  const origin = 'https://portal.example';
  const signed = await createEmbed(page.request, { widget: 'trend', kind: 'SIGNED', params: PARAMS, origins: [origin], expiresIn: 3600 });
  const open = await createEmbed(page.request, { widget: 'ranking', kind: 'PUBLIC', params: { ...PARAMS, grain: null }, origins: [] });
  const dataOf = (id: string) =>
    page.request.get(
      `/api/embed/data?embed=${id}&widget=ranking&indicator=${PARAMS.indicator}&region=${PARAMS.region}&from=${PARAMS.from}&to=${PARAMS.to}`,
    );
  expect((await dataOf(open.id)).status()).toBe(200);

  await page.goto('/');
  await page.getByTestId('nav-embeds').click();
  await expect(page).toHaveURL(/\/embeds$/);
  await expect(page.getByRole('heading', { name: '嵌入管理' })).toBeVisible();
  const signedRow = page.locator(`[data-testid=embed-row][data-id="${signed.id}"]`);
  const openRow = page.locator(`[data-testid=embed-row][data-id="${open.id}"]`);
  // what each shows, where, until when
  await expect(signedRow).toContainText('签名');
  await expect(signedRow).toContainText('趋势图');
  await expect(signedRow).toContainText('发布岗位');
  await expect(signedRow).toContainText('510000');
  await expect(signedRow).toContainText('2024年1月 – 2024年12月');
  await expect(signedRow).toContainText(origin);
  await expect(openRow).toContainText('公开');
  await expect(openRow).toContainText('排名');
  await expect(openRow).toContainText('任何网站');
  await expect(openRow).toContainText('撤销前一直有效');
  await expect(openRow).toHaveAttribute('data-state', 'active');

  // the snippet copied is the one the hub made
  await signedRow.locator('[data-action=copy-script]').click();
  await expect(signedRow.locator('[data-action=copy-script]')).toHaveText('已复制');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(signed.snippet);

  // revoking asks first
  await openRow.locator('[data-action=revoke]').click();
  await expect(openRow.locator('[data-action=revoke]')).toHaveText('确认撤销？');
  await expect(openRow).toHaveAttribute('data-state', 'active');
  await openRow.locator('[data-action=revoke]').click();
  await expect(openRow).toHaveAttribute('data-state', 'revoked');
  await expect(openRow).toContainText('已撤销');
  await expect(page.getByTestId('embeds-notice')).toContainText('已撤销');
  await expect(openRow.locator('[data-action=revoke]')).toHaveCount(0);
  const refused = await dataOf(open.id);
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toMatch(/revoked/);
  await expect(signedRow).toHaveAttribute('data-state', 'active');
  await page.screenshot({ path: `${SCREENSHOTS}embeds-page.png`, fullPage: true });

  // in English
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('heading', { name: 'Embeds', exact: true })).toBeVisible();
  await expect(openRow).toContainText('Revoked');
  await expect(signedRow).toContainText('Jobs posted');
  await page.getByTestId('lang-switch').click();
});

test('嵌入管理 is not offered to anonymous visitors', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('kpi-card').first()).toBeVisible();
  await expect(page.getByTestId('nav-embeds')).toHaveCount(0);
  await page.goto('/embeds');
  await expect(page).toHaveURL(/\/login\?redirect=/);
});
