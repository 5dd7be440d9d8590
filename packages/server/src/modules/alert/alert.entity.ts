import { defineEntity, p } from '@mikro-orm/core';

export const ALERT_KINDS = ['YOY_CHANGE', 'TARGET_PACE', 'MISSING_REPORT'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export type WebhookState = 'PENDING' | 'DELIVERED' | 'FAILED';

/** What an analyst wants to be told about, in a region's subtree; optionally posted to a webhook. */
export const AlertRuleSchema = defineEntity({
  name: 'AlertRule',
  tableName: 'alert_rule',
  properties: {
    id: p.integer().primary(),
    kind: p.string().length(16).$type<AlertKind>(),
    name: p.string().length(200),
    regionCode: p.string().length(6),
    indicatorId: p.smallint().nullable(),
    /** YOY_CHANGE: the change in % (either way); TARGET_PACE: percentage points behind the pace. */
    threshold: p.double().nullable(),
    webhookUrl: p.text().nullable(),
    /** Signs the webhook's bodies (HMAC-SHA256); shown once, when the rule is created. */
    webhookSecret: p.string().length(64).nullable().hidden(),
    createdBy: p.integer(),
    createdAt: p.datetime().defaultRaw('now()'),
  },
});
export class AlertRule extends AlertRuleSchema.class {}
AlertRuleSchema.setClass(AlertRule);

/** A rule that fired for a region and period (at most once: the unique key). */
export const AlertSchema = defineEntity({
  name: 'Alert',
  tableName: 'alert',
  uniques: [{ name: 'alert_rule_region_period_unique', properties: ['ruleId', 'regionCode', 'period'] }],
  properties: {
    id: p.integer().primary(),
    ruleId: p.integer(),
    regionCode: p.string().length(6),
    period: p.string().length(7),
    message: p.text(),
    messageEn: p.text(),
    /** JSON: the figures behind the message (the webhook's payload carries them). */
    details: p.text(),
    createdAt: p.datetime().defaultRaw('now()'),
    webhookState: p.string().length(16).$type<WebhookState>().nullable(),
    webhookAttempts: p.integer().default(0),
    webhookNextAt: p.datetime().nullable(),
  },
});
export class Alert extends AlertSchema.class {}
AlertSchema.setClass(Alert);
