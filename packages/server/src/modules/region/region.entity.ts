import { defineEntity, p } from '@mikro-orm/core';

export const REGION_LEVELS = ['NATION', 'PROVINCE', 'CITY', 'COUNTY'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** A GB/T 2260 administrative region. Codes are data (they change over time), not enums. */
export const RegionSchema = defineEntity({
  name: 'Region',
  tableName: 'region',
  properties: {
    code: p.string().length(6).primary(),
    name: p.string().length(64),
    nameEn: p.string().length(128).nullable(),
    level: p.string().length(8).$type<RegionLevel>(),
    parentCode: p.string().length(6).nullable(),
    position: p.integer().default(0),
  },
});
export class Region extends RegionSchema.class {}
RegionSchema.setClass(Region);

/** Every (region, strict ancestor) pair: the closure of the region tree, used by roll-ups. */
export const RegionAncestorSchema = defineEntity({
  name: 'RegionAncestor',
  tableName: 'region_ancestor',
  properties: {
    regionCode: p.string().length(6).primary(),
    ancestorCode: p.string().length(6).primary(),
  },
});
export class RegionAncestor extends RegionAncestorSchema.class {}
RegionAncestorSchema.setClass(RegionAncestor);

/** 0 = nation … 3 = county; a larger depth is a finer level. */
export const levelDepth = (level: RegionLevel): number => REGION_LEVELS.indexOf(level);
