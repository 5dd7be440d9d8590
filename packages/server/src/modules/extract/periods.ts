/**
 * Time expressions of report text, resolved against the document's date:
 * `2023年`, `2024年3月`, `今年`, `去年`, `2月至3月`, `3月13日至22日`, `2023年以来`, `截至目前`,
 * `本次`/`当天` (an event at the document's date), `近年来` (start unknown), `三年行动计划` (a plan).
 */
import { parseChineseNumeral } from './numbers.js';

export interface DocDate {
  year: number;
  month: number;
  /** Unknown when the document gives only a month. */
  day: number | null;
}

export type TimeKind = 'range' | 'since' | 'until_now' | 'event' | 'unknown_start' | 'plan';

export interface TimeMention {
  start: number;
  end: number;
  kind: TimeKind;
  /** Resolved bounds (YYYY-MM-DD); null where the text leaves them open. */
  from: string | null;
  to: string | null;
  /** For `range` of the current year written as 今年: whether the bound is the document date. */
  note: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
export const ymd = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
export const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const monthEnd = (y: number, m: number) => ymd(y, m, lastDay(y, m));
export const docDateText = (d: DocDate) => (d.day ? ymd(d.year, d.month, d.day) : monthEnd(d.year, d.month));

/** Parses `2024-03-20`, `2024-03`, `2024/3/20`, `2024年3月20日`, `2024.03.20`. */
export function parseDocDate(text: string | null | undefined): DocDate | null {
  if (!text) return null;
  const m = /(\d{4})\s*[-年/.]\s*(\d{1,2})(?:\s*[-月/.]\s*(\d{1,2}))?/.exec(text);
  if (!m) return null;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = m[3] ? Number(m[3]) : null;
  if (year < 1949 || year > 2100 || month < 1 || month > 12 || (day !== null && (day < 1 || day > lastDay(year, month)))) return null;
  return { year, month, day };
}

const num = (s: string): number | null => (/^\d+$/.test(s) ? Number(s) : parseChineseNumeral(s));
const NUM = '[0-9一二两三四五六七八九十]+';

/** Finds time expressions; `doc` resolves relative ones (null leaves them open). */
export function findTimes(text: string, doc: DocDate | null): TimeMention[] {
  const out: TimeMention[] = [];
  const taken = new Uint8Array(text.length);
  const add = (start: number, end: number, kind: TimeKind, from: string | null, to: string | null, note: string | null = null) => {
    if (taken.subarray(start, end).some((b) => b)) return;
    taken.fill(1, start, end);
    out.push({ start, end, kind, from, to, note });
  };
  const docEnd = doc ? docDateText(doc) : null;
  const docYear = doc?.year ?? null;
  const each = (re: RegExp, f: (m: RegExpExecArray) => void) => {
    for (let m; (m = re.exec(text));) f(m);
  };
  const monthYear = (month: number) => (doc && month > doc.month ? doc.year - 1 : docYear);

  // plans: 三年行动计划, 5年内 → from the document date, N years
  each(new RegExp(`(${NUM})年(?:行动计划|行动|计划|规划|内)`, 'g'), (m) => {
    const n = num(m[1]);
    if (!n || n > 20 || !doc) return;
    const startDay = doc.day ?? 1;
    const end = new Date(Date.UTC(doc.year + n, doc.month - 1, startDay - 1));
    add(
      m.index,
      m.index + m[0].length,
      'plan',
      ymd(doc.year, doc.month, startDay),
      end.toISOString().slice(0, 10),
      `${m[0]}: ${n} years from the document date`,
    );
  });
  // 到2025年 (a deadline: a plan when it lies ahead), 截至2023年底 (a stock at a past year's end)
  each(/(?:到|至|截至|截止到?)(\d{4})年(?:底|末)?/g, (m) => {
    const y = Number(m[1]);
    if (y < 1949 || y > 2100) return;
    if (doc && y >= doc.year)
      add(
        m.index,
        m.index + m[0].length,
        'plan',
        docEnd && ymd(doc.year, doc.month, doc.day ?? 1),
        `${y}-12-31`,
        `${m[0]}: from the document date to the end of ${y}`,
      );
    else
      add(
        m.index,
        m.index + m[0].length,
        'until_now',
        `${y}-01-01`,
        `${y}-12-31`,
        `${m[0]}: the state at the end of ${y}; its start is not stated`,
      );
  });
  // five-year plans
  each(/“?(十[三四五])五”?(?:期间|时期|以来|规划)?/g, (m) => {
    const first = { 十三: 2016, 十四: 2021, 十五: 2026 }[m[1]]!;
    add(m.index, m.index + m[0].length, 'range', `${first}-01-01`, `${first + 4}-12-31`);
  });
  // year ranges: 2020年至2023年, 2020—2023年, 2020-2023年
  each(/(\d{4})\s*年?\s*(?:至|到|—|–|-|~)\s*(\d{4})\s*年/g, (m) => {
    add(m.index, m.index + m[0].length, 'range', `${m[1]}-01-01`, `${m[2]}-12-31`);
  });
  // 2024年3月13日至22日 / 3月13日至22日
  each(/(?:(\d{4})年)?(\d{1,2})月(\d{1,2})[日号]?\s*(?:至|到|—|-|~)\s*(?:(\d{1,2})月)?(\d{1,2})[日号]/g, (m) => {
    const m1 = Number(m[2]);
    const y = m[1] ? Number(m[1]) : monthYear(m1);
    if (!y) return;
    const m2 = m[4] ? Number(m[4]) : m1;
    add(m.index, m.index + m[0].length, 'range', ymd(y, m1, Number(m[3])), ymd(y, m2, Number(m[5])));
  });
  // 2024年2月至3月, 2月至3月, 1-6月
  each(/(?:(\d{4})年)?(\d{1,2})(?:月)?\s*(?:至|到|—|-|~)\s*(\d{1,2})月(?!\d{0,2}日)/g, (m) => {
    const m1 = Number(m[2]);
    const m2 = Number(m[3]);
    if (m1 < 1 || m2 > 12 || m1 > m2) return;
    const y = m[1] ? Number(m[1]) : monthYear(m2);
    if (!y) return;
    add(m.index, m.index + m[0].length, 'range', ymd(y, m1, 1), monthEnd(y, m2));
  });
  // 2023年以来 / 今年以来 / since 2020
  each(/(\d{4})年(?:\d{1,2}月)?以来|(今年|去年|上年)以来|[Ss]ince (\d{4})/g, (m) => {
    const y = m[1] ? Number(m[1]) : m[3] ? Number(m[3]) : m[2] === '今年' ? docYear : docYear && docYear - 1;
    if (!y) return;
    add(m.index, m.index + m[0].length, 'since', `${y}-01-01`, docEnd);
  });
  // 2024年3月18日 (a day), 2024年3月 (a month), 2024年上半年, 2023年 (a year)
  each(
    /(\d{4})年(?:(\d{1,2})月(?:(\d{1,2})[日号])?|(上半年|下半年|一季度|第一季度|二季度|第二季度|三季度|第三季度|四季度|第四季度|前三季度|全年))?/g,
    (m) => {
      const y = Number(m[1]);
      if (y < 1949 || y > 2100) return;
      const [s, e] = [m.index, m.index + m[0].length];
      if (m[2] && m[3]) add(s, e, 'event', ymd(y, Number(m[2]), Number(m[3])), ymd(y, Number(m[2]), Number(m[3])));
      else if (m[2]) add(s, e, 'range', ymd(y, Number(m[2]), 1), monthEnd(y, Number(m[2])));
      else if (m[4]) {
        const [a, b] = halfOrQuarter(m[4]);
        add(s, e, 'range', ymd(y, a, 1), monthEnd(y, b));
      } else add(s, e, 'range', `${y}-01-01`, `${y}-12-31`);
    },
  );
  each(/[Ii]n (\d{4})\b/g, (m) => add(m.index, m.index + m[0].length, 'range', `${m[1]}-01-01`, `${m[1]}-12-31`));
  // 今年, 去年, 上半年 … relative to the document date
  each(/(今年|本年|年内|去年|上年|前年)(上半年|下半年|一季度|第一季度|前三季度)?|this year|last year/g, (m) => {
    if (!doc) return add(m.index, m.index + m[0].length, 'range', null, null, `${m[0]}: the document date is unknown`);
    const y = /去年|上年|last year/.test(m[1] ?? m[0]) ? doc.year - 1 : m[1] === '前年' ? doc.year - 2 : doc.year;
    if (m[2]) {
      const [a, b] = halfOrQuarter(m[2]);
      return add(m.index, m.index + m[0].length, 'range', ymd(y, a, 1), monthEnd(y, b));
    }
    // the current year runs to the document date (a target for it runs to the year's end: see the extractor)
    const to = y === doc.year ? docEnd : `${y}-12-31`;
    add(m.index, m.index + m[0].length, 'range', `${y}-01-01`, to, y === doc.year ? `${m[0]}: from 1 January to the document date` : null);
  });
  // 截至目前, 目前, 至今 → up to the document date
  each(/截至目前|截止目前|截至今日|到目前为止|目前为止|至今|目前|up to now|so far|to date/gi, (m) => {
    add(
      m.index,
      m.index + m[0].length,
      'until_now',
      docYear ? `${docYear}-01-01` : null,
      docEnd,
      `${m[0]}: to the document date; the start is not stated, assumed 1 January of its year`,
    );
  });
  // 近年来 … → the start is unknown
  each(/近年来|近年|近些年|近几年|多年来|历年|先后|累计至今|[Ii]n recent years/g, (m) => {
    add(m.index, m.index + m[0].length, 'unknown_start', null, docEnd, `${m[0]}: the start of the period is not stated`);
  });
  // an event at (or just before) the document date
  each(/本次|此次|当天|当日|近日|日前|本届|this event/g, (m) => {
    add(
      m.index,
      m.index + m[0].length,
      'event',
      doc ? ymd(doc.year, doc.month, 1) : null,
      docEnd,
      `${m[0]}: an event in the document's month`,
    );
  });
  // M月D日 alone: an event on that day
  each(/(?<![\d年])(\d{1,2})月(\d{1,2})[日号]/g, (m) => {
    const mo = Number(m[1]);
    const y = monthYear(mo);
    if (!y || mo > 12) return;
    add(m.index, m.index + m[0].length, 'event', ymd(y, mo, Number(m[2])), ymd(y, mo, Math.min(Number(m[2]), lastDay(y, mo))));
  });
  return out.sort((a, b) => a.start - b.start);
}

function halfOrQuarter(word: string): [number, number] {
  if (word.includes('上半年')) return [1, 6];
  if (word.includes('下半年')) return [7, 12];
  if (word.includes('前三季度')) return [1, 9];
  if (word.includes('全年')) return [1, 12];
  const q = /一|二|三|四/.exec(word)![0];
  const n = { 一: 1, 二: 2, 三: 3, 四: 4 }[q]!;
  return [n * 3 - 2, n * 3];
}
