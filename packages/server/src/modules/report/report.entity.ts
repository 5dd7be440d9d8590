import { defineEntity, p } from '@mikro-orm/core';

export const REPORT_STATUSES = ['DRAFT', 'SUBMITTED', 'APPROVED', 'RETURNED'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** One region × one period ("2024-03" for its monthly indicators, "2024" for its annual ones). */
export const ReportSchema = defineEntity({
  name: 'Report',
  tableName: 'report',
  properties: {
    regionCode: p.string().length(6).primary(),
    period: p.string().length(7).primary(),
    status: p.string().length(16).$type<ReportStatus>().default('DRAFT'),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()'),
    submittedBy: p.integer().nullable(),
    submittedAt: p.datetime().nullable(),
    approvedBy: p.integer().nullable(),
    approvedAt: p.datetime().nullable(),
    returnedBy: p.integer().nullable(),
    returnedAt: p.datetime().nullable(),
    returnReason: p.text().nullable(),
  },
});
export class Report extends ReportSchema.class {}
ReportSchema.setClass(Report);
