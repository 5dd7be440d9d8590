// The review table's rows: a candidate as proposed, the reviewer's corrections, and its status;
// what is sent to acceptFigures; the text cut into highlighted pieces. Plain functions (tested
// without a browser in review-rows.test.ts).
import type { AcceptedFigureInput, FigureKind, FigureQualifier, FigureScope, ReviewCandidateFragment } from '@/gql/graphql';

export type RowStatus = 'pending' | 'accepted' | 'rejected' | 'saved';

/** One problem: `index` is the position in the figures sent (null: the source document). */
export interface Problem {
  index: number | null;
  field: string;
  message: string;
  /** set for problems found by the page itself: a key of extract.problem in the i18n messages */
  code?: string;
}

export interface ReviewRow {
  /** position of the candidate in the extraction result */
  id: number;
  candidate: ReviewCandidateFragment;
  status: RowStatus;
  /** value, unit and qualifier are open for correction */
  correcting: boolean;
  /** '' = none chosen (unmatched) */
  indicator: string;
  region: string;
  periodStart: string;
  periodEnd: string;
  value: number;
  unit: string;
  qualifier: FigureQualifier;
  kind: FigureKind;
  scope: FigureScope;
  problems: Problem[];
}

export function rowsFrom(candidates: readonly ReviewCandidateFragment[]): ReviewRow[] {
  return candidates.map((c, id) => ({
    id,
    candidate: c,
    status: 'pending',
    correcting: false,
    indicator: c.indicator?.code ?? '',
    region: c.region?.code ?? '',
    periodStart: c.periodStart ?? '',
    periodEnd: c.periodEnd ?? '',
    value: c.value,
    unit: c.unit,
    qualifier: c.qualifier,
    kind: c.kind,
    scope: c.scope,
    problems: [],
  }));
}

/** Whether a region (with its ancestors) lies within the scope rooted at `scope`. */
export function inScope(region: { code: string; ancestors: { code: string }[] } | null | undefined, scope: string | undefined): boolean {
  if (!region || !scope) return false;
  return region.code === scope || region.ancestors.some((a) => a.code === scope);
}

/** Matched, complete and in the reviewer's scope: what "accept all matched" takes. */
export function readyToAccept(
  row: ReviewRow,
  regions: Record<string, { code: string; ancestors: { code: string }[] } | null>,
  scope: string | undefined,
): boolean {
  return !!row.indicator && !!row.periodStart && !!row.periodEnd && inScope(regions[row.region], scope);
}

const DATE = /^\d{4}-\d{2}(-\d{2})?$/;

/** What the page can tell before asking the server: empty or malformed fields. */
export function checkRows(rows: readonly ReviewRow[], source: { title: string; date: string }): Problem[] {
  const problems: Problem[] = [];
  const add = (index: number | null, field: string, code: string) => problems.push({ index, field, message: code, code });
  if (!rows.length) add(null, 'figures', 'none');
  if (!source.title.trim()) add(null, 'title', 'empty');
  if (!source.date.trim()) add(null, 'date', 'empty');
  else if (!DATE.test(source.date.trim())) add(null, 'date', 'date');
  rows.forEach((r, i) => {
    if (!r.indicator) add(i, 'indicator', 'empty');
    if (!/^\d{6}$/.test(r.region)) add(i, 'region', 'region');
    for (const field of ['periodStart', 'periodEnd'] as const)
      if (!r[field]) add(i, field, 'empty');
      else if (!DATE.test(r[field])) add(i, field, 'date');
    if (DATE.test(r.periodStart) && DATE.test(r.periodEnd) && r.periodStart > r.periodEnd) add(i, 'periodEnd', 'order');
    if (!Number.isFinite(r.value) || r.value < 0) add(i, 'value', 'value');
  });
  return problems;
}

export function toFigureInput(row: ReviewRow): AcceptedFigureInput {
  return {
    indicator: row.indicator,
    region: row.region,
    periodStart: row.periodStart,
    periodEnd: row.periodEnd,
    value: row.value,
    unit: row.unit.trim() || null,
    qualifier: row.qualifier,
    kind: row.kind,
    // a target is the whole region's
    scope: row.kind === 'TARGET' ? null : row.scope,
    quote: row.candidate.quote,
  };
}

export interface Segment {
  text: string;
  /** the row whose figure this piece is */
  row: number | null;
  /** inside the clause of the active row */
  quoted: boolean;
}

/**
 * The text cut at every figure (and at the active row's clause), in order. Figures that overlap an
 * earlier one are left unmarked rather than duplicated, so the pieces always join to the text.
 */
export function segments(
  text: string,
  figures: readonly { id: number; start: number; end: number }[],
  quote?: { start: number; end: number } | null,
): Segment[] {
  const marks: { id: number; start: number; end: number }[] = [];
  for (const f of [...figures].sort((a, b) => a.start - b.start || a.id - b.id)) {
    const start = Math.max(0, Math.min(f.start, text.length));
    const end = Math.max(start, Math.min(f.end, text.length));
    if (end === start) continue;
    const last = marks[marks.length - 1];
    if (last && start < last.end) continue;
    marks.push({ id: f.id, start, end });
  }
  const cuts = new Set<number>([0, text.length]);
  for (const m of marks) cuts.add(m.start).add(m.end);
  if (quote) cuts.add(Math.max(0, Math.min(quote.start, text.length))).add(Math.max(0, Math.min(quote.end, text.length)));
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [a, b] = [points[i], points[i + 1]];
    if (a === b) continue;
    const mark = marks.find((m) => m.start <= a && b <= m.end);
    out.push({ text: text.slice(a, b), row: mark ? mark.id : null, quoted: !!quote && quote.start <= a && b <= quote.end });
  }
  return out;
}

/** Base64 of bytes, in chunks (String.fromCharCode has an argument limit). */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const textToBase64 = (text: string): string => bytesToBase64(new TextEncoder().encode(text));
