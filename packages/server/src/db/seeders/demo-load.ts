import { loadIndicatorCatalog } from '../../modules/indicator/indicator.catalog.js';
import { periodLabel, toSqlDate } from '../../modules/aggregate/period.js';
import { loadFacts } from '../../modules/published/published.catalog.js';
import { loadRegionTree } from '../../modules/region/region.reference.js';
import { openBulkSession } from '../bulk.js';
import type { Orm } from '../orm.js';
import { generateDemoData, type DemoOptions } from './demo-data.js';

const OBSERVATION_COLUMNS = ['indicator_id', 'region_code', 'period', 'value', 'synthetic', 'updated_by'];

/**
 * Loads the demo observations into an empty `observation` table in one transaction, with COPY:
 * foreign keys and the roll-up triggers are set aside during the load, the roll-ups are then
 * rebuilt once, and the keys are checked when they are put back; every report is then approved by
 * the demo account. Values are approved and written by "demo". Returns the rows loaded.
 */
export async function loadDemoData(
  orm: Orm,
  databaseUrl: string | undefined,
  options: DemoOptions & { log?: (line: string, final?: boolean) => void } = {},
): Promise<number> {
  const log = options.log ?? (() => {});
  const series = generateDemoData(loadIndicatorCatalog(), loadRegionTree(), loadFacts(), options);
  const total = series.reduce((n, s) => n + s.values.length, 0);
  const idRows = await orm.em.fork().getConnection().execute<{ id: number; code: string }[]>('select id, code from indicator');
  const ids = new Map(idRows.map((i: { id: number; code: string }) => [i.code, i.id]));
  const [{ id: demoUser }] = await orm.em
    .fork()
    .getConnection()
    .execute<{ id: number }[]>(
      `insert into app_user (email, name, role, region_code, active, system) values ('demo@hexie.invalid', 'demo', 'VIEWER', '100000', false, true)
     on conflict (email) do update set system = true returning id`,
    );
  const session = await openBulkSession(orm, databaseUrl);
  let loaded = 0;
  const reports = new Set<string>();
  const timings: string[] = [];
  try {
    await session.exec(`begin;
      alter table observation drop constraint if exists observation_indicator_id_fkey;
      alter table observation drop constraint if exists observation_region_code_fkey;
      alter table observation disable trigger user;`);
    for (const s of series) {
      const T = s.periods.length;
      const dates = s.periods.map(toSqlDate);
      const lines: string[] = [];
      for (let r = 0; r < s.regions.length; r++) {
        for (let t = 0; t < T; t++) lines.push(`${ids.get(s.indicator.code)},${s.regions[r]},${dates[t]},${s.values[r * T + t]},t,demo`);
      }
      await session.copyCsv('observation', OBSERVATION_COLUMNS, lines.join('\n') + '\n');
      for (const region of s.regions)
        for (const m of s.periods) reports.add(`${region},${periodLabel(m, s.indicator.frequency === 'annual' ? 'YEAR' : 'MONTH')}`);
      loaded += lines.length;
      log(
        `Loading demo data: ${(loaded / 1e6).toFixed(2)}M of ${(total / 1e6).toFixed(2)}M rows (${Math.round((100 * loaded) / total)}%) — ${s.indicator.code}`,
      );
    }
    // every demo report approved by the demo account (the report triggers write their audit entries)
    await session.exec(`select set_config('hexie.actor', 'demo load', true), set_config('hexie.user_id', '${demoUser}', true)`);
    const approved = `,APPROVED,${demoUser},${new Date().toISOString()}`;
    await session.copyCsv(
      'report',
      ['region_code', 'period', 'status', 'approved_by', 'approved_at'],
      [...reports].map((r) => r + approved).join('\n') + '\n',
    );
    // Fresh statistics first: planned on an "empty" table, the key checks and roll-ups crawl.
    for (const [step, statement] of [
      ['analysing', 'analyze observation; analyze region; analyze region_ancestor'],
      [
        'checking keys',
        `alter table observation add constraint observation_indicator_id_fkey foreign key (indicator_id) references indicator (id)`,
      ],
      [
        'checking keys',
        `alter table observation add constraint observation_region_code_fkey foreign key (region_code) references region (code)`,
      ],
      ['committing', 'alter table observation enable trigger user; commit'],
      // its own transaction: planned over committed rows it is several times faster
      ['building roll-ups', 'select hexie_rollup_rebuild()'],
    ]) {
      const started = Date.now();
      log(`Loading demo data: ${step}…`);
      await session.exec(statement);
      timings.push(`${step} ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    await session.exec('analyze rollup');
    log(`Loading demo data: done (${timings.join(', ')}).`);
  } catch (error) {
    await session.exec('rollback').catch(() => {});
    throw error;
  } finally {
    await session.close();
  }
  return loaded;
}
