import type { Em } from '../../db/orm.js';
import { db, sql } from '../../db/sql.js';
import { AggregateService } from '../aggregate/aggregate.service.js';
import { fromSqlDate, periodLabel, yearOf } from '../aggregate/period.js';
import { CompletenessService, reportDeadlines, type CompletenessScope } from '../completeness/completeness.service.js';
import type { Catalog, IndicatorInfo } from '../indicator/indicator.catalog.js';
import type { RegionTree } from '../region/region.tree.js';
import { currentMonth, parseReportPeriod, shiftPeriod, type ReportPeriod } from '../report/report.period.js';
import { Viewer } from '../../auth/viewer.js';
import type { AlertKind } from './alert.entity.js';
import type { EventBus } from '../../live/events.js';
import { postWebhook, webhookSettings } from './alert.webhook.js';

interface RuleRow {
  id: number;
  kind: AlertKind;
  name: string;
  region_code: string;
  indicator_id: number | null;
  threshold: number | null;
  webhook_url: string | null;
  created_at: Date;
}

interface TargetRow {
  id: number;
  region_code: string;
  indicator_id: number;
  period_start: string;
  period_end: string;
  value: number;
}

export interface RaisedAlert {
  id: number;
  ruleId: number;
  kind: AlertKind;
  regionCode: string;
  period: string;
  message: string;
  messageEn: string;
}

/** Where failed evaluations are logged (the server's pino logger once it runs). */
export const alertLog: { current: { error(object: object, message: string): void } } = {
  current: { error: (object, message) => console.error(message, object) },
};

const round = (x: number, digits = 1) => Number(x.toFixed(digits));
const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2).replace(/\.?0+$/, ''));
const dateText = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
/** A lease on a claimed delivery: another replica may take it over when this one dies mid-way. */
const DELIVERY_LEASE_MS = 60_000;

/**
 * Evaluates alert rules — when a report is approved and when deadlines pass — and delivers their
 * webhooks. It acts for the system, not for a caller: rules were authorised when they were made.
 * Every alert is inserted under its unique key (rule × region × period), so a check may run any
 * number of times, on any number of replicas, and raises each alert once.
 */
export class AlertEngine {
  private readonly aggregate: AggregateService;

  constructor(
    private readonly em: Em,
    private readonly regions: RegionTree,
    private readonly catalog: Catalog,
    /** Where raised alerts are published (alertRaised), for subscribers and the webhook deliverer. */
    private readonly events?: EventBus,
  ) {
    this.aggregate = new AggregateService(em, regions, catalog);
  }

  /** The region and the regions above it. */
  private lineage(code: string): string[] {
    const codes: string[] = [];
    for (let r = this.regions.get(code); r; r = r.parentCode ? this.regions.get(r.parentCode) : undefined) codes.push(r.code);
    return codes;
  }

  private async rules(where: ReturnType<typeof sql>): Promise<RuleRow[]> {
    const { rows } = await sql<RuleRow>`
      select id, kind, name, region_code, indicator_id, threshold, webhook_url, created_at from alert_rule where ${where} order by id`.execute(
      db(this.em),
    );
    return rows.map((r) => ({ ...r, created_at: new Date(r.created_at), threshold: r.threshold === null ? null : Number(r.threshold) }));
  }

  /** After a report was approved (its transaction committed): year-on-year rules, and target pace once the period is complete. */
  async reportApproved(regionCode: string, periodText: string, now = new Date()): Promise<RaisedAlert[]> {
    const period = parseReportPeriod(periodText)!;
    const region = this.regions.get(regionCode)!;
    const lineage = this.lineage(regionCode);
    const rules = await this.rules(sql`region_code in (${sql.join(lineage)}) and kind in ('YOY_CHANGE', 'TARGET_PACE')`);
    const raised: RaisedAlert[] = [];
    for (const rule of rules) {
      const indicator = this.catalog.byId.get(rule.indicator_id!)!;
      if (indicator.frequency !== period.frequency) continue;
      if (rule.kind === 'YOY_CHANGE') {
        if (indicator.reportingLevel !== region.level) continue;
        const alert = await this.checkYoy(rule, indicator, regionCode, period);
        if (alert) raised.push(alert);
      } else {
        for (const target of await this.targets(rule, lineage)) {
          // judged once the period is final: every reporting unit below the target's region approved
          const counts = await new CompletenessService(this.systemContext()).counts(this.scope(target.region_code, period, now));
          if (counts.approved < counts.expected) continue;
          const alert = await this.checkPace(rule, indicator, target, period);
          if (alert) raised.push(alert);
        }
      }
    }
    return raised;
  }

  /**
   * Deadlines that passed by `now` since each rule was made: missing reports, and the target pace of
   * periods whose reports are now due (complete or not).
   */
  async deadlinesPassed(now = new Date()): Promise<RaisedAlert[]> {
    const rules = await this.rules(sql`kind in ('MISSING_REPORT', 'TARGET_PACE')`);
    const raised: RaisedAlert[] = [];
    for (const rule of rules) {
      const done = new Set(
        (
          await sql<{ period: string; region_code: string }>`select period, region_code from alert where rule_id = ${rule.id}`.execute(
            db(this.em),
          )
        ).rows.map((r) => `${r.region_code}|${r.period}`),
      );
      for (const period of this.periodsDueBetween(rule, now)) {
        const dues = reportDeadlines(this.catalog, period);
        const passed = (due: Date | undefined) => !!due && due > rule.created_at && due <= now;
        if (rule.kind === 'MISSING_REPORT') {
          if (done.has(`${rule.region_code}|${period.label}`) || ![...dues.values()].some(passed)) continue;
          const alert = await this.checkMissing(rule, period, now);
          if (alert) raised.push(alert);
        } else {
          const indicator = this.catalog.byId.get(rule.indicator_id!)!;
          if (indicator.frequency !== period.frequency || !passed(dues.get(indicator.reportingLevel))) continue;
          for (const target of await this.targets(rule, null)) {
            if (done.has(`${target.region_code}|${period.label}`)) continue;
            const alert = await this.checkPace(rule, indicator, target, period);
            if (alert) raised.push(alert);
          }
        }
      }
    }
    return raised;
  }

  /** Periods whose deadlines can fall between the rule's creation and `now` (deadlines are at most 366 days after a period). */
  private *periodsDueBetween(rule: RuleRow, now: Date): Generator<ReportPeriod> {
    const from = currentMonth(rule.created_at) - 13;
    const to = currentMonth(now);
    for (let m = from; m <= to; m++) yield parseReportPeriod(periodLabel(m, 'MONTH'))!;
    for (let y = yearOf(from) - 1; y <= yearOf(to); y++) yield parseReportPeriod(String(y))!;
  }

  private systemContext() {
    return { em: this.em, regions: this.regions, catalog: this.catalog, viewer: Viewer.anonymous(this.regions) };
  }

  private scope(root: string, period: ReportPeriod, now: Date): CompletenessScope {
    const dues = reportDeadlines(this.catalog, period);
    return { root, period: period.label, levels: [...dues.keys()], dues: [...dues.values()], pendingVisible: true, now };
  }

  /** Targets of the rule's indicator in its subtree; with `lineage`, only those whose region is in it. */
  private async targets(rule: RuleRow, lineage: string[] | null): Promise<TargetRow[]> {
    const { rows } = await sql<TargetRow>`
      select t.id, t.region_code, t.indicator_id, t.period_start, t.period_end, t.value from target t
      where t.indicator_id = ${rule.indicator_id}
        and (t.region_code = ${rule.region_code} or exists (select 1 from region_ancestor a where a.region_code = t.region_code and a.ancestor_code = ${rule.region_code}))
        ${lineage ? sql`and t.region_code in (${sql.join(lineage)})` : sql``}
      order by t.id`.execute(db(this.em));
    return rows.map((t) => ({ ...t, value: Number(t.value) }));
  }

  private async checkYoy(rule: RuleRow, indicator: IndicatorInfo, regionCode: string, period: ReportPeriod): Promise<RaisedAlert | null> {
    const region = this.regions.get(regionCode)!;
    const lastYear = shiftPeriod(period, 12);
    const span = (p: ReportPeriod) => ({ from: p.first, to: p.first + (p.frequency === 'annual' ? 11 : 0) });
    const [value, base] = await Promise.all([
      this.aggregate.total(indicator, region, span(period)),
      this.aggregate.total(indicator, region, span(lastYear)),
    ]);
    if (value === null || base === null || base === 0) return null;
    const change = ((value - base) / base) * 100;
    if (Math.abs(change) <= rule.threshold!) return null;
    const signed = `${change > 0 ? '+' : ''}${round(change)}`;
    return this.raise(rule, regionCode, period.label, {
      message: `${region.name} ${period.label} ${indicator.name}同比${change > 0 ? '增长' : '下降'} ${round(Math.abs(change))}%（${fmt(value)}${indicator.unit}，去年同期 ${fmt(base)}${indicator.unit}），超出 ±${fmt(rule.threshold!)}%`,
      messageEn: `${indicator.nameEn} in ${region.nameEn ?? region.name} for ${period.label}: ${signed} % year on year (${fmt(value)} vs ${fmt(base)} ${indicator.unitEn}), beyond ±${fmt(rule.threshold!)} %`,
      details: { indicator: indicator.code, value, lastYear: base, change: round(change, 2), threshold: rule.threshold },
    });
  }

  private async checkPace(rule: RuleRow, indicator: IndicatorInfo, target: TargetRow, period: ReportPeriod): Promise<RaisedAlert | null> {
    let from = fromSqlDate(dateText(target.period_start));
    let to = fromSqlDate(dateText(target.period_end));
    if (indicator.frequency === 'annual') [from, to] = [from - (from % 12), to + 11 - (to % 12)];
    const last = period.first + (period.frequency === 'annual' ? 11 : 0);
    if (last < from || period.first > to) return null;
    const region = this.regions.get(target.region_code)!;
    const achieved = (await this.aggregate.total(indicator, region, { from, to: Math.min(last, to) })) ?? 0;
    const progress = target.value === 0 ? 100 : (achieved / target.value) * 100;
    const pace = ((Math.min(last, to) - from + 1) / (to - from + 1)) * 100;
    const threshold = rule.threshold ?? 0;
    if (progress >= pace - threshold) return null;
    return this.raise(rule, target.region_code, period.label, {
      message: `${region.name} ${indicator.name}目标完成 ${round(progress)}%，落后于时间进度 ${round(pace)}%（截至 ${period.label}：${fmt(achieved)} / ${fmt(target.value)}${indicator.unit}）`,
      messageEn: `${indicator.nameEn} in ${region.nameEn ?? region.name}: ${round(progress)} % of the target by ${period.label}, behind the pace of ${round(pace)} % (${fmt(achieved)} of ${fmt(target.value)} ${indicator.unitEn})`,
      details: {
        indicator: indicator.code,
        target: target.value,
        achieved,
        progress: round(progress, 2),
        pace: round(pace, 2),
        threshold,
        targetId: target.id,
      },
    });
  }

  private async checkMissing(rule: RuleRow, period: ReportPeriod, now: Date): Promise<RaisedAlert | null> {
    const scope = this.scope(rule.region_code, period, now);
    const { rows } = await sql<{ code: string }>`
      select r.code from region r
      join unnest(${scope.levels}::varchar[], ${scope.dues.map((d) => d.toISOString())}::timestamptz[]) d(level, due) on d.level = r.level
      left join report p on p.region_code = r.code and p.period = ${period.label}
      where (r.code = ${rule.region_code} or exists (select 1 from region_ancestor a where a.region_code = r.code and a.ancestor_code = ${rule.region_code}))
        and d.due <= ${now.toISOString()}::timestamptz and (p.status is null or p.status not in ('SUBMITTED', 'APPROVED'))
      order by r.code`.execute(db(this.em));
    if (!rows.length) return null;
    const region = this.regions.get(rule.region_code)!;
    const names = rows.slice(0, 10).map((r) => this.regions.get(r.code)!);
    const more = rows.length > 10 ? ` …` : '';
    return this.raise(rule, rule.region_code, period.label, {
      message: `${region.name} ${period.label} 有 ${rows.length} 个地区逾期未报：${names.map((r) => r.name).join('、')}${more}`,
      messageEn: `${rows.length} region(s) of ${region.nameEn ?? region.name} have not reported ${period.label} by the deadline: ${names.map((r) => r.nameEn ?? r.name).join(', ')}${more}`,
      details: { missing: rows.map((r) => r.code) },
    });
  }

  /** Inserts the alert unless it exists; queues its webhook; tells the listeners. */
  private async raise(
    rule: RuleRow,
    regionCode: string,
    period: string,
    content: { message: string; messageEn: string; details: Record<string, unknown> },
  ): Promise<RaisedAlert | null> {
    const { rows } = await sql<{ id: number }>`
      insert into alert (rule_id, region_code, period, message, message_en, details, webhook_state, webhook_next_at)
      values (${rule.id}, ${regionCode}, ${period}, ${content.message}, ${content.messageEn}, ${JSON.stringify(content.details)},
              ${rule.webhook_url ? 'PENDING' : null}, ${rule.webhook_url ? new Date(0).toISOString() : null})
      on conflict (rule_id, region_code, period) do nothing
      returning id`.execute(db(this.em));
    if (!rows.length) return null;
    const alert: RaisedAlert = {
      id: rows[0].id,
      ruleId: rule.id,
      kind: rule.kind,
      regionCode,
      period,
      message: content.message,
      messageEn: content.messageEn,
    };
    this.events?.publish('alertRaised', {
      id: alert.id,
      ruleId: rule.id,
      ruleName: rule.name,
      kind: rule.kind,
      region: regionCode,
      period,
      message: content.message,
      messageEn: content.messageEn,
      webhook: !!rule.webhook_url,
      at: new Date().toISOString(),
    });
    return alert;
  }

  /**
   * Delivers the webhooks due at `now`: claims them under a lease (skipping those another replica
   * holds), posts each, logs the attempt, and schedules a retry with backoff (or gives up) when it failed.
   */
  async deliverDue(now = new Date()): Promise<number> {
    // looked for first: an UPDATE that changes nothing would still bump the data version (a statement trigger) and drop the response cache
    const { rows: due } = await sql<{ id: number }>`
      select id from alert where webhook_state = 'PENDING' and webhook_next_at <= ${now.toISOString()}::timestamptz limit 1`.execute(
      db(this.em),
    );
    if (!due.length) return 0;
    const { rows } = await sql<{ id: number; rule_id: number; webhook_attempts: number }>`
      update alert set webhook_next_at = ${new Date(now.getTime() + DELIVERY_LEASE_MS).toISOString()}::timestamptz
      where id in (select id from alert where webhook_state = 'PENDING' and webhook_next_at <= ${now.toISOString()}::timestamptz
                   order by webhook_next_at, id limit 20 for update skip locked)
      returning id, rule_id, webhook_attempts`.execute(db(this.em));
    for (const claimed of rows) {
      const { rows: found } = await sql<{
        url: string | null;
        secret: string | null;
        name: string;
        kind: AlertKind;
        region_code: string;
        period: string;
        message: string;
        message_en: string;
        details: string;
        created_at: Date;
      }>`
        select r.webhook_url as url, r.webhook_secret as secret, r.name, r.kind, a.region_code, a.period, a.message, a.message_en, a.details, a.created_at
        from alert a join alert_rule r on r.id = a.rule_id where a.id = ${claimed.id}`.execute(db(this.em));
      const alert = found[0];
      if (!alert?.url || !alert.secret) {
        await sql`update alert set webhook_state = null, webhook_next_at = null where id = ${claimed.id}`.execute(db(this.em));
        continue;
      }
      const region = this.regions.get(alert.region_code)!;
      const body = JSON.stringify({
        type: 'alert.raised',
        alert: {
          id: claimed.id,
          region: { code: region.code, name: region.name, nameEn: region.nameEn },
          period: alert.period,
          message: alert.message,
          messageEn: alert.message_en,
          details: JSON.parse(alert.details),
          createdAt: new Date(alert.created_at).toISOString(),
        },
        rule: { id: claimed.rule_id, name: alert.name, kind: alert.kind },
      });
      const attempt = claimed.webhook_attempts + 1;
      const result = await postWebhook(alert.url, body, alert.secret, { 'x-hexie-delivery': `${claimed.id}-${attempt}` });
      await sql`insert into webhook_attempt (alert_id, rule_id, attempt, url, at, http_status, error, ok, duration_ms)
        values (${claimed.id}, ${claimed.rule_id}, ${attempt}, ${alert.url}, now(), ${result.httpStatus}, ${result.error}, ${result.ok}, ${result.durationMs})`.execute(
        db(this.em),
      );
      const state = result.ok ? 'DELIVERED' : attempt >= webhookSettings.maxAttempts ? 'FAILED' : 'PENDING';
      const next = state === 'PENDING' ? new Date(now.getTime() + webhookSettings.backoffMs * 4 ** (attempt - 1)).toISOString() : null;
      await sql`update alert set webhook_state = ${state}, webhook_attempts = ${attempt}, webhook_next_at = ${next}::timestamptz where id = ${claimed.id}`.execute(
        db(this.em),
      );
    }
    return rows.length;
  }
}
