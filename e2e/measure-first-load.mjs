// Measures the overview's first load: every script the page fetches until its charts are painted,
// gzip level 9 of each file as built (dist), like test/bundle-size.test.ts.
import { chromium } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
const base = process.argv[2] ?? 'http://127.0.0.1:4161';
const dist = new URL('../packages/web/dist/', import.meta.url);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
const scripts = new Set();
page.on('request', (r) => r.resourceType() === 'script' && scripts.add(new URL(r.url()).pathname));
await page.goto(base + '/');
// every chart of the overview drawn: the map, the ranking and the trend
for (const id of ['region-map', 'ranking-chart', 'trend-chart']) await page.getByTestId(id).locator('canvas').first().waitFor();
await page.waitForFunction(() =>
  ['region-map', 'ranking-chart', 'trend-chart'].every((id) => document.querySelector(`[data-testid=${id}]`)?.hexieChart?.getOption()),
);
let total = 0;
const rows = [...scripts].map((p) => {
  const gz = gzipSync(readFileSync(new URL('.' + p, dist)), { level: 9 }).length;
  total += gz;
  return `${p} ${(gz / 1024).toFixed(1)}`;
});
console.log(rows.join('\n'));
console.log(`overview first load, all JS until the charts are painted: ${(total / 1024).toFixed(1)} KB gzip`);
await browser.close();
