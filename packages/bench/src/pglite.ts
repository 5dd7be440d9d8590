/**
 * Hexie on embedded PGlite against Hexie on PostgreSQL, same dataset (S0), Q-A and Q-B. The PGlite
 * data folder is generated once (packages/bench/.data/pglite-<size>) by the same generator.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { generate, SIZES, type SizeName } from './data.ts';
import { compare, rowsOf, type LoadOptions } from './compare.ts';
import { benchRoot, dbUrl, freePort, startHexie, type Running } from './processes.ts';
import { buildScenarios, loadMeta, type Scenario, type TargetName } from './scenarios.ts';
import { printTable } from './table.ts';

export async function comparePglite(size: SizeName, db: string, opts: LoadOptions) {
  const dir = path.join(benchRoot, '.data', `pglite-${size.toLowerCase()}`);
  const marker = path.join(dir, 'bench-dataset.json');
  if (!existsSync(marker) || JSON.parse(readFileSync(marker, 'utf8')).size !== size) {
    console.log(`\nPGlite: generating ${size} into ${path.relative(process.cwd(), dir)}`);
    const report = await generate({ size, counties: SIZES[size].counties, months: SIZES[size].months, end: '2025-12', pgliteDir: dir });
    writeFileSync(marker, JSON.stringify({ size, ...report }));
  }
  const client = new pg.Client({ connectionString: dbUrl(db) });
  await client.connect();
  const meta = await loadMeta(client);
  await client.end();
  const scenarios: Scenario[] = (await buildScenarios(meta))
    .filter((s) => s.id === 'Q-A' || s.id === 'Q-B')
    .map((s) => ({
      ...s,
      asks: {
        hexie: s.asks.hexie,
        'hexie-pglite': s.asks.hexie,
        'hexie-cached': s.asks['hexie-cached'],
        'hexie-pglite-cached': s.asks['hexie-cached'],
      },
    }));
  let onPg: Running | undefined;
  let onLite: Running | undefined;
  try {
    console.log('\nHexie on PGlite vs Hexie on PostgreSQL');
    [onPg, onLite] = await Promise.all([
      startHexie({ db, port: await freePort() }),
      startHexie({ pgliteDir: dir, port: await freePort() }),
    ]);
    const urls: Partial<Record<TargetName, string>> = {
      hexie: onPg.url.replace('/graphql', ''),
      'hexie-cached': onPg.url.replace('/graphql', ''),
      'hexie-pglite': onLite.url.replace('/graphql', ''),
      'hexie-pglite-cached': onLite.url.replace('/graphql', ''),
    };
    const rss = { hexie: onPg.rssMb, 'hexie-cached': onPg.rssMb, 'hexie-pglite': onLite.rssMb, 'hexie-pglite-cached': onLite.rssMb };
    const cpu = { hexie: onPg.cpuMs, 'hexie-cached': onPg.cpuMs, 'hexie-pglite': onLite.cpuMs, 'hexie-pglite-cached': onLite.cpuMs };
    const cells = await compare(scenarios, urls, rss, opts, cpu);
    const rows = rowsOf(scenarios, cells);
    printTable(rows);
    return { rows };
  } finally {
    await onPg?.stop();
    await onLite?.stop();
  }
}
