/**
 * The Word file's tables, written as XML of Sofia's own (docx.ts `tableXml`, decision 0069): each in
 * its place after its caption, its header repeated, its text escaped, nothing of the markers left.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import type { ReportDocument } from "./document.ts";
import { renderDocx, roomForHeaderWords } from "./docx.ts";

const chart = `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><rect x="10" y="10" width="80" height="80" fill="#1f6feb"/></svg>`;

const doc: ReportDocument = {
  municipality: "Testkommun",
  title: "Delrapport 1",
  periodText: "Period: 1 januari 2026 – 30 juni 2026",
  generatedText: "Framtagen 1 juli 2026 ur Sofia",
  cover: { diaryNumber: "SN 2026/1", author: "Socialtjänsten", dateText: "1 juli 2026" },
  logoType: null,
  sections: [
    {
      key: "results",
      title: "Resultat",
      blocks: [
        { kind: "paragraph", text: "Före tabellerna" },
        {
          kind: "table",
          caption: "Första tabellen",
          head: ["Enhet", "Andel"],
          rows: [
            ["Barn & unga <Norr>", "42,5 %"],
            ['Styck\u0001 "citat"', ".."],
          ],
          numeric: [false, true],
        },
        { kind: "chart", name: "diagram", caption: "Ett diagram", svg: chart, width: 200, height: 100 },
        {
          kind: "table",
          caption: "Andra tabellen",
          head: ["A", "B", "C", "D", "E", "F"],
          rows: Array.from({ length: 30 }, (_, i) => [`rad ${i}`, "1", "2", "3", "4", "5"]),
          numeric: [false, true, true, true, true, true],
          widths: [4, 1, 1, 1, 1, 1],
        },
        { kind: "paragraph", text: "Efter tabellerna" },
      ],
    },
  ],
};

describe("the Word file's tables", () => {
  it("are in their places, escaped, with their header rows, and no marker is left", async () => {
    const zip = await JSZip.loadAsync(await renderDocx(doc, null));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    expect(xml).not.toContain("sofia-table-");
    expect(xml.match(/<w:tbl>/g)).toHaveLength(2);
    expect(xml.match(/<w:tblHeader\/>/g)).toHaveLength(2);
    expect(xml).toContain(">Barn &amp; unga &lt;Norr&gt;</w:t>");
    expect(xml).toContain('>Styck "citat"</w:t>');
    const order = ["Före tabellerna", "Första tabellen", "Barn &amp; unga", "Ett diagram", "Andra tabellen", "rad 29", "Efter tabellerna"];
    const at = order.map((text) => xml.indexOf(text));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    // A short table's rows are kept together; a long one (30 rows) breaks; six columns are set smaller, by style.
    const [first, second] = xml.split("<w:tbl>").slice(1);
    expect(first).toContain('<w:pStyle w:val="SofiaTableFigure"/><w:keepNext/>');
    expect(second).not.toContain("<w:keepNext/></w:pPr><w:r><w:t");
    expect(second).toContain('<w:pStyle w:val="SofiaTableSmallFigure"/>');
    expect(second).toContain('<w:gridCol w:w="4000"/>');
    expect(Object.keys(zip.files).some((name) => name.startsWith("word/media/") && name.endsWith(".png"))).toBe(true);
    const styles = (await zip.file("word/styles.xml")?.async("string")) ?? "";
    expect(styles).toContain('w:styleId="SofiaTableSmallFigure"');
  });
});

describe("the Word file's column widths", () => {
  it("give a header's longest word room on one line, taken from the columns with room to spare", () => {
    const widths = [3000, 1200, 1200, 1200, 1200, 1200];
    const head = ["Indikator", "Utfall", "Mål", "Måluppfyllelse", "Förra året", "Antal"];
    const fitted = roomForHeaderWords(widths, head, 18);
    // "Måluppfyllelse": 14 letters at 9 pt bold, 0.6 em each, and the margins: 1 728 twips.
    expect(fitted[3]).toBe(1728);
    expect(fitted[0]).toBeLessThan(3000);
    expect(fitted.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(9000);
    expect(fitted.reduce((a, b) => a + b, 0)).toBeGreaterThan(8990);
    fitted.forEach((w, i) => {
      expect(w).toBeGreaterThanOrEqual(Math.max(...(head[i] ?? "").split(" ").map((x) => x.length)) * 18 * 6 + 216);
    });
  });

  it("are left as they were when every word fits, or when there is too little room for all", () => {
    expect(roomForHeaderWords([6000, 3000], ["Kön", "Antal"], 20)).toEqual([6000, 3000]);
    const crowded = [1000, 1000, 1000];
    expect(roomForHeaderWords(crowded, ["Måluppfyllelse", "Måluppfyllelse", "Måluppfyllelse"], 20)).toBe(crowded);
  });
});
