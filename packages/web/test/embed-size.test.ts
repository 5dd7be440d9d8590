// @vitest-environment node
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

/**
 * A guard against growth: embed.js with everything a trend chart needs measures 255.8 KB gzip
 * (embed.js 69.3, ECharts 180.3). Issue 10's goal is 200 KB and is NOT met yet (next steps: a leaner
 * ECharts registration for embeds, without legend, mark areas and aria; the chart card's download
 * code out of the embed's entry). Lower this as it shrinks.
 */
const BUDGET = 260 * 1024;

describe('embed.js size', () => {
  it('with everything a trend needs stays within 260 KB gzip (goal 200 KB), the map loading only for maps', async () => {
    const outDir = mkdtempSync(path.join(tmpdir(), 'hexie-embed-size-'));
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production'; // vitest sets "test", which would build Vue's development code
    try {
      const result = (await build({
        configFile: new URL('../vite.embed.config.ts', import.meta.url).pathname,
        mode: 'production',
        logLevel: 'silent',
        build: { outDir, emptyOutDir: true, write: false },
      })) as Rollup.RollupOutput;
      const chunks = new Map(result.output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk').map((c) => [c.fileName, c]));
      const isMap = (c: Rollup.OutputChunk) =>
        c.moduleIds.some((id) => id.endsWith('region-map.vue') || id.includes('echarts/lib/chart/map'));
      // the XLSX writer loads when someone clicks its download button, not to draw a chart
      const onClick = (c: Rollup.OutputChunk) => c.moduleIds.some((id) => id.includes('exceljs') || id.endsWith('/charts/xlsx.ts'));
      // the entry, what it imports, and what it loads on demand, except the map's and the download's own chunks
      const needed = new Set<string>();
      const visit = (name: string) => {
        const chunk = chunks.get(name);
        if (!chunk || needed.has(name) || isMap(chunk) || onClick(chunk)) return;
        needed.add(name);
        [...chunk.imports, ...chunk.dynamicImports].forEach(visit);
      };
      visit('embed.js');
      const sizes = [...needed].map((name) => ({ name, gzip: gzipSync(chunks.get(name)!.code, { level: 9 }).length }));
      const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
      console.log(
        `embed.js for a trend: ${(total / 1024).toFixed(1)} KB gzip`,
        sizes.map((s) => `${s.name} ${(s.gzip / 1024).toFixed(1)} KB`).join(', '),
      );
      expect([...needed].some((n) => chunks.get(n)!.moduleIds.some((id) => id.includes('echarts/lib/chart/line')))).toBe(true);
      expect([...chunks.values()].some(isMap)).toBe(true); // the map is there, in chunks of its own
      expect([...chunks.values()].some(onClick)).toBe(true); // and the XLSX writer
      expect(total).toBeLessThanOrEqual(BUDGET);
    } finally {
      process.env.NODE_ENV = nodeEnv;
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});
