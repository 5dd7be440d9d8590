import { readdirSync, readFileSync } from 'node:fs';
import { parseCsv } from '../../lib/csv.js';
import { dataFile } from '../indicator/indicator.catalog.js';
import { readDocument } from './document-reader.js';
import { extractFigures, type Candidate } from './extract-figures.js';

/**
 * The extractor measured on the seed documents against data/seed-facts.csv. The expected values
 * come from the CSV (and the catalog's aggregation rules) only, never from the extractor.
 */

export const GOALS = { recall: 0.95, indicator: 0.85, region: 0.85, period: 0.85 } as const;

interface Fact {
  file: string;
  region: string;
  indicator: string;
  start: string;
  end: string;
  value: number;
  unit: string;
  qualifier: string;
  kind: string;
  scope: string;
  quote: string;
}

export interface FileQuality {
  file: string;
  facts: number;
  /** Facts found with the same value and unit. */
  found: number;
  indicator: number;
  region: number;
  /** Same period for the indicator's aggregation (a stock: same last month; a flow or ratio: same months). */
  period: number;
  /** Same first and last month, whatever the indicator. */
  periodStrict: number;
  kind: number;
  scope: number;
  qualifier: number;
  proposed: number;
  /** Proposed figures that are no fact of the CSV. */
  notFacts: number;
  /** Proposed spans that are a date, time, year, age, ordinal or phone number (must be 0). */
  forbidden: number;
  misses: string[];
}

const month = (date: string | null) => (date ? date.slice(0, 7) : null);
const year = (date: string | null) => (date ? date.slice(0, 4) : null);

export const SEEDS_DIR = dataFile('seeds');

/** Is the candidate's period the fact's period, as the indicator aggregates it? */
function samePeriod(c: Candidate, f: Fact, rule: { aggregation: string; frequency: string }): { equivalent: boolean; strict: boolean } {
  const strict = month(c.periodStart) === month(f.start) && month(c.periodEnd) === month(f.end);
  const at = rule.frequency === 'annual' ? year : month;
  const endSame = at(c.periodEnd) === at(f.end);
  const startSame = at(c.periodStart) === at(f.start);
  return { equivalent: rule.aggregation === 'last' ? endSame : endSame && startSame, strict };
}

const FORBIDDEN_SPAN = /\d{4}\s*[-/.年]\s*\d|\d{1,2}:\d{2}|\d{3,4}-\d{7,8}|[年月日岁号届]$|^第|^[一二三四五六七八九十]+是/;

export async function measureQuality(): Promise<{ files: FileQuality[]; total: FileQuality }> {
  const facts: Fact[] = parseCsv(readFileSync(dataFile('seed-facts.csv'), 'utf8')).map((r) => ({
    file: r.source_file,
    region: r.region_code,
    indicator: r.indicator,
    start: r.period_start,
    end: r.period_end,
    value: Number(r.value),
    unit: r.unit,
    qualifier: r.qualifier,
    kind: r.kind,
    scope: r.scope,
    quote: r.source_quote,
  }));
  const rules = new Map(
    parseCsv(readFileSync(dataFile('indicators.csv'), 'utf8')).map((r) => [r.code, { aggregation: r.aggregation, frequency: r.frequency }]),
  );
  const files: FileQuality[] = [];
  for (const file of readdirSync(SEEDS_DIR)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const source = await readDocument(file, readFileSync(`${SEEDS_DIR}/${file}`));
    const candidates = extractFigures(source);
    const q: FileQuality = {
      file,
      facts: 0,
      found: 0,
      indicator: 0,
      region: 0,
      period: 0,
      periodStrict: 0,
      kind: 0,
      scope: 0,
      qualifier: 0,
      proposed: candidates.length,
      notFacts: 0,
      forbidden: 0,
      misses: [],
    };
    const squeezed = source.text.replace(/\s+/g, '');
    const used = new Set<Candidate>();
    for (const f of facts.filter((x) => x.file === file)) {
      q.facts++;
      // where the fact's quote is in the text (ignoring layout whitespace): prefer candidates there
      const quoteAt = squeezed.indexOf(f.quote.replace(/\s+/g, ''));
      const offsetOf = (c: Candidate) => source.text.slice(0, c.start).replace(/\s+/g, '').length;
      const inQuote = (c: Candidate) =>
        quoteAt >= 0 && offsetOf(c) >= quoteAt && offsetOf(c) < quoteAt + f.quote.replace(/\s+/g, '').length;
      const same = candidates.filter(
        (c) => !used.has(c) && Math.abs(c.value - f.value) <= 1e-9 * Math.max(1, f.value) && c.unit === f.unit,
      );
      const c =
        same.find((x) => inQuote(x) && x.indicator === f.indicator) ??
        same.find(inQuote) ??
        same.find((x) => x.indicator === f.indicator) ??
        same[0];
      if (!c) {
        q.misses.push(`not found: ${f.value} ${f.unit} (${f.indicator}) «${f.quote}»`);
        continue;
      }
      used.add(c);
      q.found++;
      const period = samePeriod(c, f, rules.get(f.indicator)!);
      if (c.indicator === f.indicator) q.indicator++;
      else q.misses.push(`indicator: ${f.value} ${f.unit} is ${c.indicator ?? 'unmatched'}, expected ${f.indicator}`);
      if (c.region === f.region) q.region++;
      else q.misses.push(`region: ${f.value} ${f.unit} ${f.indicator} in ${c.region}, expected ${f.region}`);
      if (period.equivalent) q.period++;
      else
        q.misses.push(`period: ${f.value} ${f.unit} ${f.indicator} ${c.periodStart ?? '?'}..${c.periodEnd}, expected ${f.start}..${f.end}`);
      if (period.strict) q.periodStrict++;
      if (c.kind === f.kind) q.kind++;
      else q.misses.push(`kind: ${f.value} ${f.unit} ${f.indicator} ${c.kind}, expected ${f.kind}`);
      if (c.scope === f.scope) q.scope++;
      else q.misses.push(`scope: ${f.value} ${f.unit} ${f.indicator} ${c.scope}, expected ${f.scope}`);
      if (c.qualifier === f.qualifier) q.qualifier++;
      else q.misses.push(`qualifier: ${f.value} ${f.unit} ${f.indicator} ${c.qualifier}, expected ${f.qualifier}`);
    }
    q.notFacts = candidates.filter((c) => !used.has(c)).length;
    q.forbidden = candidates.filter((c) => FORBIDDEN_SPAN.test(source.text.slice(c.start, c.end).trim())).length;
    files.push(q);
  }
  const total = files.reduce<FileQuality>(
    (t, q) => {
      for (const k of [
        'facts',
        'found',
        'indicator',
        'region',
        'period',
        'periodStrict',
        'kind',
        'scope',
        'qualifier',
        'proposed',
        'notFacts',
        'forbidden',
      ] as const)
        t[k] += q[k];
      t.misses.push(...q.misses.map((m) => `${q.file}: ${m}`));
      return t;
    },
    {
      file: 'all',
      facts: 0,
      found: 0,
      indicator: 0,
      region: 0,
      period: 0,
      periodStrict: 0,
      kind: 0,
      scope: 0,
      qualifier: 0,
      proposed: 0,
      notFacts: 0,
      forbidden: 0,
      misses: [],
    },
  );
  return { files, total };
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

/** The quality table as text. */
export function formatQuality({ files, total }: { files: FileQuality[]; total: FileQuality }): string {
  const header = [
    'document',
    'facts',
    'value+unit',
    'indicator',
    'region',
    'period',
    'period (strict)',
    'kind',
    'scope',
    'qualifier',
    'proposed',
    'not facts',
    'precision',
    'forbidden',
  ];
  const row = (q: FileQuality) => [
    q.file,
    String(q.facts),
    pct(q.found, q.facts),
    pct(q.indicator, q.facts),
    pct(q.region, q.facts),
    pct(q.period, q.facts),
    pct(q.periodStrict, q.facts),
    pct(q.kind, q.facts),
    pct(q.scope, q.facts),
    pct(q.qualifier, q.facts),
    String(q.proposed),
    String(q.notFacts),
    pct(q.proposed - q.notFacts, q.proposed),
    String(q.forbidden),
  ];
  const rows = [header, ...files.map(row), row(total)];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  const out = [line(rows[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.slice(1).map(line)];
  out.push(
    '',
    `goals: value+unit ≥ ${GOALS.recall * 100}%, indicator ≥ ${GOALS.indicator * 100}%, region ≥ ${GOALS.region * 100}%, period ≥ ${GOALS.period * 100}% (all over every fact row); forbidden = 0`,
    'period: same months for flows and ratios, same last month for stocks (aggregation "last"), same years for annual indicators; strict: same first and last month',
    'precision: proposed figures that are facts of seed-facts.csv / all proposed (the seeds hold many true figures the CSV does not list)',
  );
  if (total.misses.length) out.push('', 'misses:', ...total.misses.map((m) => `  ${m}`));
  return out.join('\n');
}

export const meetsGoals = (t: FileQuality): boolean =>
  t.found / t.facts >= GOALS.recall &&
  t.indicator / t.facts >= GOALS.indicator &&
  t.region / t.facts >= GOALS.region &&
  t.period / t.facts >= GOALS.period &&
  t.forbidden === 0;
