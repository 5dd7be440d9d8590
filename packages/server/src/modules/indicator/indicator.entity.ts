import { defineEntity, p } from '@mikro-orm/core';
import type { RegionLevel } from '../region/region.entity.js';

export type Aggregation = 'sum' | 'last' | 'ratio';
export type Frequency = 'monthly' | 'annual';

/** An indicator of the catalog (shared/data/indicators.csv). */
export const IndicatorSchema = defineEntity({
  name: 'Indicator',
  tableName: 'indicator',
  properties: {
    id: p.smallint().primary().autoincrement(false),
    code: p.string().length(64).unique(),
    category: p.string().length(64),
    name: p.string().length(64),
    nameEn: p.string().length(128),
    unit: p.string().length(16),
    unitEn: p.string().length(32),
    frequency: p.string().length(8).$type<Frequency>(),
    aggregation: p.string().length(8).$type<Aggregation>(),
    numeratorId: p.smallint().nullable(),
    denominatorId: p.smallint().nullable(),
    factor: p.double().nullable(),
    reportingLevel: p.string().length(8).$type<RegionLevel>(),
    deadlineDays: p.smallint().nullable(),
    position: p.integer(),
  },
});
export class Indicator extends IndicatorSchema.class {}
IndicatorSchema.setClass(Indicator);
