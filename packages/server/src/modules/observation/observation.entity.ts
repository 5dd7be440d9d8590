import { defineEntity, p } from '@mikro-orm/core';

/** Follows the status of the observation's report; only `approved` values count in aggregates. */
export const OBSERVATION_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;

/**
 * One value per (indicator, region, period), stored at the indicator's reporting level.
 * `period` is the first day of the month (1 January for annual indicators).
 * Writes maintain the `rollup` table through triggers, in the same transaction.
 */
export const ObservationSchema = defineEntity({
  name: 'Observation',
  tableName: 'observation',
  properties: {
    indicatorId: p.smallint().primary(),
    regionCode: p.string().length(6).primary(),
    period: p.string().columnType('date').primary(),
    value: p.double(),
    status: p.string().length(16).default('approved'),
    note: p.string().length(500).nullable(),
    synthetic: p.boolean().default(false),
    updatedBy: p.string().length(64).nullable(),
    updatedAt: p.datetime().defaultRaw('now()'),
  },
});
export class Observation extends ObservationSchema.class {}
ObservationSchema.setClass(Observation);

/** Pre-aggregated sums of observations for every strict ancestor region of the reporting level. */
export const RollupSchema = defineEntity({
  name: 'Rollup',
  tableName: 'rollup',
  properties: {
    indicatorId: p.smallint().primary(),
    regionCode: p.string().length(6).primary(),
    period: p.string().columnType('date').primary(),
    value: p.double(),
    /** How many observations contribute; a row whose count drops to 0 is removed. */
    n: p.integer(),
  },
});
export class Rollup extends RollupSchema.class {}
RollupSchema.setClass(Rollup);
