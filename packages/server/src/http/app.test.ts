import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../test/databases.js';
import { BODY_LIMIT, buildApp } from './app.js';
import { MAX_ALIASES, MAX_DEPTH } from './limits.js';
import { regionTree } from '../modules/region/region.tree.js';
import { UserService } from '../modules/user/user.service.js';

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

  it('refuses queries with too many aliases', async () => {
    const fields = Array.from({ length: MAX_ALIASES + 1 }, (_, i) => `r${i}: region(code: "510000") { code }`).join(' ');
    const response = await post({ query: `{ ${fields} }` });
    expect(response.statusCode).toBe(400);
    const [error] = response.json().errors;
    expect(error.extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect(error.message).toMatch(`at most ${MAX_ALIASES}`);
  });

  it('refuses an oversized body with a clear message', async () => {
    const response = await post({ query: `{ categories { code } } # ${'x'.repeat(BODY_LIMIT)}` });
    expect(response.statusCode).toBe(413);
    expect(response.json().errors[0].message).toMatch(/larger than 256 KB/);
  });

  it('reports bad input as BAD_USER_INPUT without a stack trace', async () => {
    const response = await post({
      query: '{ breakdown(indicator: "jobs_posted", region: "510000", from: "2024-1", to: "2024-03") { value } }',
    });
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

describe.each(vendors)('response cache and batching on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let statements = 0;
  const post = (query: string) =>
    app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ query }) });
  const JOBS = '{ series(indicator: "jobs_posted", region: "510000", from: "2024-01", to: "2024-01", grain: MONTH) { total } }';

  beforeAll(async () => {
    db = await createTestDatabase(vendor, { onQuery: () => statements++ });
    // statements are counted: no background re-pricing, no alert checks
    app = await buildApp({ orm: db.orm, limits: { repriceMs: 3_600_000 }, alerts: false });
    const insert = `insert into observation (indicator_id, region_code, period, value)
      select i.id, r.code, date '2024-01-01', 10 from indicator i, region r
      where i.aggregation <> 'ratio' and r.level = i.reporting_level and left(r.code, 2) in ('51', '22')`;
    await db.orm.em.fork().getConnection().execute(insert);
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('serves repeated queries from memory and shows a write on the very next read', async () => {
    const first = await post(JOBS);
    expect(first.headers['x-hexie-cache']).toBe('miss');
    const total = first.json().data.series.total;
    expect(total).toBe(10 * 183);
    const second = await post(JOBS);
    expect(second.headers['x-hexie-cache']).toBe('hit');
    expect(second.json()).toEqual(first.json());

    await db.orm.em
      .fork()
      .getConnection()
      .execute(`update observation set value = 20 where region_code = '510104' and period = '2024-01-01' and indicator_id = 2`);
    const third = await post(JOBS);
    expect(third.headers['x-hexie-cache']).toBe('miss');
    expect(third.json().data.series.total).toBe(total + 10);
  });

  it('does not cache errors', async () => {
    const bad = '{ series(indicator: "jobs_posted", region: "510000", from: "2024-13", to: "2024-01", grain: MONTH) { total } }';
    await post(bad);
    expect((await post(bad)).headers['x-hexie-cache']).toBe('miss');
  });

  it('shows a created or deactivated user on the very next read of the users', async () => {
    const em = db.orm.em.fork() as never;
    const password = 'correct horse battery';
    await new UserService(em, await regionTree(em)).create(
      { email: 'cache-admin@test.cn', name: 'admin', password, role: 'ADMIN', region: '510000' },
      null,
    );
    const login = await post(`mutation { login(email: "cache-admin@test.cn", password: "${password}") { token } }`);
    const token = login.json().data.login.token as string;
    const asAdmin = (query: string) =>
      app.inject({
        method: 'POST',
        url: '/graphql',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        payload: JSON.stringify({ query }),
      });
    const USERS = '{ users { email active } }';
    await asAdmin(USERS);
    expect((await asAdmin(USERS)).headers['x-hexie-cache']).toBe('hit');

    const created = await asAdmin(
      `mutation { createUser(input: { email: "new@test.cn", name: "新用户", password: "${password}", role: VIEWER, region: "510100" }) { email } }`,
    );
    expect(created.json().errors).toBeUndefined();
    const afterCreate = await asAdmin(USERS);
    expect(afterCreate.headers['x-hexie-cache']).toBe('miss');
    expect(afterCreate.json().data.users).toContainEqual({ email: 'new@test.cn', active: true });

    expect((await asAdmin('mutation { deactivateUser(email: "new@test.cn") { active } }')).json().errors).toBeUndefined();
    const afterDeactivate = await asAdmin(USERS);
    expect(afterDeactivate.headers['x-hexie-cache']).toBe('miss');
    expect(afterDeactivate.json().data.users).toContainEqual({ email: 'new@test.cn', active: false });
  });

  it('answers a drill-down into every city of a province in one statement, as each city asked alone', async () => {
    const cities = async (province: string) =>
      (await post(`{ region(code: "${province}") { children { code } } }`))
        .json()
        .data.region.children.map((c: { code: string }) => c.code);
    const fields = '{ total totalYoy points { period value yoy } }';
    const one = (code: string) =>
      `series(indicator: "jobs_posted", region: "${code}", from: "2023-11", to: "2024-02", grain: MONTH) ${fields}`;
    for (const province of ['510000', '220000']) {
      const codes: string[] = await cities(province);
      const before = statements;
      const all = await post(`{ ${codes.map((c) => `c${c}: ${one(c)}`).join(' ')} }`);
      expect(all.json().errors).toBeUndefined();
      expect(statements - before).toBe(1); // the range and the year before, for every city at once
      for (const code of codes) {
        const alone = await post(`{ ${one(code)} }`);
        expect(all.json().data[`c${code}`]).toEqual(alone.json().data.series);
      }
    }
    const [{ total }] = await rawQuery<{ total: string }>(
      db,
      `select sum(o.value) as total from observation o join region r on r.code = o.region_code
       where r.parent_code = '510100' and o.indicator_id = (select id from indicator where code = 'jobs_posted')
         and o.period between '2023-11-01' and '2024-02-01'`,
    );
    expect((await post(`{ ${one('510100')} }`)).json().data.series.total).toBe(Number(total));
  });

  it('runs as many SQL statements for 183 counties as for 6 (no N+1)', async () => {
    const dashboard = (region: string) => `{ indicators(category: "dispute_resolution") {
      code name unit latestPeriod
      series(region: "${region}", from: "2024-01", to: "2024-01", grain: MONTH) { total totalYoy points { period value yoy } region { name parent { name } } }
      breakdown(region: "${region}", from: "2024-01", to: "2024-01") { value region { code name level parent { code name } children { code } } }
    } }`;
    const count = async (region: string) => {
      const before = statements;
      const response = await post(dashboard(region));
      expect(response.json().errors).toBeUndefined();
      return { statements: statements - before, rows: response.json().data.indicators[0].breakdown.length };
    };
    const province = await count('510000'); // 21 cities
    const city = await count('510100'); // 20 districts and counties
    const small = await count('220200'); // a city with 9 counties
    expect(province.rows).toBe(21);
    expect(small.rows).toBeLessThan(city.rows);
    expect(city.statements).toBe(small.statements);
    expect(province.statements).toBeLessThanOrEqual(small.statements);
    expect(small.statements).toBeGreaterThan(0);
  });
});
