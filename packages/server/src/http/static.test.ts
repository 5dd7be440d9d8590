import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../test/databases.js';
import { buildApp } from './app.js';

describe('HTTP surface: headers, compression, caching of the dashboard', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let dist: string;
  const script = `console.log(${JSON.stringify('和谐'.repeat(2000))});`;
  const geojson = JSON.stringify({
    type: 'FeatureCollection',
    features: Array.from({ length: 200 }, (_, i) => ({ type: 'Feature', id: i })),
  });

  beforeAll(async () => {
    dist = mkdtempSync(path.join(tmpdir(), 'hexie-web-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><script type="module" src="/assets/index-AbC123.js"></script>');
    writeFileSync(path.join(dist, 'assets', 'index-AbC123.js'), script);
    writeFileSync(
      path.join(dist, 'explorer.html'),
      '<!doctype html><title>explorer</title><script type="module" src="/assets/explorer-QwE456.js"></script>',
    );
    writeFileSync(path.join(dist, 'assets', 'index-AbC123.css'), 'body{color:red}'.repeat(200));
    writeFileSync(path.join(dist, 'assets', '100000-XyZ789.json'), geojson);
    db = await createTestDatabase('pglite');
    app = await buildApp({ orm: db.orm, webDist: dist });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('sends security headers: a CSP without inline scripts, no framing, nosniff, a referrer policy', async () => {
    for (const url of ['/', '/graphql', '/healthz', '/assets/index-AbC123.js']) {
      const response =
        url === '/graphql' ? await app.inject({ method: 'POST', url, payload: { query: '{ __typename }' } }) : await app.inject(url);
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toMatch(/default-src 'self'/);
      expect(csp).toMatch(/script-src 'self'(;|$)/);
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  it('compresses scripts, styles, JSON, GeoJSON and GraphQL answers with brotli or gzip', async () => {
    for (const [url, body] of [
      ['/assets/index-AbC123.js', script],
      ['/assets/100000-XyZ789.json', geojson],
    ]) {
      const br = await app.inject({ url, headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe(body);
      expect(br.rawPayload.length).toBeLessThan(Buffer.byteLength(body) / 5);
      const gzip = await app.inject({ url, headers: { 'accept-encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.rawPayload).toString()).toBe(body);
    }
    const css = await app.inject({ url: '/assets/index-AbC123.css', headers: { 'accept-encoding': 'gzip' } });
    expect(css.headers['content-encoding']).toBe('gzip');
    const graphql = await app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', 'accept-encoding': 'br' },
      payload: { query: '{ regions(level: PROVINCE) { code name nameEn } }' },
    });
    expect(graphql.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(graphql.rawPayload).toString()).data.regions).toHaveLength(31);
  });

  it('caches hashed assets for a year, revalidates index.html, and answers unknown assets 404', async () => {
    expect((await app.inject('/assets/index-AbC123.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await app.inject('/')).headers['cache-control']).toBe('no-cache');
    const route = await app.inject('/indicator/jobs_posted?region=510000');
    expect(route.statusCode).toBe(200);
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(route.body).toMatch(/<!doctype html>/);
    const missing = await app.inject('/assets/index-Gone00.js');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().errors[0].extensions.code).toBe('NOT_FOUND');
    expect((await app.inject('/favicon.ico')).statusCode).toBe(404);
  });

  it('serves the explorer at /explorer (inline styles allowed there only, for Monaco), and sends browsers from /graphql to it', async () => {
    const explorer = await app.inject('/explorer');
    expect(explorer.statusCode).toBe(200);
    expect(explorer.body).toMatch(/<title>explorer<\/title>/);
    expect(explorer.headers['cache-control']).toBe('no-cache');
    const csp = String(explorer.headers['content-security-policy']);
    expect(csp).toMatch(/style-src 'self' 'unsafe-inline'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-eval/);
    // everywhere else styles stay 'self' only
    expect(String((await app.inject('/')).headers['content-security-policy'])).toMatch(/style-src 'self'(;|$)/);

    const browser = await app.inject({ url: '/graphql', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect(browser.statusCode).toBe(302);
    expect(browser.headers.location).toBe('/explorer');
    const link = await app.inject({ url: '/graphql?saved=abc', headers: { accept: 'text/html' } });
    expect(link.headers.location).toBe('/explorer?saved=abc');
    // scripts still get GraphQL over GET, and no landing page from a CDN
    const get = await app.inject({ url: '/graphql?query=%7B__typename%7D', headers: { 'apollo-require-preflight': '1' } });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toEqual({ data: { __typename: 'Query' } });
    expect(get.body).not.toMatch(/apollographql|cdn/i);
  });
});
