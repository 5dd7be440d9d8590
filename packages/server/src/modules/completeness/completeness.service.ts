import type { Context } from '../../context.js';
import { db, sql } from '../../db/sql.js';
import { badInput, clip } from '../../errors.js';
import { monthOf, yearOf } from '../aggregate/period.js';
import type { Catalog } from '../indicator/indicator.catalog.js';
import type { RegionLevel } from '../region/region.entity.js';
import type { ReportStatus } from '../report/report.entity.js';
import { currentMonth, parseReportPeriod, REPORT_PERIOD_FORMATS, type ReportPeriod } from '../report/report.period.js';
import { periodLabel } from '../aggregate/period.js';

/** China Standard Time has no daylight saving: deadlines end at midnight UTC+8. */
const CHINA_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/**
 * When the reports of `period` are due, per reporting level: the levels that report the period
 * (those with a stored indicator of its frequency) and, for each, the end of the earliest deadline
 * among the indicators its report holds (a report is submitted whole, so its first-due indicator decides).
 */
export function reportDeadlines(catalog: Catalog, period: ReportPeriod): Map<RegionLevel, Date> {
  const lastMonth = period.first + (period.frequency === 'annual' ? 11 : 0);
  const after = lastMonth + 1;
  const dues = new Map<RegionLevel, Date>();
  for (const indicator of catalog.all) {
    if (indicator.aggregation === 'ratio' || indicator.frequency !== period.frequency) continue;
    // the end of day `deadlineDays` after the period = the start of the next day, China time
    const due = new Date(Date.UTC(yearOf(after), monthOf(after) - 1, 1) + indicator.deadlineDays * DAY_MS - CHINA_OFFSET_MS);
    const known = dues.get(indicator.reportingLevel);
    if (!known || due < known) dues.set(indicator.reportingLevel, due);
  }
  return dues;
}

/** Whether a reporting deadline of any period fell in (`from`, `to`]: reports became late then. */
export function deadlinePassed(catalog: Catalog, from: Date, to: Date): boolean {
  // deadlines fall at most 366 days after their period
  const months: ReportPeriod[] = [];
  for (let m = currentMonth(from) - 13; m <= currentMonth(to); m++) months.push(parseReportPeriod(periodLabel(m, 'MONTH'))!);
  for (let y = yearOf(currentMonth(from)) - 2; y <= yearOf(currentMonth(to)); y++) months.push(parseReportPeriod(String(y))!);
  return months.some((period) => [...reportDeadlines(catalog, period).values()].some((due) => due > from && due <= to));
}

export interface CompletenessResult {
  regionCode: string;
  period: string;
  /** The earliest deadline among the reporting units (null when none reports the period). */
  deadline: Date | null;
  expected: number;
  approved: number;
  /** Null when the caller may not see reports that are not approved (pending states are not public). */
  submitted: number | null;
  late: number | null;
  /** What `units` needs to list the reporting units. */
  scope: CompletenessScope;
}

export interface CompletenessScope {
  root: string;
  period: string;
  levels: RegionLevel[];
  dues: Date[];
  pendingVisible: boolean;
  now: Date;
}

export interface CompletenessUnit {
  regionCode: string;
  deadline: Date;
  status: ReportStatus | null;
  approved: boolean;
  submittedAt: Date | null;
  approvedAt: Date | null;
  late: boolean | null;
}

/** The reporting units of the scope: the regions at a reporting level, `root` and below it, with their report. */
const units = (s: CompletenessScope) => sql`
  from region r
  join unnest(${s.levels}::varchar[], ${s.dues.map((d) => d.toISOString())}::timestamptz[]) d(level, due) on d.level = r.level
  left join report p on p.region_code = r.code and p.period = ${s.period}
  where r.code = ${s.root} or exists (select 1 from region_ancestor a where a.region_code = r.code and a.ancestor_code = ${s.root})`;

/** Not submitted (or submitted again only) after the deadline; reports approved without a submission (loaded data) are on time. */
const lateSql = (s: CompletenessScope) =>
  sql`(d.due < ${s.now.toISOString()}::timestamptz and (p.status is null or p.status not in ('SUBMITTED', 'APPROVED') or p.submitted_at > d.due))`;

/**
 * Reporting completeness (填报率): of the regions that report a period below a region, how many
 * have submitted, how many are approved and how many are late. Anyone sees the approved count; the
 * submitted and late counts and the pending statuses are for those who may read pending values there.
 */
export class CompletenessService {
  constructor(private readonly ctx: Pick<Context, 'em' | 'viewer' | 'regions' | 'catalog'>) {}

  async completeness(region: string, period: string, now = new Date()): Promise<CompletenessResult> {
    if (!this.ctx.regions.get(region))
      throw badInput(
        `Unknown region code "${clip(region)}": use a six-digit GB/T 2260 code such as 510100 (成都市); 100000 is the nation.`,
      );
    const parsed = parseReportPeriod(period);
    if (!parsed) throw badInput(`Invalid period "${clip(period)}": use ${REPORT_PERIOD_FORMATS}.`);
    const dues = reportDeadlines(this.ctx.catalog, parsed);
    const scope: CompletenessScope = {
      root: region,
      period: parsed.label,
      levels: [...dues.keys()],
      dues: [...dues.values()],
      pendingVisible: this.ctx.viewer.can('readPending', region),
      now,
    };
    const counts = await this.counts(scope);
    const deadline = scope.dues.length ? new Date(Math.min(...scope.dues.map((d) => d.getTime()))) : null;
    return {
      regionCode: region,
      period: parsed.label,
      deadline,
      expected: counts.expected,
      approved: counts.approved,
      submitted: scope.pendingVisible ? counts.submitted : null,
      late: scope.pendingVisible ? counts.late : null,
      scope,
    };
  }

  /** The counts of a scope, whatever the caller may see (the alert checks use them too). */
  async counts(scope: CompletenessScope): Promise<{ expected: number; submitted: number; approved: number; late: number }> {
    if (!scope.levels.length) return { expected: 0, submitted: 0, approved: 0, late: 0 };
    const { rows } = await sql<{ expected: number; submitted: number; approved: number; late: number }>`
      select count(*)::int as expected,
        count(*) filter (where p.status in ('SUBMITTED', 'APPROVED'))::int as submitted,
        count(*) filter (where p.status = 'APPROVED')::int as approved,
        count(*) filter (where ${lateSql(scope)})::int as late
      ${units(scope)}`.execute(db(this.ctx.em));
    return rows[0];
  }

  /** The reporting units, those needing attention first (for the public: not yet approved first), then by code. */
  async units(scope: CompletenessScope, limit: number): Promise<CompletenessUnit[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 5000) throw badInput(`limit must be from 1 to 5000, got ${limit}.`);
    if (!scope.levels.length) return [];
    const rank = scope.pendingVisible
      ? sql`case when ${lateSql(scope)} then 0 when p.status is null or p.status not in ('SUBMITTED', 'APPROVED') then 1 when p.status = 'SUBMITTED' then 2 else 3 end`
      : sql`case when p.status = 'APPROVED' then 1 else 0 end`;
    const { rows } = await sql<{
      code: string;
      due: Date;
      status: ReportStatus | null;
      submitted_at: Date | null;
      approved_at: Date | null;
      late: boolean;
    }>`
      select r.code, d.due, p.status, p.submitted_at, p.approved_at, ${lateSql(scope)} as late
      ${units(scope)}
      order by ${rank}, r.code
      limit ${limit}`.execute(db(this.ctx.em));
    return rows.map((r) => {
      const approved = r.status === 'APPROVED';
      return {
        regionCode: r.code,
        deadline: new Date(r.due),
        status: scope.pendingVisible ? (r.status ?? 'DRAFT') : approved ? 'APPROVED' : null,
        approved,
        submittedAt: scope.pendingVisible && r.submitted_at ? new Date(r.submitted_at) : null,
        approvedAt: approved && r.approved_at ? new Date(r.approved_at) : null,
        late: scope.pendingVisible ? !!r.late : null,
      };
    });
  }
}
