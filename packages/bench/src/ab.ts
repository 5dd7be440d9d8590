/**
 * `node src/ab.ts --db hexie_bench_s1 --a OTHER/packages/server/dist/main.js [--b packages/server/dist/main.js] [--only Q-A,Q-B] [--duration 8] [--rounds 3] [--cached]`
 *
 * Two builds of Hexie on the same database, driven in interleaved rounds (A B, B A, A B …) with the
 * same scenario: how a change to the server moves its speed, as medians and the ratio B ÷ A. Both
 * builds first give the same numbers. `--cached` repeats one request (cache hits) instead of varying it.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { diffAnswers } from './scenarios.ts';
import { fetchJson } from './compare.ts';
import { median, runLoad, type RunResult } from './load.ts';
import { dbUrl, freePort, repoRoot, serverMain, startHexie, type Running } from './processes.ts';
import { buildScenarios, loadMeta } from './scenarios.ts';

const { values: a } = parseArgs({
  args: process.argv.slice(2).filter((x) => x !== '--'),
  options: {
    db: { type: 'string', default: 'hexie_bench_s0' },
    a: { type: 'string' },
    b: { type: 'string', default: serverMain },
    only: { type: 'string' },
    duration: { type: 'string', default: '8' },
    connections: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    cached: { type: 'boolean', default: false },
  },
});
if (!a.a) throw new Error('--a: the main.js of the build to compare against (e.g. a copy of packages/server/dist made before the change)');
const c = new pg.Client({ connectionString: dbUrl(a.db!) });
await c.connect();
let scenarios = await buildScenarios(await loadMeta(c));
await c.end();
if (a.only) scenarios = scenarios.filter((s) => a.only!.split(',').includes(s.id));
const builds = { A: path.resolve(repoRoot, a.a), B: path.resolve(repoRoot, a.b!) };
const servers: Record<string, Running> = {};
const opts = { connections: Number(a.connections), duration: Number(a.duration) };
const os = await import('node:os');
console.log(
  `A = ${builds.A}\nB = ${builds.B}\n${a.db}, ${a.cached ? 'cached' : 'uncached'}, load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
try {
  for (const [name, main] of Object.entries(builds)) servers[name] = await startHexie({ db: a.db!, port: await freePort(), main });
  const out: Record<string, Record<string, RunResult[]>> = {};
  for (const s of scenarios) {
    const ask = s.asks[a.cached ? 'hexie-cached' : 'hexie'];
    if (!ask) continue;
    const answers = await Promise.all(
      Object.values(servers).map(async (x) => ask.normalise(await fetchJson(x.url.replace('/graphql', ''), ask.request(0)))),
    );
    const diff = diffAnswers(answers[0], answers[1]);
    if (diff.length) throw new Error(`${s.id}: A and B differ: ${diff.join('; ')}`);
    for (const x of Object.values(servers)) await runLoad(x.url.replace('/graphql', ''), ask, { ...opts, duration: 2 });
    out[s.id] = { A: [], B: [] };
    for (let r = 0; r < Number(a.rounds); r++) {
      for (const name of r % 2 ? ['B', 'A'] : ['A', 'B']) {
        const res = await runLoad(servers[name].url.replace('/graphql', ''), ask, {
          ...opts,
          rss: servers[name].rssMb,
          cpu: servers[name].cpuMs,
        });
        out[s.id][name].push(res);
        console.log(
          `  ${s.id} round ${r + 1} ${name}  p50 ${res.p50.toFixed(1).padStart(6)} ms  p99 ${res.p99.toFixed(1).padStart(6)} ms  ${res.rps.toFixed(0).padStart(6)} req/s  cpu ${res.cpuMsPerRequest.toFixed(2)} ms/req  rss ${res.peakRssMb.toFixed(0)} MB${res.errors || res.non2xx ? `  errors ${res.errors} non-2xx ${res.non2xx}` : ''}`,
        );
      }
    }
    const m = (name: string, k: keyof RunResult) => median(out[s.id][name].map((x) => x[k] as number));
    console.log(
      `${s.id}: A ${m('A', 'rps').toFixed(0)} req/s p50 ${m('A', 'p50')} ms ${m('A', 'cpuMsPerRequest').toFixed(2)} cpu ms/req | B ${m('B', 'rps').toFixed(0)} req/s p50 ${m('B', 'p50')} ms ${m('B', 'cpuMsPerRequest').toFixed(2)} cpu ms/req | B÷A req/s ${(m('B', 'rps') / m('A', 'rps')).toFixed(2)}, cpu/req ${(m('B', 'cpuMsPerRequest') / m('A', 'cpuMsPerRequest')).toFixed(2)}`,
    );
  }
  console.log(
    `load average after: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
} finally {
  for (const x of Object.values(servers)) await x.stop();
}
