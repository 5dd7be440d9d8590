// The report period (YYYY-MM) completeness is shown for, from the dashboard's period.
import { parsePeriod } from '@/app/period';

/** A month as is; a quarter's last month; a year's latest month with data (or its December). */
export function completenessPeriod(period: string, latestMonth?: string | null): string | undefined {
  const p = parsePeriod(period);
  if (!p) return undefined;
  if (p.month) return period;
  if (p.quarter) return `${p.year}-${String(p.quarter * 3).padStart(2, '0')}`;
  return latestMonth?.startsWith(`${p.year}-`) ? latestMonth : `${p.year}-12`;
}

/** The last day reports may be submitted, in China (a deadline is the end of that day, UTC+8). */
export function dueDay(deadline: string): string {
  return new Date(new Date(deadline).getTime() + 8 * 3600_000 - 1).toISOString().slice(0, 10);
}

/** The month before this one in China: the reports due next (the 10th of this month by default). */
export function previousMonth(now = new Date()): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' })
    .format(now)
    .split('-')
    .map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}
