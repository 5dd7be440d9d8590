// Periods are strings: `2024` (year), `2024-Q1` (quarter), `2024-03` (month) — as in the API.
export type Grain = 'MONTH' | 'QUARTER' | 'YEAR';
export const GRAINS: Grain[] = ['MONTH', 'QUARTER', 'YEAR'];

export interface ParsedPeriod {
  year: number;
  quarter?: number;
  month?: number;
}

const PERIOD = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;

export function parsePeriod(period: string): ParsedPeriod | null {
  const m = PERIOD.exec(period);
  if (!m) return null;
  return { year: Number(m[1]), quarter: m[2] ? Number(m[2]) : undefined, month: m[3] ? Number(m[3]) : undefined };
}

export function isPeriod(period: string | undefined | null): period is string {
  return !!period && parsePeriod(period) !== null;
}

export function periodYear(period: string): number {
  return parsePeriod(period)?.year ?? NaN;
}

/** The grain a single period is expressed in. */
export function periodGrain(period: string): Grain {
  const p = parsePeriod(period);
  return p?.month ? 'MONTH' : p?.quarter ? 'QUARTER' : 'YEAR';
}

export interface IndicatorTiming {
  cadence: string;
  firstPeriod?: string | null;
  latestPeriod?: string | null;
}

export const isAnnual = (indicator: IndicatorTiming) => indicator.cadence === 'ANNUAL';

/** Annual indicators only have whole years: a month or quarter is widened to its year. */
export function periodFor(indicator: IndicatorTiming, period: string): string {
  return isAnnual(indicator) ? String(periodYear(period)) : period;
}

export function grainFor(indicator: IndicatorTiming, grain: Grain): Grain {
  return isAnnual(indicator) ? 'YEAR' : grain;
}

/** The range a trend chart shows around the selected period: 2 years of months, 3 of quarters, all years. */
export function trendRange(indicator: IndicatorTiming, period: string, grain: Grain): { from: string; to: string; grain: Grain } {
  const g = grainFor(indicator, grain);
  const year = periodYear(period);
  const firstYear = indicator.firstPeriod ? periodYear(indicator.firstPeriod) : year - 4;
  const lastYear = indicator.latestPeriod ? periodYear(indicator.latestPeriod) : year;
  if (g === 'YEAR') return { from: String(Math.min(firstYear, year)), to: String(Math.max(lastYear, year)), grain: g };
  const span = g === 'MONTH' ? 1 : 2;
  // a period before the indicator's first data still gets its own window (never from after to)
  return { from: String(Math.min(year, Math.max(firstYear, year - span))), to: String(year), grain: g };
}

/** The same period one year earlier (for "vs last year" labels). */
export function previousYear(period: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  return period.replace(/^\d{4}/, String(p.year - 1));
}

export function yearsBetween(first: number, last: number): number[] {
  const years: number[] = [];
  for (let y = last; y >= first; y--) years.push(y);
  return years;
}

/** Sub-periods of a year, as used by the period picker: the year, its quarters, its months. */
export function subPeriods(year: number): string[] {
  const out = [String(year)];
  for (let q = 1; q <= 4; q++) out.push(`${year}-Q${q}`);
  for (let m = 1; m <= 12; m++) out.push(`${year}-${String(m).padStart(2, '0')}`);
  return out;
}

export function formatPeriod(period: string, locale: string): string {
  const p = parsePeriod(period);
  if (!p) return period;
  const zh = locale.startsWith('zh');
  if (p.month) {
    if (zh) return `${p.year}年${p.month}月`;
    return new Date(Date.UTC(p.year, p.month - 1, 1)).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  }
  if (p.quarter) return zh ? `${p.year}年第${p.quarter}季度` : `${p.year} Q${p.quarter}`;
  return zh ? `${p.year}年` : String(p.year);
}
