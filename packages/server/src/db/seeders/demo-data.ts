import type { IndicatorRow } from '../../modules/indicator/indicator.catalog.js';
import type { FactRow } from '../../modules/published/published.catalog.js';
import { NATION_CODE, type RegionRow } from '../../modules/region/region.reference.js';
import { fromSqlDate, monthIndex } from '../../modules/aggregate/period.js';
import { apportion, hashString, logNormal, randomStream } from './random.js';
import { demoWeights, loadCensus } from './demo-weights.js';

/**
 * Deterministic synthetic observations for every stored indicator at its reporting level, calibrated
 * so that every published figure reconciles: `total` figures equal the hub's aggregate exactly
 * (`at_least` ones are at least it), `partial` figures are lower bounds; ratio figures hold for the
 * ratio of the summed numerator and denominator.
 */

/** Months with data: county-level monthly indicators from 2021-01, everything else from 2020-01. */
export const DEMO_START_COUNTY = monthIndex(2021, 1);
export const DEMO_START_OTHER = monthIndex(2020, 1);
export const DEMO_END = monthIndex(2024, 12);

/** Typical value per region and period at the reporting level; derived indicators follow a driver. */
interface Recipe {
  base?: number;
  /** value = driver's value × a factor drawn from [lo, hi] */
  derive?: { from: string; lo: number; hi: number };
}
const RECIPES: Record<string, Recipe> = {
  recruitment_events: { base: 4 },
  jobs_posted: { base: 3400 },
  employment_intentions: { base: 560 },
  job_fair_visitors: { derive: { from: 'employment_intentions', lo: 3, hi: 5 } },
  resumes_received: { derive: { from: 'job_fair_visitors', lo: 0.4, hi: 0.7 } },
  job_fair_enterprises: { base: 40 },
  collective_contracts_signed: { base: 2.5 },
  collective_contract_workers_covered: { derive: { from: 'collective_contracts_signed', lo: 120, hi: 220 } },
  mediation_organizations: { base: 1.7 },
  mediation_cases: { base: 30 },
  mediation_cases_succeeded: { derive: { from: 'mediation_cases', lo: 0.85, hi: 0.97 } },
  arbitration_cases: { base: 12 },
  arbitration_cases_closed: { derive: { from: 'arbitration_cases', lo: 0.9, hi: 1 } },
  wage_arrears_cases: { base: 5.5 },
  wage_arrears_workers: { base: 49 },
  wage_arrears_recovered: { derive: { from: 'wage_arrears_workers', lo: 8000, hi: 12000 } },
  inspection_cases: { base: 6 },
  inspection_cases_closed: { derive: { from: 'inspection_cases', lo: 0.9, hi: 1 } },
  trainees: { base: 180 },
  training_bases: { base: 1.5 },
  skill_competition_events: { base: 40 },
  skill_competition_participants: { base: 850 },
  skill_competition_enterprises: { base: 900 },
  technical_problems_solved: { base: 150 },
  harmonious_enterprises: { base: 1.2 },
  model_harmonious_enterprises: { base: 16 },
  gold_coordinators: { base: 2 },
  gold_coordination_organizations: { base: 1.2 },
  gold_mediation_organizations: { base: 3 },
  coordinator_alliances: { base: 0.15 },
  pilot_counties: { base: 9 },
  reform_pilot_enterprises: { base: 100 },
  new_enterprises_served: { base: 10 },
  childcare_units: { base: 3 },
  childcare_slots: { derive: { from: 'childcare_units', lo: 40, hi: 80 } },
  children_in_care: { derive: { from: 'childcare_slots', lo: 0.3, hi: 0.6 } },
  mother_baby_rooms: { base: 10 },
  after_school_care_classes: { base: 5 },
  innovation_studios: { base: 20 },
};

/** Spring Festival dip in February, spring recruitment (春风行动) peak in March, year-end push. */
const SEASON = [0.85, 0.6, 1.3, 1.1, 1.05, 1, 0.95, 0.95, 1.05, 1, 1.05, 1.1];

export interface DemoSeries {
  indicator: IndicatorRow;
  /** Regions at the reporting level, in order. */
  regions: string[];
  /** Periods as month indexes (January of each year for annual indicators). */
  periods: number[];
  /** values[r * periods.length + t], whole numbers. */
  values: Float64Array;
}

export interface DemoOptions {
  /** Only generate for these province codes (e.g. ['510000']); all provinces when omitted. */
  provinces?: string[];
}

/** Generates every stored indicator's demo series, calibrated to the actual published figures. */
export function generateDemoData(
  catalog: IndicatorRow[],
  regionTree: RegionRow[],
  facts: FactRow[],
  options: DemoOptions = {},
): DemoSeries[] {
  const parent = new Map(regionTree.map((r) => [r.code, r.parentCode]));
  const provinceOf = (code: string): string => {
    let c = code;
    while (parent.get(c) && parent.get(c) !== NATION_CODE) c = parent.get(c)!;
    return c;
  };
  const isUnder = (code: string, ancestor: string): boolean => {
    for (let c: string | null = code; c; c = parent.get(c) ?? null) if (c === ancestor) return true;
    return false;
  };
  const wanted = options.provinces ? new Set(options.provinces) : null;
  const byLevel = (level: RegionRow['level']) =>
    regionTree.filter((r) => r.level === level && (!wanted || level === 'NATION' || wanted.has(provinceOf(r.code))));

  // Region sizes: provinces by the 2020 census, prefectures and counties by a documented proxy (demo-weights.ts).
  const census = loadCensus();
  const weightsByLevel = new Map<string, Map<string, number>>();
  const regionWeight = (code: string, level: RegionRow['level']) => {
    if (!weightsByLevel.has(level)) weightsByLevel.set(level, demoWeights(regionTree, level, census));
    return weightsByLevel.get(level)!.get(code) ?? 0;
  };

  const series = new Map<string, DemoSeries>();
  const actualFacts = facts.filter((f) => f.kind === 'actual');
  const stored = catalog.filter((i) => i.aggregation !== 'ratio');
  const ordered = orderByDerivation(stored);

  for (const indicator of ordered) {
    const recipe = RECIPES[indicator.code] ?? { base: 10 };
    const regions = byLevel(indicator.reportingLevel).map((r) => r.code);
    const annual = indicator.frequency === 'annual';
    const start = indicator.reportingLevel === 'COUNTY' && !annual ? DEMO_START_COUNTY : DEMO_START_OTHER;
    const periods: number[] = [];
    for (let m = start; m <= DEMO_END; m += annual ? 12 : 1) periods.push(m);
    const T = periods.length;
    const values = new Float64Array(regions.length * T);
    const stock = indicator.aggregation === 'last';

    regions.forEach((code, r) => {
      const random = randomStream(hashString(`${indicator.code}:${code}`));
      if (recipe.derive) {
        const driver = series.get(recipe.derive.from)!;
        const dr = driver.regions.indexOf(code);
        const perRegion = recipe.derive.lo + random() * (recipe.derive.hi - recipe.derive.lo);
        for (let t = 0; t < T; t++) {
          const factor = stock ? perRegion : recipe.derive.lo + random() * (recipe.derive.hi - recipe.derive.lo);
          values[r * T + t] = driver.values[dr * T + t] * factor;
        }
        return;
      }
      const level = recipe.base! * regionWeight(code, indicator.reportingLevel);
      for (let t = 0; t < T; t++) {
        const years = (periods[t] - DEMO_START_OTHER) / 12;
        values[r * T + t] = stock
          ? level * (1 + 0.15 * years)
          : level * 1.06 ** years * (annual ? 1 : SEASON[periods[t] % 12]) * logNormal(random, 0.12);
      }
    });

    const demo: DemoSeries = { indicator, regions, periods, values };
    calibrate(
      demo,
      actualFacts.filter((f) => f.indicatorCode === indicator.code),
      isUnder,
    );
    series.set(indicator.code, demo);
  }

  for (const indicator of catalog.filter((i) => i.aggregation === 'ratio')) {
    for (const fact of actualFacts.filter((f) => f.indicatorCode === indicator.code)) {
      calibrateRatio(series.get(indicator.numeratorCode!)!, series.get(indicator.denominatorCode!)!, indicator.factor ?? 1, fact, isUnder);
    }
  }
  return [...series.values()].sort((a, b) => a.indicator.position - b.indicator.position);
}

/** Drivers before the indicators derived from them. */
function orderByDerivation(indicators: IndicatorRow[]): IndicatorRow[] {
  const done = new Set<string>();
  const out: IndicatorRow[] = [];
  const visit = (i: IndicatorRow) => {
    if (done.has(i.code)) return;
    const from = RECIPES[i.code]?.derive?.from;
    if (from) visit(indicators.find((d) => d.code === from)!);
    done.add(i.code);
    out.push(i);
  };
  indicators.forEach(visit);
  return out;
}

/** The cells a figure covers: its regions' rows and the periods in its range (only the last for stocks). */
function cellsOf(demo: DemoSeries, fact: FactRow, isUnder: (c: string, a: string) => boolean) {
  const first = fromSqlDate(fact.periodStart);
  const last = fromSqlDate(fact.periodEnd);
  const annual = demo.indicator.frequency === 'annual';
  const inRange = demo.periods
    .map((p, t) => [p, t] as const)
    .filter(([p]) => (annual ? p + 11 >= first && p <= last : p >= first && p <= last))
    .map(([, t]) => t);
  const times = demo.indicator.aggregation === 'last' ? inRange.slice(-1) : inRange;
  const rows = demo.regions
    .map((c, r) => [c, r] as const)
    .filter(([c]) => isUnder(c, fact.regionCode))
    .map(([, r]) => r);
  const T = demo.periods.length;
  return { rows, times, cells: rows.flatMap((r) => times.map((t) => r * T + t)) };
}

const sumOf = (values: Float64Array, cells: number[]) => cells.reduce((s, c) => s + values[c], 0);

/**
 * Scales the figure's regions (every period from the previous figure's on, so series stay smooth),
 * rounds, and for exact totals apportions the figure over its cells so the sum is exact.
 */
function calibrate(demo: DemoSeries, facts: FactRow[], isUnder: (c: string, a: string) => boolean): void {
  const T = demo.periods.length;
  const exact: { cells: number[]; value: number; weights: number[] }[] = [];
  /** Per region of a figure: exact figures scale the periods after the previous one's, keeping it intact. */
  const scaledFrom = new Map<string, number>();
  for (const fact of [...facts].sort((a, b) => a.periodEnd.localeCompare(b.periodEnd))) {
    const { rows, times, cells } = cellsOf(demo, fact, isUnder);
    if (!cells.length) continue;
    const current = sumOf(demo.values, cells);
    const lowerBound = fact.scope === 'partial' || fact.qualifier === 'at_least';
    const target = lowerBound ? Math.max(current, fact.value * 1.05) : fact.value;
    const k = current > 0 ? target / current : 1;
    const from = lowerBound ? times[0] : (scaledFrom.get(fact.regionCode) ?? 0);
    for (const r of rows) for (let t = from; t < T; t++) demo.values[r * T + t] *= k;
    if (current === 0) cells.forEach((c) => (demo.values[c] = target / cells.length));
    if (!lowerBound) {
      exact.push({ cells, value: fact.value, weights: cells.map((c) => demo.values[c]) });
      scaledFrom.set(fact.regionCode, times[times.length - 1] + 1);
    }
  }
  for (let i = 0; i < demo.values.length; i++) demo.values[i] = Math.round(demo.values[i]);
  for (const { cells, value, weights } of exact) {
    apportion(value, weights).forEach((v, i) => (demo.values[cells[i]] = v));
  }
}

/**
 * Makes factor × Σnumerator / Σdenominator over the figure's cells equal the figure (or at least it),
 * by choosing the numerator's cells in proportion to the denominator's (never above it).
 */
function calibrateRatio(num: DemoSeries, den: DemoSeries, factor: number, fact: FactRow, isUnder: (c: string, a: string) => boolean): void {
  const { cells } = cellsOf(den, fact, isUnder);
  if (!cells.length) return;
  const share = fact.value / factor;
  if (fact.scope === 'total' && fact.qualifier === 'exact') {
    // Σden must be a multiple of the share's denominator for the ratio to be exact in whole numbers.
    const q = shareDenominator(share);
    const largest = [...cells].sort((a, b) => den.values[b] - den.values[a]);
    for (let extra = (q - (sumOf(den.values, cells) % q)) % q, i = 0; extra > 0; extra--, i++) den.values[largest[i % largest.length]]++;
  }
  const total = sumOf(den.values, cells);
  const wanted =
    fact.qualifier === 'exact' && fact.scope === 'total'
      ? Math.round(total * share)
      : Math.min(total, Math.ceil(total * Math.min(1, share + 0.01)));
  const parts = apportion(
    wanted,
    cells.map((c) => den.values[c]),
  );
  cells.forEach((c, i) => (num.values[c] = Math.min(parts[i], den.values[c])));
  // Any part clipped by its denominator moves to cells that still have room.
  let missing = wanted - sumOf(num.values, cells);
  for (const c of cells) {
    if (missing <= 0) break;
    const room = Math.min(missing, den.values[c] - num.values[c]);
    num.values[c] += room;
    missing -= room;
  }
}

/** The smallest q such that share × q is a whole number (shares are percentages with ≤ 4 decimals). */
function shareDenominator(share: number): number {
  for (let q = 1; q <= 1_000_000; q++) if (Math.abs(share * q - Math.round(share * q)) < 1e-9) return q;
  return 1;
}
