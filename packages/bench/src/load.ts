/** One bounded autocannon run against one server, and the medians of several. */
import autocannon from 'autocannon';
import type { Ask } from './scenarios.ts';

export interface RunResult {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** peak resident memory of the server process during the run, MB (NaN when not watched) */
  peakRssMb: number;
  /** CPU time the server process used per request answered, ms (NaN when not watched) */
  cpuMsPerRequest: number;
}

export async function runLoad(
  baseUrl: string,
  ask: Ask,
  opts: { connections: number; duration: number; rss?: () => number; cpu?: () => number },
): Promise<RunResult> {
  let i = 0;
  const first = ask.request(0);
  const varying = first.body !== ask.request(1).body || first.path !== ask.request(1).path;
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  let peak = NaN;
  const sampler = opts.rss
    ? setInterval(() => {
        const v = opts.rss!();
        if (!(v <= peak)) peak = Number.isNaN(peak) ? v : Math.max(peak, v);
      }, 250)
    : undefined;
  const cpuBefore = opts.cpu?.() ?? NaN;
  try {
    const result = await autocannon({
      url: varying ? baseUrl : baseUrl + first.path,
      connections: opts.connections,
      duration: opts.duration,
      headers: { ...headers, ...first.headers },
      ...(varying
        ? {
            requests: [
              {
                setupRequest: (req: any) => {
                  const r = ask.request(++i);
                  return { ...req, method: r.method, path: r.path, body: r.body, headers: { ...headers, ...r.headers } };
                },
              },
            ],
          }
        : { method: first.method, body: first.body }),
    } as autocannon.Options);
    return {
      p50: result.latency.p50,
      p99: result.latency.p99,
      rps: result.requests.average,
      requests: result.requests.total,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      peakRssMb: peak,
      cpuMsPerRequest: ((opts.cpu?.() ?? NaN) - cpuBefore) / result.requests.total,
    };
  } finally {
    if (sampler) clearInterval(sampler);
  }
}

export const median = (xs: number[]): number => {
  const s = xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
