/** Reads the first worksheet of an XLSX export into cells (exceljs, decision 0022). */
import { type ExcelJS, newWorkbook } from "../platform/excel.ts";
import type { Cell, Table } from "./import.ts";

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === "number" || typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("result" in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
    if ("text" in value) return String(value.text);
    if ("error" in value) return String(value.error);
  }
  return null;
}

/** The first worksheet's rows as cells; throws when the file is not a readable workbook. */
export async function readXlsx(data: Buffer): Promise<Table> {
  const workbook = await newWorkbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: Table = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellOf(row.getCell(c).value));
    table[rowNumber - 1] = cells;
  });
  for (let i = 0; i < table.length; i++) if (!table[i]) table[i] = [];
  return table;
}

/** Writes cells to a one-sheet workbook (tests and the sample export). */
export async function writeXlsx(table: Table, sheetName = "Export"): Promise<Buffer> {
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of table) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
