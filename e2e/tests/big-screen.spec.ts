import { test, expect, kpisLoaded, SERIES_TOTAL, SCREENSHOTS } from './fixtures';

test.use({ viewport: { width: 1920, height: 1080 } });

test('big-screen mode renders from the button and from its URL', async ({ page, gql }) => {
  await page.goto('/?region=430000');
  await kpisLoaded(page);
  await page.getByTestId('big-screen-link').click();
  await expect(page).toHaveURL(/\/screen\?.*region=430000/);
  const screen = page.getByTestId('big-screen');
  await expect(screen).toBeVisible();
  await expect(page.getByTestId('screen-region')).toHaveText('湖南省');
  await kpisLoaded(page);
  const cards = page.getByTestId('kpi-card');
  await expect(cards).toHaveCount(7);

  // each big number is the API's total for its indicator
  const { categories } = await gql(`query { categories { code } }`);
  expect(categories.length).toBe(7);
  for (const card of await cards.all()) {
    const code = (await card.getAttribute('data-indicator'))!;
    const { indicator } = await gql(`query ($c: String!) { indicator(code: $c) { frequency latestPeriod } }`, { c: code });
    const value = await card.getAttribute('data-value');
    const url = new URL(page.url());
    const period = url.searchParams.get('period') ?? String(Math.max(...(await latestYears(gql))));
    const p = indicator.frequency === 'annual' ? period.slice(0, 4) : period;
    const { series } = await gql(SERIES_TOTAL, { indicator: code, region: '430000', from: p, to: p, grain: 'YEAR' });
    expect(value).toBe(series.total === null ? '' : String(series.total));
  }

  // several charts at once, dark, filling a 1920×1080 wall without scrolling
  await expect.poll(() => screen.locator('canvas').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  const bg = await screen.evaluate((el) => getComputedStyle(el).backgroundImage);
  expect(bg).toContain('gradient');
  const overflow = await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight);
  expect(overflow).toBeLessThanOrEqual(1);
  await page.waitForTimeout(1200);
  await page.screenshot({ path: `${SCREENSHOTS}big-screen.png` });

  // reachable by URL directly too
  await page.goto('/screen?region=100000');
  await expect(page.getByTestId('screen-region')).toHaveText('全国');
  await kpisLoaded(page);
});

async function latestYears(gql: any): Promise<number[]> {
  const { indicators } = await gql(`query { indicators { frequency latestPeriod } }`);
  return indicators.filter((i: any) => i.frequency === 'monthly').map((i: any) => Number(i.latestPeriod.slice(0, 4)));
}
