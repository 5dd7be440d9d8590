import { test, expect, BREAKDOWN, chartPoint, chartReady, geoCentroid, kpisLoaded, INDICATORS_OF, SCREENSHOTS, type Gql } from './fixtures';

async function topChild(gql: Gql, indicator: string, region: string, period: string) {
  const { breakdown } = await gql(BREAKDOWN, { indicator, region, from: period, to: period });
  return breakdown.filter((b: any) => b.value !== null).sort((a: any, b: any) => b.value - a.value)[0].region as {
    code: string;
    name: string;
  };
}

test('drill down from China to a county on the map and the ranking, and back up the breadcrumb', async ({ page, gql }) => {
  const { indicators } = await gql(INDICATORS_OF, { category: 'employment_services' });
  const indicator = indicators[0].code;
  const period = indicators[0].latestPeriod.slice(0, 4);
  await page.goto(`/?period=${period}`);
  await kpisLoaded(page);

  // the map: click on Sichuan (510000) at its centroid from the GeoJSON
  const map = page.getByTestId('region-map');
  await chartReady(map);
  await page.waitForTimeout(600);
  const at = await chartPoint(map, { seriesIndex: 0 }, geoCentroid('100000', '510000'));
  await page.mouse.click(at.x, at.y);
  await expect(page).toHaveURL(/region=510000/);
  await expect(page.getByTestId('region-title')).toHaveText('四川省');
  await expect(page.getByTestId('breadcrumb')).toContainText('全国');
  await kpisLoaded(page);
  await chartReady(page.getByTestId('region-map'));
  await page.waitForTimeout(800);
  await page.screenshot({ path: `${SCREENSHOTS}drilled-province.png`, fullPage: true });

  // the ranking: click the top-ranked city (expected from /graphql)
  const city = await topChild(gql, indicator, '510000', period);
  const ranking = page.getByTestId('ranking-chart');
  await chartReady(ranking);
  await expect
    .poll(async () => (await ranking.evaluate((el: any) => el.hexieChart.getOption().yAxis[0].data)).includes(city.name))
    .toBe(true);
  const names: string[] = await ranking.evaluate((el: any) => el.hexieChart.getOption().yAxis[0].data);
  const value: number = await ranking.evaluate((el: any, i) => el.hexieChart.getOption().series[0].data[i].value, names.indexOf(city.name));
  const bar = await chartPoint(ranking, { seriesIndex: 0 }, [value / 2, names.indexOf(city.name)]);
  await page.mouse.click(bar.x, bar.y);
  await expect(page).toHaveURL(new RegExp(`region=${city.code}`));
  await expect(page.getByTestId('region-title')).toHaveText(city.name);

  // the city's map shows its counties; click the top county on the map
  const county = await topChild(gql, indicator, city.code, period);
  const cityMap = page.getByTestId('region-map');
  await chartReady(cityMap);
  await page.waitForTimeout(600);
  const c = await chartPoint(cityMap, { seriesIndex: 0 }, geoCentroid(city.code, county.code));
  await page.mouse.click(c.x, c.y);
  await expect(page).toHaveURL(new RegExp(`region=${county.code}`));
  await expect(page.getByTestId('region-title')).toHaveText(county.name);
  await expect(page.getByTestId('leaf-note')).toBeVisible();
  await kpisLoaded(page);

  // back up: breadcrumb shows 全国 › 四川省 › city › county
  const crumbs = page.getByTestId('breadcrumb');
  await expect(crumbs.locator('.crumb')).toHaveText(['全国', '四川省', city.name, county.name]);
  await crumbs.getByRole('button', { name: '四川省' }).click();
  await expect(page).toHaveURL(/region=510000/);
  await page.getByTestId('breadcrumb').getByRole('button', { name: '全国' }).click();
  await expect(page).toHaveURL(/region=100000/);
  await expect(page.getByTestId('region-title')).toHaveText('全国');
});

test('a municipality ranks its districts directly', async ({ page, gql }) => {
  const { indicators } = await gql(INDICATORS_OF, { category: 'employment_services' });
  const period = indicators[0].latestPeriod.slice(0, 4);
  const { region } = await gql(`query { region(code: "110000") { children { code children { code name } } } }`);
  const districts = region.children.flatMap((c: any) => c.children.map((d: any) => d.name));
  await page.goto(`/?region=110000&period=${period}`);
  const ranking = page.getByTestId('ranking-chart');
  await chartReady(ranking);
  await expect
    .poll(async () => ((await ranking.evaluate((el: any) => el.hexieChart.getOption().yAxis[0].data)) as string[]).sort())
    .toEqual([...districts].sort());
});
