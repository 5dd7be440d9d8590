/**
 * Numbers in Chinese (and English) report text: numerals, multipliers, qualifiers and units.
 * Only a number followed by a measure word (个, 家, 人次, 元, % …) is a figure: years, dates, times,
 * ages, ordinals (第一, 一是, （一）), document numbers and phone numbers are not.
 */

export type Qualifier = 'exact' | 'at_least' | 'approximate';

export interface NumberMention {
  /** Offsets of the whole figure (qualifier words, number, multiplier, unit) in the text. */
  start: number;
  end: number;
  value: number;
  /** The unit as written, normalised (`％` → `%`, `县` → `个`). */
  unit: string;
  /** The measure word exactly as written. */
  unitText: string;
  qualifier: Qualifier;
}

const FULL_WIDTH_DIGITS = /[０-９．]/g;

/** Full-width digits and point to ASCII (same string length, so offsets are kept). */
export const toHalfWidth = (text: string): string =>
  text.replace(FULL_WIDTH_DIGITS, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  贰: 2,
  两: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };

export const CHINESE_NUMERAL_CHARS = '零〇一壹二贰两三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/** 三百四十三 → 343; null when not well formed (百千, 三四). */
function parseSection(chars: string[]): number | null {
  let total = 0;
  let digit: number | null = null;
  let lastUnit = Infinity;
  for (const [i, c] of chars.entries()) {
    if (c in DIGIT) {
      if (digit !== null && digit !== 0 && DIGIT[c] !== 0) return null;
      digit = DIGIT[c];
    } else if (c in SMALL_UNIT) {
      const unit = SMALL_UNIT[c];
      if (unit >= lastUnit || (digit === null && i > 0)) return null; // 千百 is not a number; 十二 and 百 are
      total += (digit ?? 1) * unit;
      digit = null;
      lastUnit = unit;
    } else return null;
  }
  return total + (digit ?? 0);
}

/** Splits at the last big unit (亿, then 万): `hi` × unit + `lo`. */
function parseBig(chars: string[], units: [string, number][]): number | null {
  if (!units.length) return parseSection(chars);
  const [[name, size], ...smaller] = units;
  const at = chars.lastIndexOf(name);
  if (at < 0) return parseBig(chars, smaller);
  const hi = chars.slice(0, at);
  const lo = chars.slice(at + 1);
  const high = hi.length ? parseBig(hi, units.slice(0)) : 1;
  const low = lo.length ? parseBig(lo, smaller) : 0;
  if (high === null || low === null || low >= size) return null;
  return high * size + low;
}

/**
 * The value of a Chinese numeral (`两千三百四十三` → 2343, `十二` → 12, `三` → 3, `百` → 100,
 * `一万二千` → 12000, `二〇二四` → 2024 read digit by digit); null when it is not well formed.
 */
export function parseChineseNumeral(text: string): number | null {
  const chars = [...text];
  if (!chars.length || chars.some((c) => !CHINESE_NUMERAL_CHARS.includes(c))) return null;
  if (chars.length >= 3 && chars.every((c) => c in DIGIT) && chars.some((c) => c === '〇' || c === '零')) {
    return Number(chars.map((c) => DIGIT[c]).join('')); // 二〇二四
  }
  return parseBig(chars, [
    ['亿', 1e8],
    ['万', 1e4],
  ]);
}

/** Measure words, longest first; the value is the normalised unit. */
const UNITS: [string, string][] = [
  ['个百分点', '个百分点'],
  ['百分点', '个百分点'],
  ['平方米', '平方米'],
  ['人次', '人次'],
  ['户次', '户次'],
  ['场次', '场次'],
  ['家次', '家次'],
  ['台次', '台次'],
  ['批次', '批次'],
  ['公里', '公里'],
  ['%', '%'],
  ['％', '%'],
  ['‰', '‰'],
  ...'人名位个家户件份场项所座处次批期条套台张间支种起例本门组队篇吨倍宗笔辆栋亩元'.split('').map((u) => [u, u] as [string, string]),
  // a place noun used as the measure word: 9县 = 9个县
  ['县', '个'],
  ['市', '个'],
  ['区', '个'],
  ['省', '个'],
];

/** Words that make a number after them a date, time, age, ordinal or similar: never a figure. */
const NOT_A_FIGURE_AFTER = /^(?:[年月日号时秒岁届周天代轮级星点]|分钟|分(?![别之])|季度|小时|周年|年度|世纪|多岁|余岁|后)/;

/** Set phrases of official language that contain numerals but state no figure. */
const SET_PHRASES = [
  '三方四家',
  '四个自信',
  '两个维护',
  '四个意识',
  '两个确立',
  '两个结合',
  '五位一体',
  '四个全面',
  '一带一路',
  '千家万户',
  '千方百计',
  '百家争鸣',
  '百花齐放',
  '万家灯火',
  '一次性',
  '一揽子',
  '一站式',
  '一对一',
  '一把手',
  '三位一体',
  '双百',
  '百千万',
  '千百万',
  '十百千',
  '一室一盟',
  '两新',
  '三新',
  '六新',
  '四新',
];

const ARABIC = /\d+(?:,\d{3})*(?:\.\d+)?/y;
const CHINESE = new RegExp(`[${CHINESE_NUMERAL_CHARS}]+`, 'y');
const MULTIPLIER = /(万亿|千万|百万|十万|亿|万|千|百)/y;
const LOWER_BOUND_BEFORE = /(超过|逾|多于|不少于|不低于|至少|突破|高于)$/;
const APPROXIMATE_BEFORE = /(约|近|大约|将近|接近|约为|大概)$/;
const MULTIPLIER_VALUE: Record<string, number> = { 万亿: 1e12, 千万: 1e7, 百万: 1e6, 十万: 1e5, 亿: 1e8, 万: 1e4, 千: 1e3, 百: 100 };

/** Spans of text quoted as a name (“…”, 《…》, 「…」): numbers inside them are names, not figures. */
export function quotedSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const pairs: Record<string, string> = { '“': '”', '《': '》', '「': '」', '〈': '〉' };
  for (let i = 0; i < text.length; i++) {
    const close = pairs[text[i]];
    if (!close) continue;
    const j = text.indexOf(close, i + 1);
    if (j > i && j - i <= 40) {
      spans.push([i, j + 1]);
      i = j;
    }
  }
  return spans;
}

const round = (n: number): number => Math.round(n * 1e6) / 1e6;

/** Finds every figure in Chinese text: a number with its qualifier and measure word. */
export function findNumbers(original: string): NumberMention[] {
  const text = toHalfWidth(original);
  const quoted = quotedSpans(text);
  const inQuote = (i: number) => quoted.some(([a, b]) => i > a && i < b);
  const inSetPhrase = (i: number) =>
    SET_PHRASES.some((p) => {
      for (let k = Math.max(0, i - p.length + 1); k <= i; k++) if (text.startsWith(p, k)) return true;
      return false;
    });
  const mentions: NumberMention[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const isDigit = c >= '0' && c <= '9';
    const isChinese = CHINESE_NUMERAL_CHARS.includes(c);
    if (!isDigit && !isChinese) {
      i++;
      continue;
    }
    const re = isDigit ? ARABIC : CHINESE;
    re.lastIndex = i;
    const m = re.exec(text)!;
    const numberStart = i;
    let numberText = m[0];
    let value: number | null;
    if (isDigit) value = Number(numberText.replace(/,/g, ''));
    else {
      // the longest well-formed prefix (百千万计划 → none; 两千三百四十三场 → 2343)
      value = null;
      for (let len = numberText.length; len > 0 && value === null; len--) {
        value = parseChineseNumeral(numberText.slice(0, len));
        if (value !== null) numberText = numberText.slice(0, len);
      }
      if (value === null) {
        i += 1;
        continue;
      }
    }
    let j = numberStart + numberText.length;
    i = j;
    const prev = text[numberStart - 1] ?? '';
    // glued to letters, codes, dates, times, phone numbers, formulas (1+N), or an ordinal 第
    if (/[A-Za-z_\-:/+.#@]/.test(prev) || prev === '第' || prev === '每') continue;
    if (/^[-:/+][0-9]/.test(text.slice(j, j + 2)) || /^[A-Za-z+]/.test(text[j] ?? '')) continue;
    if (!isDigit && value === 1) continue; // 一家、一次、一批: idiom far more often than a figure
    if (inQuote(numberStart) || inSetPhrase(numberStart)) continue;

    let qualifier: Qualifier = 'exact';
    const before = text.slice(Math.max(0, numberStart - 3), numberStart);
    let start = numberStart;
    const lower = LOWER_BOUND_BEFORE.exec(before);
    const approx = APPROXIMATE_BEFORE.exec(before);
    if (lower) {
      qualifier = 'at_least';
      start -= lower[1].length;
    } else if (approx && !/近年|近期|近日/.test(text.slice(numberStart - 1, numberStart + 1))) {
      qualifier = 'approximate';
      start -= approx[1].length;
    }

    const takeQualifier = () => {
      const q = /^(余|多)/.exec(text.slice(j));
      if (q) {
        qualifier = qualifier === 'approximate' ? qualifier : 'at_least';
        j += 1;
      }
    };
    takeQualifier();
    if (isDigit) {
      MULTIPLIER.lastIndex = j;
      const mult = MULTIPLIER.exec(text);
      if (mult) {
        value *= MULTIPLIER_VALUE[mult[1]];
        j += mult[1].length;
      }
    }
    takeQualifier();
    const rest = text.slice(j);
    if (NOT_A_FIGURE_AFTER.test(rest)) continue;
    const unit = UNITS.find(([u]) => rest.startsWith(u));
    if (!unit) continue;
    // 9县 is a count of counties; 市场, 区域, 省份 are not
    if (['县', '市', '区', '省'].includes(unit[0]) && (!isDigit || /^[场级委民长内外域份属直]/.test(rest.slice(1)))) continue;
    j += unit[0].length;
    const after = text.slice(j, j + 3);
    const suffix = /^(以上|之多|有余|左右|上下)/.exec(after);
    if (suffix) {
      qualifier = suffix[1] === '左右' || suffix[1] === '上下' ? 'approximate' : 'at_least';
      j += suffix[1].length;
    }
    mentions.push({ start, end: j, value: round(value), unit: unit[1], unitText: unit[0], qualifier });
    i = j;
  }
  return mentions;
}

/** English: units of the nouns a number may count. */
const ENGLISH_UNITS: [RegExp, string][] = [
  [/^(?:enterprises?|compan(?:y|ies)|firms?|employers?|institutions?|units?)\b/i, '家'],
  [/^(?:person-times|person times|visits)\b/i, '人次'],
  [/^(?:people|persons?|workers?|employees?|staff|participants?|trainees?|job ?seekers?|students?)\b/i, '人'],
  [/^(?:cases?|disputes?)\b/i, '件'],
  [/^(?:jobs?|positions?|posts?|vacancies)\b/i, '个'],
  [/^(?:job fairs?|fairs?|events?|sessions?)\b/i, '场'],
  [/^(?:yuan|RMB|CNY)\b/i, '元'],
];

/** Finds figures in English text: `64 enterprises`, `more than 300 workers`, `93%`. */
export function findEnglishNumbers(text: string): NumberMention[] {
  const mentions: NumberMention[] = [];
  const re = /(?<![\w.:/-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w:/-]|\.\d)/g;
  for (let m; (m = re.exec(text));) {
    const value = Number(m[1].replace(/,/g, ''));
    let j = m.index + m[0].length;
    let start = m.index;
    let qualifier: Qualifier = 'exact';
    const before = text.slice(Math.max(0, start - 20), start);
    const q = /(more than|over|at least|above|in excess of|about|around|nearly|approximately|almost)\s+$/i.exec(before);
    if (q) {
      qualifier = /about|around|nearly|approximately|almost/i.test(q[1]) ? 'approximate' : 'at_least';
      start -= q[0].length;
    }
    const rest = text.slice(j);
    const percent = /^\s*(%|percent\b|per cent\b)/i.exec(rest);
    if (percent) {
      mentions.push({ start, end: j + percent[0].length, value, unit: '%', unitText: '%', qualifier });
      continue;
    }
    if (/^\s*(?:years?|months?|days?|hours?|minutes?|times?|st|nd|rd|th)\b/i.test(rest)) continue;
    const mult = /^\s+(million|billion|thousand)/i.exec(rest);
    let factor = 1;
    if (mult) {
      factor = { million: 1e6, billion: 1e9, thousand: 1e3 }[mult[1].toLowerCase()]!;
      j += mult[0].length;
    }
    // the counted noun: within the next three words (64 enterprises and institutions, 428 pilot enterprises)
    const words = /^((?:\s+[A-Za-z'-]+){1,3})/.exec(text.slice(j));
    if (!words) continue;
    let unit: string | undefined;
    let unitEnd = j;
    const parts = words[1].split(/(?=\s)/);
    let offset = 0;
    for (const part of parts) {
      const w = part.trimStart();
      const found = ENGLISH_UNITS.find(([pattern]) => pattern.test(w));
      offset += part.length;
      if (found) {
        unit = found[1];
        unitEnd = j + offset;
        break;
      }
    }
    if (!unit) continue;
    mentions.push({ start, end: unitEnd, value: round(value * factor), unit, unitText: text.slice(j, unitEnd).trim(), qualifier });
  }
  return mentions;
}
