import { defineEntity, p } from '@mikro-orm/core';

/** A document figures were published in (shared/seeds/). */
export const SourceDocumentSchema = defineEntity({
  name: 'SourceDocument',
  tableName: 'source_document',
  properties: {
    id: p.integer().primary(),
    file: p.string().length(128).unique(),
    title: p.string().length(256),
    date: p.string().columnType('date'),
    /** Of the text, hex: one row per text (ingested reports; null for the seed documents). */
    sha256: p.string().columnType('char(64)').nullable().unique('source_document_sha256_unique'),
    publisher: p.string().length(256).nullable(),
    url: p.text().nullable(),
    text: p.text().nullable().lazy(),
    createdAt: p.datetime().columnType('timestamptz').defaultRaw('now()'),
  },
});
export class SourceDocument extends SourceDocumentSchema.class {}
SourceDocumentSchema.setClass(SourceDocument);

const figureProperties = {
  id: p.integer().primary(),
  regionCode: p.string().length(6),
  indicatorId: p.smallint(),
  /** Dates as published; the figure covers the months from periodStart's to periodEnd's. */
  periodStart: p.string().columnType('date'),
  periodEnd: p.string().columnType('date'),
  value: p.double(),
  unit: p.string().length(16),
  qualifier: p.string().length(16).$type<'exact' | 'at_least' | 'approximate'>(),
  sourceId: p.integer(),
  quote: p.text(),
};

/** A figure stated in a source document, shown beside the hub's own aggregate. */
export const PublishedFigureSchema = defineEntity({
  name: 'PublishedFigure',
  tableName: 'published_figure',
  properties: {
    ...figureProperties,
    scope: p.string().length(16).$type<'total' | 'partial'>(),
  },
});
export class PublishedFigure extends PublishedFigureSchema.class {}
PublishedFigureSchema.setClass(PublishedFigure);

/** A goal for a region, indicator and period; progress is the aggregate over that period. */
export const TargetSchema = defineEntity({
  name: 'Target',
  tableName: 'target',
  properties: { ...figureProperties },
});
export class Target extends TargetSchema.class {}
TargetSchema.setClass(Target);
