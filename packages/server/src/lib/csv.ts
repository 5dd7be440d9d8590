import { parse } from 'csv-parse/sync';

/** Parses CSV text with a header row into records keyed by the (trimmed) header names. */
export function parseCsv(text: string): Record<string, string>[] {
  return parse(text, { columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, trim: true, bom: true });
}
