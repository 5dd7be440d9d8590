import { defineEntity, p } from '@mikro-orm/core';

export const IMPORT_STATUSES = ['CHECKED', 'COMMITTED', 'REJECTED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One problem of an imported file, where the user's spreadsheet shows it (header = row 1). */
export interface ImportProblem {
  /** Spreadsheet row (the header is row 1); null for a problem of the whole file. */
  row: number | null;
  /** The column's header as written in the file (or its letter when the header is blank); null for the whole file or row. */
  column: string | null;
  /** The cell, e.g. "C7" (null when the problem is not one cell's). */
  cell: string | null;
  /** The cell's text as the file holds it. */
  value: string | null;
  message: string;
  messageZh: string;
}

/**
 * One upload to `POST /api/imports`: who, when, which file (name, SHA-256), what it held and what
 * became of it. A dry run is recorded as CHECKED; a commit that wrote is COMMITTED (in the same
 * transaction as its values, so a commit that died leaves no row); a commit refused for its problems
 * is REJECTED. The first 1,000 problems are kept.
 */
export const ImportSchema = defineEntity({
  name: 'Import',
  tableName: 'import',
  properties: {
    id: p.integer().primary(),
    userId: p.integer(),
    fileName: p.string().length(255),
    sha256: p.string().length(64),
    size: p.integer(),
    format: p.string().length(8).$type<'csv' | 'xlsx'>(),
    layout: p.string().length(8).$type<'long' | 'wide'>().nullable(),
    sheet: p.string().length(128).nullable(),
    dryRun: p.boolean(),
    submit: p.boolean().default(false),
    status: p.string().length(16).$type<ImportStatus>(),
    rows: p.integer().default(0),
    accepted: p.integer().default(0),
    rejected: p.integer().default(0),
    unchanged: p.integer().default(0),
    problemCount: p.integer().default(0),
    problems: p.json<ImportProblem[]>(),
    reports: p.json<{ region: string; period: string }[]>(),
    durationMs: p.integer().default(0),
    createdAt: p.datetime().defaultRaw('now()'),
  },
});
export class Import extends ImportSchema.class {}
ImportSchema.setClass(Import);
