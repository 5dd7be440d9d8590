// @vitest-environment node
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build, type Rollup } from 'vite';
import { describe, expect, it } from 'vitest';

/**
 * A guard against growth: what a page loads to show `<hexie-chart widget="trend">` measures 231.2 KB
 * gzip (embed.js 46.8: Vue, vue-i18n's runtime and the element; ECharts 174.1; the trend widget, its
 * card and vue-echarts 9.8). Issue 10's goal is 200 KB and is NOT met: ECharts' core with the
 * canvas renderer, a grid, bars, lines, legend and tooltip is ~170 KB gzip by itself. Lower this as it
 * shrinks.
 */
const BUDGET = 235 * 1024;

describe('embed.js size', () => {
  it('with everything a trend needs stays within 235 KB gzip (goal 200 KB); other widgets, the map and downloads load apart', async () => {
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
      const chunkOf = (suffix: string) => {
        const chunk = [...chunks.values()].find((c) => c.moduleIds.some((id) => id.endsWith(suffix)));
        if (!chunk) throw new Error(`no chunk has ${suffix}`);
        return chunk.fileName;
      };
      /** a chunk and every chunk it imports, statically (and dynamically, with `dynamic`) */
      const closure = (name: string, dynamic = false, seen = new Set<string>()) => {
        const chunk = chunks.get(name)!;
        if (seen.has(name)) return seen;
        seen.add(name);
        for (const next of [...chunk.imports, ...(dynamic ? chunk.dynamicImports : [])]) closure(next, dynamic, seen);
        return seen;
      };
      // A trend embed loads embed.js, then the trend widget (registry), then vue-echarts with ECharts (the chart card).
      const trend = chunkOf('/widgets/trend/trend-widget.vue');
      const vChart = chunkOf('/charts/v-chart.ts');
      expect(closure('embed.js', true).has(trend)).toBe(true);
      expect(closure(trend, true).has(vChart)).toBe(true);
      const needed = new Set([...closure('embed.js'), ...closure(trend), ...closure(vChart)]);

      const holds = (name: string, pattern: RegExp) => chunks.get(name)!.moduleIds.some((id) => pattern.test(id));
      const apart = [
        /echarts[\\/]lib[\\/]chart[\\/]map/, // the choropleth
        /echarts[\\/]lib[\\/]component[\\/]marker/, // the dashboard's shading of the selected period
        /exceljs/, // the XLSX writer, on click
        /ranking-chart\.vue|kpi-widget\.vue|table-widget\.vue|region-map\.vue/, // other widgets
        /i18n[\\/]en\.json/, // English, for lang="en"
      ];
      for (const pattern of apart) {
        expect([...chunks.keys()].some((n) => holds(n, pattern))).toBe(true);
        expect([...needed].filter((n) => holds(n, pattern))).toEqual([]);
      }
      expect([...needed].some((n) => holds(n, /echarts[\\/]lib[\\/]chart[\\/]line/))).toBe(true);
      // no map of every GraphQL operation (vite.plugins.ts' graphqlDocuments), no message compiler's parser
      expect([...chunks.keys()].filter((n) => holds(n, /[\\/]src[\\/]gql[\\/]gql\.ts$/))).toEqual([]);
      const compiler = [...needed]
        .flatMap((n) => Object.entries(chunks.get(n)!.modules))
        .filter(([id]) => /message-compiler/.test(id))
        .reduce((sum, [, m]) => sum + m.renderedLength, 0);
      expect(compiler).toBeLessThan(5 * 1024); // its constants only; the parser is ~36 KB

      const sizes = [...needed].map((name) => ({ name, gzip: gzipSync(chunks.get(name)!.code, { level: 9 }).length }));
      const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
      console.log(
        `embed.js for a trend: ${(total / 1024).toFixed(1)} KB gzip`,
        sizes.map((s) => `${s.name} ${(s.gzip / 1024).toFixed(1)} KB`).join(', '),
      );
      expect(total).toBeLessThanOrEqual(BUDGET);
    } finally {
      process.env.NODE_ENV = nodeEnv;
      rmSync(outDir, { recursive: true, force: true });
    }
  }, 120_000);
});
