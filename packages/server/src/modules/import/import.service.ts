import { createHash } from 'node:crypto';
import type { Context } from '../../context.js';
import { bumpDataVersion, db, sql } from '../../db/sql.js';
import { badInput, type Problem } from '../../errors.js';
import { userLabel } from '../audit/audit.service.js';
import { validateObservations, type ValidObservation } from '../observation/observation.validation.js';
import { periodDate, parseReportPeriod } from '../report/report.period.js';
import { ReportService, sortKeys, uniqueKeys, type ReportKey } from '../report/report.service.js';
import { Import, type ImportProblem, type ImportStatus } from './import.entity.js';
import { FileProblem, IMPORT_LIMITS, readImportFile, tooManyRows, type ReadSheet } from './import.file.js';
import { IndicatorNames, periodOf, RegionNames, SheetParser, type Source } from './import.layout.js';

/** Problems listed in a response and kept with the import; all are counted. */
export const MAX_PROBLEMS_LISTED = 1000;

/** Values read before they are checked together (and compared with what is stored). */
const CHECK_BATCH = 10_000;

/** A file's problems: all counted, the rows with any noted, the first MAX_PROBLEMS_LISTED by row kept. */
class ProblemList {
  count = 0;
  readonly rows = new Set<number>();
  private kept: ImportProblem[] = [];

  add(problem: ImportProblem) {
    this.count++;
    if (problem.row !== null) this.rows.add(problem.row);
    this.kept.push(problem);
    if (this.kept.length >= 2 * MAX_PROBLEMS_LISTED) this.trim();
  }

  list(): ImportProblem[] {
    this.trim();
    return this.kept;
  }

  /** Keeps the first by row (the sort is stable: a row's problems stay in the order found). */
  private trim() {
    this.kept.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    this.kept.length = Math.min(this.kept.length, MAX_PROBLEMS_LISTED);
  }
}

export interface ImportRequest {
  fileName: string;
  bytes: Buffer;
  dryRun: boolean;
  submit: boolean;
  sheet?: string | null;
  encoding?: string | null;
  /** The period of a wide sheet without a period column. */
  period?: string | null;
}

export interface ImportResult {
  id: number;
  dryRun: boolean;
  committed: boolean;
  status: ImportStatus;
  fileName: string;
  sha256: string;
  format: 'csv' | 'xlsx' | null;
  layout: 'long' | 'wide' | null;
  sheet: string | null;
  encoding: string | null;
  /** Non-blank data rows. */
  rows: number;
  /** Values found (a wide row holds several). */
  values: number;
  /** Rows without any problem. */
  accepted: number;
  /** Rows with at least one problem. */
  rejected: number;
  /** Values equal to what is stored (not written again). */
  unchanged: number;
  /** The reports the import writes or submits (would, on a dry run). */
  reports: { region: string; period: string }[];
  submitted: { region: string; period: string }[];
  problems: ImportProblem[];
  problemCount: number;
  durationMs: number;
}

const FIELD_NAMES: Record<string, keyof Source['cells']> = {
  region: 'region',
  indicator: 'indicator',
  period: 'period',
  value: 'value',
  note: 'note',
};

/**
 * Imports of CSV and XLSX files: read, checked by the one validator (plus the rules of files),
 * compared with what is stored, and — unless a dry run — written in one transaction through the
 * report service, all or nothing, naming the import in every audit entry.
 */
export class ImportService {
  constructor(private readonly ctx: Pick<Context, 'em' | 'viewer' | 'regions' | 'catalog' | 'loaders' | 'events'>) {}

  async run(request: ImportRequest): Promise<{ result: ImportResult; status: number }> {
    const started = performance.now();
    const user = this.ctx.viewer.require('enterData');
    const sha256 = createHash('sha256').update(request.bytes).digest('hex');
    const fileName = request.fileName.replace(/[\p{Cc}/\\]/gu, '_').slice(0, 255) || 'upload';
    const result: ImportResult = {
      id: 0,
      dryRun: request.dryRun,
      committed: false,
      status: 'CHECKED',
      fileName,
      sha256,
      format: null,
      layout: null,
      sheet: null,
      encoding: null,
      rows: 0,
      values: 0,
      accepted: 0,
      rejected: 0,
      unchanged: 0,
      reports: [],
      submitted: [],
      problems: [],
      problemCount: 0,
      durationMs: 0,
    };
    const finish = async (problems: ProblemList, status: number) => {
      result.problemCount = problems.count;
      result.problems = problems.list();
      result.status = problems.count && !request.dryRun ? 'REJECTED' : 'CHECKED';
      result.durationMs = Math.round(performance.now() - started);
      result.id = await this.record(result, user.id, request);
      return { result, status };
    };
    if (request.period != null && !parseReportPeriod(request.period)) {
      throw badInput(`Invalid period "${request.period.slice(0, 20)}": use a month like 2024-03 or a year like 2024.`);
    }
    const fileProblem = (error: FileProblem) => {
      result.format ??= /\.xlsx?$/i.test(fileName) ? 'xlsx' : 'csv';
      const problems = new ProblemList();
      problems.add({ row: null, column: null, cell: null, value: null, message: error.message, messageZh: error.messageZh });
      return finish(problems, error.status);
    };

    let sheet: ReadSheet;
    try {
      sheet = await readImportFile(request.bytes, fileName, request);
    } catch (error) {
      if (error instanceof FileProblem) return fileProblem(error);
      throw error;
    }
    Object.assign(result, { format: sheet.format, sheet: sheet.sheet, encoding: sheet.encoding });
    const sheetPeriod = sheet.sheet ? periodOf(sheet.sheet) : null;
    const parser = new SheetParser({
      indicators: new IndicatorNames(this.ctx.catalog.all),
      regions: new RegionNames(this.ctx.regions, user.regionCode),
      fallbackPeriod: request.period ?? (sheetPeriod && parseReportPeriod(sheetPeriod) ? sheetPeriod : null),
    });
    const problems = new ProblemList();
    /** Values that differ from what is stored (`index` is their position here), and the row of each. */
    const changed: ValidObservation[] = [];
    const changedRows: number[] = [];
    /** The reports of every valid value (submit=true submits them). */
    const validKeys = new Map<string, ReportKey>();

    // ---- read the rows, and check them in batches with the one validator: the file is never held whole as values
    const check = async () => {
      for (const p of parser.takeProblems()) problems.add(p);
      const { drafts, sources, badValue } = parser.take();
      if (!drafts.length) return;
      result.values += drafts.length;
      const validation = await validateObservations(drafts, this.ctx);
      for (const p of validation.problems) {
        if (badValue.has(p.index) && p.field === 'value') continue; // its own value problem is listed
        const source = sources[p.index];
        const place = source.cells[FIELD_NAMES[p.field] ?? 'value'] ?? source.cells.value!;
        problems.add({ row: source.row, ...place, message: p.message, messageZh: p.messageZh ?? p.message });
      }
      const valid = validation.valid.filter((v) => !badValue.has(v.index));
      // compare with what is stored: unchanged values are not written (they may be in locked reports)
      const stored = await this.storedValues(valid);
      for (const v of valid) {
        validKeys.set(`${v.regionCode}|${v.period.label}`, { regionCode: v.regionCode, period: v.period.label });
        const before = stored.get(key(v));
        if (!parser.hasNotes) v.note = before?.note ?? null; // a file without notes keeps the stored ones
        if (before && before.value === v.value && (before.note ?? null) === (v.note ?? null)) result.unchanged++;
        else {
          changedRows.push(sources[v.index].row);
          v.index = changed.push(v) - 1;
        }
      }
    };
    try {
      for await (const [number, cells] of sheet.rows) {
        parser.add(number, cells);
        if (parser.rows > IMPORT_LIMITS.rows) throw tooManyRows();
        if (parser.pending >= CHECK_BATCH) await check();
      }
    } catch (error) {
      if (error instanceof FileProblem) return fileProblem(error);
      throw error;
    }
    parser.finish();
    await check();
    result.layout = parser.layout;
    result.rows = parser.rows;

    // ---- reports submitted or approved take no changes
    const reports = new ReportService(this.ctx);
    const lockProblem = (p: Problem): ImportProblem => {
      const row = changedRows[p.index];
      return { row, ...parser.periodPlace(row, changed[p.index].period.label), message: p.message, messageZh: p.messageZh ?? p.message };
    };
    const changedKeys = sortKeys(uniqueKeys(changed.map((v) => ({ regionCode: v.regionCode, period: v.period.label }))));
    const states = await reports.reportStates(this.ctx.em, changedKeys, { lock: false });
    for (const p of reports.lockProblems(changed, states)) problems.add(lockProblem(p));
    result.rejected = problems.rows.size;
    result.accepted = Math.max(0, parser.rows - problems.rows.size);
    const allKeys = sortKeys([...validKeys.values()]);
    const submittable = request.submit
      ? await reports.reportStates(this.ctx.em, allKeys, { lock: false }).then((s) =>
          allKeys.filter((k) => {
            const status = s.get(`${k.regionCode}|${k.period}`)?.status ?? 'DRAFT';
            return status === 'DRAFT' || status === 'RETURNED';
          }),
        )
      : [];
    result.reports = toReports(sortKeys(uniqueKeys([...changedKeys, ...submittable])));
    result.submitted = toReports(submittable);
    if (problems.count || request.dryRun) return finish(problems, problems.count && !request.dryRun ? 422 : 200);
    return this.commit(result, changed, allKeys, request, started, user, reports, lockProblem);
  }

  /** Writes the values, the import row and (with submit) the submissions in one transaction. */
  private async commit(
    result: ImportResult,
    changed: ValidObservation[],
    allKeys: ReportKey[],
    request: ImportRequest,
    started: number,
    user: { id: number; name: string; email: string },
    reports: ReportService,
    lockProblem: (p: Problem) => ImportProblem,
  ): Promise<{ result: ImportResult; status: number }> {
    try {
      await reports.transactional(async (tx) => {
        const id = await this.insert(tx, result, user.id, request, 'COMMITTED');
        result.id = id;
        const actor = {
          userId: user.id,
          importId: id,
          label: `import #${id} (${result.fileName.slice(0, 120)}, sha256 ${result.sha256}) by ${userLabel(user)}`.slice(0, 300),
        };
        if (changed.length) await reports.writeIn(tx, changed, actor);
        const submitted = request.submit ? await reports.submitIn(tx, allKeys, user) : [];
        result.submitted = toReports(sortKeys(submitted));
        result.reports = toReports(
          sortKeys(uniqueKeys([...changed.map((v) => ({ regionCode: v.regionCode, period: v.period.label })), ...submitted])),
        );
        result.committed = true;
        result.status = 'COMMITTED';
        result.durationMs = Math.round(performance.now() - started);
        await db(tx)
          .updateTable('import')
          .set({ reports: JSON.stringify(result.reports), duration_ms: result.durationMs })
          .where('id', '=', id)
          .execute();
      });
      return { result, status: 200 };
    } catch (error) {
      // a report locked meanwhile (by an approver or by another import that committed first)
      const problems = (error as { extensions?: { problems?: Problem[] } }).extensions?.problems;
      if (!problems) throw error;
      result.committed = false;
      result.id = 0;
      const list = new ProblemList();
      for (const p of problems) list.add(lockProblem(p));
      result.problemCount = list.count;
      result.problems = list.list();
      result.status = 'REJECTED';
      result.durationMs = Math.round(performance.now() - started);
      result.id = await this.record(result, user.id, request);
      return { result, status: 409 };
    }
  }

  private async storedValues(values: readonly ValidObservation[]): Promise<Map<string, { value: number; note: string | null }>> {
    const stored = new Map<string, { value: number; note: string | null }>();
    for (let i = 0; i < values.length; i += 10_000) {
      const chunk = values.slice(i, i + 10_000);
      const rows = await sql<{ indicator_id: number; region_code: string; period: string; value: number; note: string | null }>`
        select o.indicator_id, o.region_code, to_char(o.period, 'YYYY-MM-DD') as period, o.value, o.note
        from unnest(${chunk.map((v) => v.indicator.id)}::int[], ${chunk.map((v) => v.regionCode)}::varchar[],
                    ${chunk.map((v) => periodDate(v.period))}::date[]) k(indicator_id, region_code, period)
        join observation o on o.indicator_id = k.indicator_id and o.region_code = k.region_code and o.period = k.period`.execute(
        db(this.ctx.em),
      );
      for (const r of rows.rows) stored.set(`${r.indicator_id}|${r.region_code}|${r.period}`, { value: Number(r.value), note: r.note });
    }
    return stored;
  }

  /** Records a dry run or a refused commit (a committed import is recorded inside its transaction). */
  private record(result: ImportResult, userId: number, request: ImportRequest): Promise<number> {
    return this.ctx.em.transactional(async (tx) => {
      const id = await this.insert(tx, result, userId, request, result.status);
      // the response cache answers a query until the data version moves: the list of imports must show this one
      await bumpDataVersion(tx);
      return id;
    });
  }

  private async insert(em: Context['em'], result: ImportResult, userId: number, request: ImportRequest, status: ImportStatus) {
    const row = await db(em)
      .insertInto('import')
      .values({
        user_id: userId,
        file_name: result.fileName,
        sha256: result.sha256,
        size: request.bytes.length,
        format: result.format ?? 'csv',
        layout: result.layout,
        sheet: result.sheet?.slice(0, 128) ?? null,
        dry_run: request.dryRun,
        submit: request.submit,
        status,
        rows: result.rows,
        accepted: result.accepted,
        rejected: result.rejected,
        unchanged: result.unchanged,
        problem_count: result.problemCount,
        problems: JSON.stringify(result.problems),
        reports: JSON.stringify(result.reports),
        duration_ms: result.durationMs,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  /** Imports by users in the caller's scope, newest first. */
  async list(limit: number): Promise<Import[]> {
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw badInput(`limit must be from 1 to 500, got ${limit}.`);
    const root = this.ctx.viewer.scopeRoot('readHistory');
    const rows = await sql<{ id: number }>`
      select i.id from import i join app_user u on u.id = i.user_id
      where u.region_code = ${root} or exists (select 1 from region_ancestor a where a.region_code = u.region_code and a.ancestor_code = ${root})
      order by i.id desc limit ${limit}`.execute(db(this.ctx.em));
    if (!rows.rows.length) return [];
    const found = await this.ctx.em.find(Import, { id: { $in: rows.rows.map((r) => Number(r.id)) } }, { orderBy: { id: 'desc' } });
    return found;
  }

  async get(id: number): Promise<Import | null> {
    const root = this.ctx.viewer.scopeRoot('readHistory');
    const found = await this.ctx.em.findOne(Import, { id });
    if (!found) return null;
    const owner = await this.ctx.loaders.user.load(found.userId);
    return owner && this.ctx.regions.isWithin(owner.regionCode, root) ? found : null;
  }
}

const key = (v: ValidObservation) => `${v.indicator.id}|${v.regionCode}|${periodDate(v.period)}`;
const toReports = (keys: ReportKey[]) => keys.map((k) => ({ region: k.regionCode, period: k.period }));
