import { describe, expect, it } from 'vitest';
import { countsThings, parseValue, percentChange, valueText } from './entry-value';

describe('parseValue', () => {
  it('reads plain, grouped and full-width numbers', () => {
    expect(parseValue('120', '家')).toEqual({ value: 120 });
    expect(parseValue(' 1,234 ', '人')).toEqual({ value: 1234 });
    expect(parseValue('１２３', '件')).toEqual({ value: 123 });
    expect(parseValue('2500.5', '元')).toEqual({ value: 2500.5 });
    expect(parseValue('0', '家')).toEqual({ value: 0 });
  });
  it('an empty field is no value', () => {
    expect(parseValue('', '家')).toEqual({ value: null });
    expect(parseValue('   ', '元')).toEqual({ value: null });
  });
  it('refuses what is not a number', () => {
    expect(parseValue('abc', '家').problem).toBe('number');
    expect(parseValue('12a', '元').problem).toBe('number');
    expect(parseValue('1.2.3', '元').problem).toBe('number');
    expect(parseValue('Infinity', '元').problem).toBe('number');
    expect(parseValue('1e999', '元').problem).toBe('number');
  });
  it('refuses negative values', () => {
    expect(parseValue('-1', '元')).toEqual({ value: -1, problem: 'negative' });
  });
  it('refuses fractions where the unit counts things, allows them for money', () => {
    expect(parseValue('3.5', '人次')).toEqual({ value: 3.5, problem: 'whole' });
    expect(parseValue('3.5', '元')).toEqual({ value: 3.5 });
    expect(countsThings('户')).toBe(true);
    expect(countsThings('元')).toBe(false);
    expect(countsThings('项')).toBe(true);
  });
  it('refuses values above the server bound', () => {
    expect(parseValue('2e15', '元').problem).toBe('large');
    expect(parseValue('1000000000000000', '元').problem).toBeUndefined();
  });
});

describe('percentChange and valueText', () => {
  it('compares with a base, not with zero or nothing', () => {
    expect(percentChange(110, 100)).toBeCloseTo(10);
    expect(percentChange(90, 100)).toBeCloseTo(-10);
    expect(percentChange(5, 0)).toBeNull();
    expect(percentChange(null, 100)).toBeNull();
    expect(percentChange(5, null)).toBeNull();
  });
  it('shows stored values so that they parse back to themselves', () => {
    for (const v of [0, 7, 1234567, 2500.75]) expect(parseValue(valueText(v), '元').value).toBe(v);
    expect(valueText(null)).toBe('');
  });
});
