import { download, type CsvTable } from './csv';

/** The same table as the CSV, as an Excel workbook; exceljs is loaded only when someone asks for one. */
export async function toXlsx(table: Pick<CsvTable, 'header' | 'rows'>, sheetName = 'data'): Promise<ArrayBuffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName.replace(/[\\/?*[\]:]/g, '_').slice(0, 31) || 'data');
  sheet.addRow(table.header);
  for (const row of table.rows) sheet.addRow(row.map((v) => (v === undefined ? null : v)));
  sheet.getRow(1).font = { bold: true };
  return (await book.xlsx.writeBuffer()) as ArrayBuffer;
}

export async function downloadXlsx(table: CsvTable) {
  const blob = new Blob([await toXlsx(table, table.filename)], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
  const url = URL.createObjectURL(blob);
  download(`${table.filename}.xlsx`, url);
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
