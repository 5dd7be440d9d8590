import { describe, expect, it } from 'vitest';
import { formatPeriod, parsePeriod, periodFor, periodGrain, subPeriods, trendRange } from './period';
import { periodContains } from './period-contains';
import { formatChange, formatCompact, formatValue } from './format';

const monthly = { cadence: 'MONTHLY', firstPeriod: '2021-01', latestPeriod: '2024-12' };
const annual = { cadence: 'ANNUAL', firstPeriod: '2020', latestPeriod: '2024' };

describe('periods', () => {
  it('parses the three period forms and rejects others', () => {
    expect(parsePeriod('2024')).toEqual({ year: 2024, quarter: undefined, month: undefined });
    expect(parsePeriod('2024-Q3')).toEqual({ year: 2024, quarter: 3, month: undefined });
    expect(parsePeriod('2024-03')).toEqual({ year: 2024, quarter: undefined, month: 3 });
    for (const bad of ['2024-13', '2024-Q5', '24', '2024-3', 'x']) expect(parsePeriod(bad)).toBeNull();
    expect(periodGrain('2024-03')).toBe('MONTH');
    expect(periodGrain('2024-Q1')).toBe('QUARTER');
    expect(periodGrain('2024')).toBe('YEAR');
  });

  it('widens a month or quarter to its year for annual indicators', () => {
    expect(periodFor(annual, '2023-05')).toBe('2023');
    expect(periodFor(monthly, '2023-05')).toBe('2023-05');
  });

  it('chooses a trend window per grain, clipped to the data', () => {
    expect(trendRange(monthly, '2024-03', 'MONTH')).toEqual({ from: '2023', to: '2024', grain: 'MONTH' });
    expect(trendRange(monthly, '2022', 'QUARTER')).toEqual({ from: '2021', to: '2022', grain: 'QUARTER' });
    // a period before the first data (approved later for an earlier year) still has a valid window
    expect(trendRange(monthly, '2015-06', 'MONTH')).toEqual({ from: '2015', to: '2015', grain: 'MONTH' });
    expect(trendRange(monthly, '2023', 'YEAR')).toEqual({ from: '2021', to: '2024', grain: 'YEAR' });
    expect(trendRange(annual, '2023-Q2', 'MONTH')).toEqual({ from: '2020', to: '2024', grain: 'YEAR' });
  });

  it('knows which points lie in the selected period', () => {
    expect(periodContains('2024', '2024-07')).toBe(true);
    expect(periodContains('2024-Q3', '2024-07')).toBe(true);
    expect(periodContains('2024-Q3', '2024-10')).toBe(false);
    expect(periodContains('2024-05', '2024-Q2')).toBe(true);
    expect(periodContains('2024', '2023-12')).toBe(false);
  });

  it('formats periods in Chinese and English', () => {
    expect(formatPeriod('2024-03', 'zh-CN')).toBe('2024年3月');
    expect(formatPeriod('2024-Q1', 'zh-CN')).toBe('2024年第1季度');
    expect(formatPeriod('2024', 'zh-CN')).toBe('2024年');
    expect(formatPeriod('2024-Q1', 'en')).toBe('2024 Q1');
    expect(formatPeriod('2024-03', 'en')).toBe('Mar 2024');
    expect(subPeriods(2024)).toHaveLength(17);
  });
});

describe('number formats', () => {
  it('prints exact values grouped, compact ones in 万/亿', () => {
    expect(formatValue(1893600, 'zh-CN')).toBe('1,893,600');
    expect(formatValue(93.456, 'zh-CN')).toBe('93.46');
    expect(formatValue(null, 'zh-CN')).toBe('—');
    expect(formatCompact(1893600, 'zh-CN')).toBe('189.36万');
    expect(formatCompact(1060000000, 'zh-CN')).toBe('10.6亿');
    expect(formatCompact(1893600, 'en')).toBe('1.89M');
    expect(formatChange(5.04)).toBe('+5.0%');
    expect(formatChange(-0.04)).toBe('±0.0%');
    expect(formatChange(-4)).toBe('−4.0%');
  });
});
