import { describe, expect, it } from 'vitest';
import { defaultReportPeriod, isReportPeriod, reportMonths, reportYears } from './report-period';

const today = new Date(2026, 10, 22); // 22 November 2026, local time

describe('report periods', () => {
  it('defaults to the previous month, across a new year too', () => {
    expect(defaultReportPeriod(today)).toBe('2026-10');
    expect(defaultReportPeriod(new Date(2027, 0, 5))).toBe('2026-12');
  });
  it('accepts months and years that have begun, nothing else', () => {
    expect(isReportPeriod('2026-11', today)).toBe(true);
    expect(isReportPeriod('2026-12', today)).toBe(false);
    expect(isReportPeriod('2026', today)).toBe(true);
    expect(isReportPeriod('2027', today)).toBe(false);
    expect(isReportPeriod('2015-03', today)).toBe(true);
    expect(isReportPeriod('2024-Q1', today)).toBe(false);
    expect(isReportPeriod('2009-05', today)).toBe(false);
    expect(isReportPeriod('', today)).toBe(false);
  });
  it('lists years newest first and the months that have begun', () => {
    expect(reportYears(today)[0]).toBe(2026);
    expect(reportYears(today).at(-1)).toBe(2010);
    expect(reportMonths(2026, today)).toHaveLength(11);
    expect(reportMonths(2025, today)).toHaveLength(12);
  });
});
