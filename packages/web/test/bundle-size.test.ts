// @vitest-environment node
// The first load's JavaScript (the entry chunk and every chunk it imports statically, i.e. what
// index.html loads before the first paint) must stay within 300 KB gzip. Deterministic: a fresh
// production build into a temporary folder, gzip level 9 of each file.
import { describe, expect, it } from 'vitest';
import { build } from 'vite';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const BUDGET = 300 * 1024;
const root = fileURLToPath(new URL('..', import.meta.url));

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

describe('bundle size', () => {
  it('first-load JavaScript is at most 300 KB gzip', { timeout: 120_000 }, async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'hexie-web-size-'));
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production'; // vitest sets "test", which would build Vue's development code
    try {
      await build({ root, mode: 'production', logLevel: 'error', build: { outDir, manifest: true, emptyOutDir: true } });
      const manifest: Record<string, Chunk> = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'));
      const entries = Object.entries(manifest).filter(([, c]) => c.isEntry);
      // the dashboard, and the GraphQL explorer as its own page (never part of the dashboard's load)
      expect(entries.map(([k]) => k).sort()).toEqual(['explorer.html', 'index.html']);
      const firstLoad = new Set<string>();
      const visit = (key: string) => {
        if (firstLoad.has(key)) return;
        firstLoad.add(key);
        for (const i of manifest[key].imports ?? []) visit(i);
      };
      visit('index.html');
      const sizes = [...firstLoad].map((k) => {
        const file = manifest[k].file;
        return { file, gzip: gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length };
      });
      const total = sizes.reduce((s, x) => s + x.gzip, 0);
      console.log(
        `first-load JS: ${(total / 1024).toFixed(1)} KB gzip (${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)}`).join(', ')})`,
      );
      expect(total).toBeLessThanOrEqual(BUDGET);
      // the GeoJSON is never part of the first load
      expect(sizes.some((s) => s.file.endsWith('.json'))).toBe(false);
      // nor GraphiQL, Monaco or React
      expect(sizes.filter((s) => /explorer|monaco|graphiql|react/i.test(s.file))).toEqual([]);
    } finally {
      process.env.NODE_ENV = nodeEnv;
      rmSync(outDir, { recursive: true, force: true });
    }
  });
});
