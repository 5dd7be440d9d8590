// Inline validation of one typed value, the same rules the server applies (it has the last word):
// a number, finite, not negative, and whole where the unit counts things.

/** As the server decides: every unit counts things (场, 个, 人次, 家…) except money and percentages. */
const FRACTIONAL = new Set(['元', '万元', '%', '元/人']);
export const countsThings = (unit: string) => !FRACTIONAL.has(unit.trim());
/** The server's upper bound. */
export const MAX_VALUE = 1e15;

export type ValueProblem = 'number' | 'negative' | 'whole' | 'large';
export interface ParsedValue {
  /** null: the field is empty (no value, or remove the stored one) */
  value: number | null;
  problem?: ValueProblem;
}

/** Full-width digits and signs (１２３．５) as typed by Chinese input methods become ASCII. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

export function parseValue(text: string, unit: string): ParsedValue {
  // grouping separators and spaces are dropped: 1,234 and 1 234 are 1234
  const cleaned = halfWidth(text).replace(/[,\s]/g, '');
  if (cleaned === '') return { value: null };
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(cleaned)) return { value: null, problem: 'number' };
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return { value: null, problem: 'number' };
  if (value < 0) return { value, problem: 'negative' };
  if (countsThings(unit) && !Number.isInteger(value)) return { value, problem: 'whole' };
  if (value > MAX_VALUE) return { value, problem: 'large' };
  return { value: value === 0 ? 0 : value };
}

/** Percent change of `value` against `base` (null when there is nothing to compare with). */
export function percentChange(value: number | null | undefined, base: number | null | undefined): number | null {
  if (value === null || value === undefined || base === null || base === undefined || base === 0) return null;
  return (value / base - 1) * 100;
}

/** How a stored value is shown in its field: plain digits, no grouping, so it parses back to itself. */
export const valueText = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value));
