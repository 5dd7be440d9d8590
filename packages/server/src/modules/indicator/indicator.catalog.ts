import { readFileSync } from 'node:fs';
import { parseCsv } from '../../lib/csv.js';
import type { RegionLevel } from '../region/region.entity.js';
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
  position: number;
}

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
    position: i,
  }));
}
