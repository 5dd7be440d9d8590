import type { Config } from '../config.js';
import { createDemoAccounts, ensureFirstAdmin } from '../modules/user/user.bootstrap.js';
import { DATABASE_TIMEOUTS, openDatabase, type Orm } from './orm.js';
import { loadReferenceData } from './reference.js';
import { loadDemoData } from './seeders/demo-load.js';

/**
 * Opens and migrates the database, loads reference data, demo data (with one account per role)
 * into an empty database, and the first admin when nobody can sign in yet. On PostgreSQL the
 * connection used to serve is then reopened with statement time limits, which migrations, loads and
 * repairs must not have.
 */
export async function bootstrapDatabase(
  config: Pick<Config, 'databaseUrl' | 'databaseReadUrls' | 'dataDir' | 'demo' | 'adminEmail' | 'adminPassword'>,
  log: (line: string, final?: boolean) => void = () => {},
): Promise<Orm> {
  // migrations and loads need the primary only
  const orm = await openDatabase({ ...config, databaseReadUrls: [] });
  const em = orm.em.fork();
  await loadReferenceData(em as never);
  const connection = em.getConnection();
  const [{ observations, rollups }] = await connection.execute<{ observations: boolean; rollups: boolean }[]>(
    'select exists (select 1 from observation) as observations, exists (select 1 from rollup) as rollups',
  );
  let demoLoaded = false;
  if (config.demo && !observations) {
    const started = Date.now();
    const rows = await loadDemoData(orm, config.databaseUrl, { log });
    log(`Loaded ${rows.toLocaleString('en')} demo observations in ${((Date.now() - started) / 1000).toFixed(1)} s.`, true);
    demoLoaded = true;
  } else if (observations && !rollups) {
    // a bulk load stopped after committing its rows: finish it
    log('Building roll-ups…', true);
    await connection.execute('select hexie_rollup_rebuild()');
    await connection.execute('select hexie_reports_backfill()');
    demoLoaded = config.demo;
  }
  const admin = await ensureFirstAdmin(orm, config.adminEmail, config.adminPassword);
  if (admin) log(`Created the first admin, ${admin} (scope 100000 全国).`, true);
  if (demoLoaded) log(`Demo accounts (shown once; also in the data folder):\n${await createDemoAccounts(orm, config.dataDir)}`, true);
  if (!config.databaseUrl) return orm;
  await orm.close();
  return openDatabase({ ...config, timeouts: DATABASE_TIMEOUTS });
}
