import { loadIndicatorCatalog } from '../modules/indicator/indicator.catalog.js';
import { loadFacts, loadSources } from '../modules/published/published.catalog.js';
import { loadRegionTree, type RegionRow } from '../modules/region/region.reference.js';
import type { Em } from './orm.js';
import type { Kysely } from 'kysely';
import { db, sql } from './sql.js';

const chunks = <T>(rows: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

/** Every (region, strict ancestor) pair of the tree. */
export function ancestorPairs(regions: RegionRow[]): { region_code: string; ancestor_code: string }[] {
  const parent = new Map(regions.map((r) => [r.code, r.parentCode]));
  const pairs: { region_code: string; ancestor_code: string }[] = [];
  for (const r of regions) {
    for (let a = r.parentCode; a; a = parent.get(a) ?? null) pairs.push({ region_code: r.code, ancestor_code: a });
  }
  return pairs;
}

/**
 * Upserts the indicator catalog by code: existing indicators keep their id (observations refer to
 * it), new ones get the next free id, names, units, category and order follow the file. A rule that
 * stored values depend on (frequency, aggregation, reporting level) cannot change while values exist.
 */
async function upsertCatalog(k: Kysely<any>): Promise<void> {
  const catalog = loadIndicatorCatalog();
  const existing = await k.selectFrom('indicator').select(['id', 'code', 'frequency', 'aggregation', 'reporting_level']).execute();
  const idOf = new Map(existing.map((i) => [i.code as string, i.id as number]));
  let next = Math.max(0, ...existing.map((i) => i.id as number)) + 1;
  for (const i of catalog) if (!idOf.has(i.code)) idOf.set(i.code, next++);
  for (const i of catalog) {
    const before = existing.find((e) => e.code === i.code);
    if (
      before &&
      (before.frequency !== i.frequency || before.aggregation !== i.aggregation || before.reporting_level !== i.reportingLevel)
    ) {
      const [{ n }] = (
        await sql<{ n: string }>`select count(*) as n from (select 1 from observation where indicator_id = ${before.id} limit 1) x`.execute(
          k,
        )
      ).rows;
      if (Number(n) > 0) {
        throw new Error(
          `The catalog changes how "${i.code}" is reported or aggregated (${before.frequency}/${before.aggregation}/${before.reporting_level} → ${i.frequency}/${i.aggregation}/${i.reportingLevel}) while values are stored for it: add a new indicator code instead.`,
        );
      }
    }
  }
  const rows = catalog.map((i) => ({
    id: idOf.get(i.code)!,
    code: i.code,
    category: i.category,
    name: i.name,
    name_en: i.nameEn,
    unit: i.unit,
    unit_en: i.unitEn,
    frequency: i.frequency,
    aggregation: i.aggregation,
    factor: i.factor,
    reporting_level: i.reportingLevel,
    deadline_days: i.deadlineDays,
    position: i.position,
  }));
  await k
    .insertInto('indicator')
    .values(rows)
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        category: eb.ref('excluded.category'),
        name: eb.ref('excluded.name'),
        name_en: eb.ref('excluded.name_en'),
        unit: eb.ref('excluded.unit'),
        unit_en: eb.ref('excluded.unit_en'),
        frequency: eb.ref('excluded.frequency'),
        aggregation: eb.ref('excluded.aggregation'),
        factor: eb.ref('excluded.factor'),
        reporting_level: eb.ref('excluded.reporting_level'),
        deadline_days: eb.ref('excluded.deadline_days'),
        position: eb.ref('excluded.position'),
      })),
    )
    .execute();
  // ratios name their parts by code: link them once every part has its id
  for (const i of catalog.filter((c) => c.numeratorCode || c.denominatorCode)) {
    await k
      .updateTable('indicator')
      .set({ numerator_id: idOf.get(i.numeratorCode!) ?? null, denominator_id: idOf.get(i.denominatorCode!) ?? null })
      .where('code', '=', i.code)
      .execute();
  }
}

/**
 * Loads the reference data: the region tree into an empty database, the indicator catalog (upserted), the
 * source documents with their published figures and targets. Tables that already hold rows are
 * left as they are (reference data is data: it may have been edited since).
 */
export async function loadReferenceData(em: Em): Promise<void> {
  await em.transactional(async (tx) => {
    const k = db(tx);
    const count = async (table: string) =>
      Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(k)).rows[0].n);

    if ((await count('region')) === 0) {
      const regions = loadRegionTree();
      for (const part of chunks(regions, 1000)) {
        await k
          .insertInto('region')
          .values(
            part.map((r) => ({
              code: r.code,
              name: r.name,
              name_en: r.nameEn,
              level: r.level,
              parent_code: r.parentCode,
              position: r.position,
            })),
          )
          .execute();
      }
      for (const part of chunks(ancestorPairs(regions), 2000)) await k.insertInto('region_ancestor').values(part).execute();
    }

    await upsertCatalog(k);

    if ((await count('source_document')) === 0) {
      const sources = await k.insertInto('source_document').values(loadSources()).returning(['id', 'file']).execute();
      const sourceId = new Map(sources.map((s) => [s.file as string, s.id as number]));
      const indicators = await k.selectFrom('indicator').select(['id', 'code']).execute();
      const indicatorId = new Map(indicators.map((i) => [i.code as string, i.id as number]));
      for (const f of loadFacts()) {
        const id = indicatorId.get(f.indicatorCode);
        const source = sourceId.get(f.sourceFile);
        if (id === undefined || source === undefined)
          throw new Error(`seed fact names an unknown indicator or source: ${f.indicatorCode} ${f.sourceFile}`);
        const row = {
          region_code: f.regionCode,
          indicator_id: id,
          period_start: f.periodStart,
          period_end: f.periodEnd,
          value: f.value,
          unit: f.unit,
          qualifier: f.qualifier,
          source_id: source,
          quote: f.quote,
        };
        if (f.kind === 'target') await k.insertInto('target').values(row).execute();
        else
          await k
            .insertInto('published_figure')
            .values({ ...row, scope: f.scope })
            .execute();
      }
    }
  });
  // PGlite has no autovacuum: give the planner the reference tables' real sizes now
  for (const table of ['region', 'region_ancestor', 'indicator']) await sql`analyze ${sql.table(table)}`.execute(db(em));
}
