/**
 * Q-F and Q-G: what the dashboard itself sends. The documents are the web's generated ones
 * (packages/web/src/gql/graphql.ts), printed with `__typename` added as Apollo Client sends them.
 *
 * - Q-F: the overview page of a random province and year — every request the page makes on load
 *   (the signed-in check, the catalog, the region, its targets, one KPI per indicator of the first
 *   category, the focus indicator's breakdown and trend), one after another, a new page every
 *   round of them.
 * - Q-G: a signed-in reporter's data-entry page: their county's report for a month (stored values,
 *   the previous month and the year before), with the session checked on every request.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, print, visit, type DocumentNode, type FieldNode, type SelectionSetNode } from 'graphql';
import { monthLabel } from './dataset.ts';
import { repoRoot } from './processes.ts';
import type { Answer, Ask, Meta, Req, Scenario } from './scenarios.ts';

const generated = path.join(repoRoot, 'packages/web/src/gql/graphql.ts');

/** The query text the browser sends for a generated document. */
export function browserQuery(name: string): string {
  const source = readFileSync(generated, 'utf8');
  const start = source.indexOf(`export const ${name}Document = `);
  if (start < 0) throw new Error(`${name}Document is not in ${generated}`);
  const json = source.slice(source.indexOf('{', start), source.indexOf(' as unknown as ', start));
  const typename: FieldNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };
  const withTypename = visit(JSON.parse(json) as DocumentNode, {
    SelectionSet: (node: SelectionSetNode, _key, parent) =>
      parent && 'kind' in parent && parent.kind === Kind.OPERATION_DEFINITION
        ? undefined
        : node.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename')
          ? undefined
          : { ...node, selections: [...node.selections, typename] },
  });
  return print(withTypename);
}

type Kind_ = 'me' | 'catalog' | 'region' | 'targets' | 'kpi' | 'breakdown' | 'trend';
interface Call {
  kind: Kind_;
  operation: string;
  variables: Record<string, unknown>;
  raw: string;
}

const qs = (o: Record<string, string>) => new URLSearchParams(o).toString();

/** Numbers and codes of any of the page's answers, Hexie's or the floor's (they share the shape of `data`). */
function pageAnswer(data: any): Answer {
  if ('me' in data) return [['me', data.me === null ? null : 1]];
  if ('categories' in data)
    return data.categories
      .flatMap((c: any) => c.indicators.map((i: any): [string, null] => [`${c.code} ${i.code}`, null]))
      .sort((a: [string], b: [string]) => (a[0] < b[0] ? -1 : 1));
  if ('targets' in data) return data.targets.map((t: any): [string, number] => [`target ${t.id} ${t.indicator.code}`, Number(t.value)]);
  if ('region' in data) return [[data.region.code, null], ...data.region.children.map((c: any): [string, null] => [c.code, null])];
  if ('breakdown' in data) return data.breakdown.map((r: any): [string, number | null] => [r.region.code, r.value]);
  if (data.series?.points)
    return [['total', data.series.total], ...data.series.points.map((p: any): [string, number | null] => [p.period, p.value])];
  if (data.series) return [['total', data.series.total]];
  if (data.report) return data.report.entries.flatMap((e: any) => entryAnswer(e));
  throw new Error(`an answer of no known shape: ${JSON.stringify(data).slice(0, 200)}`);
}

const entryAnswer = (e: {
  indicator: { code: string };
  value: number | null;
  previousValue: number | null;
  lastYearValue: number | null;
}) =>
  [
    [`${e.indicator.code} value`, e.value],
    [`${e.indicator.code} previous`, e.previousValue],
    [`${e.indicator.code} last year`, e.lastYearValue],
  ] as Answer;

const normalise = (json: any): Answer => {
  if (json.errors) throw new Error(JSON.stringify(json.errors).slice(0, 300));
  return pageAnswer(json.data);
};

export async function pageScenarios(meta: Meta): Promise<Scenario[]> {
  const provinces = (await meta.children('100000')).map((r) => r.code);
  const firstYear = Math.floor(meta.firstMonth / 12) + 1; // a year with the year before it (the trend's window)
  const lastYear = Math.floor(meta.lastMonth / 12);
  // the page opens on the first category; its first indicator is the focus of the map, ranking and trend
  const firstCategory = [...meta.indicators.values()][0].category;
  const categoryIndicators = [...meta.indicators.entries()].filter(([, i]) => i.category === firstCategory).map(([code]) => code);
  const focus = categoryIndicators[0];

  const docs = Object.fromEntries(
    ['Me', 'Catalog', 'RegionView', 'RegionTargets', 'Kpi', 'Breakdown', 'Trend', 'EntryReport'].map((n) => [n, browserQuery(n)]),
  );
  const page = (n: number): Call[] => {
    const region = provinces[(n * 7) % provinces.length];
    const year = firstYear + ((n * 3) % (lastYear - firstYear + 1));
    const y = String(year);
    const whole = { from: `${y}-01`, to: `${y}-12` };
    return [
      { kind: 'me', operation: 'Me', variables: {}, raw: '/me' },
      { kind: 'catalog', operation: 'Catalog', variables: {}, raw: '/catalog' },
      { kind: 'region', operation: 'RegionView', variables: { code: region }, raw: `/region?${qs({ region })}` },
      { kind: 'targets', operation: 'RegionTargets', variables: { region }, raw: `/targets?${qs({ region })}` },
      ...categoryIndicators.map((indicator): Call => ({
        kind: 'kpi',
        operation: 'Kpi',
        variables: { indicator, region, from: y, to: y, grain: 'YEAR' },
        raw: `/kpi?${qs({ indicator, region, ...whole })}`,
      })),
      {
        kind: 'breakdown',
        operation: 'Breakdown',
        variables: { indicator: focus, region, second: region, two: false, from: y, to: y },
        raw: `/page-breakdown?${qs({ indicator: focus, region, ...whole })}`,
      },
      {
        kind: 'trend',
        operation: 'Trend',
        variables: { indicator: focus, region, from: String(year - 1), to: y, grain: 'MONTH' },
        raw: `/trend?${qs({ indicator: focus, region, from: `${year - 1}-01`, to: `${y}-12` })}`,
      },
    ];
  };
  const perPage = page(0).length;
  const call = (i: number) => page(Math.floor(i / perPage))[i % perPage];
  const hexie =
    (nonce: boolean, headers?: () => Record<string, string>) =>
    (c: Call, i: number): Req => ({
      method: 'POST',
      path: '/graphql',
      headers: headers?.(),
      body: JSON.stringify({
        operationName: c.operation,
        query: docs[c.operation],
        variables: nonce ? { ...c.variables, benchNonce: `${process.pid}-${i}-${Math.random()}` } : c.variables,
      }),
    });
  const ask = (make: (c: Call, i: number) => Req): Ask => ({ request: (i) => make(call(i), i), normalise });
  const qf: Scenario = {
    id: 'Q-F',
    title: `the overview page of a province and year as the browser loads it (${perPage} requests: me, catalog, region, targets, ${categoryIndicators.length} KPIs, breakdown, trend)`,
    checkCalls: perPage,
    asks: {
      hexie: ask(hexie(true)),
      'hexie-cached': ask(hexie(false)),
      raw: ask((c) => ({ method: 'GET', path: c.raw })),
    },
  };

  // Q-G: a reporter of one county, its report for a varying month
  let token = '';
  const bearer = () => ({ authorization: `Bearer ${token}` });
  const months = (i: number) => monthLabel(meta.lastMonth - ((i * 5) % Math.max(1, meta.lastMonth - meta.firstMonth - 12)));
  const entry = (nonce: boolean) => (i: number) =>
    hexie(nonce, bearer)({ kind: 'kpi', operation: 'EntryReport', variables: { region: meta.county, period: months(i) }, raw: '' }, i);
  const qg: Scenario = {
    id: 'Q-G',
    title: `a signed-in reporter's data entry: county ${meta.county}'s report for a month (varying), session checked per request`,
    checkCalls: 3,
    setup: async (urls) => {
      token = await reporterToken(urls.hexie!, meta.db, meta.county);
    },
    asks: {
      hexie: { request: entry(true), normalise },
      'hexie-cached': { request: entry(false), normalise },
      raw: {
        request: (i) => ({ method: 'GET', path: `/entry-report?${qs({ region: meta.county, period: months(i) })}`, headers: bearer() }),
        normalise,
      },
    },
  };
  return [qf, qg];
}

export const REPORTER = { email: 'bench-reporter@bench.hexie.invalid', password: 'bench reporter password 2026' };

/** Signs the bench's reporter in (the account is made by the server's CLI: see ensureReporter). */
async function reporterToken(base: string, db: string, county: string): Promise<string> {
  const { ensureReporter } = await import('./processes.ts');
  await ensureReporter(db, county);
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }',
      variables: { e: REPORTER.email, p: REPORTER.password },
    }),
  });
  const json = (await res.json()) as any;
  if (!json.data?.login?.token) throw new Error(`the bench reporter could not sign in: ${JSON.stringify(json).slice(0, 300)}`);
  return json.data.login.token;
}
