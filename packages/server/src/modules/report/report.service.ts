import { LockMode } from '@mikro-orm/core';
import type { Context } from '../../context.js';
import { db, sql } from '../../db/sql.js';
import type { Em } from '../../db/orm.js';
import { badInput, clip, problemsError, type Problem } from '../../errors.js';
import { setActor, userLabel, type Actor } from '../audit/audit.service.js';
import type { Catalog, IndicatorInfo as Indicator } from '../indicator/indicator.catalog.js';
import { validateObservations, type ObservationDraft, type ValidObservation } from '../observation/observation.validation.js';
import { Report, type ReportStatus } from './report.entity.js';
import { parseReportPeriod, periodDate, REPORT_PERIOD_FORMATS, shiftPeriod, type ReportPeriod } from './report.period.js';

/** The most values one saveObservations call may carry (an import writes through the service directly). */
export const MAX_VALUES_PER_SAVE = 10_000;
export const MAX_REASON_LENGTH = 1000;

export interface ReportKey {
  regionCode: string;
  period: string;
}

export interface ReportEntry {
  indicator: Indicator;
  value: number | null;
  note: string | null;
  previousValue: number | null;
  lastYearValue: number | null;
  change: number | null;
  yoy: number | null;
  unusual: string | null;
}

/** Changes larger than these (in %) are flagged for the approver. */
const UNUSUAL_CHANGE = 100;
const UNUSUAL_YOY = 50;

const pct = (value: number | null, base: number | null) =>
  value === null || base === null || base === 0 ? null : ((value - base) / base) * 100;
const signed = (x: number) => `${x > 0 ? '+' : ''}${Math.round(x)} %`;

/**
 * Reports (one region × one period) and their values: entry, submission and approval. Every write
 * runs in one transaction that names its actor for the audit triggers; the status of a report's
 * observations follows the report, so approving adds its values to the roll-ups in the same
 * transaction and unapproving removes them.
 */
export class ReportService {
  constructor(private readonly ctx: Pick<Context, 'em' | 'viewer' | 'regions' | 'catalog' | 'loaders' | 'events'>) {}

  /**
   * Runs `work` in one transaction and, once it has committed, publishes the report and data changes
   * made in it (`submitIn`, `move`): subscribers never hear of a change that was rolled back. Writers
   * that take part in a transaction of their own (an import) run it through here.
   */
  async transactional<T>(work: (tx: Em) => Promise<T>): Promise<T> {
    const changes: ReportChange[] = [];
    const result = await this.em.transactional((tx) => {
      pendingChanges.set(tx, changes);
      return work(tx);
    });
    this.publish(changes);
    return result;
  }

  /** Publishes committed changes: every status change, and a data change when approved values came or went. */
  private publish(changes: readonly ReportChange[]): void {
    const at = new Date().toISOString();
    for (const change of changes) {
      this.ctx.events.publish('reportChanged', {
        region: change.region,
        period: change.period,
        status: change.status,
        previousStatus: change.previousStatus,
        at,
      });
      if (change.indicators.length) {
        this.ctx.events.publish('dataChanged', {
          region: change.region,
          period: change.period,
          indicators: withDerived(this.ctx.catalog, change.indicators),
          at,
        });
      }
    }
  }

  private get em(): Em {
    return this.ctx.em;
  }

  /** Validates and writes values (all or nothing); returns the reports touched. */
  async save(drafts: readonly ObservationDraft[], actor?: Actor): Promise<Report[]> {
    const user = this.ctx.viewer.require('enterData');
    if (drafts.length === 0) throw badInput('No values given: send at least one { region, indicator, period, value }.');
    if (drafts.length > MAX_VALUES_PER_SAVE) {
      throw badInput(`${drafts.length} values in one call; at most ${MAX_VALUES_PER_SAVE} are allowed (use the import for larger files).`);
    }
    const { valid, problems, outOfScope } = await validateObservations(drafts, this.ctx);
    if (problems.length) throw problemsError(problems, outOfScope ? 'FORBIDDEN' : 'BAD_USER_INPUT');
    return this.write(valid, actor ?? { userId: user.id, label: userLabel(user) });
  }

  /** Writes validated values in one transaction, refusing all of them when a report is locked. */
  async write(values: readonly ValidObservation[], actor: Actor): Promise<Report[]> {
    const keys = await this.em.transactional((tx) => this.writeIn(tx, values, actor));
    return this.em.fork().find(Report, { $or: keys.map((key) => ({ regionCode: key.regionCode, period: key.period })) });
  }

  /**
   * The write itself, inside the caller's transaction `tx` (an import adds its own rows to it): names
   * the actor, creates missing reports as DRAFT, locks every report touched (in key order, so two
   * writers of the same reports queue rather than deadlock) and refuses all values when one of them
   * is submitted or approved. Returns the reports' keys.
   */
  async writeIn(tx: Em, values: readonly ValidObservation[], actor: Actor): Promise<ReportKey[]> {
    const keys = sortKeys(uniqueKeys(values.map((v) => ({ regionCode: v.regionCode, period: v.period.label }))));
    await setActor(tx, actor);
    const k = db(tx);
    for (let i = 0; i < keys.length; i += 5000) {
      await k
        .insertInto('report')
        .values(keys.slice(i, i + 5000).map((key) => ({ region_code: key.regionCode, period: key.period })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    const locked = await this.reportStates(tx, keys, { lock: true });
    const problems = this.lockProblems(values, locked);
    if (problems.length) throw problemsError(problems);

    const statusOf = (v: ValidObservation) => (locked.get(`${v.regionCode}|${v.period.label}`)?.status ?? 'DRAFT').toLowerCase();
    const upserts = values.filter((v) => v.value !== null);
    const removals = values.filter((v) => v.value === null);
    // one statement per 20,000 values, the columns as arrays: a statement's triggers (audit, roll-ups) run once for all of them
    for (let i = 0; i < upserts.length; i += 20_000) {
      const chunk = upserts.slice(i, i + 20_000);
      await sql`
        insert into observation (indicator_id, region_code, period, value, note, status, synthetic, updated_by, updated_at)
        select k.indicator_id, k.region_code, k.period, k.value, k.note, k.status, false, ${actor.label.slice(0, 64)}, now()
        from unnest(${chunk.map((v) => v.indicator.id)}::smallint[], ${chunk.map((v) => v.regionCode)}::varchar[],
                    ${chunk.map((v) => periodDate(v.period))}::date[], ${chunk.map((v) => v.value)}::float8[],
                    ${chunk.map((v) => v.note)}::varchar[], ${chunk.map(statusOf)}::varchar[])
          as k(indicator_id, region_code, period, value, note, status)
        on conflict (indicator_id, region_code, period) do update set
          value = excluded.value, note = excluded.note, status = excluded.status, synthetic = false,
          updated_by = excluded.updated_by, updated_at = now()`.execute(k);
    }
    for (const v of removals) {
      await k
        .deleteFrom('observation')
        .where('indicator_id', '=', v.indicator.id)
        .where('region_code', '=', v.regionCode)
        .where('period', '=', sql<string>`${periodDate(v.period)}::date`)
        .execute();
    }
    for (let i = 0; i < keys.length; i += 5000) {
      const chunk = keys.slice(i, i + 5000);
      // arrays, not a list of tuples: PGlite's parser runs out of stack on thousands of them
      await sql`update report r set updated_at = now()
        from unnest(${chunk.map((c) => c.regionCode)}::varchar[], ${chunk.map((c) => c.period)}::varchar[]) k(region_code, period)
        where r.region_code = k.region_code and r.period = k.period`.execute(k);
    }
    return keys;
  }

  /**
   * The status of each report (absent: not started) and who last moved it; with `lock`, the reports
   * stay locked for the rest of the transaction.
   */
  async reportStates(
    em: Em,
    keys: readonly ReportKey[],
    { lock }: { lock: boolean },
  ): Promise<Map<string, { status: ReportStatus; by: string; at: Date | null }>> {
    const states = new Map<string, { status: ReportStatus; by: string; at: Date | null }>();
    for (let i = 0; i < keys.length; i += 5000) {
      const chunk = keys.slice(i, i + 5000);
      const rows = await sql<{ region_code: string; period: string; status: ReportStatus; by: string | null; at: Date | null }>`
        select r.region_code, r.period, r.status,
          case r.status when 'APPROVED' then a.name when 'SUBMITTED' then s.name end as by,
          case r.status when 'APPROVED' then r.approved_at when 'SUBMITTED' then r.submitted_at end as at
        from report r left join app_user a on a.id = r.approved_by left join app_user s on s.id = r.submitted_by
        where (r.region_code, r.period) in (select * from unnest(${chunk.map((c) => c.regionCode)}::varchar[], ${chunk.map((c) => c.period)}::varchar[]))
        order by r.region_code, r.period
        ${lock ? sql`for update of r` : sql``}`.execute(db(em));
      for (const r of rows.rows) states.set(`${r.region_code}|${r.period}`, { status: r.status, by: r.by ?? 'unknown', at: r.at });
    }
    return states;
  }

  /** One problem per value whose report is submitted or approved (such reports take no changes). */
  lockProblems(values: readonly ValidObservation[], states: Map<string, { status: ReportStatus; by: string; at: Date | null }>): Problem[] {
    const problems: Problem[] = [];
    for (const v of values) {
      const report = states.get(`${v.regionCode}|${v.period.label}`);
      const zh = `${this.ctx.regions.label(v.regionCode)} ${v.period.label} 的报表`;
      if (report?.status === 'APPROVED') {
        problems.push({
          index: v.index,
          field: 'period',
          message: `${this.describe(v)} is locked: approved by ${report.by} on ${day(report.at)}.`,
          messageZh: `${zh}已由${report.by}于 ${day(report.at)} 审核通过，已锁定。`,
        });
      } else if (report?.status === 'SUBMITTED') {
        problems.push({
          index: v.index,
          field: 'period',
          message: `${this.describe(v)} was submitted by ${report.by} on ${day(report.at)} and awaits approval: ask an approver to return it first.`,
          messageZh: `${zh}已由${report.by}于 ${day(report.at)} 提交，正在等待审核：请先请审核人退回。`,
        });
      }
    }
    return problems;
  }

  /**
   * Submits the DRAFT or RETURNED reports among `keys` inside the caller's transaction (an import
   * with submit=true): their values become submitted with them. Returns the keys it submitted.
   */
  async submitIn(tx: Em, keys: readonly ReportKey[], user: { id: number }): Promise<ReportKey[]> {
    const changes = changesOf(tx);
    const submitted: ReportKey[] = [];
    for (let i = 0; i < keys.length; i += 5000) {
      const chunk = keys.slice(i, i + 5000);
      // `prior` is read from the statement's snapshot: the status each report had
      const moved = await sql<{ region_code: string; period: string; previous: ReportStatus }>`
        update report r set status = 'SUBMITTED', submitted_by = ${user.id}, submitted_at = now(), updated_at = now(), return_reason = null
        from unnest(${chunk.map((c) => c.regionCode)}::varchar[], ${chunk.map((c) => c.period)}::varchar[]) k(region_code, period)
        join report prior on prior.region_code = k.region_code and prior.period = k.period
        where r.region_code = k.region_code and r.period = k.period and r.status in ('DRAFT', 'RETURNED')
        returning r.region_code, r.period, prior.status as previous`.execute(db(tx));
      changes.push(
        ...moved.rows.map((r) => ({
          region: r.region_code,
          period: r.period,
          status: 'SUBMITTED' as const,
          previousStatus: r.previous,
          indicators: [],
        })),
      );
      if (!moved.rows.length) continue;
      const parsed = moved.rows.map((r) => ({ regionCode: r.region_code, period: parseReportPeriod(r.period)! }));
      await sql`
        update observation o set status = 'submitted'
        from unnest(${parsed.map((p) => p.regionCode)}::varchar[], ${parsed.map((p) => periodDate(p.period))}::date[],
                    ${parsed.map((p) => p.period.frequency)}::varchar[]) k(region_code, period, frequency)
        join indicator i on i.frequency = k.frequency
        where o.indicator_id = i.id and o.region_code = k.region_code and o.period = k.period and o.status <> 'submitted'`.execute(db(tx));
      submitted.push(...moved.rows.map((r) => ({ regionCode: r.region_code, period: r.period })));
    }
    return submitted;
  }

  private describe(v: ValidObservation): string {
    return `The report of ${this.ctx.regions.label(v.regionCode)} for ${v.period.label}`;
  }

  /** A report of a region in the caller's scope; a report nobody started reads as an empty DRAFT. */
  async get(region: string, period: string): Promise<Report> {
    const key = this.checkKey(region, period, 'readPending');
    const found = await this.em.findOne(Report, { regionCode: key.regionCode, period: key.period.label });
    return found ?? this.em.create(Report, { regionCode: key.regionCode, period: key.period.label, status: 'DRAFT' }, { persist: false });
  }

  /** The reports in the caller's scope (or below `region` inside it), oldest submission first. */
  async list(filter: {
    region?: string | null;
    period?: string | null;
    status?: ReportStatus | null;
    limit?: number | null;
  }): Promise<Report[]> {
    if (filter.region !== undefined && filter.region !== null) this.checkRegion(filter.region);
    const root = this.ctx.viewer.scopeRoot('readPending', filter.region);
    if (filter.period != null && !parseReportPeriod(filter.period))
      throw badInput(`Invalid period "${clip(filter.period)}": use ${REPORT_PERIOD_FORMATS}.`);
    const limit = filter.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw badInput(`limit must be from 1 to 1000, got ${limit}.`);
    const k = db(this.em);
    let query = k
      .selectFrom('report as r')
      .select(['r.region_code', 'r.period'])
      .where((eb) =>
        eb.or([
          eb('r.region_code', '=', root),
          eb.exists(
            eb
              .selectFrom('region_ancestor as a')
              .select(sql`1`.as('one'))
              .whereRef('a.region_code', '=', 'r.region_code')
              .where('a.ancestor_code', '=', root),
          ),
        ]),
      );
    if (filter.period) query = query.where('r.period', '=', filter.period);
    if (filter.status) query = query.where('r.status', '=', filter.status);
    const keys = await query
      .orderBy(sql`r.submitted_at asc nulls last`)
      .orderBy('r.updated_at', 'desc')
      .orderBy('r.region_code')
      .limit(limit)
      .execute();
    if (!keys.length) return [];
    const reports = await this.em.find(Report, { $or: keys.map((r) => ({ regionCode: r.region_code, period: r.period })) });
    const order = new Map(keys.map((r, i) => [`${r.region_code}|${r.period}`, i]));
    return reports.sort((a, b) => order.get(`${a.regionCode}|${a.period}`)! - order.get(`${b.regionCode}|${b.period}`)!);
  }

  submit(region: string, period: string) {
    return this.move(region, period, 'enterData', ['DRAFT', 'RETURNED'], 'SUBMITTED');
  }

  approve(region: string, period: string) {
    return this.move(region, period, 'approve', ['SUBMITTED'], 'APPROVED');
  }

  return(region: string, period: string, reason: string) {
    return this.move(region, period, 'approve', ['SUBMITTED'], 'RETURNED', reason);
  }

  unapprove(region: string, period: string, reason: string) {
    return this.move(region, period, 'approve', ['APPROVED'], 'RETURNED', reason);
  }

  /** One status transition, guarded by the expected current status (a concurrent one loses cleanly). */
  private async move(
    region: string,
    period: string,
    action: 'enterData' | 'approve',
    from: ReportStatus[],
    to: ReportStatus,
    reason?: string,
  ) {
    const key = this.checkKey(region, period, action);
    const user = this.ctx.viewer.requireUser();
    const label = `The report of ${this.ctx.regions.label(key.regionCode)} for ${key.period.label}`;
    const why = reason?.trim();
    if (reason !== undefined && (!why || why.length > MAX_REASON_LENGTH)) {
      throw badInput(`Give a reason (1 to ${MAX_REASON_LENGTH} characters): the reporter sees it.`);
    }
    await this.transactional(async (tx) => {
      await setActor(tx, { userId: user.id, label: userLabel(user), reason: why ?? null });
      const current = await tx.findOne(
        Report,
        { regionCode: key.regionCode, period: key.period.label },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (!current) throw badInput(`${label} has not been started: nothing was entered for it.`);
      if (!from.includes(current.status)) {
        throw badInput(`${label} is ${current.status}; only ${from.join(' or ')} reports can become ${to}.`);
      }
      if (to === 'APPROVED' && current.submittedBy === user.id) {
        throw badInput(`You submitted ${label.charAt(0).toLowerCase()}${label.slice(1)}: another approver must approve it.`);
      }
      if (to === 'APPROVED' && (await this.changedValuesSinceReturn(tx, key.regionCode, key.period.label, user.id))) {
        throw badInput(`You changed values of ${label.charAt(0).toLowerCase()}${label.slice(1)}: another approver must approve it.`);
      }
      if (to === 'SUBMITTED') {
        const [{ n }] = await tx.execute<{ n: string }[]>(
          `select count(*) as n from observation o join indicator i on i.id = o.indicator_id
          where o.region_code = ? and hexie_period_label(o.period, i.frequency) = ?`,
          [key.regionCode, key.period.label],
        );
        if (Number(n) === 0) throw badInput(`${label} has no values yet: enter them before submitting.`);
      }
      const now = new Date();
      const changes: Partial<Report> = { status: to, updatedAt: now };
      if (to === 'SUBMITTED') Object.assign(changes, { submittedBy: user.id, submittedAt: now, returnReason: null });
      if (to === 'APPROVED') Object.assign(changes, { approvedBy: user.id, approvedAt: now });
      if (to === 'RETURNED') Object.assign(changes, { returnedBy: user.id, returnedAt: now, returnReason: why });
      await tx.nativeUpdate(Report, { regionCode: key.regionCode, period: key.period.label }, changes);
      // the report's values follow it: approved ones enter the roll-ups, unapproved ones leave them
      const moved = await tx.execute<{ code: string }[]>(
        `update observation o set status = ? from indicator i
         where i.id = o.indicator_id and o.region_code = ? and o.period >= ?::date and o.period < (?::date + interval '1 month' * ?)
           and i.frequency = ? and o.status <> ?
         returning i.code`,
        [
          to.toLowerCase(),
          key.regionCode,
          periodDate(key.period),
          periodDate(key.period),
          key.period.frequency === 'annual' ? 12 : 1,
          key.period.frequency,
          to.toLowerCase(),
        ],
      );
      const publicData = to === 'APPROVED' || current.status === 'APPROVED';
      changesOf(tx).push({
        region: key.regionCode,
        period: key.period.label,
        status: to,
        previousStatus: current.status,
        indicators: publicData ? [...new Set(moved.map((m) => m.code))] : [],
      });
    });
    return this.em.fork().findOneOrFail(Report, { regionCode: key.regionCode, period: key.period.label });
  }

  /** Whether the user wrote a value of the report since it was last returned (or ever): they may not approve it. */
  private async changedValuesSinceReturn(tx: Em, regionCode: string, period: string, userId: number): Promise<boolean> {
    const rows = await tx.execute<unknown[]>(
      `select 1 from audit_entry e
       where e.region_code = ? and e.period = ? and e.user_id = ? and e.action in ('CREATE', 'UPDATE', 'DELETE')
         and e.id > coalesce((select max(r.id) from audit_entry r where r.region_code = ? and r.period = ? and r.action in ('RETURN', 'UNAPPROVE')), 0)
       limit 1`,
      [regionCode, period, userId, regionCode, period],
    );
    return rows.length > 0;
  }

  /** One entry per indicator the region reports in the period, with last period's and last year's values. */
  async entries(report: Report): Promise<ReportEntry[]> {
    const period = parseReportPeriod(report.period)!;
    const region = this.ctx.regions.get(report.regionCode)!;
    const indicators = this.ctx.catalog.all.filter(
      (i) => i.aggregation !== 'ratio' && i.reportingLevel === region.level && i.frequency === period.frequency,
    );
    if (!indicators.length) return [];
    const previous = shiftPeriod(period, period.frequency === 'annual' ? 12 : 1);
    const lastYear = shiftPeriod(period, 12);
    const dates = [periodDate(period), periodDate(previous), periodDate(lastYear)];
    // batched: a queue of reports reads all their cells in one statement
    const [now, before, yearAgo] = await Promise.all(dates.map((date) => this.ctx.loaders.cells.load(`${report.regionCode}|${date}`)));
    const valueOf = (cells: Map<number, { value: number }>, id: number) => (cells.has(id) ? cells.get(id)!.value : null);
    return indicators.map((indicator) => {
      const own = now.get(indicator.id);
      const value = own ? own.value : null;
      const previousValue = valueOf(before, indicator.id);
      const lastYearValue = valueOf(yearAgo, indicator.id);
      const change = pct(value, previousValue);
      const yoy = pct(value, lastYearValue);
      const reasons = [
        ...(change !== null && Math.abs(change) >= UNUSUAL_CHANGE ? [`${signed(change)} on ${previous.label}`] : []),
        ...(yoy !== null && Math.abs(yoy) >= UNUSUAL_YOY && period.frequency === 'monthly' ? [`${signed(yoy)} on ${lastYear.label}`] : []),
      ];
      return {
        indicator,
        value,
        note: own?.note ?? null,
        previousValue,
        lastYearValue,
        change,
        yoy,
        unusual: reasons.length ? reasons.join('; ') : null,
      };
    });
  }

  /** Validates a region and report period, and that the caller may do `action` there. */
  checkKey(
    region: string,
    period: string,
    action: 'readPending' | 'enterData' | 'approve' | 'readHistory',
  ): { regionCode: string; period: ReportPeriod } {
    this.checkRegion(region);
    const parsed = parseReportPeriod(period);
    if (!parsed) throw badInput(`Invalid period "${clip(period)}": use ${REPORT_PERIOD_FORMATS}.`);
    this.ctx.viewer.require(action, region);
    return { regionCode: region, period: parsed };
  }

  private checkRegion(region: string): void {
    if (!this.ctx.regions.get(region))
      throw badInput(`Unknown region code "${clip(region)}": use a six-digit GB/T 2260 code such as 510114.`);
  }
}

/** A report's status change inside a transaction, published once it commits; `indicators`: approved values that came or went. */
interface ReportChange {
  region: string;
  period: string;
  status: ReportStatus;
  previousStatus: ReportStatus | null;
  indicators: string[];
}

const pendingChanges = new WeakMap<Em, ReportChange[]>();

/** The changes list of a transaction begun by `ReportService.transactional` (a status written elsewhere would go unannounced). */
function changesOf(tx: Em): ReportChange[] {
  const changes = pendingChanges.get(tx);
  if (!changes)
    throw new Error('Report statuses change only inside ReportService.transactional: its subscribers are told after the commit.');
  return changes;
}

/** `codes` and the ratio indicators computed from any of them, in catalog order. */
export function withDerived(catalog: Catalog, codes: readonly string[]): string[] {
  const ids = new Set(codes.map((c) => catalog.byCode.get(c)?.id));
  return catalog.all
    .filter(
      (i) => ids.has(i.id) || (i.numeratorId !== null && ids.has(i.numeratorId)) || (i.denominatorId !== null && ids.has(i.denominatorId)),
    )
    .map((i) => i.code);
}

/** Keys in one order for every writer (locks taken in this order cannot deadlock each other). */
export const sortKeys = (keys: ReportKey[]): ReportKey[] =>
  keys.sort((a, b) =>
    a.regionCode === b.regionCode ? (a.period < b.period ? -1 : a.period > b.period ? 1 : 0) : a.regionCode < b.regionCode ? -1 : 1,
  );

export function uniqueKeys(keys: ReportKey[]): ReportKey[] {
  const unique = new Map(keys.map((k) => [`${k.regionCode}|${k.period}`, k]));
  return [...unique.values()];
}

const day = (at: Date | null) => (at ? new Date(at).toISOString().slice(0, 10) : 'an unknown date');
