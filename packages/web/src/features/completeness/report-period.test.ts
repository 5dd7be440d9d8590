import { describe, expect, it } from 'vitest';
import { completenessPeriod, dueDay, previousMonth } from './report-period';

describe('completeness period', () => {
  it('keeps a month, takes a quarter’s last month and a year’s latest month with data', () => {
    expect(completenessPeriod('2024-03')).toBe('2024-03');
    expect(completenessPeriod('2024-Q2')).toBe('2024-06');
    expect(completenessPeriod('2024', '2024-09')).toBe('2024-09');
    expect(completenessPeriod('2023', '2024-09')).toBe('2023-12');
    expect(completenessPeriod('nonsense')).toBeUndefined();
  });
  it('names the last day of a deadline in China', () => {
    expect(dueDay('2025-01-10T16:00:00.000Z')).toBe('2025-01-10');
  });
  it('takes the month before, in China time', () => {
    expect(previousMonth(new Date('2026-01-01T00:30:00+08:00'))).toBe('2025-12');
    expect(previousMonth(new Date('2026-03-31T20:00:00Z'))).toBe('2026-03'); // already 1 April in China
  });
});
