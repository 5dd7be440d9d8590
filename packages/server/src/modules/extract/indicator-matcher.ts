import { readFileSync } from 'node:fs';
import { parseCsv } from '../../lib/csv.js';
import { dataFile, loadIndicatorCatalog, type IndicatorRow } from '../indicator/indicator.catalog.js';

/**
 * Which catalog indicator a figure most likely is, from the words around it: the catalog's Chinese
 * and English names plus data/indicator-synonyms.csv (`A*B` = A, then B later in the clause), weighed
 * by length and closeness to the number, and by whether the figure's unit fits the indicator's.
 */

export interface IndicatorScore {
  code: string;
  score: number;
}

interface Synonym {
  code: string;
  parts: string[];
  english: boolean;
  length: number;
}

export interface MatchContext {
  /** The text before the number (nearest last), whitespace removed. */
  before: string;
  /** The number with its unit. */
  self: string;
  /** The text after the number. */
  after: string;
  /** Context shared by the items of a list (`20个省级一类、23个省级二类技能竞赛项目`): weighed less. */
  sharedBefore?: string;
  sharedAfter?: string;
  /** The unit as written (normalised: 名, 家, 人次, 元 …). */
  unit: string;
}

/** Classes of units that count the same kind of thing. */
const UNIT_CLASS: Record<string, string> = {
  人: 'person',
  名: 'person',
  位: 'person',
  人次: 'person_time',
  元: 'money',
  '%': 'percent',
  个百分点: 'percent',
  家: 'org',
  户: 'org',
  所: 'org',
  场: 'event',
  场次: 'event',
  次: 'event',
  期: 'event',
  届: 'event',
  项: 'item',
  件: 'item',
  份: 'item',
  条: 'item',
  起: 'item',
  宗: 'item',
  例: 'item',
  篇: 'item',
  本: 'item',
  个: 'generic',
};

/** How well a written unit fits an indicator's unit: 1 same, 0.85 same kind, 0.15 different kind. */
export function unitFit(written: string, indicatorUnit: string): number {
  if (written === indicatorUnit) return 1;
  const a = UNIT_CLASS[written];
  const b = UNIT_CLASS[indicatorUnit];
  if (!a || !b) return 0.15;
  if (a === b) return 0.85;
  const generic = a === 'generic' ? b : b === 'generic' ? a : null;
  if (generic === 'org' || generic === 'item') return 0.85;
  if (generic === 'event') return 0.6;
  return 0.15;
}

let cached: { synonyms: Synonym[]; catalog: Map<string, IndicatorRow> } | undefined;

function load() {
  if (cached) return cached;
  const catalog = loadIndicatorCatalog();
  const entries: [string, string][] = [
    ...catalog.map((i) => [i.code, i.name] as [string, string]),
    ...catalog.map((i) => [i.code, i.nameEn.toLowerCase()] as [string, string]),
    ...parseCsv(readFileSync(dataFile('indicator-synonyms.csv'), 'utf8')).map((r) => [r.code, r.synonym] as [string, string]),
  ];
  const known = new Set(catalog.map((i) => i.code));
  const synonyms: Synonym[] = [];
  for (const [code, text] of entries) {
    if (!known.has(code)) throw new Error(`indicator-synonyms.csv names an unknown indicator: ${code}`);
    const english = /^[\x20-\x7e]+$/.test(text);
    const parts = text
      .toLowerCase()
      .split('*')
      .map((p) => p.trim())
      .filter(Boolean);
    const length = english ? parts.join(' ').split(/\s+/).length * 2 : parts.join('').length;
    synonyms.push({ code, parts, english, length });
  }
  cached = { synonyms, catalog: new Map(catalog.map((i) => [i.code, i])) };
  return cached;
}

export const indicatorCatalog = (): Map<string, IndicatorRow> => load().catalog;

interface Hit {
  code: string;
  synonym: Synonym;
  start: number;
  end: number;
  weight: number;
}

/** Head nouns that turn a name before them into a modifier: 工作室联盟 counts alliances, not studios. */
const HEAD_NOUN = /^(?:联盟|协会|联合会|成果|资金|经费|项目|平台|负责人|代表)/;

const lengthWeight = (n: number) => Math.min(1, 0.45 + 0.15 * n);

const indexesOf = (haystack: string, needle: string, english: boolean): number[] => {
  const out: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    if (
      english &&
      (/[a-z]/.test(haystack[at - 1] ?? '') ||
        (/[a-z]/.test(haystack[at + needle.length] ?? '') && !/^s\b/.test(haystack.slice(at + needle.length))))
    )
      continue;
    out.push(at);
  }
  return out;
};

/** Synonym hits in one context string, scored by closeness to the number at [selfStart, selfEnd). */
function hitsIn(text: string, selfStart: number, selfEnd: number, factor: number): Hit[] {
  const { synonyms } = load();
  const hits: Hit[] = [];
  const distance = (s: number, e: number) => (e <= selfStart ? selfStart - e : s >= selfEnd ? s - selfEnd : 0);
  for (const syn of synonyms) {
    if (syn.parts.length === 1) {
      for (const at of indexesOf(text, syn.parts[0], syn.english)) {
        const end = at + syn.parts[0].length;
        if (at < selfEnd && end > selfStart && !(at >= selfStart && end <= selfEnd)) continue;
        const d = distance(at, end) / (syn.english ? 5 : 1); // English words are longer
        const proximity = at >= selfEnd ? 1 / (1 + d / 8) : 1 / (1 + d / 10);
        // 创新工作室联盟, 试点成果: a head noun after the name makes it count something else
        const head = HEAD_NOUN.test(text.slice(end, end + 3)) ? 0.4 : 1;
        hits.push({ code: syn.code, synonym: syn, start: at, end, weight: lengthWeight(syn.length) * proximity * head * factor });
      }
    } else {
      // A*B: every part in order; the closest part decides the distance
      let from = 0;
      const spans: [number, number][] = [];
      for (const part of syn.parts) {
        const at = text.indexOf(part, from);
        if (at < 0) break;
        spans.push([at, at + part.length]);
        from = at + part.length;
      }
      if (spans.length !== syn.parts.length) continue;
      const d = Math.min(...spans.map(([s, e]) => distance(s, e)));
      hits.push({
        code: syn.code,
        synonym: syn,
        start: spans[0][0],
        end: spans.at(-1)![1],
        weight: lengthWeight(syn.length) * (1 / (1 + d / 10)) * factor * 0.95,
      });
    }
  }
  // a name inside a longer name of another indicator is that other name (和谐企业 in 模范劳动关系和谐企业)
  return hits.filter(
    (h) =>
      h.synonym.parts.length > 1 ||
      !hits.some(
        (o) =>
          o !== h &&
          o.synonym.parts.length === 1 &&
          o.start <= h.start &&
          o.end >= h.end &&
          o.end - o.start > h.end - h.start &&
          o.code !== h.code,
      ),
  );
}

/** Every indicator with a score in (0, 1], best first. */
export function scoreIndicators(context: MatchContext): IndicatorScore[] {
  const { catalog } = load();
  const lower = (s: string) => s.toLowerCase();
  const own = lower(context.before + context.self + context.after);
  const selfStart = context.before.length;
  const selfEnd = selfStart + context.self.length;
  const hits = hitsIn(own, selfStart, selfEnd, 1);
  if (context.sharedBefore || context.sharedAfter) {
    const shared = lower((context.sharedBefore ?? '') + context.self + (context.sharedAfter ?? ''));
    const s = (context.sharedBefore ?? '').length;
    hits.push(...hitsIn(shared, s, s + context.self.length, 0.8));
  }
  const byCode = new Map<string, Hit[]>();
  for (const h of hits) byCode.set(h.code, [...(byCode.get(h.code) ?? []), h]);
  const scores: IndicatorScore[] = [];
  for (const [code, list] of byCode) {
    list.sort((a, b) => b.weight - a.weight);
    const second = list.find((h) => h.synonym !== list[0].synonym && (h.end <= list[0].start || h.start >= list[0].end));
    const raw = Math.min(1, list[0].weight + 0.25 * (second?.weight ?? 0));
    const score = raw * unitFit(context.unit, catalog.get(code)!.unit);
    scores.push({ code, score: Math.round(score * 1000) / 1000 });
  }
  return scores.sort((a, b) => b.score - a.score || a.code.localeCompare(b.code));
}

/** Below this a figure is left unmatched rather than forced onto an indicator. */
export const MATCH_THRESHOLD = 0.3;
