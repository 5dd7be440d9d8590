import { MIN_YEAR, monthIndex, periodLabel, toSqlDate } from '../aggregate/period.js';
import type { Frequency } from '../indicator/indicator.entity.js';

/** A report's period: a month ("2024-03") for monthly indicators, a year ("2024") for annual ones. */
export interface ReportPeriod {
  label: string;
  frequency: Frequency;
  /** Month index of its first month. */
  first: number;
}

export const REPORT_PERIOD_FORMATS = 'a month like 2024-03 (monthly indicators) or a year like 2024 (annual indicators)';

/** Parses a report period exactly (no spaces, no quarters); null when it is not one. */
export function parseReportPeriod(text: string): ReportPeriod | null {
  const match = /^(\d{4})(?:-(0[1-9]|1[0-2]))?$/.exec(text);
  if (!match || Number(match[1]) < MIN_YEAR) return null;
  const year = Number(match[1]);
  return match[2]
    ? { label: text, frequency: 'monthly', first: monthIndex(year, Number(match[2])) }
    : { label: text, frequency: 'annual', first: monthIndex(year, 1) };
}

/** The period `months` earlier (monthly) or `months / 12` years earlier (annual). */
export function shiftPeriod(period: ReportPeriod, months: number): ReportPeriod {
  const first = period.first - months;
  return { ...period, first, label: periodLabel(first, period.frequency === 'annual' ? 'YEAR' : 'MONTH') };
}

export const periodDate = (period: ReportPeriod): string => toSqlDate(period.first);

// built once: a formatter costs tens of microseconds to create, and an import checks every value
const CHINA_MONTH = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' });

/** The current month in China (periods after it are in the future). */
export function currentMonth(now = new Date()): number {
  const [year, month] = CHINA_MONTH.format(now).split('-').map(Number);
  return monthIndex(year, month);
}

/** True when the period has not begun yet. */
export const isFuture = (period: ReportPeriod, now = new Date()): boolean => period.first > currentMonth(now);
