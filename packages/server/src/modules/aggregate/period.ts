import { badInput } from '../../errors.js';

/**
 * Periods are strings: `2024-03` (a month), `2024-Q1` (a quarter), `2024` (a year).
 * Internally a month is an integer index: year * 12 + (month - 1).
 */
export type Grain = 'MONTH' | 'QUARTER' | 'YEAR';

export const PERIOD_FORMATS = 'a month like 2024-03, a quarter like 2024-Q1, or a year like 2024';
export const MIN_YEAR = 1949;
export const MAX_YEAR = 2100;
/** The longest range a query may cover (30 years). */
export const MAX_RANGE_MONTHS = 360;

export interface MonthRange {
  /** First month index, inclusive. */
  from: number;
  /** Last month index, inclusive. */
  to: number;
}

export const monthIndex = (year: number, month: number): number => year * 12 + (month - 1);
export const yearOf = (index: number): number => Math.floor(index / 12);
export const monthOf = (index: number): number => (index % 12) + 1;

/** Parses a period into the months it covers; `what` names the argument in the error message. */
export function parsePeriod(text: string, what = 'period'): MonthRange {
  const match = /^(\d{4})(?:-(?:(\d{2})|Q([1-4])))?$/.exec(text.trim());
  const fail = () => badInput(`Invalid ${what} "${text}": use ${PERIOD_FORMATS} (years ${MIN_YEAR}–${MAX_YEAR}).`);
  if (!match) throw fail();
  const year = Number(match[1]);
  if (year < MIN_YEAR || year > MAX_YEAR) throw fail();
  if (match[2] !== undefined) {
    const month = Number(match[2]);
    if (month < 1 || month > 12) throw fail();
    const index = monthIndex(year, month);
    return { from: index, to: index };
  }
  if (match[3] !== undefined) {
    const first = monthIndex(year, (Number(match[3]) - 1) * 3 + 1);
    return { from: first, to: first + 2 };
  }
  return { from: monthIndex(year, 1), to: monthIndex(year, 12) };
}

/** Parses `from`..`to` (each any period format) into the inclusive range of months they span. */
export function parseRange(from: string, to: string): MonthRange {
  const start = parsePeriod(from, '"from" period');
  const end = parsePeriod(to, '"to" period');
  if (start.from > end.to) {
    throw badInput(`"from" (${from}) is after "to" (${to}): give the earlier period first.`);
  }
  const months = end.to - start.from + 1;
  if (months > MAX_RANGE_MONTHS) {
    throw badInput(
      `The range ${from}..${to} covers ${months} months; at most ${MAX_RANGE_MONTHS} months (${MAX_RANGE_MONTHS / 12} years) are allowed per query.`,
    );
  }
  return { from: start.from, to: end.to };
}

/** `YYYY-MM-01`, the SQL date of a month's first day. */
export function toSqlDate(index: number): string {
  return `${yearOf(index)}-${String(monthOf(index)).padStart(2, '0')}-01`;
}

/** Month index of a `YYYY-MM[-DD]` date string. */
export function fromSqlDate(date: string): number {
  return monthIndex(Number(date.slice(0, 4)), Number(date.slice(5, 7)));
}

/** The label of the period of `grain` that contains month `index`. */
export function periodLabel(index: number, grain: Grain): string {
  const year = yearOf(index);
  if (grain === 'YEAR') return String(year);
  if (grain === 'QUARTER') return `${year}-Q${Math.floor((monthOf(index) - 1) / 3) + 1}`;
  return `${year}-${String(monthOf(index)).padStart(2, '0')}`;
}

/** First month of the period of `grain` containing `index`. */
export function bucketStart(index: number, grain: Grain): number {
  if (grain === 'YEAR') return index - (index % 12);
  if (grain === 'QUARTER') return index - (index % 3);
  return index;
}

export const GRAIN_MONTHS: Record<Grain, number> = { MONTH: 1, QUARTER: 3, YEAR: 12 };
