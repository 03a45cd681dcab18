/** Reads the first worksheet of an XLSX export into cells (exceljs, decision 0022), after the zip-bomb guard (decision 0050). */
import { newWorkbook, readFirstSheet } from "../platform/excel.ts";
import { SHEET_CELLS_MAX, type XlsxLimits } from "../platform/xlsx-guard.ts";
import { IMPORT_ROWS_MAX, type Table } from "./import.ts";

export { checkXlsx, XlsxRefused } from "../platform/xlsx-guard.ts";

/** What an XLSX may unpack to before exceljs reads it: all its parts together, how many parts, rows and cells per worksheet. */
export const XLSX_LIMITS: XlsxLimits = {
  unpackedBytes: 30 * 1024 * 1024,
  entries: 500,
  sheetRows: IMPORT_ROWS_MAX + 10,
  sheetCells: SHEET_CELLS_MAX,
};

/** The first worksheet's rows as cells; throws when the file is not a readable workbook. Call checkXlsx first. */
export async function readXlsx(data: Buffer): Promise<Table> {
  const sheet = await readFirstSheet(data, Number.POSITIVE_INFINITY);
  return sheet.tooManyRows ? [] : sheet.rows;
}

/** Writes cells to a one-sheet workbook (tests and the sample export). */
export async function writeXlsx(table: Table, sheetName = "Export"): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of table) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
