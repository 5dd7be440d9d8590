import type { IndicatorInfo as Indicator } from '../indicator/indicator.catalog.js';
import type { ObservationDraft } from '../observation/observation.validation.js';
import { countsThings } from '../observation/observation.validation.js';
import type { RegionInfo, RegionTree } from '../region/region.tree.js';
import type { ImportProblem } from './import.entity.js';
import type { CellValue } from './import.file.js';

/** The columns a file may have besides one column per indicator (wide layout). */
export type Field = 'region' | 'regionName' | 'indicator' | 'indicatorName' | 'period' | 'value' | 'note' | 'ignored';

/** Accepted headers, compared after normalising (see `normalise`): Chinese and English. */
const HEADERS: Record<Field, string[]> = {
  region: ['地区代码', '区划代码', '行政区划代码', '地区编码', '代码', 'region', 'regioncode', 'code'],
  regionName: ['地区', '地区名称', '区划名称', '地区名', 'regionname', 'name'],
  indicator: ['指标代码', '指标编码', 'indicator', 'indicatorcode'],
  indicatorName: ['指标', '指标名称', 'indicatorname'],
  period: ['期间', '时期', '月份', '报告期', '统计期', 'period', 'month'],
  value: ['数值', '值', '数据', 'value'],
  note: ['备注', '说明', 'note', 'notes', 'remark'],
  // columns the dashboard's exports carry that an import does not need
  ignored: ['排名', 'rank', '单位', 'unit'],
};

/** Lower case, half-width (NFKC), without spaces, underscores and hyphens. */
export const normalise = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-‐]+/g, '');

const FIELD_BY_HEADER = new Map<string, Field>(
  (Object.entries(HEADERS) as [Field, string[]][]).flatMap(([field, names]) => names.map((n) => [normalise(n), field] as const)),
);

/** Spreadsheet column letters: 0 → A, 26 → AA. */
export const columnLetter = (index: number): string => {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** A cell as text, the way the problem table quotes it. */
export function cellText(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value).trim();
}

/** A cell as a problem names it. */
export interface Place {
  column: string;
  cell: string | null;
  value: string;
}

/** Where a draft's fields came from, so a problem of a field points at its cell. */
export interface Source {
  row: number;
  cells: Partial<Record<'region' | 'indicator' | 'period' | 'value' | 'note', Place>>;
}

export interface Parsed {
  layout: 'long' | 'wide' | null;
  /** Non-blank data rows. */
  rows: number;
  drafts: ObservationDraft[];
  sources: Source[];
  /** Problems found while reading (headers, names, values, duplicates). */
  problems: ImportProblem[];
  /** Drafts (by index) with a value problem of their own: validated for their other fields only. */
  badValue: Set<number>;
  /** True when the file has a note column (else stored notes are kept). */
  hasNotes: boolean;
}

/** Parses a period as people and Excel write it: 2024-03, 2024/3, 2024.03, 2024年3月, 202403, a date cell, a year. */
export function periodOf(value: CellValue): string | null {
  if (value === null) return null;
  if (value instanceof Date) return `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}`;
  const text = String(value).normalize('NFKC').trim();
  let m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:月)?(?:\s*[-/.]\s*\d{1,2}\s*日?|\s*\d{1,2}日)?(?:[ T]00:00(?::00)?)?$/.exec(text);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2].padStart(2, '0')}`;
  m = /^(\d{4})(0[1-9]|1[0-2])$/.exec(text);
  if (m) return `${m[1]}-${m[2]}`;
  m = /^(\d{4})\s*年?$/.exec(text);
  if (m) return m[1];
  return text;
}

type ValueResult = { value: number } | { problem: { message: string; messageZh: string } };

/**
 * A value cell as a number: thousands separators accepted (1,234), text refused (12件), a percentage
 * refused for an indicator that counts things.
 */
export function parseValue(raw: CellValue, indicator: Indicator | null): ValueResult {
  const what = indicator ? `“${indicator.name}”` : '';
  if (typeof raw === 'number') return { value: raw };
  if (raw instanceof Date) {
    return {
      problem: {
        message: `The cell holds a date (${cellText(raw)}), not a number: format the column as numbers.`,
        messageZh: `单元格是日期（${cellText(raw)}），不是数字：请把该列设为数值格式。`,
      },
    };
  }
  if (typeof raw === 'boolean') {
    return { problem: { message: `"${raw}" is not a number.`, messageZh: `“${raw}”不是数字。` } };
  }
  const text = String(raw).normalize('NFKC').trim();
  if (/^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/.test(text)) return { value: Number(text.replace(/,/g, '')) };
  if (/^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?\s*%$/.test(text)) {
    if (indicator && !countsThings(indicator) && indicator.unit === '%') return { value: Number(text.replace(/[,%\s]/g, '')) };
    const unit = indicator ? `${indicator.unit}` : '';
    return {
      problem: {
        message: `"${text}" is a percentage, but ${indicator ? `"${indicator.code}" counts ${unit}` : 'the indicator is not a percentage'}: give the number itself.`,
        messageZh: `“${text}”是百分比，但${what || '该指标'}${unit ? `以“${unit}”计数` : '不是百分比'}：请填写数量本身。`,
      },
    };
  }
  const number = /^[+-]?[\d,]*\.?\d+/.exec(text)?.[0];
  if (number && text.length > number.length) {
    const rest = text.slice(number.length).trim();
    return {
      problem: {
        message: `"${text}" has text in it ("${rest}"): give the number alone${indicator ? ` (the unit, ${indicator.unit}, is implied)` : ''}.`,
        messageZh: `“${text}”中含有文字（“${rest}”）：只填数字${indicator ? `，单位“${indicator.unit}”不用写` : ''}。`,
      },
    };
  }
  return {
    problem: {
      message: `"${text.slice(0, 40)}" is not a number: give digits only (thousands separators like 1,234 are fine).`,
      messageZh: `“${text.slice(0, 40)}”不是数字：只填数字（可以用 1,234 这样的千分位）。`,
    },
  };
}

/** Finds indicators by code, Chinese or English name, with or without a unit in brackets ("发布岗位 (个)"). */
export class IndicatorNames {
  private readonly byName = new Map<string, Indicator>();

  constructor(indicators: readonly Indicator[]) {
    for (const i of indicators) {
      for (const name of [i.code, i.name, i.nameEn]) if (name) this.byName.set(normalise(name), i);
    }
  }

  find(text: string): Indicator | null {
    const key = normalise(text);
    const plain = key.replace(/\([^()]*\)$/, '');
    return this.byName.get(key) ?? this.byName.get(plain) ?? null;
  }
}

/** Finds regions in the caller's scope by Chinese or English name; ambiguous names are reported, not guessed. */
export class RegionNames {
  private readonly byName = new Map<string, RegionInfo[]>();

  constructor(
    private readonly regions: RegionTree,
    scopeRoot: string | null,
  ) {
    for (const r of regions.all) {
      if (scopeRoot && !regions.isWithin(r.code, scopeRoot)) continue;
      for (const name of [r.name, r.nameEn]) {
        if (!name) continue;
        const key = normalise(name);
        const list = this.byName.get(key) ?? [];
        if (!list.includes(r)) list.push(r);
        this.byName.set(key, list);
      }
    }
  }

  find(name: string): { code: string } | { problem: { message: string; messageZh: string } } {
    const found = this.byName.get(normalise(name)) ?? [];
    if (found.length === 1) return { code: found[0].code };
    if (found.length === 0) {
      return {
        problem: {
          message: `No region in your scope is called "${name.slice(0, 40)}": add a region code column (地区代码) or check the name.`,
          messageZh: `您的范围内没有名为“${name.slice(0, 40)}”的地区：请加一列地区代码，或检查名称。`,
        },
      };
    }
    const list = found
      .slice(0, 5)
      .map((r) => this.regions.label(r.code))
      .join(', ');
    return {
      problem: {
        message: `"${name.slice(0, 40)}" names ${found.length} regions (${list}): add a region code column (地区代码).`,
        messageZh: `“${name.slice(0, 40)}”对应 ${found.length} 个地区（${list}）：请加一列地区代码。`,
      },
    };
  }
}

const LONG_NEEDS = '地区代码 (region), 指标代码 (indicator), 期间 (period), 数值 (value)';

/**
 * Turns a sheet's rows into drafts for the shared validator: finds the header (the first non-blank
 * row), decides the layout (long: one value per row; wide: one column per indicator), resolves names
 * and parses values, and reports a key given twice. `period` is the fallback period of a wide sheet
 * without a period column (the `period` form field or the sheet's name).
 */
export function parseSheet(
  rows: readonly CellValue[][],
  { indicators, regions, fallbackPeriod }: { indicators: IndicatorNames; regions: RegionNames; fallbackPeriod: string | null },
): Parsed {
  const problems: ImportProblem[] = [];
  const drafts: ObservationDraft[] = [];
  const sources: Source[] = [];
  const badValue = new Set<number>();
  const blank = (row: readonly CellValue[] | undefined) => !row || row.every((c) => cellText(c) === '');
  const headerIndex = rows.findIndex((r) => !blank(r));
  const result = (layout: Parsed['layout'], count = 0, hasNotes = false): Parsed => ({
    layout,
    rows: count,
    drafts,
    sources,
    problems,
    badValue,
    hasNotes,
  });
  const fileProblem = (message: string, messageZh: string, row: number | null = null) =>
    problems.push({ row, column: null, cell: null, value: null, message, messageZh });

  if (headerIndex < 0) {
    fileProblem('The file has no rows: nothing to import.', '文件中没有任何数据，没有可导入的内容。');
    return result(null);
  }
  const headerRow = headerIndex + 1;
  const header = rows[headerIndex].map(cellText);
  const dataRows = rows.slice(headerIndex + 1);
  const nonBlank = dataRows.filter((r) => !blank(r)).length;

  // ---- the header
  const fields = new Map<Exclude<Field, 'ignored'>, number>();
  const indicatorColumns: { index: number; indicator: Indicator }[] = [];
  const seenIndicators = new Map<string, number>();
  const headerProblem = (index: number, message: string, messageZh: string) =>
    problems.push({
      row: headerRow,
      column: header[index] || columnLetter(index),
      cell: `${columnLetter(index)}${headerRow}`,
      value: header[index] ?? '',
      message,
      messageZh,
    });
  const width = Math.max(header.length, ...dataRows.map((r) => r.length));
  for (let index = 0; index < width; index++) {
    const text = header[index] ?? '';
    if (!text) {
      if (dataRows.some((r) => cellText(r[index]) !== '')) {
        headerProblem(
          index,
          `Column ${columnLetter(index)} has values but no header: name it or delete it.`,
          `第 ${columnLetter(index)} 列有数据但没有列名：请填写列名或删除该列。`,
        );
      }
      continue;
    }
    const field = FIELD_BY_HEADER.get(normalise(text)) ?? FIELD_BY_HEADER.get(normalise(text).replace(/\([^()]*\)$/, ''));
    if (field === 'ignored') continue;
    if (field) {
      if (fields.has(field)) {
        const first = fields.get(field)!;
        headerProblem(
          index,
          `"${text}" is the same column as "${header[first]}" (column ${columnLetter(first)}): keep one.`,
          `“${text}”与第 ${columnLetter(first)} 列“${header[first]}”是同一列：只保留一列。`,
        );
      } else fields.set(field, index);
      continue;
    }
    const indicator = indicators.find(text);
    if (indicator) {
      if (seenIndicators.has(indicator.code)) {
        const first = seenIndicators.get(indicator.code)!;
        headerProblem(
          index,
          `"${text}" is the same indicator as column ${columnLetter(first)} ("${header[first]}"): keep one.`,
          `“${text}”与第 ${columnLetter(first)} 列“${header[first]}”是同一个指标：只保留一列。`,
        );
      } else {
        seenIndicators.set(indicator.code, index);
        indicatorColumns.push({ index, indicator });
      }
      continue;
    }
    headerProblem(
      index,
      `Unknown column "${text.slice(0, 40)}": a long sheet has the columns ${LONG_NEEDS} and optionally 备注 (note); a wide sheet has 地区代码, 期间 and one column per indicator, headed by its code or Chinese name (download the template).`,
      `未知的列名“${text.slice(0, 40)}”：长表的列为 地区代码、指标代码、期间、数值（备注可选）；宽表的列为 地区代码、期间 和每个指标一列（列名为指标代码或中文名称，可下载模板参考）。`,
    );
  }

  const long = fields.has('value') || fields.has('indicator') || fields.has('indicatorName');
  const layout: 'long' | 'wide' = long ? 'long' : 'wide';
  const missing: [string, string][] = [];
  if (!fields.has('region') && !fields.has('regionName')) missing.push(['地区代码 (region)', '地区代码']);
  if (!fields.has('period') && (long || !fallbackPeriod)) missing.push(['期间 (period)', '期间']);
  if (long) {
    if (!fields.has('indicator') && !fields.has('indicatorName')) missing.push(['指标代码 (indicator)', '指标代码']);
    if (!fields.has('value')) missing.push(['数值 (value)', '数值']);
    for (const { index } of indicatorColumns) {
      headerProblem(
        index,
        `"${header[index]}" is an indicator column, but this sheet is long (it has ${fields.has('value') ? '数值' : '指标代码'}): put the indicator in the 指标代码 column and its value in 数值, or use the wide template.`,
        `“${header[index]}”是指标列，但本表是长表（有“${fields.has('value') ? '数值' : '指标代码'}”列）：请把指标写在“指标代码”列、数值写在“数值”列，或改用宽表模板。`,
      );
    }
  } else if (!indicatorColumns.length) {
    missing.push(['one column per indicator, or 指标代码 and 数值', '每个指标一列，或“指标代码”和“数值”两列']);
  }
  if (missing.length) {
    fileProblem(
      `Missing column(s): ${missing.map((m) => m[0]).join(', ')}. A long sheet needs ${LONG_NEEDS}; a wide sheet needs 地区代码, 期间 (or a sheet named like 2024-03) and one column per indicator.`,
      `缺少列：${missing.map((m) => m[1]).join('、')}。长表需要 地区代码、指标代码、期间、数值 四列；宽表需要 地区代码、期间（或把工作表命名为 2024-03 这样的期间）和每个指标一列。`,
      headerRow,
    );
  }
  if (problems.length) return result(layout, nonBlank, fields.has('note'));
  if (nonBlank === 0) {
    fileProblem('The file has a header but no data rows: nothing to import.', '文件只有表头，没有数据行，没有可导入的内容。');
    return result(layout, 0);
  }

  // ---- the rows
  const at = (cells: readonly CellValue[], field: Exclude<Field, 'ignored'>) => {
    const index = fields.get(field);
    return index === undefined ? undefined : { index, raw: cells[index] ?? null };
  };
  const where = (index: number, row: number, raw: CellValue): Place => ({
    column: header[index] || columnLetter(index),
    cell: `${columnLetter(index)}${row}`,
    value: cellText(raw),
  });
  const firstRowOf = new Map<string, number>();

  dataRows.forEach((cells, offset) => {
    if (blank(cells)) return;
    const row = headerRow + 1 + offset;
    const rowProblem = (place: Place, message: string, messageZh: string) => problems.push({ row, ...place, message, messageZh });

    // region: its code, else its name
    const codeCell = at(cells, 'region');
    const nameCell = at(cells, 'regionName');
    let region: string | null = null;
    let regionPlace: Place;
    if (codeCell && cellText(codeCell.raw) !== '') {
      regionPlace = where(codeCell.index, row, codeCell.raw);
      region = typeof codeCell.raw === 'number' ? String(Math.trunc(codeCell.raw)) : cellText(codeCell.raw);
    } else if (nameCell && cellText(nameCell.raw) !== '') {
      regionPlace = where(nameCell.index, row, nameCell.raw);
      const found = regions.find(cellText(nameCell.raw));
      if ('code' in found) region = found.code;
      else rowProblem(regionPlace, found.problem.message, found.problem.messageZh);
    } else {
      const index = codeCell?.index ?? nameCell!.index;
      regionPlace = where(index, row, null);
      rowProblem(regionPlace, 'The region is missing.', '缺少地区代码。');
    }

    // period: its column, else the fallback (form field or sheet name)
    const periodCell = at(cells, 'period');
    let period: string | null;
    let periodPlace: Place;
    if (periodCell) {
      periodPlace = where(periodCell.index, row, periodCell.raw);
      period = periodOf(periodCell.raw);
      if (period === null || period === '') rowProblem(periodPlace, 'The period is missing.', '缺少期间。');
    } else {
      period = fallbackPeriod;
      periodPlace = { column: '期间', cell: null, value: fallbackPeriod ?? '' };
    }
    if (region === null || !period) return;

    const noteCell = at(cells, 'note');
    const note = noteCell ? cellText(noteCell.raw) || null : null;

    const add = (indicatorCode: string, indicator: Indicator | null, valueIndex: number, indicatorPlace: Place) => {
      const raw = cells[valueIndex] ?? null;
      const valuePlace = where(valueIndex, row, raw);
      const key = `${region}|${indicator?.code ?? indicatorCode}|${period}`;
      const first = firstRowOf.get(key);
      if (first !== undefined) {
        rowProblem(
          valuePlace,
          `The same region, indicator and period as row ${first}: each may appear once in a file.`,
          `与第 ${first} 行的地区、指标、期间相同：同一地区、指标、期间在一个文件中只能出现一次。`,
        );
        return;
      }
      firstRowOf.set(key, row);
      const parsed = parseValue(raw, indicator);
      const index = drafts.length;
      if ('problem' in parsed) {
        rowProblem(valuePlace, parsed.problem.message, parsed.problem.messageZh);
        badValue.add(index);
      }
      drafts.push({
        region: region!,
        indicator: indicator?.code ?? indicatorCode,
        period: period!,
        value: 'value' in parsed ? parsed.value : 0,
        note,
      });
      sources.push({
        row,
        cells: {
          region: regionPlace,
          period: periodPlace,
          indicator: indicatorPlace,
          value: valuePlace,
          ...(noteCell ? { note: where(noteCell.index, row, noteCell.raw) } : {}),
        },
      });
    };

    if (layout === 'long') {
      const valueCell = at(cells, 'value')!;
      const codeOf = at(cells, 'indicator');
      const nameOf = at(cells, 'indicatorName');
      const indicatorCell = codeOf && cellText(codeOf.raw) !== '' ? codeOf : nameOf && cellText(nameOf.raw) !== '' ? nameOf : undefined;
      if (!indicatorCell) {
        rowProblem(where((codeOf ?? nameOf)!.index, row, null), 'The indicator is missing.', '缺少指标代码。');
        return;
      }
      const text = cellText(indicatorCell.raw);
      const indicator = indicators.find(text);
      if (cellText(valueCell.raw) === '') {
        rowProblem(where(valueCell.index, row, null), 'The value is missing.', '缺少数值。');
        return;
      }
      add(indicator ? indicator.code : text, indicator, valueCell.index, where(indicatorCell.index, row, indicatorCell.raw));
    } else {
      for (const { index, indicator } of indicatorColumns) {
        if (cellText(cells[index] ?? null) === '') continue; // an empty cell: not reported
        add(indicator.code, indicator, index, where(index, headerRow, header[index]));
      }
    }
  });
  return result(layout, nonBlank, fields.has('note'));
}
