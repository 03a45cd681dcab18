import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { ReportDocument } from "./document.ts";
import { cellValue, tablesCsv, tablesOf, tablesXlsx } from "./tables.ts";

const doc: ReportDocument = {
  municipality: "Testkommun",
  title: "Delrapport 1",
  periodText: "Period: 1 januari 2026 – 30 juni 2026",
  generatedText: "Framtagen 1 juli 2026 ur Sofia",
  cover: { diaryNumber: "SN 2026/1", author: "Socialtjänsten", dateText: "1 juli 2026" },
  logoType: null,
  sections: [
    { key: "summary", title: "Sammanfattning", blocks: [{ kind: "paragraph", text: "Text" }] },
    {
      key: "results",
      title: "Resultat mot effekt- och processmål",
      blocks: [
        { kind: "heading", text: "Processmål" },
        {
          kind: "table",
          caption: "Indikatorer",
          head: ["Indikator", "Perioden", "Antal"],
          rows: [
            ["Genomförda", "42,5 % (17 av 40)", "1 234"],
            ["=Avbrutna", "..", "-5"],
          ],
          numeric: [false, true, true],
        },
      ],
    },
    {
      key: "budget",
      title: "Budget och avvikelser",
      blocks: [
        {
          kind: "table",
          caption: "Kostnader",
          head: ["År", "Kostnad", "Andel"],
          rows: [["2026", "-5 000 kr", "12,5 %"]],
          numeric: [false, true, true],
        },
      ],
    },
  ],
};

describe("a report's tables for spreadsheets", () => {
  it("reads plain figures as numbers and leaves hidden and combined ones as text", () => {
    expect(cellValue("1 234")).toEqual({ value: 1234 });
    expect(cellValue("12,5 %")).toEqual({ value: 0.125, format: "percent" });
    expect(cellValue("-5 000 kr")).toEqual({ value: -5000, format: "kronor" });
    expect(cellValue("..")).toEqual({ value: ".." });
    expect(cellValue("42,5 % (17 av 40)")).toEqual({ value: "42,5 % (17 av 40)" });
    expect(cellValue("–")).toEqual({ value: "–" });
  });

  it("gives every table in the document's order, named by its section", () => {
    expect(tablesOf(doc).map((t) => `${t.section}: ${t.caption}`)).toEqual([
      "Resultat mot effekt- och processmål: Indikatorer",
      "Budget och avvikelser: Kostnader",
    ]);
  });

  it("writes one CSV for Swedish Excel, a would-be formula defused", () => {
    const csv = tablesCsv(doc);
    expect(csv.startsWith("\uFEFFTestkommun: Delrapport 1\r\n")).toBe(true);
    expect(csv).toContain(
      "\r\nResultat mot effekt- och processmål: Indikatorer\r\nIndikator;Perioden;Antal\r\nGenomförda;42,5 % (17 av 40);1 234\r\n'=Avbrutna;..;-5\r\n",
    );
  });

  it("writes a workbook with a sheet per section that has tables, figures as numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tablesXlsx(doc)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual([
      "Delrapport 1",
      "Resultat mot effekt- och processmål".slice(0, 31),
      "Budget och avvikelser",
    ]);
    const budget = workbook.getWorksheet("Budget och avvikelser");
    expect(budget?.getRow(3).values).toEqual([undefined, "2026", -5000, 0.125]);
    expect(budget?.getRow(3).getCell(2).numFmt).toBe('# ##0" kr"');
    expect(budget?.getRow(3).getCell(3).numFmt).toBe("0.0%");
    const results = workbook.worksheets[1];
    expect(results?.getRow(4).values).toEqual([undefined, "=Avbrutna", "..", -5]);
  });
});
