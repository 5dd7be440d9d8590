/**
 * The extraction engine: report text → candidate figures, each tied to its clause, with the
 * indicator, region, period, kind and scope it most likely has. Rules and dictionaries only
 * (no network, no model): numbers.ts, periods.ts, gazetteer.ts, indicator-matcher.ts.
 */
import { recogniseHeader } from './document-reader.js';
import { disambiguate, findPlaces, lineage, mostSpecific, type PlaceMention } from './gazetteer.js';
import { indicatorCatalog, MATCH_THRESHOLD, scoreIndicators, unitFit, type IndicatorScore } from './indicator-matcher.js';
import { analyseLayout, compact, type Paragraph, type Section, type Sentence, type Span } from './layout.js';
import { findEnglishNumbers, findNumbers, type NumberMention, type Qualifier } from './numbers.js';
import { docDateText, findTimes, parseDocDate, type DocDate, type TimeMention } from './periods.js';

export interface ExtractSource {
  text: string;
  title?: string | null;
  publisher?: string | null;
  /** YYYY-MM-DD or YYYY-MM; recognised from the text's header when absent. */
  date?: string | null;
  url?: string | null;
}

export type Kind = 'actual' | 'target';
export type Scope = 'total' | 'partial';

export interface Candidate {
  /** The clause the figure is in (layout whitespace removed), and its offsets in the text. */
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  /** The whole sentence, for context. */
  sentence: string;
  /** Offsets of the figure itself: text.slice(start, end) is e.g. `189.36万个`. */
  start: number;
  end: number;
  value: number;
  /** The indicator's unit when the written measure word fits it (名 → 人), else the unit as written. */
  unit: string;
  unitText: string;
  qualifier: Qualifier;
  kind: Kind;
  scope: Scope;
  /** null: no indicator fits (shown to the reviewer, never forced onto one). */
  indicator: string | null;
  score: number;
  alternatives: IndicatorScore[];
  region: string | null;
  regionNote: string | null;
  /** YYYY-MM-DD; periodStart null when the text leaves the start open (近年来). */
  periodStart: string | null;
  periodEnd: string | null;
  periodNote: string | null;
  /** For a total computed from a list (市级30家、区级51家 → 81): the items summed. */
  derivedFrom: string | null;
}

const TARGET_MARKERS =
  /预计|力争|计划|目标(?:是|为|任务)|目标[:：]|争取|拟|规划|将(?:联合|举办|开展|实现|新增|完成|达到|建成|培育|打造|组织|投入|提供|推出|建设|新建|帮助|培训|举行|发放|惠及|覆盖)|plans? to|aims? to|target/;
/** An event or one channel: the figure is part of the region's total. */
const PARTIAL_IN_SENTENCE = /本次|此次|当天|当日|本届|线上|网上|直播|专场|仅|该活动|活动现场|this (?:event|fair)|online/;
const PARTIAL_IN_CLAUSE = /其中|现场|of which/;

interface Located {
  section: Section;
  paragraph: Paragraph;
  sentenceIndex: number;
  sentence: Sentence;
  clause: Span;
}

function locate(sections: Section[], at: number): Located | null {
  for (const section of sections) {
    if (at < section.start || at > section.end) continue;
    for (const paragraph of section.paragraphs) {
      if (at < paragraph.start || at >= paragraph.end) continue;
      const sentenceIndex = paragraph.sentences.findIndex((s) => at >= s.start && at < s.end);
      if (sentenceIndex < 0) return null;
      const sentence = paragraph.sentences[sentenceIndex];
      const clause = sentence.clauses.find((c) => at >= c.start && at < c.end) ?? sentence;
      return { section, paragraph, sentenceIndex, sentence, clause };
    }
  }
  return null;
}

const within = <T extends Span>(items: T[], span: Span) => items.filter((i) => i.start >= span.start && i.end <= span.end);

export function extractFigures(source: ExtractSource): Candidate[] {
  const text = source.text;
  const header = recogniseHeader(text);
  const doc: DocDate | null = parseDocDate(source.date ?? header.date);
  const publisher = source.publisher ?? header.publisher;
  const title = source.title ?? header.title;
  const sections = analyseLayout(text);
  const places = findPlaces(text);
  const times = findTimes(text, doc);
  const catalog = indicatorCatalog();

  // numbers: Chinese rules, and English ones where no Chinese figure is
  const chinese = findNumbers(text);
  const english = findEnglishNumbers(text).filter((e) => !chinese.some((c) => c.start < e.end && e.start < c.end));
  const mentions = [...chinese, ...english].sort((a, b) => a.start - b.start);

  // the document's own region: its publisher, else its title, else the first place it names
  const firstRegion = (found: PlaceMention[], context: string[] = []): string | null =>
    mostSpecific(
      found
        .filter((p) => p.codes.length)
        .map((p) => disambiguate(p.codes, context))
        .filter((c): c is string => !!c),
    );
  const docHome = firstRegion(findPlaces(publisher ?? '')) ?? firstRegion(findPlaces(title ?? '')) ?? firstRegion(places.slice(0, 1));
  const sectionHome = new Map<Section, string | null>();
  for (const section of sections) {
    const named = firstRegion(findPlaces(section.heading), docHome ? [docHome] : []);
    const firstSentence = section.paragraphs.flatMap((p) => p.sentences).find((s) => within(places, s).some((p) => p.codes.length));
    const fromBody = firstSentence ? firstRegion(within(places, firstSentence), docHome ? [docHome] : []) : null;
    sectionHome.set(section, sections.length === 1 ? (docHome ?? fromBody) : (named ?? fromBody ?? docHome));
  }

  const resolvePlace = (p: PlaceMention, home: string | null, context: string[]): string | null => {
    if (p.relative) return home ? (lineage(home)[p.relative] ?? null) : null;
    return disambiguate(p.codes, [...(home ? [home] : []), ...context]);
  };
  /** The region a sentence is about: a place opening one of its clauses (up to `upTo`), its subject. */
  const sentenceRegion = (sentence: Sentence, home: string | null, upTo: number): string | null => {
    for (const clause of sentence.clauses) {
      if (clause.start > upTo) break;
      const found = within(places, clause)
        .filter((p) => opensClause(text, clause, p, times))
        .map((p) => resolvePlace(p, home, []))
        .filter((c): c is string => !!c);
      if (found.length) return mostSpecific(found);
    }
    return null;
  };

  const candidates: Candidate[] = [];
  const groups = listGroups(text, mentions, sections);

  for (const mention of mentions) {
    const where = locate(sections, mention.start);
    if (!where) continue;
    const { section, paragraph, sentence, sentenceIndex, clause } = where;
    const home = sectionHome.get(section) ?? null;
    const group = groups.get(mention);

    // region: a name before the figure in its clause, else the sentence's subject, else the paragraph's, else the section's
    let region: string | null = null;
    let regionNote: string | null = null;
    const inClause = within(places, { start: clause.start, end: mention.start });
    for (const p of inClause.reverse()) if ((region = resolvePlace(p, home, []))) break;
    if (!region) region = sentenceRegion(sentence, home, clause.start);
    for (let i = sentenceIndex - 1; !region && i >= 0; i--) region = sentenceRegion(paragraph.sentences[i], home, Infinity);
    if (!region) {
      region = home;
      regionNote = home ? 'no region named near the figure: the region of the document (or section)' : 'no region found: enter it';
    }

    // period
    const period = resolvePeriod(times, { section, paragraph, sentence, sentenceIndex, clause }, mention, doc);
    // kind: a plan's words in the figure's clause or the one before it
    const clauseIndex = sentence.clauses.indexOf(clause);
    const kindText = text.slice(sentence.clauses[Math.max(0, clauseIndex - 1)]?.start ?? clause.start, clause.end);
    const kind: Kind = TARGET_MARKERS.test(kindText) || period.kind === 'plan' ? 'target' : 'actual';
    if (kind === 'target' && period.periodEnd && doc && period.periodEnd === docDateText(doc) && period.kind === 'range') {
      period.periodEnd = `${doc.year}-12-31`; // a target for this year runs to its end
    }
    const sentenceText = compact(text.slice(sentence.start, sentence.end));
    const clauseText = compact(text.slice(clause.start, clause.end));
    const scope: Scope = PARTIAL_IN_SENTENCE.test(sentenceText) || PARTIAL_IN_CLAUSE.test(clauseText) ? 'partial' : 'total';

    // indicator
    const scores = scoreIndicators(matchContext(text, mention, clause, mentions, group));
    const best = scores[0] && scores[0].score >= MATCH_THRESHOLD ? scores[0] : null;
    const unit = best && unitFit(mention.unit, catalog.get(best.code)!.unit) >= 0.85 ? catalog.get(best.code)!.unit : mention.unit;

    candidates.push({
      quote: clauseText,
      quoteStart: clause.start,
      quoteEnd: clause.end,
      sentence: sentenceText,
      start: mention.start,
      end: mention.end,
      value: mention.value,
      unit,
      unitText: mention.unitText,
      qualifier: mention.qualifier,
      kind,
      scope,
      indicator: best?.code ?? null,
      score: best?.score ?? scores[0]?.score ?? 0,
      alternatives: scores.filter((s) => s !== best).slice(0, 3),
      region,
      regionNote,
      periodStart: period.periodStart,
      periodEnd: period.periodEnd,
      periodNote: period.note,
      derivedFrom: null,
    });
  }

  // a list of parts of one indicator (市级工作室30家、区级工作室51家) also gives their total
  const byMention = new Map(mentions.map((m) => [m, candidates.find((c) => c.start === m.start)!] as const));
  for (const list of new Set(groups.values())) {
    const items = list.items.map((m) => byMention.get(m)!).filter(Boolean);
    if (items.length < 2 || list.separately) continue;
    const [first] = items;
    if (
      !first.indicator ||
      items.some((c) => c.indicator !== first.indicator || c.unitText !== first.unitText || c.qualifier === 'approximate')
    )
      continue;
    const last = items.at(-1)!;
    const total = Math.round(items.reduce((s, c) => s + c.value, 0) * 1e6) / 1e6;
    candidates.push({
      ...first,
      end: last.end,
      value: total,
      qualifier: items.some((c) => c.qualifier === 'at_least') ? 'at_least' : 'exact',
      alternatives: [],
      derivedFrom: items.map((c) => text.slice(c.start, c.end)).join(' + '),
    });
  }
  return candidates.sort((a, b) => a.start - b.start || a.end - b.end);
}

const CONNECTIVES = /^(?:同时|此外|另外|其中|据了解|据悉|据统计|目前|截至目前|近年来|今年以来|今年|去年|在|由|经|全面|共|累计)+/;

/** Whether a place stands at the opening of its clause (after time words and connectives): the clause's subject. */
function opensClause(text: string, clause: Span, place: Span, times: TimeMention[]): boolean {
  let prefix = '';
  for (let i = clause.start; i < place.start; i++) if (!times.some((t) => i >= t.start && i < t.end)) prefix += text[i];
  return prefix.replace(/[\s,，、]/g, '').replace(CONNECTIVES, '').length === 0;
}

interface ListGroup {
  items: NumberMention[];
  /** 分别 before the list: the items are separate values (by year, by region), not parts of a total. */
  separately: boolean;
  start: number;
  end: number;
}

/** Figures of one clause joined by 、 和 及 与 (a list): they share the words before and after the list. */
function listGroups(text: string, mentions: NumberMention[], sections: Section[]): Map<NumberMention, ListGroup> {
  const out = new Map<NumberMention, ListGroup>();
  let current: ListGroup | null = null;
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const prev = mentions[i - 1];
    const between = prev ? text.slice(prev.end, m.start) : '';
    const joined = prev && between.length <= 20 && /[、和及与]|以及/.test(between) && !/[，。；;,！？\n]/.test(between);
    if (joined && current) {
      current.items.push(m);
      current.end = m.end;
    } else if (joined && prev) {
      current = { items: [prev, m], separately: false, start: prev.start, end: m.end };
    } else current = null;
    if (current) for (const item of current.items) out.set(item, current);
  }
  for (const group of new Set(out.values())) {
    const where = locate(sections, group.start);
    const before = where ? text.slice(where.clause.start, group.start) : '';
    group.separately = /分别|依次|各/.test(before);
  }
  return out;
}

/** Whitespace removed, except between two English words. */
const squeeze = (s: string) =>
  s.replace(/\s+/g, (ws, at: number, all: string) =>
    /[A-Za-z0-9%]/.test(all[at - 1] ?? '') && /[A-Za-z0-9]/.test(all[at + ws.length] ?? '') ? ' ' : '',
  );

/** The words around a figure for indicator matching (list items share the list's surroundings). */
function matchContext(text: string, m: NumberMention, clause: Span, mentions: NumberMention[], group?: ListGroup) {
  const inClause = mentions.filter((o) => o.start >= clause.start && o.end <= clause.end);
  const index = inClause.indexOf(m);
  const prevEnd = index > 0 ? inClause[index - 1].end : clause.start;
  const nextStart = index >= 0 && index < inClause.length - 1 ? inClause[index + 1].start : clause.end;
  if (!group) {
    return {
      before: squeeze(text.slice(clause.start, m.start)),
      self: squeeze(text.slice(m.start, m.end)),
      after: squeeze(text.slice(m.end, nextStart)),
      unit: m.unit,
    };
  }
  return {
    before: squeeze(text.slice(prevEnd, m.start)),
    self: squeeze(text.slice(m.start, m.end)),
    after: squeeze(text.slice(m.end, nextStart)),
    sharedBefore: squeeze(text.slice(clause.start, group.start)),
    // the words after the list name what its items count only when they share a measure word
    sharedAfter: group.items.every((i) => i.unitText === m.unitText) ? squeeze(text.slice(group.end, clause.end)) : '',
    unit: m.unit,
  };
}

interface ResolvedPeriod {
  periodStart: string | null;
  periodEnd: string | null;
  note: string | null;
  kind: TimeMention['kind'] | 'default';
}

/** The period of a figure: the time said in its clause, else its sentence, else earlier in its paragraph and section. */
function resolvePeriod(times: TimeMention[], where: Located, m: NumberMention, doc: DocDate | null): ResolvedPeriod {
  const use = (t: TimeMention): ResolvedPeriod => ({ periodStart: t.from, periodEnd: t.to, note: t.note, kind: t.kind });
  const { clause, sentence, paragraph, section, sentenceIndex } = where;
  const own = within(times, clause);
  const before = own.filter((t) => t.end <= m.start);
  if (before.length) return use(before.at(-1)!);
  if (own.length) return use(own[0]);
  const inSentence = within(times, sentence);
  const earlier = inSentence.filter((t) => t.end <= clause.start);
  if (earlier.length) return use(combine(earlier));
  if (inSentence.length) return use(inSentence[0]);
  // carried over from earlier sentences of the paragraph, then earlier paragraphs of the section
  // (a plan's years only within its own paragraph)
  const carried = times.filter(
    (t) =>
      t.kind !== 'event' &&
      t.start >= (t.kind === 'plan' ? paragraph.start : section.start) &&
      t.end <= paragraph.sentences[sentenceIndex].start,
  );
  if (carried.length) return use(carried.at(-1)!);
  return {
    periodStart: null,
    periodEnd: doc ? docDateText(doc) : null,
    note: doc ? 'no period stated: from an unknown start to the document date' : 'no period stated and no document date: enter the period',
    kind: 'default',
  };
}

/** `2023年以来……截至目前` → since 2023 to now: a `since` before an `until_now` sets its start. */
function combine(times: TimeMention[]): TimeMention {
  const last = times.at(-1)!;
  if (last.kind === 'until_now') {
    const since = times.find((t) => t.kind === 'since');
    if (since) return { ...last, from: since.from, note: null };
  }
  return last;
}
