/**
 * exceljs (decision 0022), loaded on first use: it takes about 0.4 s to load, and most requests,
 * processes and test files never read or write a workbook.
 */
import type ExcelJS from "exceljs";

export type { ExcelJS };

let loading: Promise<typeof ExcelJS> | undefined;

/** A new, empty workbook. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  loading ??= import("exceljs").then((m) => m.default);
  const { Workbook } = await loading;
  return new Workbook();
}

/** A cell of an uploaded workbook as text or a number; a date as YYYY-MM-DD; a formula by its result. */
function uploadCell(value: ExcelJS.CellValue): string | number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return uploadCell((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
  }
  return null;
}

export class TooManyRowsError extends Error {}

/**
 * The first worksheet of an uploaded workbook as rows of cells. The sheet's row count is checked
 * against `maxRows` before any cell is read (TooManyRowsError); any other failure: not a workbook.
 */
export async function readFirstSheet(data: Buffer, maxRows: number): Promise<Array<Array<string | number | null>>> {
  const workbook = await newWorkbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  if (sheet.actualRowCount > maxRows) throw new TooManyRowsError();
  const table: Array<Array<string | number | null>> = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Array<string | number | null> = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(uploadCell(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) if (!table[i]) table[i] = [];
  return table;
}
