import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, vendors, type TestDatabase } from '../test/databases.js';
import { BODY_LIMIT, buildApp } from './app.js';
import { MAX_COMPLEXITY, MAX_DEPTH } from './limits.js';

describe.each(vendors)('HTTP server on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const post = (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    app.inject({ method: 'POST', url: '/graphql', headers, payload: typeof body === 'string' ? body : JSON.stringify(body) });

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    app = await buildApp({ orm: db.orm });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('answers health and readiness checks', async () => {
    expect((await app.inject('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await app.inject('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('answers a query over HTTP', async () => {
    const response = await post({ query: '{ region(code: "510000") { name nameEn level children { code } } }' });
    expect(response.statusCode).toBe(200);
    const { region } = response.json().data;
    expect(region).toMatchObject({ name: '四川省', nameEn: 'Sichuan', level: 'PROVINCE' });
    expect(region.children.length).toBe(21);
  });

  it('blocks requests a browser could forge (CSRF)', async () => {
    const forged = await post({ query: '{ categories { code } }' }, { 'content-type': 'text/plain' });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toMatch(/Cross-Site Request Forgery/);
    const get = await app.inject({ method: 'GET', url: '/graphql?query=%7Bcategories%7Bcode%7D%7D' });
    expect(get.statusCode).toBe(400);
  });

  it('refuses queries nested too deeply', async () => {
    const query = `{ region(code: "510000") { ${'children { '.repeat(MAX_DEPTH)}code${' }'.repeat(MAX_DEPTH)} } }`;
    const response = await post({ query });
    expect(response.statusCode).toBe(400);
    const [error] = response.json().errors;
    expect(error.extensions.code).toBe('QUERY_TOO_DEEP');
    expect(error.message).toMatch(`at most ${MAX_DEPTH}`);
  });

  it('refuses queries over the complexity limit', async () => {
    const fields = Array.from({ length: MAX_COMPLEXITY }, (_, i) => `r${i}: region(code: "510000") { code }`).join(' ');
    const response = await post({ query: `{ ${fields} }` });
    expect(response.statusCode).toBe(400);
    const [error] = response.json().errors;
    expect(error.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(`at most ${MAX_COMPLEXITY}`);
  });

  it('refuses an oversized body with a clear message', async () => {
    const response = await post({ query: `{ categories { code } } # ${'x'.repeat(BODY_LIMIT)}` });
    expect(response.statusCode).toBe(413);
    expect(response.json().errors[0].message).toMatch(/larger than 256 KB/);
  });

  it('reports bad input as BAD_USER_INPUT without a stack trace', async () => {
    const response = await post({ query: '{ breakdown(indicator: "jobs_posted", region: "510000", from: "2024-1", to: "2024-03") { value } }' });
    expect(response.statusCode).toBe(200);
    const [error] = response.json().errors;
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(error.message).toMatch(/Invalid "from" period "2024-1"/);
    expect(response.body).not.toMatch(/stacktrace|at .*\.js:\d+/);
  });

  it('reports a malformed query as a GraphQL error, not a 500', async () => {
    const response = await post({ query: '{ series(indicator: "jobs_posted" { total }' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    const broken = await post('{"query": ');
    expect(broken.statusCode).toBe(400);
  });
});
