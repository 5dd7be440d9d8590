import { test, expect, exact, kpisLoaded, INDICATORS_OF, SERIES_TOTAL, SCREENSHOTS, type Gql } from './fixtures';

async function latestYear(gql: Gql): Promise<number> {
  const { indicators } = await gql(INDICATORS_OF);
  return Math.max(...indicators.filter((i: any) => i.frequency === 'monthly').map((i: any) => Number(i.latestPeriod.slice(0, 4))));
}

/** The KPI cards of the page show exactly the totals /graphql returns for the same query. */
async function expectKpisMatch(page: import('@playwright/test').Page, gql: Gql, category: string, region: string, period: string) {
  await kpisLoaded(page);
  const { indicators } = await gql(INDICATORS_OF, { category });
  await expect(page.getByTestId('kpi-card')).toHaveCount(indicators.length);
  for (const ind of indicators) {
    const p = ind.frequency === 'annual' ? period.slice(0, 4) : period;
    const grain = /Q/.test(p) ? 'QUARTER' : p.length === 7 ? 'MONTH' : 'YEAR';
    const { series } = await gql(SERIES_TOTAL, { indicator: ind.code, region, from: p, to: p, grain });
    const card = page.locator(`[data-testid=kpi-card][data-indicator="${ind.code}"]`);
    await expect(card).toHaveAttribute('data-value', series.total === null ? '' : String(series.total));
    if (series.total !== null) await expect(card.getByTestId('kpi-number')).toHaveText(exact(series.total));
    else await expect(card.getByTestId('kpi-number')).toHaveText('—');
  }
}

test('overview shows the KPI values /graphql returns, in Chinese by default', async ({ page, gql }) => {
  const year = await latestYear(gql);
  await page.goto('/');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('tab', { name: '就业服务' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('region-title')).toHaveText('全国');
  await expectKpisMatch(page, gql, 'employment_services', '100000', String(year));
  await expect(page.getByTestId('region-map').locator('canvas').first()).toBeVisible();
  await expect(page.getByTestId('trend-chart').locator('canvas').first()).toBeVisible();
  await page.waitForTimeout(800); // chart animations
  await page.screenshot({ path: `${SCREENSHOTS}overview-zh.png`, fullPage: true });

  // another category, via its tab; the URL keeps the state
  await page.getByRole('tab', { name: '争议调处' }).click();
  await expect(page).toHaveURL(/category=dispute_resolution/);
  await expectKpisMatch(page, gql, 'dispute_resolution', '100000', String(year));
});

test('changing period and grain updates KPIs, the trend and the URL; a reload keeps the view', async ({ page, gql }) => {
  const year = (await latestYear(gql)) - 1;
  await page.goto('/?region=510000&category=wage_protection');
  await kpisLoaded(page);
  await page.getByTestId('period-year').selectOption(String(year));
  await expect(page).toHaveURL(new RegExp(`period=${year}(&|$)`));
  await page.getByTestId('period-sub').selectOption('Q2');
  await expect(page).toHaveURL(new RegExp(`period=${year}-Q2`));
  await expectKpisMatch(page, gql, 'wage_protection', '510000', `${year}-Q2`);

  await page.getByTestId('period-sub').selectOption('M07');
  await expect(page).toHaveURL(new RegExp(`period=${year}-07`));
  await expectKpisMatch(page, gql, 'wage_protection', '510000', `${year}-07`);

  // grain: quarters in the trend chart, whose data equals the API's quarterly series
  await page.getByTestId('grain').getByRole('radio', { name: '季' }).click();
  await expect(page).toHaveURL(/grain=QUARTER/);
  const trend = page.getByTestId('trend-chart');
  await expect(trend.getByRole('heading')).toContainText('按季');
  const downloadPromise = page.waitForEvent('download');
  await trend.locator('[data-action=csv]').click();
  const csv = await (await downloadPromise).createReadStream().then(readAll);
  const rows = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(','));
  expect(rows.length).toBeGreaterThan(4);
  for (const [period] of rows) expect(period).toMatch(/^\d{4}-Q[1-4]$/);
  const { indicators } = await gql(INDICATORS_OF, { category: 'wage_protection' });
  const { series } = await gql(SERIES_TOTAL, {
    indicator: indicators[0].code,
    region: '510000',
    from: rows[0][0],
    to: rows[rows.length - 1][0],
    grain: 'QUARTER',
  });
  expect(rows.map((r) => [r[0], r[1] === '' ? null : Number(r[1])])).toEqual(series.points.map((p: any) => [p.period, p.value]));

  // the URL holds the state: a reload shows the same view
  await page.reload();
  await expect(page.getByTestId('period-sub')).toHaveValue('M07');
  await expect(page.getByTestId('grain').getByRole('radio', { name: '季' })).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByRole('tab', { name: '欠薪治理' })).toHaveAttribute('aria-selected', 'true');
  await expectKpisMatch(page, gql, 'wage_protection', '510000', `${year}-07`);
});

test('switching language to English and back', async ({ page, gql }) => {
  await page.goto('/?category=collective_bargaining');
  await kpisLoaded(page);
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('tab', { name: 'Collective bargaining' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('region-title')).toHaveText('China');
  const { indicators } = await gql(INDICATORS_OF, { category: 'collective_bargaining' });
  for (const ind of indicators) {
    await expect(page.locator(`[data-testid=kpi-card][data-indicator="${ind.code}"] .kpi-name`)).toHaveText(ind.nameEn);
  }
  await expect(page.getByText('YoY').first()).toBeVisible();
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${SCREENSHOTS}overview-en.png`, fullPage: true });

  // the choice survives a reload, and switching back gives Chinese
  await page.reload();
  await expect(page.getByRole('tab', { name: 'Collective bargaining' })).toBeVisible();
  await page.getByTestId('lang-switch').click();
  await expect(page.getByRole('tab', { name: '集体协商' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
});

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
