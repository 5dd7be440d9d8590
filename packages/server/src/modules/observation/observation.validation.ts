import type { Viewer } from '../../auth/viewer.js';
import { clip, type Problem } from '../../errors.js';
import type { Catalog, IndicatorInfo as Indicator } from '../indicator/indicator.catalog.js';
import type { RegionTree } from '../region/region.tree.js';
import { currentMonth, parseReportPeriod, REPORT_PERIOD_FORMATS, type ReportPeriod } from '../report/report.period.js';

/** One value as a writer (data entry or import) hands it over. */
export interface ObservationDraft {
  region: string;
  indicator: string;
  period: string;
  /** null removes the value. */
  value: number | null;
  note?: string | null;
}

export interface ValidObservation {
  index: number;
  regionCode: string;
  indicator: Indicator;
  period: ReportPeriod;
  value: number | null;
  note: string | null;
}

export interface Validation {
  valid: ValidObservation[];
  problems: Problem[];
  /** True when a problem is a region outside the caller's scope (FORBIDDEN rather than BAD_USER_INPUT). */
  outOfScope: boolean;
}

export const MAX_NOTE_LENGTH = 500;

/** Units that count things: their values are whole numbers. Money and percentages are not. */
const FRACTIONAL_UNITS = new Set(['元', '万元', '%', '元/人']);
export const countsThings = (indicator: Indicator): boolean => !FRACTIONAL_UNITS.has(indicator.unit);

const LEVEL_ZH = { NATION: '全国', PROVINCE: '省级', CITY: '市级', COUNTY: '县级' } as const;
const LEVEL_EN = { NATION: 'the nation', PROVINCE: 'provinces', CITY: 'cities', COUNTY: 'counties' } as const;

/**
 * The one validation of written values, shared by data entry and import: every rule, every value,
 * all problems at once (`index` is the value's position). Whether a report is locked is checked
 * where the write happens, inside its transaction (see ReportService.lockReports).
 */
export async function validateObservations(
  drafts: readonly ObservationDraft[],
  { viewer, regions, catalog }: { viewer: Viewer; regions: RegionTree; catalog: Catalog },
  now = new Date(),
): Promise<Validation> {
  const problems: Problem[] = [];
  const valid: ValidObservation[] = [];
  let outOfScope = false;
  const seen = new Map<string, number>();
  const stored = catalog.all.filter((i) => i.aggregation !== 'ratio');
  const thisMonth = currentMonth(now); // once: formatting the date is the costliest step of a large import

  for (const [index, draft] of drafts.entries()) {
    const before = problems.length;
    const problem = (field: string, message: string, messageZh: string) => problems.push({ index, field, message, messageZh });

    const region = regions.get(draft.region);
    if (!region)
      problem(
        'region',
        `Unknown region code "${clip(draft.region)}": use a six-digit GB/T 2260 code such as 510114.`,
        `未知的地区代码“${clip(draft.region)}”：请填六位行政区划代码（GB/T 2260），如 510114。`,
      );

    const indicator = catalog.byCode.get(draft.indicator) ?? null;
    if (!indicator) {
      problem(
        'indicator',
        `Unknown indicator "${clip(draft.indicator)}". Indicators that are entered: ${stored.map((i) => i.code).join(', ')}.`,
        `未知的指标“${clip(draft.indicator)}”。可填报的指标：${stored.map((i) => `${i.name}（${i.code}）`).join('、')}。`,
      );
    } else if (indicator.aggregation === 'ratio') {
      const [num, den] = await Promise.all([
        catalog.byId.get(indicator.numeratorId!) ?? null,
        catalog.byId.get(indicator.denominatorId!) ?? null,
      ]);
      problem(
        'indicator',
        `"${indicator.code}" is computed (${num?.code} / ${den?.code}), not entered: enter ${num?.code} and ${den?.code} instead.`,
        `“${indicator.name}”由“${num?.name}”和“${den?.name}”计算得出，不能直接填报：请填报这两项。`,
      );
    } else if (region && region.level !== indicator.reportingLevel) {
      problem(
        'region',
        `"${indicator.code}" is reported by ${LEVEL_EN[indicator.reportingLevel]} (${LEVEL_ZH[indicator.reportingLevel]}); ${regions.label(region.code)} is not one of them.`,
        `“${indicator.name}”由${LEVEL_ZH[indicator.reportingLevel]}地区填报，${regions.label(region.code)}不是${LEVEL_ZH[indicator.reportingLevel]}地区。`,
      );
    }

    const period = parseReportPeriod(draft.period);
    if (!period) {
      problem(
        'period',
        `Invalid period "${clip(draft.period)}": use ${REPORT_PERIOD_FORMATS}.`,
        `期间“${clip(draft.period)}”无效：月度指标填月份（如 2024-03），年度指标填年份（如 2024）。`,
      );
    } else if (indicator && indicator.aggregation !== 'ratio' && period.frequency !== indicator.frequency) {
      problem(
        'period',
        indicator.frequency === 'annual'
          ? `"${indicator.code}" is reported once a year: give a year like ${draft.period.slice(0, 4)}, not "${clip(draft.period)}".`
          : `"${indicator.code}" is reported monthly: give a month like ${draft.period.slice(0, 4)}-01, not "${clip(draft.period)}".`,
        indicator.frequency === 'annual'
          ? `“${indicator.name}”按年填报：期间应为年份（如 ${draft.period.slice(0, 4)}），而不是“${clip(draft.period)}”。`
          : `“${indicator.name}”按月填报：期间应为月份（如 ${draft.period.slice(0, 4)}-01），而不是“${clip(draft.period)}”。`,
      );
    } else if (period.first > thisMonth) {
      problem(
        'period',
        `${draft.period} is in the future: values can be entered once the period has begun.`,
        `${draft.period} 尚未开始：期间开始后才能填报。`,
      );
    }

    const value = draft.value;
    if (value !== null) {
      if (typeof value !== 'number' || !Number.isFinite(value)) problem('value', 'The value must be a finite number.', '数值必须是数字。');
      else if (value < 0)
        problem(
          'value',
          `The value ${value} is negative; values are counts or amounts, 0 or more.`,
          `数值 ${value} 是负数：应为 0 或正数。`,
        );
      else if (indicator && countsThings(indicator) && !Number.isInteger(value)) {
        problem(
          'value',
          `"${indicator.code}" counts ${indicator.unit}: the value must be a whole number, got ${value}.`,
          `“${indicator.name}”以“${indicator.unit}”计数，应为整数，而不是 ${value}。`,
        );
      } else if (value > 1e15) problem('value', `The value ${value} is too large (at most 10^15).`, `数值 ${value} 过大（最多 10^15）。`);
    }

    const note = draft.note?.trim() || null;
    if (note && note.length > MAX_NOTE_LENGTH)
      problem(
        'note',
        `The note has ${note.length} characters; at most ${MAX_NOTE_LENGTH} are allowed.`,
        `备注有 ${note.length} 个字符，最多 ${MAX_NOTE_LENGTH} 个。`,
      );
    else if (note && /[\p{Cc}]/u.test(note.replace(/[\n\t]/g, '')))
      problem('note', 'The note contains control characters.', '备注含有控制字符。');

    if (region && viewer.user && !viewer.can('enterData', region.code)) {
      problem(
        'region',
        viewer.outOfScope(region.code),
        `${regions.label(region.code)}不在您的范围内：您的范围是${regions.label(viewer.user.regionCode)}及其下级地区。`,
      );
      outOfScope = true;
    }

    if (region && indicator && period) {
      const key = `${region.code}|${indicator.code}|${period.label}`;
      const first = seen.get(key);
      if (first !== undefined)
        problem(
          'indicator',
          `${regions.label(region.code)} ${indicator.code} ${period.label} appears twice (first at #${first}).`,
          `${regions.label(region.code)} ${indicator.name} ${period.label} 出现了两次（第一次在 #${first}）。`,
        );
      else seen.set(key, index);
    }

    if (problems.length === before) valid.push({ index, regionCode: region!.code, indicator: indicator!, period: period!, value, note });
  }
  return { valid, problems, outOfScope };
}
