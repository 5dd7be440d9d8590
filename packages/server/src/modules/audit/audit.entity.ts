import { defineEntity, p } from '@mikro-orm/core';

export const AUDIT_ACTIONS = ['CREATE', 'UPDATE', 'DELETE', 'SUBMIT', 'APPROVE', 'RETURN', 'UNAPPROVE'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/**
 * One change of a stored value or of a report's status. Written by database triggers (see the
 * governance migration); the database refuses updates and deletes.
 */
export const AuditEntrySchema = defineEntity({
  name: 'AuditEntry',
  tableName: 'audit_entry',
  properties: {
    id: p.bigint().primary(),
    at: p.datetime(),
    userId: p.integer().nullable(),
    actor: p.string().length(300),
    importId: p.integer().nullable(),
    action: p.string().length(16).$type<AuditAction>(),
    regionCode: p.string().length(6),
    period: p.string().length(7),
    indicatorId: p.smallint().nullable(),
    before: p.double().nullable(),
    after: p.double().nullable(),
    noteBefore: p.string().length(500).nullable(),
    noteAfter: p.string().length(500).nullable(),
    reason: p.text().nullable(),
  },
});
export class AuditEntry extends AuditEntrySchema.class {}
AuditEntrySchema.setClass(AuditEntry);
