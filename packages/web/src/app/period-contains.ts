import { parsePeriod } from './period';

/** Whether `point` (any grain) lies inside the selected `period` (any grain). */
export function periodContains(period: string, point: string): boolean {
  const a = parsePeriod(period);
  const b = parsePeriod(point);
  if (!a || !b || a.year !== b.year) return false;
  if (!a.quarter && !a.month) return true;
  const monthsOf = (p: typeof a) => (p.month ? [p.month, p.month] : p.quarter ? [p.quarter * 3 - 2, p.quarter * 3] : [1, 12]);
  const [a0, a1] = monthsOf(a);
  const [b0, b1] = monthsOf(b);
  return b0 <= a1 && b1 >= a0;
}
