import { createHash } from 'node:crypto';
import type { EventBus } from '../../live/events.js';
import type { Em } from '../../db/orm.js';
import { bumpDataVersion } from '../../db/sql.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { PublishedFigure, SourceDocument, Target } from '../published/published.entity.js';
import { Region } from '../region/region.entity.js';
import { readDocument, type SourceText } from './document-reader.js';
import { extractFigures, type Candidate, type ExtractSource, type Kind, type Scope } from './extract-figures.js';
import type { Qualifier } from './numbers.js';
import { lastDay, parseDocDate } from './periods.js';

/** Limits on what one request may send. */
/**
 * What one request may ask: the work of extraction grows with the square of the numbers in a text
 * (each is placed among the others), so a text is read with at most `numbers` numbers in it (the
 * seed reports hold 40–250; 600 take about 0.1 s).
 */
export const LIMITS = { textChars: 100_000, numbers: 600, figures: 500, fileBytes: 10 * 1024 * 1024 } as const;

export interface AcceptSource {
  text: string;
  title: string;
  /** YYYY-MM-DD or YYYY-MM. */
  date: string;
  publisher?: string | null;
  url?: string | null;
  /** The uploaded file's name, if any. */
  file?: string | null;
}

/** A candidate as the reviewer accepted it, with their corrections. */
export interface AcceptedFigure {
  indicator: string;
  region: string;
  /** YYYY-MM-DD, or YYYY-MM (its first day, for the end its last day). */
  periodStart: string;
  periodEnd: string;
  value: number;
  /** Defaults to the indicator's unit; any other unit is refused (convert the value). */
  unit?: string | null;
  qualifier: Qualifier;
  kind: Kind;
  scope?: Scope | null;
  quote: string;
}

/** One problem of an accept request: which figure (or the source), which field, what is wrong. */
export interface Problem {
  index: number | null;
  field: string;
  message: string;
}

export class ProblemsError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.index === null ? 'source' : `figures[${p.index}]`}.${p.field}: ${p.message}`).join('; '));
  }
}

/** A text or file too large, or unreadable. */
export class ExtractInputError extends Error {}

export const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A date of a period bound: YYYY-MM-DD, or YYYY-MM read as the month's first (start) or last (end) day. */
function periodDate(text: string, end: boolean): string | null {
  const m = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  if (y < 1949 || y > 2100 || mo < 1 || mo > 12) return null;
  if (m[3] === undefined) return `${m[1]}-${m[2]}-${end ? String(lastDay(y, mo)).padStart(2, '0') : '01'}`;
  const d = Number(m[3]);
  return d >= 1 && d <= lastDay(y, mo) ? text.trim() : null;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

export class ExtractService {
  constructor(
    private readonly em: Em,
    /** Told of accepted figures once they have committed (public data changed). */
    private readonly events?: EventBus,
  ) {}

  /** Candidate figures of a report text (nothing is stored). */
  extract(source: ExtractSource): Candidate[] {
    if (!source.text.trim()) throw new ExtractInputError('The text is empty: paste the report, or read a file first.');
    if (source.text.length > LIMITS.textChars) {
      throw new ExtractInputError(
        `The text has ${source.text.length.toLocaleString('en')} characters; at most ${LIMITS.textChars.toLocaleString('en')} are read at once.`,
      );
    }
    if (source.date && !parseDocDate(source.date)) {
      throw new ExtractInputError(`Invalid date "${source.date}": use YYYY-MM-DD or YYYY-MM.`);
    }
    const numbers = source.text.match(/[0-9０-９]+(?:[.．][0-9０-９]+)?/g)?.length ?? 0;
    if (numbers > LIMITS.numbers) {
      throw new ExtractInputError(
        `The text holds ${numbers.toLocaleString('en')} numbers; at most ${LIMITS.numbers} are read at once: split it into parts (a section or a chapter each).`,
      );
    }
    return extractFigures(source);
  }

  /** A file (base64) as text with its recognised title, publisher, date and URL. */
  async read(fileName: string, base64: string): Promise<SourceText> {
    if (base64.length > (LIMITS.fileBytes * 4) / 3 + 4)
      throw new ExtractInputError(`"${fileName}" is larger than ${LIMITS.fileBytes / 1024 / 1024} MB.`);
    if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(base64)) throw new ExtractInputError(`The content of "${fileName}" is not base64.`);
    return readDocument(fileName, Buffer.from(base64, 'base64'));
  }

  /** Every problem of an accept request (empty when it may be stored). */
  async validate(source: AcceptSource, figures: AcceptedFigure[]): Promise<Problem[]> {
    const problems: Problem[] = [];
    const add = (index: number | null, field: string, message: string) => problems.push({ index, field, message });
    if (!source.text.trim()) add(null, 'text', 'is empty');
    if (source.text.length > LIMITS.textChars) add(null, 'text', `has more than ${LIMITS.textChars} characters`);
    if (!source.title.trim()) add(null, 'title', 'is empty: give the document title');
    if (source.title.length > 256) add(null, 'title', 'is longer than 256 characters');
    if ((source.publisher ?? '').length > 256) add(null, 'publisher', 'is longer than 256 characters');
    if (source.url && !/^https?:\/\/\S+$/.test(source.url)) add(null, 'url', `"${source.url}" is not an http(s) URL`);
    if (!periodDate(source.date, false)) add(null, 'date', `"${source.date}" is not a date: use YYYY-MM-DD or YYYY-MM`);
    if (!figures.length) add(null, 'figures', 'none given: accept at least one figure');
    if (figures.length > LIMITS.figures) add(null, 'figures', `more than ${LIMITS.figures} in one request`);

    const indicators = new Map(
      (await this.em.find(Indicator, { code: { $in: [...new Set(figures.map((f) => f.indicator))] } })).map((i) => [i.code, i]),
    );
    const regions = new Set((await this.em.find(Region, { code: { $in: [...new Set(figures.map((f) => f.region))] } })).map((r) => r.code));
    const text = squeeze(source.text);
    figures.forEach((f, i) => {
      const indicator = indicators.get(f.indicator);
      if (!indicator) add(i, 'indicator', `unknown indicator "${f.indicator}": use a code of the catalog (query indicators)`);
      if (!regions.has(f.region)) add(i, 'region', `unknown region code "${f.region}": use a six-digit GB/T 2260 code (query regions)`);
      const start = periodDate(f.periodStart, false);
      const end = periodDate(f.periodEnd, true);
      if (!start) add(i, 'periodStart', `"${f.periodStart}" is not a date: use YYYY-MM-DD or YYYY-MM`);
      if (!end) add(i, 'periodEnd', `"${f.periodEnd}" is not a date: use YYYY-MM-DD or YYYY-MM`);
      if (start && end && start > end) add(i, 'periodEnd', `the period ends (${end}) before it starts (${start})`);
      if (!Number.isFinite(f.value) || f.value < 0) add(i, 'value', `${f.value} is not a count or amount: give a number ≥ 0`);
      else if (indicator?.unit === '%' && f.value > 100) add(i, 'value', `${f.value} % is more than 100 %`);
      if (indicator && f.unit && f.unit !== indicator.unit) {
        add(
          i,
          'unit',
          `${indicator.code} is counted in ${indicator.unit}, not ${f.unit}: convert the value and give unit ${indicator.unit}`,
        );
      }
      if (!f.quote.trim()) add(i, 'quote', 'is empty: the figure must quote its sentence');
      else if (!text.includes(squeeze(f.quote))) add(i, 'quote', 'is not in the text: quote the sentence as it stands');
      if (f.kind === 'target' && f.scope === 'partial')
        add(i, 'scope', 'a target is for a whole region: scope must be total (or left out)');
    });
    if (!problems.length) {
      // the same figure accepted twice from the same text
      const existing = await this.em.findOne(SourceDocument, { sha256: sha256(source.text) });
      if (existing) {
        const [figuresBefore, targetsBefore] = await Promise.all([
          this.em.find(PublishedFigure, { sourceId: existing.id }),
          this.em.find(Target, { sourceId: existing.id }),
        ]);
        figures.forEach((f, i) => {
          const before = f.kind === 'target' ? targetsBefore : figuresBefore;
          const id = indicators.get(f.indicator)!.id;
          const dup = before.find(
            (b) =>
              b.indicatorId === id &&
              b.regionCode === f.region &&
              b.value === f.value &&
              dateText(b.periodStart) === periodDate(f.periodStart, false) &&
              dateText(b.periodEnd) === periodDate(f.periodEnd, true),
          );
          if (dup)
            add(
              i,
              'value',
              `this figure was already accepted from this document (${f.kind === 'target' ? 'target' : 'published figure'} ${dup.id})`,
            );
        });
      }
    }
    return problems;
  }

  /**
   * Stores the source document (once per text, by SHA-256) and every accepted figure as a
   * published figure, or as a target when the reviewer says so — all or nothing.
   */
  async accept(source: AcceptSource, figures: AcceptedFigure[]) {
    const problems = await this.validate(source, figures);
    if (problems.length) throw new ProblemsError(problems);
    const stored = await this.em.transactional(async (tx) => {
      const hash = sha256(source.text);
      const date = periodDate(source.date, false)!;
      let document = await tx.findOne(SourceDocument, { sha256: hash });
      if (!document) {
        const name = (source.file?.trim() || 'pasted.txt').replace(/[/\\]/g, '_');
        document = tx.create(SourceDocument, {
          file: `${hash.slice(0, 16)}_${name}`.slice(0, 128),
          title: source.title.trim(),
          date,
          sha256: hash,
          publisher: source.publisher?.trim() || null,
          url: source.url?.trim() || null,
          text: source.text,
        });
        await tx.flush();
      }
      const indicators = new Map((await tx.find(Indicator, { code: { $in: figures.map((f) => f.indicator) } })).map((i) => [i.code, i]));
      const published: PublishedFigure[] = [];
      const targets: Target[] = [];
      for (const f of figures) {
        const indicator = indicators.get(f.indicator)!;
        const row = {
          regionCode: f.region,
          indicatorId: indicator.id,
          periodStart: periodDate(f.periodStart, false)!,
          periodEnd: periodDate(f.periodEnd, true)!,
          value: f.value,
          unit: indicator.unit,
          qualifier: f.qualifier,
          sourceId: document.id,
          quote: f.quote.trim(),
        };
        if (f.kind === 'target') targets.push(tx.create(Target, row));
        else published.push(tx.create(PublishedFigure, { ...row, scope: f.scope ?? 'total' }));
      }
      await tx.flush();
      // response caches drop what they hold when the data version moves
      await bumpDataVersion(tx as Em);
      return { source: document, published, targets };
    });
    const at = new Date().toISOString();
    const changed = new Map<string, { region: string; period: string; indicators: Set<string> }>();
    for (const f of figures) {
      const month = f.periodEnd.slice(0, 7);
      const key = `${f.region}|${month}`;
      if (!changed.has(key)) changed.set(key, { region: f.region, period: month, indicators: new Set() });
      changed.get(key)!.indicators.add(f.indicator);
    }
    for (const c of changed.values())
      this.events?.publish('dataChanged', { region: c.region, period: c.period, indicators: [...c.indicators], at });
    return stored;
  }
}

const dateText = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
