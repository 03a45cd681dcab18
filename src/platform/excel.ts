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
