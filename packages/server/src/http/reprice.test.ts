import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../test/databases.js';
import { buildApp, REPRICE_MS } from './app.js';

describe.each(vendors)('re-pricing as published figures grow, on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  const ask = (query: string) =>
    app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query }) });

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    app = await buildApp({ orm: db.orm });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('prices every figure added while serving (each costs aggregate statements)', async () => {
    const every = '{ publishedFigures { value hubValue reconciled } }';
    expect((await ask(every)).statusCode).toBe(200);
    // analysts accept figures from reports while the server runs: here 2,000 copies of the first one
    await rawQuery(
      db,
      `insert into published_figure (region_code, indicator_id, period_start, period_end, value, unit, qualifier, scope, source_id, quote)
       select region_code, indicator_id, period_start, period_end, value, unit, qualifier, scope, source_id, quote
       from published_figure, generate_series(1, 2000) where id = (select min(id) from published_figure)`,
    );
    await new Promise((resolve) => setTimeout(resolve, REPRICE_MS * 2 + 500));
    const refused = await ask(` ${every}`); // another text: not the cached answer
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
  });
});
