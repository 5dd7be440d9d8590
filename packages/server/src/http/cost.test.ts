import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  getIntrospectionQuery,
  getOperationAST,
  Kind,
  parse,
  print,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../config.js';
import { buildHexieSchema } from '../schema.js';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../test/databases.js';
import { ENTITY_COST, hexieCostModel, loadCardinalities, operationCost, SQL_COST, unpricedLists, type CostModel } from './cost.js';
import { MAX_COST } from './limits.js';

/** The documents the dashboard sends, as GraphQL Code Generator compiled them (fragments included). */
function dashboardDocuments(): Map<string, DocumentNode> {
  const source = readFileSync(path.join(repoRoot, 'packages/web/src/gql/graphql.ts'), 'utf8');
  const documents = new Map<string, DocumentNode>();
  for (const [, name, json] of source.matchAll(/^export const (\w+)Document = (\{.*\}) as unknown as/gm)) {
    documents.set(name, JSON.parse(json) as DocumentNode);
  }
  return documents;
}

const costOf = (schema: GraphQLSchema, model: CostModel, document: DocumentNode, variables: Record<string, unknown> = {}) => {
  const fragments = Object.fromEntries(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  return operationCost({ schema, operation: getOperationAST(document)!, fragments, variables, model });
};

describe.each(vendors)('query cost on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  let schema: GraphQLSchema;
  let model: CostModel;
  const cost = (query: string, variables: Record<string, unknown> = {}) => costOf(schema, model, parse(query), variables);
  const count = async (sql: string) => Number((await rawQuery<{ n: number }>(db, sql))[0].n);

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    schema = await buildHexieSchema();
    model = hexieCostModel(schema, await loadCardinalities(db.orm.em.fork() as never));
  });
  afterAll(async () => db?.close());

  it('has a size for every list of the schema, introspection included', () => {
    expect(unpricedLists(schema, model)).toEqual([]);
  });

  it('multiplies by the rows a list returns', async () => {
    const counties = await count(`select count(*) as n from region where level = 'COUNTY'`);
    expect(counties).toBeGreaterThan(2900);
    expect(cost('{ regions(level: COUNTY) { code name } }')).toBe(SQL_COST + counties * (3 + ENTITY_COST));
    const aliases = Array.from({ length: 5 }, (_, i) => `r${i}: regions(level: COUNTY) { code }`).join(' ');
    expect(cost(`{ ${aliases} }`)).toBe(5 * (SQL_COST + counties * (2 + ENTITY_COST)));

    // children of the nation: the provinces; of Sichuan's cities: at most the largest family among them
    const provinces = await count(`select count(*) as n from region where parent_code = '100000'`);
    expect(cost('{ region(code: "100000") { children { code } } }')).toBe(1 + provinces * (2 + ENTITY_COST));
    const largestCity = await count(
      `select max(n) as n from (select count(*) as n from region k join region c on k.parent_code = c.code where c.parent_code = '510000' group by c.code) f`,
    );
    expect(
      cost('{ breakdown(indicator: "jobs_posted", region: "510000", from: "2024", to: "2024") { region { children { code } } } }'),
    ).toBe(SQL_COST + 21 * (1 + 1 + largestCity * (2 + ENTITY_COST)));
  });

  it('counts the buckets of a series from its range and grain', () => {
    const series = (from: string, to: string, grain: string) =>
      cost(`{ series(indicator: "jobs_posted", region: "100000", from: "${from}", to: "${to}", grain: ${grain}) { points { value } } }`);
    const perPoint = 2; // the point and its value
    expect(series('2024-01', '2024-12', 'MONTH')).toBe(2 * SQL_COST + 1 + 12 * perPoint);
    expect(series('2015', '2044', 'MONTH')).toBe(2 * SQL_COST + 1 + 360 * perPoint);
    expect(series('2024-02', '2024-07', 'QUARTER')).toBe(2 * SQL_COST + 1 + 3 * perPoint); // Q1, Q2, Q3
    expect(series('2021', '2024', 'YEAR')).toBe(2 * SQL_COST + 1 + 4 * perPoint);
    const $ = { f: '2024-01', t: '2024-06', g: 'MONTH' };
    const withVariables = costOf(
      schema,
      model,
      parse(
        'query($f: String!, $t: String!, $g: Grain!) { indicators { series(region: "100000", from: $f, to: $t, grain: $g) { points { value } } } }',
      ),
      $,
    );
    const indicators = model.lists['Query.indicators']({ key: 'Query.indicators', args: {} });
    expect(withVariables).toBe(indicators * (1 + 2 * SQL_COST + 1 + 6 * perPoint));
  });

  it('prices introspection like any other list', () => {
    const types = Object.values(schema.getTypeMap());
    expect(cost('{ __schema { types { name } } }')).toBe(1 + types.length * 2);
    // every field of every type, listed once: the exact count
    const fields = types.flatMap((t) => ('getFields' in t && !('parseValue' in t) ? Object.values(t.getFields()) : []));
    const objectFields = fields.filter((f) => 'args' in f);
    expect(cost('{ __schema { types { fields { name } } } }')).toBeCloseTo(1 + types.length + objectFields.length * 2, 6);
    // one type's fields: the largest type's count
    const largest = Math.max(
      ...types.map((t) => ('getFields' in t && !('parseValue' in t) && 'getInterfaces' in t ? Object.keys(t.getFields()).length : 0)),
    );
    expect(cost('{ __type(name: "Query") { fields { name } } }')).toBe(1 + largest * 2);
    expect(cost('{ __typename }')).toBe(1);
    // the full introspection query GraphiQL sends fits the budget
    const introspection = cost(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, inputValueDeprecation: true }));
    expect(introspection).toBeLessThan(MAX_COST / 5);
    console.log(`introspection query: ${introspection}`);
  });

  it('skips what @include(if: false) and @skip(if: true) leave out', () => {
    const q = 'query($two: Boolean!) { a: region(code: "100000") { code } b: regions(level: COUNTY) @include(if: $two) { code } }';
    expect(costOf(schema, model, parse(q), { two: false })).toBe(2);
    expect(costOf(schema, model, parse(q), { two: true })).toBeGreaterThan(5000);
  });

  it('prices a fragment spread many times without walking it each time', () => {
    // 2^20 spreads if walked naively: memoised, it is priced in a few milliseconds
    const fragments = Array.from({ length: 20 }, (_, i) => `fragment F${i + 1} on Region { ...F${i} ...F${i} }`).join('\n');
    const started = performance.now();
    const total = cost(`{ region(code: "510000") { ...F20 } } fragment F0 on Region { code } ${fragments}`);
    expect(performance.now() - started).toBeLessThan(200);
    expect(total).toBe(1 + 2 ** 20);
  });

  it('keeps every query of the dashboard and the bench far below the budget', async () => {
    const documents = dashboardDocuments();
    const report = { region: '510114', period: '2024-03' };
    const seedText = readFileSync(path.join(repoRoot, 'packages/server/data/seeds/004_94a1c972eb8362e8.txt'), 'utf8');
    // the widest the dashboard asks: the nation, every month of the demo data
    const wide = { indicator: 'jobs_posted', region: '100000', from: '2020-01', to: '2024-12', grain: 'MONTH' };
    const figures = (
      await rawQuery<{ code: string }>(
        db,
        'select i.code from published_figure f join indicator i on i.id = f.indicator_id group by i.code order by count(*) desc limit 1',
      )
    )[0].code;
    const variables: Record<string, Record<string, unknown>> = {
      Breakdown: { ...wide, second: '100000', two: true },
      Catalog: {},
      IndicatorDetail: { code: figures, region: '100000' },
      Kpi: wide,
      RegionTargets: { region: '100000' },
      RegionView: { code: '100000' },
      Trend: wide,
      // signed-in pages: the widest each asks
      Me: {},
      EntryReport: report,
      ReviewReport: report,
      ReviewQueue: { status: 'SUBMITTED' },
      History: { ...report, indicator: 'jobs_posted' },
      Users: {},
      Login: { email: 'someone@example.org', password: 'a password' },
      Logout: {},
      SaveObservations: { values: Array.from({ length: 1000 }, () => ({ ...report, indicator: 'jobs_posted', value: 1 })) },
      SubmitReport: report,
      ApproveReport: report,
      ReturnReport: { ...report, reason: 'x' },
      UnapproveReport: { ...report, reason: 'x' },
      CreateUser: { input: { email: 'a@b.cn', name: 'a', password: 'a long password', role: 'VIEWER', region: '510114' } },
      DeactivateUser: { email: 'a@b.cn' },
      // 报告摘录: a seed report read, its figures proposed, 15 of them accepted (each answered with its hub value)
      Reviewer: {},
      MeRole: {},
      ImportPage: {},
      CreateEmbed: {
        input: { widget: 'trend', kind: 'SIGNED', params: { ...wide }, origins: ['https://portal.example'], expiresIn: 86400 },
      },
      ReadDocument: { input: { fileName: 'report.txt', contentBase64: Buffer.from(seedText).toString('base64') } },
      ExtractFigures: { input: { text: seedText, date: '2024-03-20' } },
      ReviewRegionLookup: { code: '510000' },
      // the approval queue's completeness: the nation's units listed (the widest)
      Completeness: { region: '100000', period: '2024-03', units: 200, withUnits: true },
      UnreadAlerts: {},
      Alerts: { limit: 100 },
      MarkAlertRead: { id: null },
      AlertRules: {},
      AlertDeliveries: { rule: 1 },
      CreateAlertRule: {
        input: {
          kind: 'YOY_CHANGE',
          name: 'x',
          region: '510000',
          indicator: 'jobs_posted',
          threshold: 30,
          webhookUrl: 'https://hooks.example/x',
        },
      },
      DeleteAlertRule: { id: 1 },
      // live updates (priced per event)
      DataChanged: { region: '100000' },
      ReportsChanged: { region: '100000' },
      AlertRaised: {},
      AlertsRaised: {},
      // 嵌入管理 and a past import's problems (up to 1,000 listed)
      Embeds: {},
      RevokeEmbed: { id: 'x' },
      ImportProblems: { id: 1 },
      AcceptFigures: {
        input: {
          source: { text: seedText, title: 't', date: '2024-03-20' },
          figures: Array.from({ length: 15 }, () => ({ indicator: 'jobs_posted', region: '510000', value: 1 })),
        },
      },
    };
    // every operation the dashboard sends is priced here (a new one must be added above)
    expect([...documents.keys()].filter((name) => !variables[name])).toEqual([]);
    const costs: Record<string, number> = {};
    for (const [name, document] of documents) costs[`web ${name}`] = costOf(schema, model, parse(print(document)), variables[name]);

    // the bench's own requests (packages/bench/src/scenarios.ts), built for the demo data's range
    const bench = await import(pathToFileURL(path.join(repoRoot, 'packages/bench/src/scenarios.ts')).href);
    const dataset = await import(pathToFileURL(path.join(repoRoot, 'packages/bench/src/dataset.ts')).href);
    const indicators = await rawQuery<Record<string, unknown> & { code: string; id: number }>(
      db,
      'select id, code, aggregation, numerator_id, denominator_id, factor, category, reporting_level from indicator order by position',
    );
    const regions = await rawQuery<{ code: string; name: string; parent_code: string }>(
      db,
      'select code, name, parent_code from region order by code',
    );
    const cities = await rawQuery<{ code: string }>(
      db,
      `select c.code from region c where c.level = 'CITY' and exists (select 1 from region k where k.parent_code = c.code) order by c.code`,
    );
    const meta = {
      firstMonth: dataset.monthIndex(2015, 1), // the bench's national data set spans ten years
      lastMonth: dataset.monthIndex(2024, 12),
      indicators: new Map(indicators.map((i) => [i.code, i])),
      byId: new Map(indicators.map((i) => [i.id, i.code])),
      children: async (code: string) => regions.filter((r) => r.parent_code === code),
      cities: cities.map((c) => c.code),
      county: '510104', // Q-G's reporter
      db: '',
    };
    for (const scenario of await bench.buildScenarios(meta)) {
      const ask = scenario.asks.hexie;
      if (!ask) continue;
      const { query, variables: v } = JSON.parse(ask.request(0).body);
      costs[`bench ${scenario.id}`] = costOf(schema, model, parse(query), v);
    }

    console.table(
      Object.entries(costs).map(([query, c]) => ({ query, cost: c, 'share of budget': `${((100 * c) / MAX_COST).toFixed(1)} %` })),
    );
    expect(Object.keys(costs).filter((k) => k.startsWith('bench')).length).toBeGreaterThanOrEqual(5);
    for (const [query, c] of Object.entries(costs)) expect(c, query).toBeLessThan(MAX_COST / 3);
  });
});
