import { test, expect, BREAKDOWN, chartReady, INDICATORS_OF, SERIES_TOTAL } from './fixtures';

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

/** Rows of the first sheet of an XLSX file, as plain values (row 1 is the header). */
async function xlsxRows(bytes: Buffer): Promise<unknown[][]> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as never);
  return (book.worksheets[0].getSheetValues().slice(1) as unknown[][]).map((row) => row.slice(1));
}

test('XLSX export of a chart holds the same rows as its CSV and the numbers /graphql returns', async ({ page, gql }) => {
  const { indicators } = await gql(INDICATORS_OF, { category: 'employment_services' });
  const ind = indicators[0];
  const period = ind.latestPeriod.slice(0, 4);
  await page.goto(`/?region=510000&period=${period}`);
  const ranking = page.getByTestId('ranking-chart');
  await chartReady(ranking);

  const xlsxDownload = page.waitForEvent('download');
  await ranking.locator('[data-action=xlsx]').click();
  const file = await xlsxDownload;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const [header, ...rows] = await xlsxRows(await read(file));
  expect(header.slice(0, 3)).toEqual(['排名', '区划代码', '地区']);
  expect(header[4]).toBe('期间'); // the period column lets the file import back

  const { breakdown } = await gql(BREAKDOWN, { indicator: ind.code, region: '510000', from: period, to: period });
  const expected = breakdown
    .filter((b: any) => b.value !== null)
    .sort((a: any, b: any) => b.value - a.value)
    .map((b: any, i: number) => [i + 1, b.region.code, b.region.name, b.value, period]);
  expect(rows).toEqual(expected);
});

test('GET /api/export gives scripts the same series as /graphql, as CSV and as XLSX', async ({ request, gql }) => {
  const query = 'indicator=jobs_posted&region=510000&from=2024-01&to=2024-12&grain=QUARTER';
  const { series } = await gql(
    `{ series(indicator: "jobs_posted", region: "510000", from: "2024-01", to: "2024-12", grain: QUARTER) { points { period value } } }`,
  );
  const expected = series.points.map((p: { period: string; value: number }) => [p.period, p.value]);

  const csv = await request.get(`/api/export?${query}&format=csv`);
  expect(csv.status()).toBe(200);
  const bytes = await csv.body();
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes
    .toString('utf8')
    .slice(1)
    .trim()
    .split('\r\n')
    .map((l) => l.split(','));
  expect(lines[0].slice(0, 6)).toEqual(['indicator', 'indicator_name', 'region', 'region_name', 'period', 'value']);
  expect(lines.slice(1).map((l) => [l[4], Number(l[5])])).toEqual(expected);

  const xlsx = await request.get(`/api/export?${query}&format=xlsx`);
  expect(xlsx.status()).toBe(200);
  const [, ...rows] = await xlsxRows(await xlsx.body());
  expect(rows.map((r) => [r[4], r[5]])).toEqual(expected);

  const bad = await request.get('/api/export?indicator=jobs_posted&region=510000&from=2024-01&to=2024-12&grain=WEEK');
  expect(bad.status()).toBe(400);
  expect((await bad.json()).errors[0].message).toMatch(/grain must be/);
});

test('tables download too: the indicator page’s series table as XLSX equals /graphql', async ({ page, gql }) => {
  await page.goto('/indicator/jobs_posted?region=510000&period=2024');
  const card = page.getByTestId('series-table');
  await expect(card.locator('tbody tr').first()).toBeVisible();
  const download = page.waitForEvent('download');
  await card.locator('[data-action=xlsx]').click();
  const [header, ...rows] = await xlsxRows(await read(await download));
  expect(header[0]).toBe('期间');
  const periods = rows.map((r) => String(r[0]));
  const grain = periods[0].includes('Q') ? 'QUARTER' : periods[0].length === 4 ? 'YEAR' : 'MONTH';
  const from =
    grain === 'QUARTER' ? `${periods[0].slice(0, 4)}-${String(Number(periods[0].slice(6)) * 3 - 2).padStart(2, '0')}` : periods[0];
  const last = periods[periods.length - 1];
  const to = grain === 'QUARTER' ? `${last.slice(0, 4)}-${String(Number(last.slice(6)) * 3).padStart(2, '0')}` : last;
  const { series } = await gql(SERIES_TOTAL, { indicator: 'jobs_posted', region: '510000', from, to, grain });
  expect(rows.map((r) => [String(r[0]), r[1]])).toEqual(series.points.map((p: { period: string; value: number }) => [p.period, p.value]));
});
