/**
 * A report version's tables as a workbook (a sheet per section) and as one CSV, for those who work
 * on with the figures. Made from the same document model as the PDF and the Word file, so every
 * figure and every hidden "..", is the same. In the workbook a plain figure is a number (a share a
 * percentage, kronor a number in kronor); a hidden or combined figure stays text.
 */

import { CSV_BOM, csvLine } from "../platform/csv.ts";
import { newWorkbook } from "../platform/excel.ts";
import type { ReportDocument } from "./document.ts";

export interface ReportTable {
  section: string;
  caption: string;
  head: string[];
  rows: string[][];
  numeric: boolean[];
}

/** Every table of the document, in order, with the title of its section. */
export function tablesOf(doc: ReportDocument): ReportTable[] {
  return doc.sections.flatMap((s) =>
    s.blocks.flatMap((b) =>
      b.kind === "table" ? [{ section: s.title, caption: b.caption, head: b.head, rows: b.rows, numeric: b.numeric }] : [],
    ),
  );
}

/** A shown figure as a spreadsheet value: "1 234" and "-5 000 kr" are numbers, "42,5 %" a fraction; anything else text. */
export function cellValue(text: string): { value: number | string; format?: "percent" | "kronor" } {
  const m = /^(-?\d{1,3}(?:[ \u00a0]\d{3})*|-?\d+)(?:,(\d+))?( %| kr)?$/.exec(text.trim());
  if (!m) return { value: text };
  const n = Number(`${(m[1] ?? "").replace(/[ \u00a0]/g, "")}.${m[2] ?? "0"}`);
  if (m[3] === " %") return { value: n / 100, format: "percent" };
  if (m[3] === " kr") return { value: n, format: "kronor" };
  return { value: n };
}

/** All tables in one CSV: the report's title and period, then per table a line naming it, its header and rows. */
export function tablesCsv(doc: ReportDocument): string {
  const lines = [csvLine([`${doc.municipality}: ${doc.title}`]), csvLine([doc.periodText]), csvLine([doc.generatedText])];
  for (const table of tablesOf(doc))
    lines.push(csvLine([]), csvLine([`${table.section}: ${table.caption}`]), csvLine(table.head), ...table.rows.map(csvLine));
  return CSV_BOM + lines.join("");
}

/** The tables as a workbook: a first sheet with the report's title and period, then a sheet per section that has tables. */
export async function tablesXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = await newWorkbook();
  workbook.creator = "Sofia";
  const first = workbook.addWorksheet(doc.title.slice(0, 31).replace(/[[\]*?:/\\]/g, " ") || "Rapport");
  first.addRow([`${doc.municipality}: ${doc.title}`]).font = { bold: true };
  first.addRow([doc.periodText]);
  first.addRow([doc.generatedText]);
  first.getColumn(1).width = 80;
  const tables = tablesOf(doc);
  for (const section of [...new Set(tables.map((t) => t.section))]) {
    const sheet = workbook.addWorksheet(section.slice(0, 31));
    for (const table of tables.filter((t) => t.section === section)) {
      sheet.addRow([table.caption]).font = { bold: true };
      sheet.addRow(table.head).font = { bold: true };
      for (const row of table.rows) {
        const cells = row.map((text, i) => (table.numeric[i] ? cellValue(text) : { value: text }));
        const added = sheet.addRow(cells.map((c) => c.value));
        cells.forEach((c, i) => {
          if (c.format === "percent") added.getCell(i + 1).numFmt = "0.0%";
          if (c.format === "kronor") added.getCell(i + 1).numFmt = '# ##0" kr"';
        });
      }
      sheet.addRow([]);
    }
    sheet.getColumn(1).width = 48;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
