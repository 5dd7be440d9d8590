import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isListType,
  isObjectType,
  isScalarType,
  parse,
  type GraphQLArgument,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../db/seeders/demo-load.js';
import { buildHexieSchema } from '../schema.js';
import { createTestDatabase, vendors, type TestDatabase } from '../test/databases.js';
import { BODY_LIMIT, buildApp } from './app.js';
import { hexieCostModel, loadCardinalities, operationCost, type CostModel } from './cost.js';
import { MAX_STRING_ARGUMENT } from './input.js';
import { MAX_ALIASES, MAX_COST, MAX_DEPTH, MAX_TOKENS } from './limits.js';

/**
 * One anonymous caller trying to hurt the hub (issue 7): every request here is answered with a 4xx
 * and a client code (or within the limits), quickly, without the server's memory running away, and
 * the server answers the next caller afterwards.
 */

const KPI = `query Kpi($indicator: String!, $region: String!, $from: String!, $to: String!, $grain: Grain!) {
  series(indicator: $indicator, region: $region, from: $from, to: $to, grain: $grain) { total totalPrevious totalYoy note } }`;
const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
const MB = 1024 * 1024;

describe.each(vendors)('hostile requests on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  let schema: GraphQLSchema;
  let model: CostModel;
  let nonce = 0;
  let statements = 0;
  const statementCount = async () => statements;

  const post = async (body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) => {
    const started = performance.now();
    const response = await fetch(`${base}/graphql`, {
      method: 'POST',
      headers,
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let json: any = null;
    try {
      json = JSON.parse(text);
    } catch {
      /* not JSON: asserted by the caller */
    }
    return { status: response.status, json, text, ms: performance.now() - started };
  };
  /** A dashboard query the response cache cannot answer (a fresh unused variable each time). */
  const dashboardQuery = () =>
    post({
      query: KPI,
      variables: { indicator: 'jobs_posted', region: '510000', from: '2024-01', to: '2024-12', grain: 'MONTH', nonce: nonce++ },
    });
  const cost = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions.find((d) => d.kind === 'OperationDefinition')!;
    return operationCost({ schema, operation: operation as never, fragments: {}, variables, model });
  };
  /** The server answers an ordinary query afterwards. */
  const stillServes = async () => {
    const after = await dashboardQuery();
    expect(after.status).toBe(200);
    expect(after.json.errors).toBeUndefined();
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  };
  /** Asserts a refusal: status, code, quick, the limit and the figure in the message. */
  const refused = async (body: unknown, status: number, code: string | RegExp, message?: RegExp, maxMs = 1000) => {
    const heapBefore = process.memoryUsage().heapUsed;
    const response = await post(body);
    expect(response.status, response.text.slice(0, 300)).toBe(status);
    expect(response.json?.errors?.[0]?.extensions?.code, response.text.slice(0, 300)).toMatch(
      typeof code === 'string' ? new RegExp(`^${code}$`) : code,
    );
    if (message) expect(response.json.errors[0].message).toMatch(message);
    expect(response.ms).toBeLessThan(maxMs);
    expect(response.text.length).toBeLessThan(4096); // never echoes the input back whole
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * MB);
    return response;
  };

  beforeAll(async () => {
    db = await createTestDatabase(vendor, { onQuery: () => statements++ });
    await loadDemoData(db.orm, db.databaseUrl, { provinces: ['510000'] });
    schema = await buildHexieSchema();
    model = hexieCostModel(schema, await loadCardinalities(db.orm.em.fork() as never));
    // statements are counted: no background re-pricing
    app = await buildApp({ orm: db.orm, limits: { repriceMs: 3_600_000 } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  describe('the findings of issue 7', () => {
    it('refuses 80 aliases of categories × indicators × breakdown × children × children (was: out of memory)', async () => {
      const field =
        'categories { indicators { breakdown(region: "100000", from: "2024-01", to: "2024-12") { value region { children { children { code } } } } } }';
      await refused({ query: aliases(80, field) }, 400, 'QUERY_TOO_COMPLEX', new RegExp(`80 aliases; at most ${MAX_ALIASES}`));
      // even once it is over the budget: 7 categories × their indicators × 31 provinces × their cities × their counties
      const once = await refused({ query: `{ ${field} }` }, 400, 'QUERY_TOO_COMPLEX', new RegExp(`at most ${MAX_COST}`));
      expect(once.json.errors[0].extensions.cost).toBeGreaterThan(MAX_COST);
      await stillServes();
    });

    it('refuses 300 aliases of regions(level: COUNTY) (was: 34 s, 28 MB), and 6 of them (over the budget)', async () => {
      await refused(
        { query: aliases(300, 'regions(level: COUNTY) { code name }') },
        400,
        'QUERY_TOO_COMPLEX',
        new RegExp(`${MAX_TOKENS} tokens`),
      );
      const six = await refused({ query: aliases(6, 'regions(level: COUNTY) { code name }') }, 400, 'QUERY_TOO_COMPLEX');
      expect(six.json.errors[0].message).toMatch(new RegExp(`cost ${six.json.errors[0].extensions.cost}; at most ${MAX_COST}`));
      await stillServes();
    });

    it('refuses 50 aliases of publishedFigures(region: "100000") (was: a 13 s stall)', async () => {
      await refused({ query: aliases(50, 'publishedFigures(region: "100000") { value hubValue reconciled }') }, 400, 'QUERY_TOO_COMPLEX');
      await stillServes();
    });

    it('prices introspection: 1,800 aliases of __schema/__typename are refused (was: 40 MB answered)', async () => {
      await refused({ query: aliases(1800, '__schema { types { name } }') }, 400, 'QUERY_TOO_COMPLEX');
      await refused({ query: aliases(1800, '__typename') }, 400, 'QUERY_TOO_COMPLEX');
      // introspection nested to multiply lists: graphql-js's own depth rule, and the cost
      await refused(
        { query: '{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }' },
        400,
        'QUERY_TOO_DEEP',
      );
      await refused(
        { query: aliases(12, '__schema { types { fields { args { type { name } } type { fields { args { name } } } } } }') },
        400,
        'QUERY_TOO_COMPLEX',
        /would cost/,
      );
      await stillServes();
    });

    it('answers variables missing, wrongly typed, null for non-null and unknown enum values as 400 BAD_USER_INPUT', async () => {
      const q = 'query($r: String!, $l: RegionLevel) { region(code: $r) { code } regions(level: $l) { code } }';
      await refused({ query: q }, 400, 'BAD_USER_INPUT', /"\$r" of required type "String!" was not provided/);
      await refused({ query: q, variables: { r: 5 } }, 400, 'BAD_USER_INPUT', /String cannot represent/);
      await refused({ query: q, variables: { r: null } }, 400, 'BAD_USER_INPUT', /must not be null/);
      await refused(
        { query: q, variables: { r: '510000', l: 'TOWN' } },
        400,
        'BAD_USER_INPUT',
        /Allowed values: NATION, PROVINCE, CITY, COUNTY\./,
      );
      await refused({ query: q, variables: { r: '510000', l: { $ne: 1 } } }, 400, 'BAD_USER_INPUT');
      // the same mistakes written into the query
      await refused(
        { query: '{ regions(level: TOWN) { code } }' },
        400,
        'GRAPHQL_VALIDATION_FAILED',
        /Allowed values: NATION, PROVINCE, CITY, COUNTY\./,
      );
      await refused({ query: '{ region(code: null) { code } }' }, 400, 'GRAPHQL_VALIDATION_FAILED');
      await stillServes();
    });

    it('answers an operationName that matches no operation, and a mutation, as 400', async () => {
      await refused(
        { query: 'query A { categories { code } }', operationName: 'B' },
        400,
        'OPERATION_RESOLUTION_FAILURE',
        /Unknown operation named "B"/,
      );
      await refused({ query: 'query A { categories { code } } query B { categories { name } }' }, 400, 'OPERATION_RESOLUTION_FAILURE');
      await refused({ query: 'mutation { x }' }, 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "x" on type "Mutation"/);
      await refused({ query: 'subscription { x }' }, 400, 'GRAPHQL_VALIDATION_FAILED', /Cannot query field "x" on type "Subscription"/);
      await refused(
        { query: 'subscription { dataChanged(region: "100000") { period } }' },
        400,
        'BAD_REQUEST',
        /Subscriptions run over WebSocket \(the graphql-ws protocol\) at this same path, \/graphql/,
      );
      await stillServes();
    });

    it('refuses NUL and control characters, 10 KB strings, empty filters and whitespace before any SQL', async () => {
      const statementsBefore = await statementCount();
      await refused(
        { query: '{ region(code: "51\\u00000000") { code } }' },
        400,
        'BAD_USER_INPUT',
        /control character U\+0000 at position 2/,
      );
      await refused(
        {
          query: 'query($r: String!) { breakdown(indicator: "jobs_posted", region: $r, from: "2024", to: "2024") { value } }',
          variables: { r: '5100\u001b00' },
        },
        400,
        'BAD_USER_INPUT',
        /U\+001B/,
      );
      const long = await refused(
        { query: `{ region(code: "${'7'.repeat(10240)}") { code } }` },
        400,
        'BAD_USER_INPUT',
        new RegExp(`10240 characters long; at most ${MAX_STRING_ARGUMENT}`),
      );
      expect(long.text).not.toMatch(/7{50}/);
      await refused(
        { query: 'query($c: String) { indicators(category: $c) { code } }', variables: { c: 'x'.repeat(200_000) } },
        400,
        'BAD_USER_INPUT',
      );
      await refused({ query: '{ regions(parent: "") { code } }' }, 400, 'BAD_USER_INPUT', /empty string/);
      await refused({ query: '{ publishedFigures(indicator: "") { id } }' }, 400, 'BAD_USER_INPUT', /empty string/);
      await refused(
        { query: '{ series(indicator: "jobs_posted", region: "510000", from: " 2024-01 ", to: "2024-03", grain: MONTH) { total } }' },
        400,
        'BAD_USER_INPUT',
        /whitespace/,
      );
      await refused(
        { query: '{ series(indicator: "jobs_posted", region: "510000", from: "2024-01\\n", to: "2024-03", grain: MONTH) { total } }' },
        400,
        'BAD_USER_INPUT',
      );
      expect(await statementCount()).toBe(statementsBefore); // none of them reached the database
      await stillServes();
    });

    it('answers invalid JSON, an empty body, batches and huge bodies with a code', async () => {
      for (const body of [
        '{"query": ',
        '',
        'null',
        '[]',
        '"text"',
        '{"query": 5}',
        '{"query": "{ categories { code } }", "variables": "x"}',
      ]) {
        const response = await post(body);
        expect(response.status, body).toBe(400);
        expect(response.json.errors[0].extensions.code, body).toMatch(/^(BAD_REQUEST|BAD_USER_INPUT)$/);
      }
      await refused([{ query: '{ categories { code } }' }, { query: '{ categories { code } }' }], 400, 'BAD_REQUEST', /batching/);
      await refused({ query: `{ categories { code } } # ${'x'.repeat(BODY_LIMIT)}` }, 413, 'PAYLOAD_TOO_LARGE', /larger than 256 KB/);
      const huge = {
        query: 'query($r: String!) { region(code: $r) { code } }',
        variables: { r: '510000', extra: Array.from({ length: 20_000 }, (_, i) => i) },
      };
      const response = await post(huge);
      expect(response.status).toBe(200); // unused variables are ignored, and the body limit bounds them
      await stillServes();
    });

    it('refuses deep nesting, fragments that multiply, and directives in numbers', async () => {
      const deep = `{ region(code: "510000") { ${'children { '.repeat(MAX_DEPTH)}code${' }'.repeat(MAX_DEPTH)} } }`;
      await refused({ query: deep }, 400, 'QUERY_TOO_DEEP', new RegExp(`nested ${MAX_DEPTH + 2} levels deep; at most ${MAX_DEPTH}`));
      // fragments spread twice per level, nested: 2^16 paths in a few hundred bytes
      const nested = Array.from({ length: 16 }, (_, i) => `fragment F${i + 1} on Region { children { ...F${i} ...F${i} } }`).join(' ');
      await refused({ query: `{ region(code: "100000") { ...F16 } } fragment F0 on Region { code } ${nested}` }, 400, 'QUERY_TOO_DEEP');
      // the same side by side: 2^20 spreads, priced without walking each (memoised) and refused
      const flat = Array.from({ length: 20 }, (_, i) => `fragment F${i + 1} on Query { ...F${i} ...F${i} }`).join(' ');
      await refused(
        { query: `{ ...F20 } fragment F0 on Query { regions(level: COUNTY) { code } } ${flat}` },
        400,
        'QUERY_TOO_COMPLEX',
        /would cost/,
      );
      await refused(
        { query: `{ region(code: "510000") { ${'... @include(if: true) { code } '.repeat(40)} } }` },
        400,
        'QUERY_TOO_COMPLEX',
        /40 directives/,
      );
      await stillServes();
    });
  });

  it('answers every argument of every field given a wrong type, a NUL byte or 10 KB with a 400 client error', async () => {
    const wrong = (arg: GraphQLArgument) =>
      isEnumType(getNamedType(arg.type))
        ? '"NOT_AN_ENUM"'
        : isScalarType(getNamedType(arg.type)) && getNamedType(arg.type).name === 'String'
          ? '5'
          : '"x"';
    const required = (args: readonly GraphQLArgument[], skip: string) =>
      args
        .filter((a) => a.name !== skip && a.type.toString().endsWith('!'))
        .map(
          (a) =>
            `${a.name}: ${isEnumType(getNamedType(a.type)) ? (getNullableType(a.type).toString() === 'Grain' ? 'MONTH' : 'NATION') : a.name === 'from' || a.name === 'to' ? '"2024"' : a.name === 'indicator' ? '"jobs_posted"' : '"510000"'}`,
        );
    const selection = (type: ReturnType<typeof getNamedType>) => (isObjectType(type) ? `{ __typename }` : '');
    const cases: string[] = [];
    for (const type of [
      schema.getQueryType()!,
      ...Object.values(schema.getTypeMap()).filter((t) => isObjectType(t) && !t.name.startsWith('__') && t !== schema.getQueryType()),
    ]) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          const args = (value: string) => [...required(field.args, arg.name), `${arg.name}: ${value}`].join(', ');
          const inner = `${field.name}(${args('%')}) ${selection(getNamedType(field.type))}`;
          // reach a nested field through a path the schema has: Indicator via indicator(code:)
          const wrap =
            type === schema.getQueryType()
              ? (s: string) => `{ ${s} }`
              : type.name === 'Indicator'
                ? (s: string) => `{ indicator(code: "jobs_posted") { ${s} } }`
                : null;
          if (!wrap) continue;
          cases.push(wrap(inner));
          for (const value of [wrong(arg)]) {
            await refused({ query: wrap(inner).replace('%', value) }, 400, 'GRAPHQL_VALIDATION_FAILED');
          }
          if (getNamedType(arg.type).name === 'String' && !isListType(getNullableType(arg.type))) {
            await refused({ query: wrap(inner).replace('%', '"51\\u0000"') }, 400, 'BAD_USER_INPUT', /U\+0000/);
            await refused({ query: wrap(inner).replace('%', `"${'9'.repeat(10240)}"`) }, 400, 'BAD_USER_INPUT', /10240 characters/);
          }
        }
      }
    }
    expect(cases.length).toBeGreaterThanOrEqual(20);
    await stillServes();
  });

  it('replaces an answer over the size ceiling by RESPONSE_TOO_LARGE, with the size and the limit', async () => {
    const small = await buildApp({ orm: db.orm, limits: { maxBytes: 100_000 } });
    try {
      const response = await small.inject({
        method: 'POST',
        url: '/graphql',
        payload: { query: '{ regions(level: COUNTY) { code name } }' },
      });
      expect(response.statusCode).toBe(400);
      const [error] = response.json().errors;
      expect(error.extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxBytes: 100_000 });
      expect(error.extensions.bytes).toBeGreaterThan(100_000);
      expect(error.message).toMatch(/at most 0.095 MB/);
      expect((await small.inject({ method: 'POST', url: '/graphql', payload: { query: '{ regions { code } }' } })).statusCode).toBe(200);
    } finally {
      await small.close();
    }
  });

  it('keeps /healthz and a dashboard query under a second while the heaviest allowed requests run', async () => {
    const county = '510104';
    const shapes: Record<string, string> = {
      'regions(level: COUNTY)': 'regions(level: COUNTY) { code name level }',
      'county series over 30 years': `series(indicator: "jobs_posted", region: "${county}", from: "1995-01", to: "2024-12", grain: MONTH) { total totalYoy points { period value previous yoy } }`,
      'breakdown of the nation over 30 years':
        'breakdown(indicator: "mediation_success_rate", region: "100000", from: "1995", to: "2024") { value note region { code name children { code name } } }',
      'published figures with their aggregates':
        'publishedFigures { value hubValue reconciled quote source { title } region { code name } }',
      'every indicator × ten years':
        'indicators { code series(region: "510000", from: "2015", to: "2024", grain: YEAR) { total points { period value yoy } } }',
      introspection: '__schema { types { name fields { name args { name type { name } } type { name ofType { name } } } } }',
    };
    const report: Record<string, unknown>[] = [];
    for (const [name, field] of Object.entries(shapes)) {
      const one = cost(`{ a0: ${field} }`);
      const n = Math.min(MAX_ALIASES, Math.floor(MAX_COST / one));
      expect(n, name).toBeGreaterThanOrEqual(1);
      const query = aliases(n, field);
      expect(cost(query)).toBeLessThanOrEqual(MAX_COST);
      const rssBefore = process.memoryUsage().rss;
      const heavy = post({ query, variables: { nonce: nonce++ } });
      let done = false;
      void heavy.finally(() => (done = true));
      const latencies: number[] = [];
      while (!done) {
        const started = performance.now();
        const [health, dashboard] = await Promise.all([fetch(`${base}/healthz`), dashboardQuery()]);
        expect(health.status).toBe(200);
        expect(dashboard.status).toBe(200);
        latencies.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const answer = await heavy;
      expect(answer.status, answer.text.slice(0, 300)).toBe(200);
      expect(answer.json.errors, name).toBeUndefined();
      const rss = (process.memoryUsage().rss - rssBefore) / MB;
      report.push({
        shape: name,
        aliases: n,
        cost: cost(query),
        ms: Math.round(answer.ms),
        bytes: answer.text.length,
        'rss +MB': Math.round(rss),
        'others, worst ms': Math.round(Math.max(...latencies)),
      });
    }
    console.table(report);
    for (const row of report) {
      expect(row['others, worst ms'], String(row.shape)).toBeLessThan(1000);
      expect(row.ms, String(row.shape)).toBeLessThan(5000);
      expect(row['rss +MB'], String(row.shape)).toBeLessThan(400);
    }
    await stillServes();
  });
});
