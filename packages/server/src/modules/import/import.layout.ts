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

/** The drafts a parser has read since it was last asked, with where each came from. */
export interface Batch {
  drafts: ObservationDraft[];
  sources: Source[];
  /** Drafts (by index in the batch) with a value problem of their own: validated for their other fields only. */
  badValue: Set<number>;
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

type Column = Exclude<Field, 'ignored'>;

/**
 * Turns a sheet's rows, fed one at a time in order, into drafts for the shared validator: finds the
 * header (the first non-blank row), decides the layout (long: one value per row; wide: one column
 * per indicator), resolves names and parses values, and reports a key given twice. The caller takes
 * the drafts read so far in batches (`take`), so a large file is never held whole. `fallbackPeriod`
 * is the period of a wide sheet without a period column (the `period` form field or the sheet's name).
 */
export class SheetParser {
  layout: 'long' | 'wide' | null = null;
  /** Non-blank data rows. */
  rows = 0;
  /** True when the file has a note column (else stored notes are kept). */
  hasNotes = false;
  /** Problems found while reading (headers, names, values, duplicates) since the last `takeProblems`. */
  private problems: ImportProblem[] = [];
  private batch: Batch = { drafts: [], sources: [], badValue: new Set() };
  private headerRow = 0;
  private header: string[] = [];
  private readonly fields = new Map<Column, number>();
  private readonly indicatorColumns: { index: number; indicator: Indicator }[] = [];
  /** The header is wrong: the rows are counted, not read. */
  private refused = false;
  /** Columns without a header that were found to have values. */
  private readonly unnamed = new Set<number>();
  /** The first row of each region|indicator|period. */
  private readonly firstRowOf = new Map<string, number>();

  constructor(private readonly names: { indicators: IndicatorNames; regions: RegionNames; fallbackPeriod: string | null }) {}

  /** Drafts read since the last call. */
  get pending(): number {
    return this.batch.drafts.length;
  }

  take(): Batch {
    const batch = this.batch;
    this.batch = { drafts: [], sources: [], badValue: new Set() };
    return batch;
  }

  takeProblems(): ImportProblem[] {
    const problems = this.problems;
    this.problems = [];
    return problems;
  }

  /** Reads the spreadsheet's row `row` (1-based). */
  add(row: number, cells: readonly CellValue[]): void {
    if (cells.every((c) => cellText(c) === '')) return;
    if (!this.headerRow) return this.readHeader(row, cells.map(cellText));
    this.rows++;
    if (!this.refused) this.readRow(row, cells);
  }

  /** The problems of the file as a whole, once every row is read. */
  finish(): void {
    if (!this.headerRow) this.fileProblem('The file has no rows: nothing to import.', '文件中没有任何数据，没有可导入的内容。');
    else if (this.rows === 0 && !this.refused) {
      this.fileProblem('The file has a header but no data rows: nothing to import.', '文件只有表头，没有数据行，没有可导入的内容。');
    }
  }

  /** Where the period of a value in `row` is (a problem of its report points there). */
  periodPlace(row: number, period: string): Place {
    const index = this.fields.get('period');
    if (index === undefined) return { column: '期间', cell: null, value: period };
    return { column: this.header[index], cell: `${columnLetter(index)}${row}`, value: period };
  }

  private fileProblem(message: string, messageZh: string, row: number | null = null) {
    this.problems.push({ row, column: null, cell: null, value: null, message, messageZh });
  }

  private headerProblem(index: number, message: string, messageZh: string) {
    const text = this.header[index] ?? '';
    this.problems.push({
      row: this.headerRow,
      column: text || columnLetter(index),
      cell: `${columnLetter(index)}${this.headerRow}`,
      value: text,
      message,
      messageZh,
    });
  }

  private readHeader(row: number, header: string[]) {
    this.headerRow = row;
    this.header = header;
    const { fields, indicatorColumns } = this;
    const seenIndicators = new Map<string, number>();
    const before = this.problems.length;
    header.forEach((text, index) => {
      if (!text) return; // reported if a row has a value there
      const field = FIELD_BY_HEADER.get(normalise(text)) ?? FIELD_BY_HEADER.get(normalise(text).replace(/\([^()]*\)$/, ''));
      if (field === 'ignored') return;
      if (field) {
        if (fields.has(field)) {
          const first = fields.get(field)!;
          this.headerProblem(
            index,
            `"${text}" is the same column as "${header[first]}" (column ${columnLetter(first)}): keep one.`,
            `“${text}”与第 ${columnLetter(first)} 列“${header[first]}”是同一列：只保留一列。`,
          );
        } else fields.set(field, index);
        return;
      }
      const indicator = this.names.indicators.find(text);
      if (indicator) {
        if (seenIndicators.has(indicator.code)) {
          const first = seenIndicators.get(indicator.code)!;
          this.headerProblem(
            index,
            `"${text}" is the same indicator as column ${columnLetter(first)} ("${header[first]}"): keep one.`,
            `“${text}”与第 ${columnLetter(first)} 列“${header[first]}”是同一个指标：只保留一列。`,
          );
        } else {
          seenIndicators.set(indicator.code, index);
          indicatorColumns.push({ index, indicator });
        }
        return;
      }
      this.headerProblem(
        index,
        `Unknown column "${text.slice(0, 40)}": a long sheet has the columns ${LONG_NEEDS} and optionally 备注 (note); a wide sheet has 地区代码, 期间 and one column per indicator, headed by its code or Chinese name (download the template).`,
        `未知的列名“${text.slice(0, 40)}”：长表的列为 地区代码、指标代码、期间、数值（备注可选）；宽表的列为 地区代码、期间 和每个指标一列（列名为指标代码或中文名称，可下载模板参考）。`,
      );
    });

    const long = fields.has('value') || fields.has('indicator') || fields.has('indicatorName');
    this.layout = long ? 'long' : 'wide';
    this.hasNotes = fields.has('note');
    const missing: [string, string][] = [];
    if (!fields.has('region') && !fields.has('regionName')) missing.push(['地区代码 (region)', '地区代码']);
    if (!fields.has('period') && (long || !this.names.fallbackPeriod)) missing.push(['期间 (period)', '期间']);
    if (long) {
      if (!fields.has('indicator') && !fields.has('indicatorName')) missing.push(['指标代码 (indicator)', '指标代码']);
      if (!fields.has('value')) missing.push(['数值 (value)', '数值']);
      for (const { index } of indicatorColumns) {
        this.headerProblem(
          index,
          `"${header[index]}" is an indicator column, but this sheet is long (it has ${fields.has('value') ? '数值' : '指标代码'}): put the indicator in the 指标代码 column and its value in 数值, or use the wide template.`,
          `“${header[index]}”是指标列，但本表是长表（有“${fields.has('value') ? '数值' : '指标代码'}”列）：请把指标写在“指标代码”列、数值写在“数值”列，或改用宽表模板。`,
        );
      }
    } else if (!indicatorColumns.length) {
      missing.push(['one column per indicator, or 指标代码 and 数值', '每个指标一列，或“指标代码”和“数值”两列']);
    }
    if (missing.length) {
      this.fileProblem(
        `Missing column(s): ${missing.map((m) => m[0]).join(', ')}. A long sheet needs ${LONG_NEEDS}; a wide sheet needs 地区代码, 期间 (or a sheet named like 2024-03) and one column per indicator.`,
        `缺少列：${missing.map((m) => m[1]).join('、')}。长表需要 地区代码、指标代码、期间、数值 四列；宽表需要 地区代码、期间（或把工作表命名为 2024-03 这样的期间）和每个指标一列。`,
        row,
      );
    }
    this.refused = this.problems.length > before;
  }

  private readRow(row: number, cells: readonly CellValue[]) {
    const { header, fields, names } = this;
    const at = (field: Column) => {
      const index = fields.get(field);
      return index === undefined ? undefined : { index, raw: cells[index] ?? null };
    };
    const where = (index: number, raw: CellValue, inRow = row): Place => ({
      column: header[index] || columnLetter(index),
      cell: `${columnLetter(index)}${inRow}`,
      value: cellText(raw),
    });
    const rowProblem = (place: Place, message: string, messageZh: string) => this.problems.push({ row, ...place, message, messageZh });

    for (let index = 0; index < cells.length; index++) {
      if (!header[index] && !this.unnamed.has(index) && cellText(cells[index]) !== '') {
        this.unnamed.add(index);
        this.headerProblem(
          index,
          `Column ${columnLetter(index)} has values (first in row ${row}) but no header: name it or delete it.`,
          `第 ${columnLetter(index)} 列有数据（从第 ${row} 行起）但没有列名：请填写列名或删除该列。`,
        );
      }
    }

    // region: its code, else its name
    const codeCell = at('region');
    const nameCell = at('regionName');
    let region: string | null = null;
    let regionPlace: Place;
    if (codeCell && cellText(codeCell.raw) !== '') {
      regionPlace = where(codeCell.index, codeCell.raw);
      region = typeof codeCell.raw === 'number' ? String(Math.trunc(codeCell.raw)) : cellText(codeCell.raw);
    } else if (nameCell && cellText(nameCell.raw) !== '') {
      regionPlace = where(nameCell.index, nameCell.raw);
      const found = names.regions.find(cellText(nameCell.raw));
      if ('code' in found) region = found.code;
      else rowProblem(regionPlace, found.problem.message, found.problem.messageZh);
    } else {
      regionPlace = where(codeCell?.index ?? nameCell!.index, null);
      rowProblem(regionPlace, 'The region is missing.', '缺少地区代码。');
    }

    // period: its column, else the fallback (form field or sheet name)
    const periodCell = at('period');
    let period: string | null;
    let periodPlace: Place;
    if (periodCell) {
      periodPlace = where(periodCell.index, periodCell.raw);
      period = periodOf(periodCell.raw);
      if (period === null || period === '') rowProblem(periodPlace, 'The period is missing.', '缺少期间。');
    } else {
      period = names.fallbackPeriod;
      periodPlace = { column: '期间', cell: null, value: period ?? '' };
    }
    if (region === null || !period) return;

    const noteCell = at('note');
    const note = noteCell ? cellText(noteCell.raw) || null : null;

    const add = (indicatorCode: string, indicator: Indicator | null, valueIndex: number, indicatorPlace: Place) => {
      const raw = cells[valueIndex] ?? null;
      const valuePlace = where(valueIndex, raw);
      const key = `${region}|${indicator?.code ?? indicatorCode}|${period}`;
      const first = this.firstRowOf.get(key);
      if (first !== undefined) {
        rowProblem(
          valuePlace,
          `The same region, indicator and period as row ${first}: each may appear once in a file.`,
          `与第 ${first} 行的地区、指标、期间相同：同一地区、指标、期间在一个文件中只能出现一次。`,
        );
        return;
      }
      this.firstRowOf.set(key, row);
      const parsed = parseValue(raw, indicator);
      const { drafts, sources, badValue } = this.batch;
      if ('problem' in parsed) {
        rowProblem(valuePlace, parsed.problem.message, parsed.problem.messageZh);
        badValue.add(drafts.length);
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
          ...(noteCell ? { note: where(noteCell.index, noteCell.raw) } : {}),
        },
      });
    };

    if (this.layout === 'long') {
      const valueCell = at('value')!;
      const codeOf = at('indicator');
      const nameOf = at('indicatorName');
      const indicatorCell = codeOf && cellText(codeOf.raw) !== '' ? codeOf : nameOf && cellText(nameOf.raw) !== '' ? nameOf : undefined;
      if (!indicatorCell) {
        rowProblem(where((codeOf ?? nameOf)!.index, null), 'The indicator is missing.', '缺少指标代码。');
        return;
      }
      const text = cellText(indicatorCell.raw);
      const indicator = names.indicators.find(text);
      if (cellText(valueCell.raw) === '') {
        rowProblem(where(valueCell.index, null), 'The value is missing.', '缺少数值。');
        return;
      }
      add(indicator ? indicator.code : text, indicator, valueCell.index, where(indicatorCell.index, indicatorCell.raw));
    } else {
      for (const { index, indicator } of this.indicatorColumns) {
        if (cellText(cells[index] ?? null) === '') continue; // an empty cell: not reported
        add(indicator.code, indicator, index, where(index, header[index], this.headerRow));
      }
    }
  }
}
