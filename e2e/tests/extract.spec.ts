// 报告摘录: a reviewer pastes the Sichuan report, accepts proposed figures, saves them, and finds
// them on the indicator page beside the hub's aggregate. Signed in through the API (the cookie is
// shared with the page); expected values come from the seed text itself, never from the page.
import { createHash, randomInt } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { request as playwrightRequest, type BrowserContext } from '@playwright/test';
import { test, expect, exact, SCREENSHOTS } from './fixtures';
import { baseURL } from '../playwright.config';

const SEED = readFileSync(new URL('../../packages/server/data/seeds/001_eb98d15c927dc88e.txt', import.meta.url), 'utf8');

/** The demo accounts the server wrote into the e2e data folder: role → email and password. */
function account(role: string) {
  const file = new URL('../.data/demo-accounts.txt', import.meta.url);
  const row = readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.split('\t'))
    .find((cols) => cols[0] === role);
  if (!row) throw new Error(`no ${role} in ${file.pathname}`);
  return { email: row[1], password: row[2], region: row[3] };
}

/**
 * Signs the context in as the demo user of `role` through the API (the cookie is the page's too).
 * Sign-in is rate-limited (5 per email, 20 per IP in 10 minutes), so the session is kept in the
 * e2e data folder and reused while the server still accepts it.
 */
async function signIn(context: BrowserContext, role: string) {
  const saved = new URL(`../.data/e2e-session-${role}.json`, import.meta.url);
  if (existsSync(saved)) {
    await context.addCookies(JSON.parse(readFileSync(saved, 'utf8')));
    const me = await (await context.request.post('/graphql', { data: { query: '{ me { role } }' } })).json();
    if (me.data?.me?.role === role) return;
    await context.clearCookies();
  }
  const { email, password } = account(role);
  const res = await context.request.post('/graphql', {
    data: {
      query: 'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { user { role } } }',
      variables: { email, password },
    },
  });
  const body = await res.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  expect(body.data.login.user.role).toBe(role);
  writeFileSync(saved, JSON.stringify(await context.cookies()));
}

/** A line only this run's text has: acceptFigures refuses the same figure twice from the same text (by SHA-256). */
const marker = () => `（核对批次 ${Array.from({ length: 10 }, () => String.fromCharCode(97 + randomInt(26))).join('')}）`;

/** "发布岗位189.36万个" → 1893600, read from the seed text with its own rule (万 = 10,000). */
function figureOf(pattern: RegExp): { quote: string; value: number } {
  const m = pattern.exec(SEED);
  if (!m) throw new Error(`${pattern} not in the seed`);
  return { quote: m[0], value: Math.round(Number(m[1]) * (m[0].includes('万') ? 10_000 : 1)) };
}

const FIGURES = `query ($region: String, $indicator: String) {
  publishedFigures(region: $region, indicator: $indicator) { id value hubValue reconciled quote scope source { title date sha256 } }
}`;

test('anonymous visitors are asked to sign in; a VIEWER is told the page is not for them', async ({ page, browser }) => {
  await page.goto('/extract');
  await expect(page.getByTestId('extract-signin')).toBeVisible();
  await expect(page.getByTestId('extract-signin-link')).toHaveAttribute('href', /\/login/);
  await expect(page.getByTestId('extract-text')).toHaveCount(0);

  const context = await browser.newContext({ baseURL, locale: 'zh-CN' });
  const viewerPage = await context.newPage();
  await signIn(context, 'VIEWER');
  await viewerPage.goto('/extract');
  await expect(viewerPage.getByTestId('extract-forbidden')).toContainText('浏览者');
  await expect(viewerPage.getByTestId('extract-text')).toHaveCount(0);
  await context.close();
});

test('the Sichuan report: extract, accept 发布岗位189.36万个 and one more, save, see them reconciled', async ({ page, context }) => {
  await signIn(context, 'ANALYST');
  const text = `${SEED.replace(/\r\n?/g, '\n').trimEnd()}\n${marker()}\n`;
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  const jobs = figureOf(/发布岗位([\d.]+)万个/);
  const events = figureOf(/招聘活动(\d+)场/);
  expect(jobs.value).toBe(1_893_600);

  await page.goto('/');
  await page.getByTestId('extract-link').click();
  await expect(page).toHaveURL(/\/extract$/);
  await page.getByTestId('extract-text').fill(text);
  await page.getByTestId('extract-run').click();

  // the source details are recognised from the text (its header line, its date line, its closing attribution)
  await expect(page.getByTestId('source-title')).toHaveValue(/创新构建新时代四川和谐劳动关系/);
  await expect(page.getByTestId('source-date')).toHaveValue('2024-03-20');
  await expect(page.getByTestId('source-publisher')).toHaveValue('四川省人民政府');

  // every candidate is highlighted in the text, and the figure is one of them
  const rows = page.getByTestId('candidate-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByTestId('figure-mark')).toHaveCount(await rows.count());
  const jobsMark = page.getByTestId('figure-mark').filter({ hasText: '189.36万个' });
  await expect(jobsMark).toHaveCount(1);

  const jobsRow = page.locator(`[data-testid=candidate-row][data-value="${jobs.value}"]`);
  await expect(jobsRow).toHaveCount(1);
  await expect(jobsRow).toHaveAttribute('data-indicator', 'jobs_posted');
  await expect(jobsRow).toHaveAttribute('data-region', '510000');
  await expect(jobsRow.getByTestId('candidate-region-name')).toHaveText('四川省');
  await expect(jobsRow.getByTestId('candidate-value')).toContainText(exact(jobs.value));
  await expect(jobsRow).toContainText(jobs.quote);

  // clicking the highlight points at its row; pointing at the row marks its highlight
  await jobsMark.click();
  await expect(jobsRow).toHaveClass(/active/);
  const eventsRow = page.locator(`[data-testid=candidate-row][data-value="${events.value}"]`);
  await eventsRow.hover();
  await expect(page.getByTestId('figure-mark').filter({ hasText: `${events.value}场` })).toHaveClass(/active/);
  await expect(eventsRow).toHaveAttribute('data-indicator', 'recruitment_events');
  await page.screenshot({ path: `${SCREENSHOTS}extract-review.png` });

  await jobsRow.getByTestId('accept').click();
  await eventsRow.getByTestId('accept').click();
  await expect(page.getByTestId('save')).toContainText('2');

  // a figure about Chongqing (500000) is outside the Sichuan analyst's scope: said beside its row, nothing sent
  const chongqingRow = rows.filter({ hasText: '重庆九龙坡区' });
  await expect(chongqingRow).toHaveAttribute('data-region', /^50\d{4}$/);
  await chongqingRow.getByTestId('accept').click();
  await page.getByTestId('save').click();
  await expect(page.locator(`[data-testid=row-problems][data-index="${await chongqingRow.getAttribute('data-index')}"]`)).toContainText(
    '不在您的数据范围内',
  );
  await expect(page.locator('[data-testid=row-problems]')).toHaveCount(1);
  await chongqingRow.getByTestId('accept').click(); // un-accept
  await expect(chongqingRow).toHaveAttribute('data-status', 'pending');

  // a wrong unit is refused by the server, and the problem stands beside its own row; nothing is stored
  await jobsRow.getByTestId('correct').click();
  await jobsRow.getByTestId('correct-unit').fill('人');
  await page.getByTestId('save').click();
  const problems = page.locator(`[data-testid=row-problems][data-index="${await jobsRow.getAttribute('data-index')}"]`);
  await expect(problems).toContainText('单位');
  await expect(problems).toContainText('jobs_posted is counted in 个');
  await expect(page.locator('[data-testid=row-problems]')).toHaveCount(1);
  await expect(page.getByTestId('stored')).toHaveCount(0);
  await page.screenshot({ path: `${SCREENSHOTS}extract-problem.png` });

  await jobsRow.getByTestId('correct-unit').fill('个');
  await page.getByTestId('save').click();
  const stored = page.getByTestId('stored');
  await expect(stored).toBeVisible();
  await expect(page.locator('[data-testid=row-problems]')).toHaveCount(0);
  await expect(jobsRow).toHaveAttribute('data-status', 'saved');
  await expect(eventsRow).toHaveAttribute('data-status', 'saved');
  await expect(stored.getByTestId('stored-figure')).toHaveCount(2);
  const storedJobs = stored.locator('[data-testid=stored-figure][data-indicator=jobs_posted]');
  await expect(storedJobs.getByTestId('stored-hub')).toContainText(exact(jobs.value));
  await page.screenshot({ path: `${SCREENSHOTS}extract-saved.png`, fullPage: true });

  // anonymous API: the figure is public, with this run's source document and the hub's aggregate beside it
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const res = await anonymous.post('/graphql', { data: { query: FIGURES, variables: { region: '510000', indicator: 'jobs_posted' } } });
  const { data } = await res.json();
  await anonymous.dispose();
  const mine = data.publishedFigures.filter((f: any) => f.source.sha256 === sha256);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({ value: jobs.value, hubValue: jobs.value, reconciled: true, scope: 'total' });
  expect(mine[0].quote).toContain(jobs.quote);
  expect(mine[0].source.date).toBe('2024-03-20');

  // the indicator page lists it beside the hub's aggregate
  await storedJobs.getByTestId('stored-link').click();
  await expect(page).toHaveURL(/\/indicator\/jobs_posted\?.*region=510000/);
  const row = page.locator(`[data-testid=figure-row][data-id="${mine[0].id}"]`);
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-reconciled', 'true');
  await expect(row.getByTestId('figure-value')).toContainText(exact(jobs.value));
  await expect(row.getByTestId('figure-hub')).toContainText(exact(jobs.value));
  await expect(row).toContainText(jobs.quote);
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SCREENSHOTS}extract-indicator.png` });
});

test('a saved web page is read by the server: navigation dropped, title, publisher, date and URL recognised', async ({ page, context }) => {
  await signIn(context, 'ANALYST');
  const title = '四川省举办春风行动招聘会';
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${title} - 网站</title>
    <link rel="canonical" href="https://www.sc.gov.cn/e2e/spring.html">
    <meta name="ContentSource" content="四川省人民政府"><meta name="PubDate" content="2024-03-20 10:14"></head>
    <body><nav>首页 | 政务公开 | 办事服务</nav><article><h1>${title}</h1>
    <p>今年累计举办各类招聘活动2343场，发布岗位189.36万个。</p></article><footer>版权所有 网站标识码5100000062</footer></body></html>`;
  await page.goto('/extract');
  await page.getByTestId('extract-file-input').setInputFiles({ name: 'spring.html', mimeType: 'text/html', buffer: Buffer.from(html) });
  await expect(page.getByTestId('extract-text')).toHaveValue(/发布岗位189\.36万个/);
  await expect(page.getByTestId('extract-text')).not.toHaveValue(/政务公开|版权所有/);
  await expect(page.getByTestId('source-title')).toHaveValue(title);
  await expect(page.getByTestId('source-publisher')).toHaveValue('四川省人民政府');
  await expect(page.getByTestId('source-date')).toHaveValue('2024-03-20');
  await expect(page.getByTestId('source-url')).toHaveValue('https://www.sc.gov.cn/e2e/spring.html');

  await page.getByTestId('extract-run').click();
  await expect(page.getByTestId('figure-mark')).toHaveText(['2343场', '189.36万个']);
  await expect(page.getByTestId('candidate-row')).toHaveCount(2);
  await expect(page.locator('[data-testid=candidate-row][data-value="1893600"]')).toHaveAttribute('data-indicator', 'jobs_posted');

  // an unreadable file: the server's reason is shown
  await page.getByTestId('edit-text').click();
  await page
    .getByTestId('extract-file-input')
    .setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') });
  await expect(page.getByTestId('extract-error')).toContainText('PDF');
});
