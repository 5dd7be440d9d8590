import { readFileSync } from 'node:fs';
import { parseCsv } from '../../lib/csv.js';
import { dataFile } from '../indicator/indicator.catalog.js';

export interface FactRow {
  regionCode: string;
  regionName: string;
  indicatorCode: string;
  /** `YYYY-MM-DD` as published (a `YYYY-MM` end is read as that month's last day). */
  periodStart: string;
  periodEnd: string;
  value: number;
  unit: string;
  qualifier: 'exact' | 'at_least';
  kind: 'actual' | 'target';
  scope: 'total' | 'partial';
  sourceFile: string;
  quote: string;
}

export interface SourceRow {
  file: string;
  date: string;
  title: string;
}

const lastDayOf = (yearMonth: string): string => {
  const [y, m] = yearMonth.split('-').map(Number);
  return `${yearMonth}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** Figures and targets from data/seed-facts.csv. */
export function loadFacts(): FactRow[] {
  return parseCsv(readFileSync(dataFile('seed-facts.csv'), 'utf8')).map((r) => ({
    regionCode: r.region_code,
    regionName: r.region_name,
    indicatorCode: r.indicator,
    periodStart: r.period_start.length === 7 ? `${r.period_start}-01` : r.period_start,
    periodEnd: r.period_end.length === 7 ? lastDayOf(r.period_end) : r.period_end,
    value: Number(r.value),
    unit: r.unit,
    qualifier: r.qualifier as FactRow['qualifier'],
    kind: r.kind as FactRow['kind'],
    scope: r.scope as FactRow['scope'],
    sourceFile: r.source_file,
    quote: r.source_quote,
  }));
}

export function loadSources(): SourceRow[] {
  return parseCsv(readFileSync(dataFile('sources.csv'), 'utf8')).map((r) => ({ file: r.file, date: r.date, title: r.title }));
}
