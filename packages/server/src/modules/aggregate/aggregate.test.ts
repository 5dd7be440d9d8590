import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoData } from '../../db/seeders/demo-load.js';
import { createTestDatabase, rawQuery, vendors, type TestDatabase } from '../../test/databases.js';

/** Provinces holding every published figure: the demo data is loaded for these only, to stay quick. */
const FACT_PROVINCES = ['510000', '220000', '430000', '350000', '420000', '110000', '610000'];

/** The data files read here independently of the server's own loaders. */
const csvRows = (file: string): string[][] =>
  readFileSync(new URL(`../../../data/${file}`, import.meta.url), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
const indicators = new Map(
  csvRows('indicators.csv').map(([code, , , , , , frequency, aggregation, numerator, denominator, factor, level]) => [
    code,
    { frequency, aggregation, numerator, denominator, factor: Number(factor || 1), level },
  ]),
);
const facts = csvRows('seed-facts.csv').map(([region, , indicator, start, end, value, , qualifier, kind, scope]) => ({
  region,
  indicator,
  start,
  end,
  value: Number(value),
  qualifier,
  kind,
  scope,
}));

const SERIES = `query ($i: String!, $r: String!, $from: String!, $to: String!, $g: Grain!) {
  series(indicator: $i, region: $r, from: $from, to: $to, grain: $g) { total totalPrevious totalYoy note points { period value previous yoy } }
}`;
const BREAKDOWN = `query ($i: String!, $r: String!, $from: String!, $to: String!) {
  breakdown(indicator: $i, region: $r, from: $from, to: $to) { region { code level } value note }
}`;

describe.each(vendors)('aggregation on $vendor', ({ vendor }) => {
  let db: TestDatabase;
  const series = async (i: string, r: string, from: string, to: string, g = 'MONTH') => {
    const result = await db.query(SERIES, { i, r, from, to, g });
    expect(result.errors).toBeUndefined();
    return result.data!.series;
  };
  const breakdown = async (i: string, r: string, from: string, to: string) => {
    const result = await db.query(BREAKDOWN, { i, r, from, to });
    expect(result.errors).toBeUndefined();
    return result.data!.breakdown as { region: { code: string; level: string }; value: number | null; note: string | null }[];
  };

  beforeAll(async () => {
    db = await createTestDatabase(vendor);
    await loadDemoData(db.orm, db.databaseUrl, { provinces: FACT_PROVINCES });
  });
  afterAll(() => db?.close());

  it('reconciles every published figure through the API', async () => {
    const actual = facts.filter((f) => f.kind === 'actual');
    expect(actual.length).toBeGreaterThan(30);
    for (const f of actual) {
      const annual = indicators.get(f.indicator)!.frequency === 'annual';
      const from = annual ? f.start.slice(0, 4) : f.start.slice(0, 7);
      const to = annual ? f.end.slice(0, 4) : f.end.slice(0, 7);
      const { total } = await series(f.indicator, f.region, from, to, annual ? 'YEAR' : 'MONTH');
      const where = `${f.region} ${f.indicator} ${from}..${to}`;
      if (f.scope === 'total' && f.qualifier === 'exact') expect(total, where).toBe(f.value);
      else expect(total, where).toBeGreaterThanOrEqual(f.value);
    }
  });

  it('shows each published figure beside the hub value, reconciled', async () => {
    const result = await db.query(
      `{ publishedFigures(region: "510000") { indicator { code } value hubValue reconciled source { file title } quote } }`,
    );
    expect(result.errors).toBeUndefined();
    const figures = result.data!.publishedFigures as { reconciled: boolean; quote: string; source: { file: string } }[];
    expect(figures).toHaveLength(facts.filter((f) => f.kind === 'actual' && f.region === '510000').length);
    for (const f of figures) {
      expect(f.reconciled).toBe(true);
      expect(f.quote.length).toBeGreaterThan(4);
      expect(f.source.file).toMatch(/\.txt$/);
    }
    const targets = await db.query(`{ targets(region: "430000") { indicator { code } value achieved progress } }`);
    expect(targets.errors).toBeUndefined();
    expect(targets.data!.targets).toHaveLength(facts.filter((f) => f.kind === 'target').length);
    for (const t of targets.data!.targets) expect(t.progress).toBeCloseTo((t.achieved / t.value) * 100, 9);
  });

  it('sums children to the parent for sum indicators at every level', async () => {
    for (const [region, indicator] of [
      ['100000', 'jobs_posted'],
      ['510000', 'trainees'],
      ['510100', 'mediation_cases'],
      ['220000', 'skill_competition_enterprises'],
    ] as const) {
      const annual = indicators.get(indicator)!.frequency === 'annual';
      const [from, to] = annual ? ['2022', '2023'] : ['2023-04', '2024-02'];
      const parent = await series(indicator, region, from, to, annual ? 'YEAR' : 'MONTH');
      const children = await breakdown(indicator, region, from, to);
      expect(children.length).toBeGreaterThan(0);
      const sum = children.reduce((s, c) => s + (c.value ?? 0), 0);
      expect(parent.total, `${indicator} at ${region}`).toBe(sum);
    }
  });

  it('computes ratios from the summed parts, never as an average of child ratios', async () => {
    for (const [code, region] of [
      ['mediation_success_rate', '510000'],
      ['wage_recovered_per_worker', '100000'],
      ['childcare_occupancy_rate', '420600'],
    ] as const) {
      const { numerator, denominator, factor } = indicators.get(code)!;
      const [num, den, ratio] = await Promise.all([
        series(numerator, region, '2023-01', '2024-06'),
        series(denominator, region, '2023-01', '2024-06'),
        series(code, region, '2023-01', '2024-06'),
      ]);
      expect(ratio.total).toBeCloseTo((factor * num.total) / den.total, 9);
      const children = await breakdown(code, region, '2023-01', '2024-06');
      const mean = children.reduce((s, c) => s + c.value!, 0) / children.length;
      expect(Math.abs(mean - ratio.total)).toBeGreaterThan(1e-9);
    }
  });

  it('matches a direct GROUP BY over the observations', async () => {
    const [{ total }] = await rawQuery<{ total: number }>(
      db,
      `select sum(o.value) as total from observation o join indicator i on i.id = o.indicator_id
       join region_ancestor a on a.region_code = o.region_code
       where i.code = 'jobs_posted' and a.ancestor_code = '510000' and o.period between '2023-07-01' and '2024-06-01'`,
    );
    expect((await series('jobs_posted', '510000', '2023-07', '2024-06')).total).toBe(Number(total));
  });

  it('takes the last period in the range for stocks, summed over regions', async () => {
    const s = await series('mediation_organizations', '510000', '2023-02', '2023-11', 'QUARTER');
    const [{ last }] = await rawQuery<{ last: number }>(
      db,
      `select sum(o.value) as last from observation o join indicator i on i.id = o.indicator_id
       join region_ancestor a on a.region_code = o.region_code
       where i.code = 'mediation_organizations' and a.ancestor_code = '510000' and o.period = '2023-11-01'`,
    );
    expect(s.total).toBe(Number(last));
    const months = await series('mediation_organizations', '510000', '2023-02', '2023-11');
    expect(s.points.map((p: { period: string }) => p.period)).toEqual(['2023-Q1', '2023-Q2', '2023-Q3', '2023-Q4']);
    // each quarter holds its last month within the range (Q4 ends at 2023-11 here)
    const byMonth = new Map(months.points.map((p: { period: string; value: number }) => [p.period, p.value]));
    expect(s.points.map((p: { value: number }) => p.value)).toEqual(
      ['2023-03', '2023-06', '2023-09', '2023-11'].map((m) => byMonth.get(m)),
    );
  });

  it('buckets months into quarters and years, with year-on-year change', async () => {
    const months = await series('wage_arrears_cases', '420000', '2023-01', '2024-12');
    const quarters = await series('wage_arrears_cases', '420000', '2023-01', '2024-12', 'QUARTER');
    const years = await series('wage_arrears_cases', '420000', '2023', '2024', 'YEAR');
    const monthValues = months.points.map((p: { value: number }) => p.value);
    expect(quarters.points).toHaveLength(8);
    quarters.points.forEach((q: { value: number }, i: number) =>
      expect(q.value).toBe(monthValues.slice(i * 3, i * 3 + 3).reduce((a: number, b: number) => a + b, 0)),
    );
    expect(years.points.map((p: { period: string }) => p.period)).toEqual(['2023', '2024']);
    expect(years.points[1].previous).toBe(years.points[0].value);
    expect(years.points[1].yoy).toBeCloseTo((years.points[1].value / years.points[0].value - 1) * 100, 9);
    expect(years.total).toBe(monthValues.reduce((a: number, b: number) => a + b, 0));
    const lastYear = await series('wage_arrears_cases', '420000', '2022', '2023', 'YEAR');
    expect(years.totalPrevious).toBe(lastYear.total);
  });

  it('explains why a region finer than the reporting level has no value', async () => {
    const s = await series('pilot_counties', '510100', '2021', '2024', 'YEAR');
    expect(s.total).toBeNull();
    expect(s.note).toMatch(/province level/);
    const children = await breakdown('skill_competition_enterprises', '220100', '2023', '2023');
    expect(children.length).toBeGreaterThan(0);
    for (const c of children) {
      expect(c.value).toBeNull();
      expect(c.note).toMatch(/city level/);
    }
  });

  it.each([
    [
      'an unknown indicator',
      { i: 'jobs', r: '510000', from: '2024-01', to: '2024-03', g: 'MONTH' },
      /Unknown indicator "jobs".*jobs_posted/,
    ],
    [
      'an unknown region',
      { i: 'jobs_posted', r: '519999', from: '2024-01', to: '2024-03', g: 'MONTH' },
      /Unknown region code "519999".*six-digit GB\/T 2260/,
    ],
    [
      'month 13',
      { i: 'jobs_posted', r: '510000', from: '2024-13', to: '2024-12', g: 'MONTH' },
      /Invalid "from" period "2024-13".*2024-03.*2024-Q1/,
    ],
    ['a two-digit year', { i: 'jobs_posted', r: '510000', from: '2024-01', to: '24-01', g: 'MONTH' }, /Invalid "to" period "24-01"/],
    [
      'from after to',
      { i: 'jobs_posted', r: '510000', from: '2024-05', to: '2024-03', g: 'MONTH' },
      /"from" \(2024-05\) is after "to" \(2024-03\)/,
    ],
    [
      'a grain the indicator lacks',
      { i: 'pilot_counties', r: '510000', from: '2021', to: '2023', g: 'MONTH' },
      /once a year: use grain YEAR/,
    ],
    [
      'part of a year for an annual indicator',
      { i: 'pilot_counties', r: '510000', from: '2023-03', to: '2023-05', g: 'YEAR' },
      /whole years/,
    ],
    ['a range too large', { i: 'jobs_posted', r: '510000', from: '1990', to: '2024', g: 'YEAR' }, /at most 360 months/],
  ])('refuses %s with BAD_USER_INPUT and what is allowed', async (_name, variables, message) => {
    const before = await rawQuery<{ n: string }>(db, 'select count(*) as n from observation');
    const result = await db.query(SERIES, variables);
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions.code).toBe('BAD_USER_INPUT');
    expect(result.errors![0].message).toMatch(message);
    expect(await rawQuery<{ n: string }>(db, 'select count(*) as n from observation')).toEqual(before);
  });
});
