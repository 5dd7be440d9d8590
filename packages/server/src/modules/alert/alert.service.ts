import type { Context } from '../../context.js';
import { db, sql } from '../../db/sql.js';
import { badInput, clip } from '../../errors.js';
import { AlertRule } from './alert.entity.js';
import type { AlertRuleInput, AlertNode, WebhookAttemptNode } from './alert.types.js';
import { newWebhookSecret, webhookUrlProblem } from './alert.webhook.js';
import type { AlertRaised } from '../../live/events.js';

/** Rules listed at most (newest first), per caller. */
export const MAX_RULES_LISTED = 500;
export const MAX_ALERTS_LISTED = 200;
export const MAX_ATTEMPTS_LISTED = 200;

const checkLimit = (limit: number, max: number) => {
  if (!Number.isInteger(limit) || limit < 1 || limit > max) throw badInput(`limit must be from 1 to ${max}, got ${limit}.`);
};

/** In `root`'s subtree: the region column `column` is root or below it. */
const inSubtree = (column: string, root: string) =>
  sql`(${sql.ref(column)} = ${root} or exists (select 1 from region_ancestor ra where ra.region_code = ${sql.ref(column)} and ra.ancestor_code = ${root}))`;

/** Alert rules (ANALYST/ADMIN, in their scope) and the alerts they raised (the notification list). */
export class AlertService {
  constructor(private readonly ctx: Pick<Context, 'em' | 'viewer' | 'regions' | 'catalog' | 'events'>) {}

  async createRule(input: AlertRuleInput): Promise<{ rule: AlertRule; webhookSecret: string | null }> {
    if (!this.ctx.regions.get(input.region))
      throw badInput(`Unknown region code "${clip(input.region)}": use a six-digit GB/T 2260 code such as 510100 (成都市).`);
    const user = this.ctx.viewer.require('manageAlerts', input.region);
    const name = input.name.trim();
    if (!name || name.length > 200) throw badInput('Give the rule a name of 1 to 200 characters.');
    let indicatorId: number | null = null;
    if (input.kind === 'MISSING_REPORT') {
      if (input.indicator != null) throw badInput('A MISSING_REPORT rule watches whole reports: leave indicator out.');
      if (input.threshold != null) throw badInput('A MISSING_REPORT rule has no threshold: leave it out.');
    } else {
      if (!input.indicator) throw badInput(`A ${input.kind} rule watches one indicator: give its code (e.g. jobs_posted).`);
      const indicator = this.ctx.catalog.byCode.get(input.indicator);
      if (!indicator) throw badInput(`Unknown indicator "${clip(input.indicator)}": the indicators query lists the codes.`);
      indicatorId = indicator.id;
    }
    let threshold = input.threshold ?? null;
    if (input.kind === 'YOY_CHANGE' && (threshold === null || !Number.isFinite(threshold) || threshold <= 0 || threshold > 10_000))
      throw badInput(`A YOY_CHANGE rule needs a threshold in % above 0 and at most 10000 (e.g. 30 for ±30 %), got ${threshold}.`);
    if (input.kind === 'TARGET_PACE') {
      threshold ??= 0;
      if (!Number.isFinite(threshold) || threshold < 0 || threshold > 100)
        throw badInput(`A TARGET_PACE threshold is the percentage points behind the pace allowed, from 0 to 100, got ${threshold}.`);
    }
    const url = input.webhookUrl?.trim() || null;
    if (url) {
      const problem = await webhookUrlProblem(url);
      if (problem) throw badInput(`Webhook refused: ${problem}.`);
    }
    const webhookSecret = url ? newWebhookSecret() : null;
    const rule = this.ctx.em.create(AlertRule, {
      kind: input.kind,
      name,
      regionCode: input.region,
      indicatorId,
      threshold,
      webhookUrl: url,
      webhookSecret,
      createdBy: user.id,
      createdAt: new Date(),
    });
    await this.ctx.em.flush();
    return { rule, webhookSecret };
  }

  /** The rules watching regions in the caller's scope (or below `region`), newest first. */
  async rules(region?: string | null): Promise<AlertRule[]> {
    if (region != null && !this.ctx.regions.get(region)) throw badInput(`Unknown region code "${clip(region)}".`);
    const root = this.ctx.viewer.scopeRoot('manageAlerts', region);
    const { rows } = await sql<{ id: number }>`
      select r.id from alert_rule r where ${inSubtree('r.region_code', root)} order by r.id desc limit ${MAX_RULES_LISTED}`.execute(
      db(this.ctx.em),
    );
    if (!rows.length) return [];
    return this.ctx.em.find(AlertRule, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { id: 'desc' } });
  }

  private async ruleInScope(id: number): Promise<AlertRule> {
    this.ctx.viewer.require('manageAlerts');
    const rule = await this.ctx.em.findOne(AlertRule, { id });
    if (!rule) throw badInput(`No alert rule ${id}: the alertRules query lists yours.`);
    this.ctx.viewer.require('manageAlerts', rule.regionCode);
    return rule;
  }

  /** Deletes a rule with its alerts and delivery log. */
  async deleteRule(id: number): Promise<boolean> {
    const rule = await this.ruleInScope(id);
    await this.ctx.em.nativeDelete(AlertRule, { id: rule.id });
    return true;
  }

  /** The webhook delivery log of a rule, newest first. */
  async attempts(ruleId: number, limit: number): Promise<WebhookAttemptNode[]> {
    checkLimit(limit, MAX_ATTEMPTS_LISTED);
    const rule = await this.ruleInScope(ruleId);
    const { rows } = await sql<{
      id: number;
      alert_id: number;
      attempt: number;
      url: string;
      at: Date;
      http_status: number | null;
      error: string | null;
      ok: boolean;
      duration_ms: number;
    }>`select id, alert_id, attempt, url, at, http_status, error, ok, duration_ms from webhook_attempt
       where rule_id = ${rule.id} order by id desc limit ${limit}`.execute(db(this.ctx.em));
    return rows.map((r) => ({
      id: r.id,
      alertId: r.alert_id,
      attempt: r.attempt,
      url: r.url,
      at: new Date(r.at),
      httpStatus: r.http_status,
      error: r.error,
      ok: r.ok,
      durationMs: r.duration_ms,
    }));
  }

  /** Alerts about regions in the caller's scope (or below `region`), newest first, with the caller's read marks. */
  async alerts(region: string | null | undefined, limit: number, unreadOnly = false): Promise<AlertNode[]> {
    checkLimit(limit, MAX_ALERTS_LISTED);
    if (region != null && !this.ctx.regions.get(region)) throw badInput(`Unknown region code "${clip(region)}".`);
    const root = this.ctx.viewer.scopeRoot('readAlerts', region);
    const user = this.ctx.viewer.requireUser();
    const { rows } = await sql<{
      id: number;
      rule_id: number;
      kind: AlertNode['kind'];
      rule_name: string;
      region_code: string;
      period: string;
      message: string;
      message_en: string;
      created_at: Date;
      read: boolean;
      webhook_state: AlertNode['webhookState'];
    }>`
      select a.id, a.rule_id, r.kind, r.name as rule_name, a.region_code, a.period, a.message, a.message_en, a.created_at,
        exists (select 1 from alert_read x where x.alert_id = a.id and x.user_id = ${user.id}) as read, a.webhook_state
      from alert a join alert_rule r on r.id = a.rule_id
      where ${inSubtree('a.region_code', root)}
        ${unreadOnly ? sql`and not exists (select 1 from alert_read x where x.alert_id = a.id and x.user_id = ${user.id})` : sql``}
      order by a.id desc limit ${limit}`.execute(db(this.ctx.em));
    return rows.map((r) => ({
      id: r.id,
      ruleId: r.rule_id,
      kind: r.kind,
      ruleName: r.rule_name,
      regionCode: r.region_code,
      period: r.period,
      message: r.message,
      messageEn: r.message_en,
      createdAt: new Date(r.created_at),
      read: r.read,
      webhookState: r.webhook_state,
    }));
  }

  /** How many alerts in the caller's scope they have not read. */
  async unread(): Promise<number> {
    const user = this.ctx.viewer.require('readAlerts');
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from alert a
      where ${inSubtree('a.region_code', user.regionCode)}
        and not exists (select 1 from alert_read x where x.alert_id = a.id and x.user_id = ${user.id})`.execute(db(this.ctx.em));
    return rows[0].n;
  }

  /** Marks one alert (or, without an id, every alert in scope) read for the caller; returns what stays unread. */
  async markRead(id?: number | null): Promise<number> {
    const user = this.ctx.viewer.require('readAlerts');
    if (id != null) {
      const { rows } = await sql<{ region_code: string }>`select region_code from alert where id = ${id}`.execute(db(this.ctx.em));
      if (!rows.length) throw badInput(`No alert ${id}: the alerts query lists yours.`);
      this.ctx.viewer.require('readAlerts', rows[0].region_code);
      await sql`insert into alert_read (alert_id, user_id) values (${id}, ${user.id}) on conflict do nothing`.execute(db(this.ctx.em));
    } else {
      await sql`insert into alert_read (alert_id, user_id)
        select a.id, ${user.id} from alert a where ${inSubtree('a.region_code', user.regionCode)}
        on conflict do nothing`.execute(db(this.ctx.em));
    }
    return this.unread();
  }

  /**
   * Alerts raised from now on about regions in the caller's scope (or below `region`), as they are
   * stored; each is checked against the viewer when it happens (a connection's viewer is refreshed).
   */
  raised(region?: string | null): AsyncIterableIterator<AlertRaised> {
    if (region != null && !this.ctx.regions.get(region)) throw badInput(`Unknown region code "${clip(region)}".`);
    const root = this.ctx.viewer.scopeRoot('readAlerts', region);
    return this.ctx.events.subscribe('alertRaised', {
      filter: (alert) => this.ctx.regions.isWithin(alert.region, root) && this.ctx.viewer.can('readAlerts', alert.region),
    });
  }
}
