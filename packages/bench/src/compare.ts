/** Same answers first, then interleaved autocannon rounds, then medians and ratios. */
import { median, runLoad, type RunResult } from './load.ts';
import { diffAnswers, type Ask, type Scenario, type TargetName } from './scenarios.ts';
import type { Row } from './table.ts';

export interface LoadOptions {
  connections: number;
  duration: number;
  rounds: number;
}

export async function fetchJson(
  base: string,
  req: { method: string; path: string; body?: string; headers?: Record<string, string> },
): Promise<unknown> {
  const res = await fetch(base + req.path, {
    method: req.method,
    body: req.body,
    headers: { 'content-type': 'application/json', ...req.headers },
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** Checks every target against the raw floor; throws on any difference. */
export async function checkSameAnswers(scenario: Scenario, urls: Partial<Record<TargetName, string>>): Promise<number> {
  const refName = (scenario.asks.raw ? 'raw' : Object.keys(scenario.asks)[0]) as TargetName;
  const reference = scenario.asks[refName]!;
  let checked = 0;
  await scenario.setup?.(urls);
  for (let i = 0; i < (scenario.checkCalls ?? (scenario.id === 'Q-E' ? 3 : 1)); i++) {
    const expected = reference.normalise(await fetchJson(urls[refName]!, reference.request(i)));
    for (const [name, ask] of Object.entries(scenario.asks) as Array<[TargetName, Ask]>) {
      if (name === refName || !urls[name]) continue;
      const got = ask.normalise(await fetchJson(urls[name]!, ask.request(i)));
      const diff = diffAnswers(expected, got);
      if (diff.length) throw new Error(`${scenario.id}: ${name} differs from ${refName} (call ${i}): ${diff.join('; ')}`);
      checked++;
    }
  }
  return checked;
}

interface Cell {
  runs: RunResult[];
}

/** Interleaved rounds: every round visits every target, in a rotated order. */
export async function compare(
  scenarios: Scenario[],
  urls: Partial<Record<TargetName, string>>,
  rssOf: Partial<Record<TargetName, () => number>>,
  opts: LoadOptions,
  cpuOf: Partial<Record<TargetName, () => number>> = {},
) {
  const cells = new Map<string, Cell>();
  for (const scenario of scenarios) {
    const targets = (Object.keys(scenario.asks) as TargetName[]).filter((t) => urls[t]);
    const n = await checkSameAnswers(scenario, urls);
    console.log(`\n${scenario.id}  ${scenario.title}\n  same numbers from ${targets.join(', ')} (${n} comparisons)`);
    // warm-up: one short run each (JIT, plan caches, pools)
    for (const t of targets) await runLoad(urls[t]!, scenario.asks[t]!, { connections: opts.connections, duration: 2 });
    for (let r = 0; r < opts.rounds; r++) {
      const order = targets.map((_, k) => targets[(k + r) % targets.length]);
      for (const t of order) {
        const res = await runLoad(urls[t]!, scenario.asks[t]!, { ...opts, rss: rssOf[t], cpu: cpuOf[t] });
        const key = `${scenario.id}|${t}`;
        if (!cells.has(key)) cells.set(key, { runs: [] });
        cells.get(key)!.runs.push(res);
        console.log(
          `  round ${r + 1} ${t.padEnd(18)} p50 ${res.p50.toFixed(1).padStart(7)} ms  p99 ${res.p99.toFixed(1).padStart(7)} ms  ${res.rps.toFixed(0).padStart(6)} req/s  ${res.cpuMsPerRequest.toFixed(2)} cpu ms/req${res.errors || res.non2xx ? `  errors ${res.errors} non-2xx ${res.non2xx}` : ''}${Number.isNaN(res.peakRssMb) ? '' : `  rss ${res.peakRssMb.toFixed(0)} MB`}`,
        );
      }
    }
  }
  return cells;
}

export function rowsOf(scenarios: Scenario[], cells: Map<string, Cell>): Row[] {
  const rows: Row[] = [];
  for (const s of scenarios) {
    const get = (t: TargetName) => cells.get(`${s.id}|${t}`);
    const med = (t: TargetName, k: keyof RunResult) => median(get(t)?.runs.map((x) => x[k] as number) ?? []);
    const ref: TargetName = get('raw') ? 'raw' : 'hexie';
    const raw50 = med(ref, 'p50');
    const rawRps = med(ref, 'rps');
    const pgRps = med('postgraphile', 'rps');
    for (const t of Object.keys(s.asks) as TargetName[]) {
      if (!get(t)) continue;
      rows.push({
        scenario: s.id,
        target: t,
        p50: med(t, 'p50'),
        p99: med(t, 'p99'),
        rps: med(t, 'rps'),
        p50VsRaw: med(t, 'p50') / raw50,
        rpsVsRaw: med(t, 'rps') / rawRps,
        rpsVsPostgraphile: med(t, 'rps') / pgRps,
        errors: get(t)!.runs.reduce((a, x) => a + x.errors + x.non2xx, 0),
        cpuMsPerRequest: med(t, 'cpuMsPerRequest'),
        peakRssMb: Math.max(...get(t)!.runs.map((x) => (Number.isNaN(x.peakRssMb) ? 0 : x.peakRssMb))) || NaN,
      });
    }
  }
  return rows;
}
