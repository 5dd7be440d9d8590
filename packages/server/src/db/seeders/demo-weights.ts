import { readFileSync } from 'node:fs';
import { parseCsv } from '../../lib/csv.js';
import { dataFile } from '../../modules/indicator/indicator.catalog.js';
import { NATION_CODE, type RegionRow } from '../../modules/region/region.reference.js';
import { hashString, logNormal, randomStream } from './random.js';

/**
 * How big each region is in the demo data.
 *
 * - Provinces: their resident population in the 2020 census (第七次全国人口普查, `data/census-2020.csv`,
 *   National Bureau of Statistics bulletin no. 3), exactly — a province's share of any demo total is its
 *   share of the 31 provinces' population.
 * - Below the province, a proxy (no census table ships with the hub): each county counts by its kind —
 *   an urban district (…区) 3, a county-level city (…市) 2, a county (…县) 1, a banner or autonomous
 *   county (…旗, …自治县) 0.7 — and the counties of an autonomous prefecture, league or prefecture
 *   (…自治州, …盟, …地区) count half, because they are large and thinly settled. A prefecture-level city
 *   without counties (东莞, 中山, 儋州, 嘉峪关) counts as four urban districts. A small stable log-normal
 *   factor per region keeps neighbours from being identical; the shares are then normalised inside each
 *   province, so the province totals stay proportional to the census.
 */
export interface CensusRow {
  code: string;
  name: string;
  population: number;
}

export function loadCensus(): CensusRow[] {
  return parseCsv(readFileSync(dataFile('census-2020.csv'), 'utf8')).map((r) => ({
    code: r.code,
    name: r.name,
    population: Number(r.population),
  }));
}

/** The proxy size of one county by the kind its name says. */
export function countyProxy(name: string): number {
  if (/(自治县|自治旗|旗)$/.test(name)) return 0.7;
  if (name.endsWith('区')) return 3;
  if (name.endsWith('市')) return 2;
  return 1;
}

/** Counties of autonomous prefectures, leagues and prefectures (地区) count half. */
export function prefectureFactor(name: string): number {
  return /(自治州|盟|地区)$/.test(name) ? 0.5 : 1;
}

/** A prefecture-level city without counties counts as four urban districts. */
export const CITY_WITHOUT_COUNTIES = 12;

/**
 * Weight per region of one level (CITY or COUNTY; PROVINCE gives the population shares), scaled so
 * the nation's regions of that level average 1: a region's weight is
 * `regions × province population / nation population × its share inside the province`.
 */
export function demoWeights(regionTree: RegionRow[], level: RegionRow['level'], census = loadCensus()): Map<string, number> {
  const population = new Map(census.map((c) => [c.code, c.population]));
  const nation = census.reduce((s, c) => s + c.population, 0);
  const byCode = new Map(regionTree.map((r) => [r.code, r]));
  const provinceOf = (code: string): string => {
    let c = code;
    while (byCode.get(c)?.parentCode && byCode.get(c)!.parentCode !== NATION_CODE) c = byCode.get(c)!.parentCode!;
    return c;
  };
  const counties = new Map<string, RegionRow[]>();
  for (const r of regionTree) if (r.level === 'COUNTY') counties.set(r.parentCode!, [...(counties.get(r.parentCode!) ?? []), r]);

  const noise = (code: string, sigma: number) => logNormal(randomStream(hashString(`region:${code}`)), sigma);
  const raw = new Map<string, number>();
  for (const r of regionTree) {
    if (r.level !== level) continue;
    if (level === 'PROVINCE') raw.set(r.code, 1);
    else if (level === 'CITY') {
      const own = counties.get(r.code) ?? [];
      const size = own.length ? own.reduce((s, c) => s + countyProxy(c.name), 0) : CITY_WITHOUT_COUNTIES;
      raw.set(r.code, size * prefectureFactor(r.name) * noise(r.code, 0.15));
    } else if (level === 'COUNTY') {
      const city = byCode.get(r.parentCode!)!;
      raw.set(r.code, countyProxy(r.name) * prefectureFactor(city.name) * noise(r.code, 0.3));
    }
  }
  const provinceSum = new Map<string, number>();
  for (const [code, w] of raw) provinceSum.set(provinceOf(code), (provinceSum.get(provinceOf(code)) ?? 0) + w);
  const weights = new Map<string, number>();
  for (const [code, w] of raw) {
    const province = provinceOf(code);
    weights.set(code, ((raw.size * (population.get(province) ?? 0)) / nation) * (w / provinceSum.get(province)!));
  }
  return weights;
}
