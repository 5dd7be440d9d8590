export type Cell = string | number | null | undefined;

export interface CsvTable {
  /** file name without extension */
  filename: string;
  header: string[];
  rows: Cell[][];
}

function cell(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV, UTF-8 with a byte-order mark so Excel opens Chinese correctly. */
export function toCsv(table: Pick<CsvTable, 'header' | 'rows'>): string {
  const lines = [table.header, ...table.rows].map((row) => row.map(cell).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

export function download(filename: string, href: string) {
  const a = document.createElement('a');
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export function downloadCsv(table: CsvTable) {
  const url = URL.createObjectURL(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }));
  download(`${table.filename}.csv`, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A safe file name: keeps CJK and word characters. */
export function fileSafe(name: string): string {
  return name.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 80);
}
