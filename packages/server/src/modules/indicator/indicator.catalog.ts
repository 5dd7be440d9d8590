import { readFileSync } from 'node:fs';
import { parseCsv } from '../../lib/csv.js';
import type { RegionLevel } from '../region/region.entity.js';
import type { Em } from '../../db/orm.js';
import type { Aggregation, Frequency } from './indicator.entity.js';

export const dataFile = (name: string): string => new URL(`../../../data/${name}`, import.meta.url).pathname;

export interface IndicatorRow {
  code: string;
  category: string;
  name: string;
  nameEn: string;
  unit: string;
  unitEn: string;
  frequency: Frequency;
  aggregation: Aggregation;
  numeratorCode: string | null;
  denominatorCode: string | null;
  factor: number | null;
  reportingLevel: RegionLevel;
  /** Days after the period's end by which reports are due; null: DEFAULT_DEADLINE_DAYS. */
  deadlineDays: number | null;
  position: number;
}

/** Reports are due by the end (China time) of this many days after their period: the 10th of the next month. */
export const DEFAULT_DEADLINE_DAYS = 10;

/** The categories in dashboard order, with their display names. */
export const CATEGORIES = [
  { code: 'employment_services', name: '就业服务', nameEn: 'Employment services' },
  { code: 'collective_bargaining', name: '集体协商', nameEn: 'Collective bargaining' },
  { code: 'dispute_resolution', name: '争议调处', nameEn: 'Dispute resolution' },
  { code: 'wage_protection', name: '欠薪治理', nameEn: 'Wage protection' },
  { code: 'skills_training', name: '技能提升', nameEn: 'Skills training' },
  { code: 'harmonious_workplaces', name: '和谐创建', nameEn: 'Harmonious workplaces' },
  { code: 'worker_services', name: '职工服务', nameEn: 'Worker services' },
] as const;

/** The indicator catalog from data/indicators.csv, identified by code; `position` is the display order. */
export function loadIndicatorCatalog(): IndicatorRow[] {
  return parseCsv(readFileSync(dataFile('indicators.csv'), 'utf8')).map((r, i) => ({
    code: r.code,
    category: r.category,
    name: r.name_zh,
    nameEn: r.name_en,
    unit: r.unit_zh,
    unitEn: r.unit_en,
    frequency: r.frequency as Frequency,
    aggregation: r.aggregation as Aggregation,
    numeratorCode: r.numerator || null,
    denominatorCode: r.denominator || null,
    factor: r.factor ? Number(r.factor) : null,
    reportingLevel: r.reporting_level.toUpperCase() as RegionLevel,
    deadlineDays: r.deadline_days ? Number(r.deadline_days) : null,
    position: i,
  }));
}

/** An indicator as the server holds it while running: a plain frozen object. */
export interface IndicatorInfo {
  readonly id: number;
  readonly code: string;
  readonly category: string;
  readonly name: string;
  readonly nameEn: string;
  readonly unit: string;
  readonly unitEn: string;
  readonly frequency: Frequency;
  readonly aggregation: Aggregation;
  readonly numeratorId: number | null;
  readonly denominatorId: number | null;
  readonly factor: number | null;
  readonly reportingLevel: RegionLevel;
  /** Days after the period's end by which reports are due (the catalog's value or the default). */
  readonly deadlineDays: number;
  readonly position: number;
}

/** The catalog in memory, in display order: it is upserted at start and does not change while serving. */
export class Catalog {
  readonly byCode: ReadonlyMap<string, IndicatorInfo>;
  readonly byId: ReadonlyMap<number, IndicatorInfo>;

  constructor(readonly all: readonly IndicatorInfo[]) {
    this.byCode = new Map(all.map((i) => [i.code, i]));
    this.byId = new Map(all.map((i) => [i.id, i]));
  }
}

const catalogs = new WeakMap<object, Promise<Catalog>>();

/** The indicator catalog of the database behind `em` (read on first use). */
export function indicatorCatalog(em: Em): Promise<Catalog> {
  let catalog = catalogs.get(em.config);
  if (!catalog) {
    catalog = em
      .getConnection()
      .execute<Record<string, unknown>[]>(
        `select id, code, category, name, name_en, unit, unit_en, frequency, aggregation, numerator_id, denominator_id, factor, reporting_level, deadline_days, position
         from indicator order by position, id`,
      )
      .then(
        (rows) =>
          new Catalog(
            rows.map((r) =>
              Object.freeze({
                id: Number(r.id),
                code: r.code as string,
                category: r.category as string,
                name: r.name as string,
                nameEn: r.name_en as string,
                unit: r.unit as string,
                unitEn: r.unit_en as string,
                frequency: r.frequency as Frequency,
                aggregation: r.aggregation as Aggregation,
                numeratorId: r.numerator_id === null ? null : Number(r.numerator_id),
                denominatorId: r.denominator_id === null ? null : Number(r.denominator_id),
                factor: r.factor === null ? null : Number(r.factor),
                reportingLevel: r.reporting_level as RegionLevel,
                deadlineDays: r.deadline_days === null ? DEFAULT_DEADLINE_DAYS : Number(r.deadline_days),
                position: Number(r.position),
              }),
            ),
          ),
      );
    catalog.catch(() => catalogs.delete(em.config));
    catalogs.set(em.config, catalog);
  }
  return catalog;
}
