import { defineEntity, p } from '@mikro-orm/core';
import type { Grain } from '../aggregate/period.js';

export const WIDGETS = ['kpi', 'trend', 'ranking', 'map', 'table'] as const;
export type WidgetId = (typeof WIDGETS)[number];
export type EmbedKind = 'PUBLIC' | 'SIGNED';

/** One chart another site may show: a widget, its locked parameters, the origins that may frame it. */
export const EmbedSchema = defineEntity({
  name: 'Embed',
  tableName: 'embed',
  properties: {
    id: p.string().length(32).primary(),
    kind: p.string().length(8).$type<EmbedKind>(),
    widget: p.string().length(16).$type<WidgetId>(),
    indicatorCode: p.string().length(64),
    regionCode: p.string().length(6),
    periodFrom: p.string().length(8),
    periodTo: p.string().length(8),
    grain: p.string().length(8).$type<Grain>(),
    origins: p.json<string[]>(),
    jti: p.string().length(32).nullable(),
    createdBy: p.integer(),
    createdAt: p.datetime().defaultRaw('now()'),
    expiresAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
  },
});
export class Embed extends EmbedSchema.class {}
EmbedSchema.setClass(Embed);
