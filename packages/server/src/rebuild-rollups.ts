import 'reflect-metadata';
import { ConfigError, loadConfig } from './config.js';
import { lockDataDir } from './db/lock.js';
import { openDatabase } from './db/orm.js';

/**
 * Repair: recomputes the whole `rollup` table from the observations in one transaction
 * (`pnpm rollups:rebuild`). Writes keep it correct on their own; this is for after manual surgery.
 */
try {
  const config = loadConfig();
  const unlock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir, 'cli');
  const orm = await openDatabase(config);
  const started = Date.now();
  const [{ rows }] = await orm.em.fork().getConnection().execute<{ rows: string }[]>('select hexie_rollup_rebuild() as rows');
  console.log(`Rebuilt ${Number(rows).toLocaleString('en')} roll-up rows in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  await orm.close();
  unlock();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
