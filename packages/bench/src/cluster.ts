/**
 * `pnpm --filter @hexie/bench cluster [--size S0|tiny] [--duration 10] [--connections 16] [--rounds 3]`
 *
 * Capacity of the replicated setup: the cluster of `pnpm test:cluster` (PostgreSQL primary +
 * streaming standby, Redis, two Hexie replicas, HAProxy; ports from HEXIE_CLUSTER_PORT, default
 * 5500) with the bench's dataset loaded into the primary, then the dashboard mix (Q-A…Q-E in turn)
 * driven through HAProxy with one replica behind it and with two, in interleaved rounds; medians of
 * requests/s. Uncached: every request carries a nonce, so the response cache never answers (the work
 * of a replica); cached: the same requests again and again (what a dashboard mostly sends).
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { openSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { haproxyConfig, startCluster, DATABASE } from '../../server/src/test/cluster/harness.ts';
import { median, runLoad } from './load.ts';
import type { Ask } from './scenarios.ts';

const { values: args } = parseArgs({
  options: {
    size: { type: 'string', default: 'S0' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '16' },
    rounds: { type: 'string', default: '3' },
  },
});
const base = Number(process.env.HEXIE_CLUSTER_PORT ?? 5500);
const primaryPort = base + 1;
// the bench's helpers read BENCH_PG when they are first imported: point them at the cluster's primary
process.env.BENCH_PG = `postgres://postgres@127.0.0.1:${primaryPort}`;
const { generate, SIZES } = await import('./data.ts');
const { buildScenarios, loadMeta } = await import('./scenarios.ts');

const size = args.size as keyof typeof SIZES;
const started = Date.now();
const cluster = await startCluster({
  basePort: base,
  prepare: async () => {
    await generate({ size, ...SIZES[size], end: '2025-12', db: DATABASE, port: base + 20 });
  },
});
const loads: number[][] = [loadavg()];
try {
  console.log(`cluster up in ${((Date.now() - started) / 1000).toFixed(0)} s (dataset ${size} loaded)`);
  const client = new pg.Client({ connectionString: cluster.primaryUrl });
  await client.connect();
  // the anonymous dashboard questions (Q-F is the overview page; Q-G signs in)
  const scenarios = (await buildScenarios(await loadMeta(client))).filter((s) => ['Q-A', 'Q-B', 'Q-C', 'Q-D', 'Q-E'].includes(s.id));
  await client.end();
  const mix = (kind: 'hexie' | 'hexie-cached'): Ask => {
    const asks = scenarios.map((s) => s.asks[kind]).filter((a): a is Ask => !!a);
    return { request: (i) => asks[i % asks.length].request(Math.floor(i / asks.length)), normalise: () => [] };
  };

  // a second HAProxy with replica a alone: the same path, one server behind it
  const onePort = base + 9;
  const cfg = path.join(cluster.dir, 'haproxy-one.cfg');
  writeFileSync(cfg, haproxyConfig(onePort, [{ name: 'a', port: cluster.replicas[0].port }]));
  const log = path.join(cluster.dir, 'haproxy-one.log');
  const one = spawn('haproxy', ['-f', cfg, '-db'], { stdio: ['ignore', openSync(log, 'a'), openSync(log, 'a')] });
  try {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const targets = { '1 replica': `http://127.0.0.1:${onePort}`, '2 replicas': cluster.url };
    const results: Record<string, Record<string, number[]>> = {};
    const opts = { connections: Number(args.connections), duration: Number(args.duration) };
    for (const kind of ['hexie', 'hexie-cached'] as const) {
      await runLoad(cluster.url, mix(kind), { ...opts, duration: 3 }); // warm both servers
      for (let round = 0; round < Number(args.rounds); round++) {
        const order = round % 2 ? (['2 replicas', '1 replica'] as const) : (['1 replica', '2 replicas'] as const);
        for (const target of order) {
          const r = await runLoad(targets[target], mix(kind), opts);
          if (r.errors || r.non2xx) console.log(`  ${target} ${kind}: ${r.errors} errors, ${r.non2xx} non-2xx`);
          ((results[kind] ??= {})[target] ??= []).push(r.rps);
          loads.push(loadavg());
          console.log(
            `  round ${round + 1} ${kind === 'hexie' ? 'uncached' : 'cached'} ${target}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms`,
          );
        }
      }
    }
    console.log(
      `\ndashboard mix (Q-A..Q-E in turn), ${opts.connections} connections, ${opts.duration} s × ${args.rounds} rounds, dataset ${size}`,
    );
    for (const [kind, byTarget] of Object.entries(results)) {
      const one1 = median(byTarget['1 replica']);
      const two = median(byTarget['2 replicas']);
      console.log(
        `${kind === 'hexie' ? 'uncached' : 'cached  '}: 1 replica ${one1.toFixed(0)} req/s, 2 replicas ${two.toFixed(0)} req/s (×${(two / one1).toFixed(2)})`,
      );
    }
    const avg = (k: number) => (loads.reduce((s, l) => s + l[k], 0) / loads.length).toFixed(1);
    console.log(`load average during the runs (1/5/15 min, mean of samples): ${avg(0)} / ${avg(1)} / ${avg(2)}`);
  } finally {
    one.kill('SIGTERM');
  }
} finally {
  await cluster.stop();
}
