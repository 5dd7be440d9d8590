/** The comparison table, as the terminal and docs/performance.md show it. */
export interface Row {
  scenario: string;
  target: string;
  p50: number;
  p99: number;
  rps: number;
  p50VsRaw: number;
  rpsVsRaw: number;
  rpsVsPostgraphile: number;
  errors: number;
  peakRssMb: number;
  /** CPU time of the server process per request (steadier than req/s on a shared machine) */
  cpuMsPerRequest: number;
}

const f = (x: number, digits = 1) => (Number.isFinite(x) ? x.toFixed(digits) : '—');

/** A Markdown table (readable in a terminal too). */
export function tableMarkdown(rows: Row[]): string {
  const head =
    '| scenario | server | p50 ms | p99 ms | req/s | p50 ÷ raw | req/s ÷ raw | req/s ÷ PostGraphile | server CPU ms/req | peak RSS MB | errors |';
  const sep = '|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|';
  const body = rows.map(
    (r) =>
      `| ${r.scenario} | ${r.target} | ${f(r.p50)} | ${f(r.p99)} | ${f(r.rps, 0)} | ${f(r.p50VsRaw, 2)} | ${f(r.rpsVsRaw, 2)} | ${f(r.rpsVsPostgraphile, 2)} | ${f(r.cpuMsPerRequest, 2)} | ${f(r.peakRssMb, 0)} | ${r.errors} |`,
  );
  return [head, sep, ...body].join('\n');
}

export function printTable(rows: Row[]): void {
  console.log(`\n${tableMarkdown(rows)}\n`);
}
