import { defineConfig } from '@playwright/test';
import { fileURLToPath } from 'node:url';

// Browser tests against the real server with demo data, in Debian's Chromium (no browser downloads).
const port = Number(process.env.HEXIE_E2E_PORT ?? 4100);
const root = fileURLToPath(new URL('..', import.meta.url));
export const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './tests',
  outputDir: './test-results',
  timeout: 60_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    // the built server, serving the built dashboard; the first start loads ~4.5M demo rows
    command: 'node packages/server/dist/main.js',
    cwd: root,
    url: `${baseURL}/readyz`,
    env: { PORT: String(port), HEXIE_DATA_DIR: fileURLToPath(new URL('./.data', import.meta.url)), HEXIE_DEMO: '1' },
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
  },
});
