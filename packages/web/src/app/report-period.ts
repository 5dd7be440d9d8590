// The periods a report can be for: a month (monthly indicators) or a year (the annual report).
import { parsePeriod } from '@/app/period';

export const FIRST_REPORT_YEAR = 2010;

const pad = (m: number) => String(m).padStart(2, '0');

/** The month usually being reported: the one before `today`'s. */
export function defaultReportPeriod(today = new Date()): string {
  const y = today.getFullYear();
  const m = today.getMonth(); // 0-based: the previous month's number
  return m === 0 ? `${y - 1}-12` : `${y}-${pad(m)}`;
}

/** A month or a year, not in the future. */
export function isReportPeriod(period: string | undefined | null, today = new Date()): period is string {
  if (!period) return false;
  const p = parsePeriod(period);
  if (!p || p.quarter || p.year < FIRST_REPORT_YEAR) return false;
  const y = today.getFullYear();
  if (p.year > y) return false;
  return !(p.month && p.year === y && p.month > today.getMonth() + 1);
}

export function reportYears(today = new Date()): number[] {
  const out: number[] = [];
  for (let y = today.getFullYear(); y >= FIRST_REPORT_YEAR; y--) out.push(y);
  return out;
}

/** The months of `year` that have begun (all twelve for past years). */
export function reportMonths(year: number, today = new Date()): number[] {
  const last = year < today.getFullYear() ? 12 : today.getMonth() + 1;
  return Array.from({ length: last }, (_, i) => i + 1);
}

export const monthPeriod = (year: number, month: number) => `${year}-${pad(month)}`;
