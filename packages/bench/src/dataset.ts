/**
 * The synthetic national dataset: deterministic values for every region × indicator × period at
 * each indicator's reporting level. Whole numbers only, so every sum is exact in floating point and
 * the three servers must agree to the last digit.
 */

export interface IndicatorRow {
  id: number;
  code: string;
  aggregation: 'sum' | 'last' | 'ratio';
  frequency: 'monthly' | 'annual';
  reporting_level: 'NATION' | 'PROVINCE' | 'CITY' | 'COUNTY';
  numerator_id: number | null;
  denominator_id: number | null;
}

export interface RegionRow {
  code: string;
  level: string;
  parent_code: string | null;
}

/** Typical value of one reporting region in one period (a county-month unless noted). */
const SCALE: Record<string, number> = {
  recruitment_events: 6,
  jobs_posted: 1200,
  job_fair_visitors: 2500,
  employment_intentions: 0, // part of job_fair_visitors
  resumes_received: 1800,
  job_fair_enterprises: 60,
  collective_contracts_signed: 25,
  collective_contract_workers_covered: 3000,
  mediation_organizations: 40,
  mediation_cases: 120,
  mediation_cases_succeeded: 0, // part of mediation_cases
  arbitration_cases: 45,
  arbitration_cases_closed: 0,
  wage_arrears_cases: 20,
  wage_arrears_workers: 150,
  wage_arrears_recovered: 0, // per worker × workers
  inspection_cases: 15,
  inspection_cases_closed: 0,
  trainees: 900,
  training_bases: 8,
  skill_competition_events: 150, // province-year
  skill_competition_participants: 400,
  skill_competition_enterprises: 300, // city-year
  technical_problems_solved: 800, // province-year
  harmonious_enterprises: 120,
  model_harmonious_enterprises: 30, // city
  gold_coordinators: 12,
  gold_coordination_organizations: 5, // city
  gold_mediation_organizations: 6, // city
  coordinator_alliances: 3,
  pilot_counties: 4, // province-year
  reform_pilot_enterprises: 20, // city-year
  new_enterprises_served: 35,
  childcare_units: 15,
  childcare_slots: 600,
  children_in_care: 0, // part of childcare_slots
  mother_baby_rooms: 25,
  after_school_care_classes: 10,
  innovation_studios: 9,
};

/** Numerators generated as a share of their denominator (so ratios stay plausible). */
const SHARE_OF: Record<string, [string, number, number]> = {
  employment_intentions: ['job_fair_visitors', 0.25, 0.45],
  mediation_cases_succeeded: ['mediation_cases', 0.75, 0.97],
  arbitration_cases_closed: ['arbitration_cases', 0.8, 0.99],
  inspection_cases_closed: ['inspection_cases', 0.85, 1],
  children_in_care: ['childcare_slots', 0.5, 0.9],
};

/** 32-bit integer hash of up to four integers → [0, 1). */
export function hash01(a: number, b: number, c: number, d = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ d, 0x165667b1);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** A month index (year × 12 + month − 1) → `YYYY-MM-01`. */
export const monthDate = (m: number): string => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
export const monthIndex = (year: number, month: number): number => year * 12 + month - 1;
export const monthLabel = (m: number): string => monthDate(m).slice(0, 7);

/** One reporting region's values of every base indicator of its level for one period. */
export class ValueModel {
  /** indicator codes in generation order: denominators before the shares that depend on them */
  private readonly order: IndicatorRow[];
  private readonly byCode: Map<string, IndicatorRow>;

  constructor(indicators: IndicatorRow[]) {
    this.byCode = new Map(indicators.map((i) => [i.code, i]));
    const base = indicators.filter((i) => i.aggregation !== 'ratio');
    this.order = [...base.filter((i) => !SHARE_OF[i.code]), ...base.filter((i) => SHARE_OF[i.code])];
  }

  /** Base indicators reported at `level` with `frequency`, in generation order. */
  indicatorsAt(level: string, frequency: 'monthly' | 'annual'): IndicatorRow[] {
    return this.order.filter((i) => i.reporting_level === level && i.frequency === frequency);
  }

  /**
   * Values for region number `r` (a stable index: its position in the code-ordered region list of
   * its level) at month `m`, for the given indicators; `out` is filled by indicator code.
   */
  values(r: number, m: number, indicators: IndicatorRow[], out: Map<string, number>): Map<string, number> {
    out.clear();
    const size = 0.3 + 1.7 * hash01(r, 7, 11); // bigger and smaller regions
    const year = Math.floor(m / 12);
    const month = m % 12;
    const season = 1 + 0.3 * Math.sin((2 * Math.PI * (month - 2)) / 12) - (month === 1 ? 0.35 : 0); // spring peak, Spring-Festival dip
    const trend = 1 + 0.04 * (year - 2016);
    for (const ind of indicators) {
      const share = SHARE_OF[ind.code];
      let v: number;
      if (share) {
        const whole = out.get(share[0]) ?? 0;
        v = Math.round(whole * (share[1] + (share[2] - share[1]) * hash01(r, ind.id, m, 3)));
      } else if (ind.code === 'wage_arrears_recovered') {
        v = Math.round((out.get('wage_arrears_workers') ?? 0) * (4000 + 8000 * hash01(r, ind.id, m, 5)));
      } else {
        const scale = SCALE[ind.code] ?? 50;
        if (ind.aggregation === 'last') {
          // stocks grow slowly month by month, with a little noise
          v = Math.round(scale * size * (1 + 0.008 * (m - monthIndex(2016, 1))) * (0.97 + 0.06 * hash01(r, ind.id, m, 1)));
        } else {
          v = Math.round(scale * size * season * trend * (0.75 + 0.5 * hash01(r, ind.id, m, 2)));
        }
      }
      out.set(ind.code, v);
    }
    return out;
  }

  indicator(code: string): IndicatorRow | undefined {
    return this.byCode.get(code);
  }
}

/** Picks `n` of `all` spread evenly (every k-th), so every province keeps some counties; all when n ≥ length. */
export function spread<T>(all: T[], n: number | undefined): T[] {
  if (n === undefined || n >= all.length) return all;
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(all[Math.floor((i * all.length) / n)]);
  return out;
}
