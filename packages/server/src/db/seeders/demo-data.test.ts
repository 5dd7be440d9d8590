import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../lib/csv.js';
import { dataFile, loadIndicatorCatalog } from '../../modules/indicator/indicator.catalog.js';
import { loadFacts } from '../../modules/published/published.catalog.js';
import { loadRegionTree, NATION_CODE } from '../../modules/region/region.reference.js';
import { monthIndex } from '../../modules/aggregate/period.js';
import { generateDemoData } from './demo-data.js';

/**
 * The demo data should look like China: provinces in the order of their 2020 census population,
 * prefectures by their size. Expectations come from the census (the data file, and three Sichuan
 * prefectures' figures from Sichuan's 7th census bulletin), never from the generator.
 */
const census = parseCsv(readFileSync(dataFile('census-2020.csv'), 'utf8')).map((r) => ({
  code: r.code,
  name: r.name,
  population: Number(r.population),
}));
/** 四川省第七次全国人口普查公报（第二号）: resident population by prefecture. */
const SICHUAN_PREFECTURES = { '510700': 4_868_243 /* 绵阳市 */, '513300': 1_107_431 /* 甘孜州 */, '513200': 822_587 /* 阿坝州 */ };

const tree = loadRegionTree();
const parent = new Map(tree.map((r) => [r.code, r.parentCode]));
const ancestorAt = (code: string, stop: (c: string) => boolean) => {
  for (let c: string | null = code; c; c = parent.get(c) ?? null) if (stop(c)) return c;
  return null;
};

const series = generateDemoData(loadIndicatorCatalog(), tree, loadFacts());
const jobs = series.find((s) => s.indicator.code === 'jobs_posted')!;

/** Jobs posted in 2024, summed per region at `levelOf`. */
function totals2024(groupOf: (county: string) => string | null): Map<string, number> {
  const T = jobs.periods.length;
  const out = new Map<string, number>();
  jobs.regions.forEach((code, r) => {
    const group = groupOf(code);
    if (!group) return;
    for (let t = 0; t < T; t++) {
      if (jobs.periods[t] < monthIndex(2024, 1) || jobs.periods[t] > monthIndex(2024, 12)) continue;
      out.set(group, (out.get(group) ?? 0) + jobs.values[r * T + t]);
    }
  });
  return out;
}
const rank = (sizes: Map<string, number>, code: string) =>
  [...sizes.entries()].sort((a, b) => b[1] - a[1]).findIndex(([c]) => c === code) + 1;

describe('demo data looks like China', () => {
  it('names the census it uses: 31 provinces, 1,409,778,724 residents (1,411,778,724 with 2 million servicemen)', () => {
    expect(census).toHaveLength(31);
    expect(census.reduce((s, c) => s + c.population, 0)).toBe(1_409_778_724);
    const provinces = tree.filter((r) => r.level === 'PROVINCE').map((r) => r.code);
    expect(census.map((c) => c.code).sort()).toEqual(provinces.sort());
  });

  it('ranks provinces by jobs posted close to their census rank; 新疆 no longer eighth', () => {
    const byProvince = totals2024((c) => ancestorAt(c, (a) => parent.get(a) === NATION_CODE));
    const byPopulation = new Map(census.map((c) => [c.code, c.population]));
    const xinjiang = rank(byProvince, '650000');
    expect(rank(byPopulation, '650000')).toBe(21);
    expect(Math.abs(xinjiang - 21)).toBeLessThanOrEqual(2);
    // Spearman's rank correlation with the census over all 31 provinces.
    const n = census.length;
    const d2 = census.reduce((s, c) => s + (rank(byProvince, c.code) - rank(byPopulation, c.code)) ** 2, 0);
    expect(1 - (6 * d2) / (n * (n * n - 1))).toBeGreaterThan(0.95);
    // The top five by population are the top five by jobs posted.
    const top = (m: Map<string, number>) =>
      new Set(
        [...m.entries()]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5)
          .map(([c]) => c),
      );
    expect(top(byProvince)).toEqual(top(byPopulation));
  });

  it('in Sichuan, 绵阳 out-ranks 甘孜 and 阿坝 as in the census', () => {
    const byPrefecture = totals2024((c) => (c.startsWith('51') ? parent.get(c)! : null));
    const expected = Object.entries(SICHUAN_PREFECTURES)
      .sort((a, b) => b[1] - a[1])
      .map(([c]) => c);
    const actual = Object.keys(SICHUAN_PREFECTURES).sort((a, b) => byPrefecture.get(b)! - byPrefecture.get(a)!);
    expect(actual).toEqual(expected);
    expect(byPrefecture.get('510700')! / byPrefecture.get('513300')!).toBeGreaterThan(1.5);
  });
});
