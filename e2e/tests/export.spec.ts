import { test, expect, BREAKDOWN, chartReady, INDICATORS_OF } from './fixtures';

async function read(download: import('@playwright/test').Download): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of await download.createReadStream()) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

test('CSV export is UTF-8 with a BOM and holds the data /graphql returns; PNG export is a PNG', async ({ page, gql }) => {
  const { indicators } = await gql(INDICATORS_OF, { category: 'employment_services' });
  const ind = indicators[0];
  const period = ind.latestPeriod.slice(0, 4);
  await page.goto(`/?region=510000&period=${period}`);
  const ranking = page.getByTestId('ranking-chart');
  await chartReady(ranking);

  const csvDownload = page.waitForEvent('download');
  await ranking.locator('[data-action=csv]').click();
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toMatch(/\.csv$/);
  expect(csvFile.suggestedFilename()).toContain(ind.name);
  const bytes = await read(csvFile);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
  expect(lines[0].split(',').slice(0, 3)).toEqual(['排名', '区划代码', '地区']);

  const { breakdown } = await gql(BREAKDOWN, { indicator: ind.code, region: '510000', from: period, to: period });
  const expected = breakdown
    .filter((b: any) => b.value !== null)
    .sort((a: any, b: any) => b.value - a.value)
    .map((b: any, i: number) => [String(i + 1), b.region.code, b.region.name, String(b.value), period]); // the period: so it imports back
  expect(lines.slice(1).map((l) => l.split(','))).toEqual(expected);

  const pngDownload = page.waitForEvent('download');
  await ranking.locator('[data-action=png]').click();
  const png = await read(await pngDownload);
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(png.length).toBeGreaterThan(2000);
});
