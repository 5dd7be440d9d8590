import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { checkZipSize, ZipRefused } from '../../lib/zip.js';

/** What one cell of an uploaded sheet holds. */
export type CellValue = string | number | boolean | Date | null;

export interface ReadSheet {
  format: 'csv' | 'xlsx';
  /** The worksheet's name (XLSX) or null (CSV). */
  sheet: string | null;
  /** The encoding a CSV was read in. */
  encoding: string | null;
  /** The rows in order, each with its spreadsheet number (1-based); blank rows may be left out. */
  rows: AsyncIterable<[number, CellValue[]]>;
}

export const IMPORT_LIMITS = {
  /** Largest upload. */
  bytes: 20 * 1024 * 1024,
  /** Most data rows (the header not counted). */
  rows: 200_000,
  /** Most bytes an XLSX may unzip to, all parts together. */
  unzippedBytes: 200 * 1024 * 1024,
  /** Most parts in an XLSX. */
  zipEntries: 2000,
};

const MB = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** A file that cannot be read at all: said in English and in Chinese, with the HTTP status to answer. */
export class FileProblem extends Error {
  constructor(
    message: string,
    readonly messageZh: string,
    readonly status = 422,
  ) {
    super(message);
  }
}

type Kind = 'zip' | 'xls' | 'pdf' | 'image' | 'gzip' | 'binary' | 'text';

/** What the bytes are, whatever the name says. */
export function sniff(bytes: Buffer): Kind {
  const head = bytes.subarray(0, 8);
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5 || head[2] === 7)) return 'zip';
  if (head.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return 'xls';
  if (head.subarray(0, 4).toString('latin1') === '%PDF') return 'pdf';
  if (head[0] === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'image';
  if (head[0] === 0xff && head[1] === 0xd8) return 'image';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  // UTF-16 text (Excel's "Unicode text") has NULs but starts with a byte-order mark
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return 'text';
  if (bytes.subarray(0, 8192).includes(0)) return 'binary';
  return 'text';
}

const KIND_EN: Record<Kind, string> = {
  zip: 'a ZIP archive',
  xls: 'an old Excel 97–2003 workbook (.xls)',
  pdf: 'a PDF document',
  image: 'an image',
  gzip: 'a gzip archive',
  binary: 'a binary file',
  text: 'text',
};
const KIND_ZH: Record<Kind, string> = {
  zip: 'ZIP 压缩包',
  xls: '旧版 Excel 97–2003 工作簿（.xls）',
  pdf: 'PDF 文档',
  image: '图片',
  gzip: 'gzip 压缩包',
  binary: '二进制文件',
  text: '文本',
};

/**
 * Reads an uploaded file into rows of cells: CSV (UTF-8 with or without BOM, UTF-16 with BOM, or
 * GB18030/GBK when the bytes are not UTF-8; comma, semicolon or tab) or XLSX (the first worksheet,
 * or `sheet`), after checking that the file is what its name says and that an XLSX does not unzip to
 * an absurd size.
 */
export async function readImportFile(
  bytes: Buffer,
  fileName: string,
  options: { sheet?: string | null; encoding?: string | null } = {},
): Promise<ReadSheet> {
  if (bytes.length === 0) throw new FileProblem('The file is empty.', '文件是空的。');
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const kind = sniff(bytes);
  const says = extension ? `.${extension}` : 'without an extension';
  if (extension === 'xlsx' || extension === 'xlsm') {
    if (kind !== 'zip') {
      throw new FileProblem(
        `"${fileName}" is named ${says} but is ${KIND_EN[kind]}, not an Excel workbook: save it from Excel as .xlsx (or as CSV) and upload that.`,
        `“${fileName}”的扩展名是 ${says}，内容却是${KIND_ZH[kind]}，不是 Excel 工作簿：请在 Excel 中另存为 .xlsx（或 CSV）后再上传。`,
        415,
      );
    }
    return readXlsx(bytes, fileName, options.sheet ?? null);
  }
  if (extension === 'csv' || extension === 'tsv' || extension === 'txt') {
    if (kind !== 'text') {
      throw new FileProblem(
        `"${fileName}" is named ${says} but is ${KIND_EN[kind]}, not a CSV text file${kind === 'zip' ? ' (an .xlsx workbook renamed? upload it as .xlsx)' : ''}.`,
        `“${fileName}”的扩展名是 ${says}，内容却是${KIND_ZH[kind]}，不是 CSV 文本文件${kind === 'zip' ? '（是改了扩展名的 .xlsx 工作簿吗？请以 .xlsx 上传）' : ''}。`,
        415,
      );
    }
    return readCsv(bytes, options.encoding ?? null);
  }
  if (extension === 'xls' || kind === 'xls') {
    throw new FileProblem(
      'Old Excel 97–2003 workbooks (.xls) are not read: in Excel choose "Save as" → "Excel workbook (.xlsx)" and upload that.',
      '不支持旧版 Excel 97–2003 工作簿（.xls）：请在 Excel 中“另存为”→“Excel 工作簿（.xlsx）”后再上传。',
      415,
    );
  }
  throw new FileProblem(
    `"${fileName}" is ${KIND_EN[kind]} named ${says}: upload a CSV (.csv) or Excel (.xlsx) file.`,
    `“${fileName}”（${says}，${KIND_ZH[kind]}）不是可导入的文件：请上传 CSV（.csv）或 Excel（.xlsx）文件。`,
    415,
  );
}

/** Decodes CSV bytes: a byte-order mark decides, then an explicit encoding, then UTF-8 if valid, else GB18030 (GBK). */
export function decodeText(bytes: Buffer, encoding: string | null): { text: string; encoding: string } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: bytes.subarray(3).toString('utf8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(bytes.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(bytes.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  if (encoding) {
    const asked: string = String(encoding);
    const known: boolean = iconv.encodingExists(asked);
    if (!known) {
      throw new FileProblem(
        `Unknown encoding "${asked.slice(0, 40)}": use utf-8 or gb18030 (gbk), or leave it out to have it detected.`,
        `未知的编码“${asked.slice(0, 40)}”：请用 utf-8 或 gb18030（gbk），或者不填以自动识别。`,
        400,
      );
    }
    return { text: iconv.decode(bytes, encoding), encoding: encoding.toLowerCase() };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    // Excel on Chinese Windows saves "CSV" in the ANSI code page, GBK; GB18030 is its superset
    return { text: iconv.decode(bytes, 'gb18030'), encoding: 'gb18030' };
  }
}

/** The separator of the header line: comma, semicolon or tab, whichever occurs most outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of text.slice(0, 64 * 1024)) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if ([...counts.values()].some((n) => n > 0)) break;
    } else if (!quoted && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][1] > 0 ? [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0] : ',';
}

function readCsv(bytes: Buffer, encoding: string | null): ReadSheet {
  const decoded = decodeText(bytes, encoding);
  return { format: 'csv', sheet: null, encoding: decoded.encoding, rows: csvRows(decoded.text) };
}

/** A CSV's records, parsed as they are read (fed in slices, so the parser never gets ahead of its reader). */
async function* csvRows(text: string): AsyncGenerator<[number, CellValue[]]> {
  const slices = function* () {
    for (let i = 0; i < text.length; i += 64 * 1024) yield text.slice(i, i + 64 * 1024);
  };
  const parser = Readable.from(slices()).pipe(
    parse({ delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false, bom: true, max_record_size: 1024 * 1024 }),
  );
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield [++row, record];
  } catch (error) {
    const e = error as { lines?: number; code?: string; message: string };
    throw new FileProblem(
      `The CSV cannot be read near line ${e.lines ?? '?'}: ${e.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quote (") is opened and never closed' : e.message}.`,
      `CSV 在第 ${e.lines ?? '?'} 行附近无法读取：${e.code === 'CSV_QUOTE_NOT_CLOSED' ? '有一个引号（"）没有闭合' : '格式错误'}。`,
    );
  } finally {
    parser.destroy();
  }
}

/**
 * Checks an XLSX's parts before anything unzips it: no more than IMPORT_LIMITS.zipEntries parts and
 * IMPORT_LIMITS.unzippedBytes declared in the central directory, and each part really inflating to
 * no more than it declares (yauzl stops a stream that exceeds its declared size), so a zip bomb is
 * refused after inflating at most the limit, in a stream, never held in memory.
 */
export async function checkZip(bytes: Buffer, fileName: string): Promise<void> {
  const bomb = (total: number) =>
    new FileProblem(
      `"${fileName}" unzips to more than ${MB(IMPORT_LIMITS.unzippedBytes)} (${MB(total)} declared): that is not a spreadsheet of monthly figures; refused.`,
      `“${fileName}”解压后超过 ${MB(IMPORT_LIMITS.unzippedBytes)}（声明 ${MB(total)}），不像月报表格，已拒绝。`,
      413,
    );
  const broken = () =>
    new FileProblem(
      `"${fileName}" is a damaged ZIP/XLSX file: open it in Excel and save it again.`,
      `“${fileName}”是损坏的 ZIP/XLSX 文件：请在 Excel 中打开后重新保存。`,
    );
  let names: string[];
  try {
    names = await checkZipSize(bytes, { maxBytes: IMPORT_LIMITS.unzippedBytes, maxEntries: IMPORT_LIMITS.zipEntries });
  } catch (error) {
    throw error instanceof ZipRefused && error.reason === 'too-large' ? bomb(error.bytes) : broken();
  }
  if (!names.includes('[Content_Types].xml') || !names.some((n) => n === 'xl/workbook.xml')) {
    throw new FileProblem(
      `"${fileName}" is a ZIP archive but not an Excel workbook (it has no xl/workbook.xml): upload an .xlsx saved by Excel or LibreOffice.`,
      `“${fileName}”是 ZIP 压缩包，但不是 Excel 工作簿（缺少 xl/workbook.xml）：请上传由 Excel 或 LibreOffice 保存的 .xlsx 文件。`,
      415,
    );
  }
}

/** A cell's value with formulas replaced by their cached result and rich text by its text. */
export function cellValue(value: ExcelJS.CellValue | undefined): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value instanceof Date) return value;
  if (typeof value === 'object') {
    if ('result' in value) return cellValue(value.result as ExcelJS.CellValue);
    if ('formula' in value || 'sharedFormula' in value) return null; // a formula never calculated
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return cellValue((value as { text: ExcelJS.CellValue }).text);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

async function readXlsx(bytes: Buffer, fileName: string, sheetName: string | null): Promise<ReadSheet> {
  await checkZip(bytes, fileName);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as never);
  } catch {
    throw new FileProblem(
      `"${fileName}" cannot be read as an Excel workbook: open it in Excel and save it again as .xlsx.`,
      `无法读取 Excel 工作簿“${fileName}”：请在 Excel 中打开后重新另存为 .xlsx。`,
    );
  }
  const sheets = workbook.worksheets;
  const worksheet = sheetName ? (workbook.getWorksheet(sheetName) ?? sheets[Number(sheetName) - 1]) : sheets[0];
  if (!worksheet) {
    const list = sheets.map((s) => s.name).join(', ');
    throw new FileProblem(
      sheetName ? `The workbook has no sheet "${sheetName.slice(0, 60)}"; its sheets: ${list}.` : 'The workbook has no worksheet.',
      sheetName ? `工作簿中没有工作表“${sheetName.slice(0, 60)}”；现有工作表：${list}。` : '工作簿中没有工作表。',
    );
  }
  if (worksheet.rowCount > IMPORT_LIMITS.rows + 1) throw tooManyRows(worksheet.rowCount - 1);
  async function* rows(): AsyncGenerator<[number, CellValue[]]> {
    for (let number = 1; number <= worksheet.rowCount; number++) {
      const cells: CellValue[] = [];
      worksheet.findRow(number)?.eachCell({ includeEmpty: false }, (cell, col) => {
        cells[col - 1] = cellValue(cell.value);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      yield [number, cells];
    }
  }
  return { format: 'xlsx', sheet: worksheet.name, encoding: null, rows: rows() };
}

export const tooManyRows = (rows?: number) =>
  new FileProblem(
    `The file has ${rows ? rows.toLocaleString('en') : `more than ${IMPORT_LIMITS.rows.toLocaleString('en')}`} data rows; at most ${IMPORT_LIMITS.rows.toLocaleString('en')} are imported at once: split it.`,
    `文件${rows ? `有 ${rows}` : `超过 ${IMPORT_LIMITS.rows}`} 行数据，一次最多导入 ${IMPORT_LIMITS.rows} 行：请拆分后分批导入。`,
    413,
  );
