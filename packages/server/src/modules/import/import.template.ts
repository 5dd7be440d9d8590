import ExcelJS from 'exceljs';
import type { Context } from '../../context.js';
import { db, sql } from '../../db/sql.js';
import { badInput, clip } from '../../errors.js';
import type { IndicatorInfo as Indicator } from '../indicator/indicator.catalog.js';
import { currentMonth, parseReportPeriod, periodDate, REPORT_PERIOD_FORMATS, type ReportPeriod } from '../report/report.period.js';
import { periodLabel } from '../aggregate/period.js';

const LEVEL_ORDER = { NATION: 0, PROVINCE: 1, CITY: 2, COUNTY: 3 } as const;

export interface Template {
  period: ReportPeriod;
  indicators: Indicator[];
  /** The regions that report any of the indicators, in the caller's subtree, by code. */
  regions: { code: string; name: string; level: keyof typeof LEVEL_ORDER }[];
  /** Stored values (any status): `${region}|${indicatorId}` → value. */
  values: Map<string, number>;
}

/**
 * The wide template for `region` (default: the caller's scope) and `period` (default: last month):
 * one row per region that reports, one column per indicator of the period's frequency, pre-filled
 * with the values stored so far, so that it is also an export that imports back unchanged.
 */
export async function buildTemplate(
  ctx: Pick<Context, 'em' | 'viewer' | 'regions' | 'catalog' | 'loaders'>,
  query: { region?: string; period?: string },
) {
  const user = ctx.viewer.require('enterData');
  const root = query.region || user.regionCode;
  if (!ctx.regions.get(root)) throw badInput(`Unknown region code "${clip(root)}": use a six-digit GB/T 2260 code such as 510114.`);
  ctx.viewer.require('enterData', root);
  const label = query.period || periodLabel(currentMonth() - 1, 'MONTH');
  const period = parseReportPeriod(label);
  if (!period) throw badInput(`Invalid period "${clip(label)}": use ${REPORT_PERIOD_FORMATS}.`);

  const indicators = ctx.catalog.all.filter((i) => i.aggregation !== 'ratio' && i.frequency === period.frequency);
  const levels = new Set(indicators.map((i) => i.reportingLevel));
  const regions = [...ctx.regions.all]
    .filter((r) => levels.has(r.level) && ctx.regions.isWithin(r.code, root))
    .sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level] || a.code.localeCompare(b.code))
    .map((r) => ({ code: r.code, name: r.name, level: r.level }));
  const rows = await sql<{ region_code: string; indicator_id: number; value: number }>`
    select o.region_code, o.indicator_id, o.value from observation o
    where o.period = ${periodDate(period)}::date and o.indicator_id in (${sql.join(indicators.map((i) => i.id))})
      and (o.region_code = ${root} or exists (select 1 from region_ancestor a where a.region_code = o.region_code and a.ancestor_code = ${root}))`.execute(
    db(ctx.em),
  );
  const values = new Map(rows.rows.map((r) => [`${r.region_code}|${r.indicator_id}`, Number(r.value)]));
  return { period, indicators, regions, values, root } satisfies Template & { root: string };
}

const header = (i: Indicator) => `${i.name}（${i.unit}）`;

/** The template as CSV: UTF-8 with a BOM (Excel opens it), units in the header's brackets. */
export function templateCsv(t: Template): string {
  const cell = (v: string | number) => (/[",\r\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = [['地区代码', '地区', '期间', ...t.indicators.map(header)].map(cell).join(',')];
  for (const r of t.regions) {
    const values = t.indicators.map((i) => (i.reportingLevel === r.level ? (t.values.get(`${r.code}|${i.id}`) ?? '') : ''));
    lines.push([r.code, r.name, t.period.label, ...values].map(cell).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/**
 * The template as XLSX: a sheet named after the period, Chinese names in the header with the unit,
 * code and reporting level in each header cell's note, cells of indicators a region does not report
 * greyed out, codes and the period stored as text (so Excel does not turn 2024-03 into a date).
 */
export async function templateXlsx(t: Template): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Hexie';
  const sheet = workbook.addWorksheet(t.period.label, { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  sheet.columns = [
    { header: '地区代码', key: 'code', width: 10 },
    { header: '地区', key: 'name', width: 14 },
    { header: '期间', key: 'period', width: 9 },
    ...t.indicators.map((i) => ({ header: i.name, key: i.code, width: Math.max(10, i.name.length * 2 + 2) })),
  ];
  const head = sheet.getRow(1);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  t.indicators.forEach((i, n) => {
    head.getCell(n + 4).note =
      `单位：${i.unit}\n指标代码：${i.code}\n${i.nameEn}（${i.unit}）\n填报层级：${{ NATION: '全国', PROVINCE: '省', CITY: '市', COUNTY: '县' }[i.reportingLevel]}`;
  });
  head.getCell(1).note = '六位行政区划代码（GB/T 2260）';
  head.getCell(3).note = `期间：${t.period.frequency === 'annual' ? '年份，如 2024' : '月份，如 2024-03'}（文本）`;
  const grey: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE5E7EB' } };
  for (const r of t.regions) {
    const row = sheet.addRow([
      r.code,
      r.name,
      t.period.label,
      ...t.indicators.map((i) => (i.reportingLevel === r.level ? (t.values.get(`${r.code}|${i.id}`) ?? null) : null)),
    ]);
    for (const c of [1, 3]) row.getCell(c).numFmt = '@';
    t.indicators.forEach((i, n) => {
      if (i.reportingLevel !== r.level) row.getCell(n + 4).fill = grey;
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
