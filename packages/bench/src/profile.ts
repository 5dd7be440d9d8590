/**
 * `node src/profile.ts --db hexie_bench_s1 --scenario Q-A [--seconds 10] [--cached]`
 * Runs Hexie with --cpu-prof under one scenario's load and prints where its CPU time goes:
 * the top functions by self time, and self time grouped by package.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { runLoad } from './load.ts';
import { benchRoot, dbUrl, freePort, startHexie } from './processes.ts';
import { buildScenarios, loadMeta } from './scenarios.ts';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

export function summarise(file: string, top = 15) {
  const prof = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
  const self = new Map<number, number>();
  prof.samples.forEach((id, k) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[k] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFn = new Map<string, number>();
  const byPkg = new Map<string, number>();
  for (const n of prof.nodes) {
    const t = self.get(n.id) ?? 0;
    if (!t) continue;
    const url = n.callFrame.url;
    const pkg =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url.split('.pnpm/').pop() ?? '')?.[1] ??
      (url.includes('packages/server')
        ? 'hexie server'
        : url.startsWith('node:')
          ? 'node core'
          : url
            ? url
            : `(${n.callFrame.functionName || 'program'})`);
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${url.replace(/.*node_modules\//, '').replace(/.*packages\//, '')}:${n.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
    byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + t);
  }
  const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)} %`;
  const lines = ['self time by package:'];
  for (const [k, t] of [...byPkg].sort((a, b) => b[1] - a[1]).slice(0, 12)) lines.push(`  ${pct(t)}  ${k}`);
  lines.push('top functions by self time:');
  for (const [k, t] of [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top)) lines.push(`  ${pct(t)}  ${k}`);
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values: a } = parseArgs({
    options: {
      db: { type: 'string', default: 'hexie_bench_s1' },
      scenario: { type: 'string', default: 'Q-A' },
      seconds: { type: 'string', default: '10' },
      cached: { type: 'boolean', default: false },
    },
  });
  const c = new pg.Client({ connectionString: dbUrl(a.db!) });
  await c.connect();
  const scenario = (await buildScenarios(await loadMeta(c))).find((s) => s.id === a.scenario)!;
  await c.end();
  const dir = path.join(benchRoot, '.data', 'profiles', a.scenario!);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const hexie = await startHexie({ db: a.db!, port: await freePort(), nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${dir}`] });
  const r = await runLoad(hexie.url.replace('/graphql', ''), scenario.asks[a.cached ? 'hexie-cached' : 'hexie']!, {
    connections: 8,
    duration: Number(a.seconds),
    rss: hexie.rssMb,
  });
  await hexie.stop();
  console.log(
    `${a.scenario} ${a.cached ? 'cached' : 'uncached'}: p50 ${r.p50} ms, ${r.rps.toFixed(0)} req/s, peak RSS ${r.peakRssMb.toFixed(0)} MB`,
  );
  const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!;
  console.log(summarise(path.join(dir, file)));
  console.log(`profile: ${path.relative(process.cwd(), path.join(dir, file))}`);
}
