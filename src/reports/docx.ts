/**
 * The report as a Word file (docx 9): the same document as the PDF, its tables as Word tables
 * (written by `tableXml`, decision 0069) and its charts as PNG images made from the same SVG
 * (@resvg/resvg-js, system fonts for the labels).
 * The text is marked as Swedish so that Word's spelling and screen readers use the right language.
 */
import { randomUUID } from "node:crypto";
import { Resvg, renderAsync } from "@resvg/resvg-js";
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
} from "docx";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { Block, ReportDocument } from "./document.ts";

type ChartBlock = Extract<Block, { kind: "chart" }>;
type TableBlock = Extract<Block, { kind: "table" }>;

/** Text as XML character data: the characters XML 1.0 does not allow are dropped, markup escaped. */
const xmlText = (text: string) =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters XML 1.0 forbids.
  text.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F]/g, "").replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));

const TABLE_BORDERS = ["top", "left", "bottom", "right", "insideH", "insideV"]
  .map((side) => `<w:${side} w:val="single" w:color="auto" w:sz="4"/>`)
  .join("");

/**
 * A table as WordprocessingML (ECMA-376 part 1, 17.4), as the docx library would write it: the
 * page's width, single borders, the header row repeated on every page, no row split across pages.
 * A short table is kept on one page with its caption (each row kept with the next). A table of six
 * columns or more is set a point smaller, so that its headers are not broken inside a word. The
 * size, language and alignment are the paragraph styles' (`tableStyles`), not each cell's.
 */
function tableXml(block: TableBlock): string {
  const short = block.rows.length <= 25;
  const small = block.head.length >= 6;
  const style = small ? "SofiaTableSmall" : "SofiaTable";
  // The table's own column shares where it has them, as in the PDF; else the label column takes the width the figures leave.
  const widths = roomForHeaderWords(
    block.widths ? sharedWidths(block.widths) : columnWidths(block.head.length, !block.numeric[0] && block.numeric[1] === true),
    block.head,
    small ? SMALL_SIZE : TABLE_SIZE,
  );
  const cell = (text: string, i: number, bold: boolean, keepNext: boolean) =>
    `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${widths[i]}"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="${block.numeric[i] ? `${style}Figure` : style}"/>${
      keepNext ? "<w:keepNext/>" : ""
    }</w:pPr><w:r>${bold ? "<w:rPr><w:b/><w:bCs/></w:rPr>" : ""}<w:t xml:space="preserve">${xmlText(text)}</w:t></w:r></w:p></w:tc>`;
  const rows = [
    `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${block.head.map((h, i) => cell(h, i, true, true)).join("")}</w:tr>`,
    ...block.rows.map(
      (r, n) =>
        `<w:tr><w:trPr><w:cantSplit/></w:trPr>${r.map((c, i) => cell(c, i, false, short && n < block.rows.length - 1)).join("")}</w:tr>`,
    ),
  ];
  return `<w:tbl><w:tblPr><w:tblW w:type="pct" w:w="5000"/><w:tblBorders>${TABLE_BORDERS}</w:tblBorders></w:tblPr><w:tblGrid>${widths
    .map((w) => `<w:gridCol w:w="${w}"/>`)
    .join("")}</w:tblGrid>${rows.join("")}</w:tbl>`;
}

/**
 * The report's tables, written by `tableXml` instead of the docx library's objects: a report at
 * national scale has tables of 2 000 rows, which the library's object per cell, paragraph, run and
 * property made in about a second, most of it garbage collection (decision 0069). Each table is
 * placed as a paragraph holding a marker of this document (`place`), which `fill` replaces in the
 * packed file's document.xml with the table.
 */
class TablesXml {
  private readonly marker = `sofia-table-${randomUUID()}`;
  private readonly xml: string[] = [];

  place(block: TableBlock): Paragraph {
    this.xml.push(tableXml(block));
    return new Paragraph({ children: [new TextRun(`${this.marker}:${this.xml.length - 1}`)] });
  }

  /** The packed file with every marker's paragraph replaced by its table; fails if a marker is not found once. */
  fill(docx: Buffer): Buffer {
    const files = unzipSync(docx);
    const xml = strFromU8(files["word/document.xml"] ?? new Uint8Array());
    const found = new Set<number>();
    const paragraph = new RegExp(`<w:p>(?:(?!</?w:p>)[\\s\\S])*?${this.marker}:(\\d+)[\\s\\S]*?</w:p>`, "g");
    const filled = xml.replace(paragraph, (_, n: string) => {
      found.add(Number(n));
      return this.xml[Number(n)] ?? "";
    });
    if (found.size !== this.xml.length) throw new Error(`docx: ${this.xml.length - found.size} of ${this.xml.length} tables not placed`);
    files["word/document.xml"] = strToU8(filled);
    return Buffer.from(zipSync(files));
  }
}

/**
 * The chart as a PNG twice its size, for a sharp image in Word; drawn on libuv's thread pool, so that
 * the report's other parts are made meanwhile.
 */
async function chartPng(svg: string, width: number): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: "width", value: width * 2 },
    background: "#ffffff",
    font: { loadSystemFonts: true, defaultFontFamily: "Liberation Sans", sansSerifFamily: "Liberation Sans" },
  });
  return Buffer.from(image.asPng());
}

const language = { value: "sv-SE" };

function paragraphLines(text: string, options: { italics?: boolean; size?: number } = {}): Paragraph {
  const lines = text.split("\n");
  return new Paragraph({
    spacing: { after: 160 },
    children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, language, ...options })),
  });
}

function blockParts(block: Exclude<Block, ChartBlock>, tables: TablesXml): Paragraph[] {
  switch (block.kind) {
    case "paragraph":
      return [paragraphLines(block.text)];
    case "note":
      return [paragraphLines(block.text, { italics: true, size: 18 })];
    case "heading":
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: block.text, language })] })];
    case "table":
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 120, after: 80 },
          children: [new TextRun({ text: block.caption, bold: true, language, size: 20 })],
        }),
        tables.place(block),
        new Paragraph({ children: [] }),
      ];
  }
}

/** A chart as an image (its PNG, `chartPng`) with its caption under it. */
function chartParts(block: ChartBlock, png: Buffer): Paragraph[] {
  const width = 600;
  const height = Math.round((block.height / block.width) * width);
  return [
    new Paragraph({
      children: [
        new ImageRun({
          type: "png",
          data: png,
          transformation: { width, height },
          altText: { name: block.name, title: block.caption, description: block.caption },
        }),
      ],
    }),
    new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text: block.caption, italics: true, language, size: 18 })] }),
  ];
}

/** The table's columns in twips: a label column gets 40 % of the width, the figures share the rest. */
function columnWidths(n: number, label: boolean): number[] {
  const total = 9000;
  if (!label || n < 2) return Array.from({ length: n }, () => Math.floor(total / n));
  const first = n === 2 ? 6000 : 3600;
  return [first, ...Array.from({ length: n - 1 }, () => Math.floor((total - first) / (n - 1)))];
}

/**
 * The widths (twips) with each column at least as wide as the longest word of its header, set in
 * bold at `size` half-points, so that Word does not break a header inside a word ("Måluppfyl|lelse");
 * what a column gains is taken from the columns with room to spare, in proportion to their room.
 * A word's width is estimated from its letters (0.6 em each, wider than Calibri's bold letters
 * on average: letters × size in half-points × 6 twips) and the cell's margins; when the columns together have too little room, the widths
 * are left as they were.
 */
export function roomForHeaderWords(widths: number[], head: string[], size: number): number[] {
  const needed = head.map((h) => Math.max(0, ...h.split(/\s+/).map((w) => w.length)) * size * 6 + CELL_MARGINS);
  const raised = widths.map((w, i) => Math.max(w, needed[i] ?? 0));
  const gained = sum(raised) - sum(widths);
  if (gained === 0) return widths;
  const room = raised.map((w, i) => (w > (needed[i] ?? 0) ? w - (needed[i] ?? 0) : 0));
  const total = sum(room);
  if (total < gained) return widths;
  return raised.map((w, i) => w - Math.ceil((gained * (room[i] ?? 0)) / total));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** Word's default cell margins, left and right (0.19 cm each), in twips. */
const CELL_MARGINS = 216;

/** Column shares as twips of the 9 000 of text width on A4. */
function sharedWidths(shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  return shares.map((w) => Math.floor((9000 * w) / sum));
}

/** The logo as PNG for Word (an SVG drawn by resvg), and its size on the cover, 2.2 cm high. */
function logoRun(type: "image/png" | "image/svg+xml", data: Buffer, name: string): ImageRun {
  const png = type === "image/png" ? data : new Resvg(data, { fitTo: { mode: "height", value: 300 } }).render().asPng();
  const image = new Resvg(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image href="data:image/png;base64,${Buffer.from(png).toString("base64")}"/></svg>`,
  );
  const ratio = image.width > 0 && image.height > 0 ? image.width / image.height : 1;
  const height = 83; // 2.2 cm in pixels at 96 dpi
  return new ImageRun({
    type: "png",
    data: Buffer.from(png),
    transformation: { width: Math.round(height * ratio), height },
    altText: { name: "logotyp", title: name, description: name },
  });
}

/** The tables' text size in half-points: 10 pt, and 9 pt in a table of six columns or more. */
const TABLE_SIZE = 20;
const SMALL_SIZE = 18;

/** The table cells' paragraph styles: 10 pt, or 9 pt in a table of six columns or more; a figure right-aligned. */
const tableStyles = [
  { id: "SofiaTable", size: TABLE_SIZE, alignment: AlignmentType.LEFT },
  { id: "SofiaTableFigure", size: TABLE_SIZE, alignment: AlignmentType.RIGHT },
  { id: "SofiaTableSmall", size: SMALL_SIZE, alignment: AlignmentType.LEFT },
  { id: "SofiaTableSmallFigure", size: SMALL_SIZE, alignment: AlignmentType.RIGHT },
].map(({ id, size, alignment }) => ({
  id,
  name: id,
  basedOn: "Normal",
  quickFormat: false,
  run: { size },
  paragraph: { alignment },
}));

const small = (text: string) => new TextRun({ text, size: 18, color: "595959", language });

/**
 * The report as a .docx file: the cover (logo, municipality, title, period, diary number, date,
 * author), a table of contents that Word fills in when the file is opened, the numbered sections and
 * the appendices; every page after the cover has the title and diary number in its header and
 * "Sida n av m" in its footer.
 */
export async function renderDocx(doc: ReportDocument, logo: Buffer | null): Promise<Buffer> {
  const coverLine = (label: string, value: string) =>
    new Paragraph({
      spacing: { after: 120 },
      children: [new TextRun({ text: `${label}: `, bold: true, language }), new TextRun({ text: value, language })],
    });
  const children: Array<Paragraph | TableOfContents> = [
    ...(doc.logoType && logo ? [new Paragraph({ children: [logoRun(doc.logoType, logo, `${doc.municipality}s logotyp`)] })] : []),
    new Paragraph({ spacing: { before: 1800, after: 400 }, children: [new TextRun({ text: doc.municipality, size: 28, language })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: doc.title, language })] }),
    new Paragraph({ spacing: { before: 300, after: 600 }, children: [new TextRun({ text: doc.periodText, size: 26, language })] }),
    ...(doc.cover.diaryNumber ? [coverLine("Diarienummer", doc.cover.diaryNumber)] : []),
    coverLine("Datum", doc.cover.dateText),
    ...(doc.cover.author ? [coverLine("Författare", doc.cover.author)] : []),
    new Paragraph({ spacing: { before: 1200 }, children: [small(doc.generatedText)] }),
    new Paragraph({ children: [new PageBreak()] }),
    // Not a heading: the contents do not list themselves.
    new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text: "Innehåll", bold: true, size: 32, language })] }),
    new TableOfContents("Innehåll", { hyperlink: true, headingStyleRange: "1-1" }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  // The charts are drawn while the rest is made (`chartPng`), each put in its place once all are drawn.
  const parts: Array<Paragraph[] | ChartBlock> = [];
  const tables = new TablesXml();
  const pngs: Array<Promise<Buffer>> = [];
  let numbered = 0;
  let appendix = 0;
  for (const section of doc.sections) {
    let title: string;
    if (section.appendix) {
      appendix += 1;
      title = `Bilaga ${String.fromCharCode(64 + appendix)}. ${section.title}`;
    } else {
      numbered += 1;
      title = `${numbered}. ${section.title}`;
    }
    parts.push([
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: section.appendix,
        children: [new TextRun({ text: title, language })],
      }),
    ]);
    for (const block of section.blocks) {
      if (block.kind === "chart") pngs.push(chartPng(block.svg, block.width));
      parts.push(block.kind === "chart" ? block : blockParts(block, tables));
    }
  }
  const drawn = await Promise.all(pngs);
  for (const part of parts) children.push(...(Array.isArray(part) ? part : chartParts(part, drawn.shift() as Buffer)));
  const headerText = doc.cover.diaryNumber ? `${doc.title} · Dnr ${doc.cover.diaryNumber}` : doc.title;
  const document = new Document({
    title: doc.title,
    creator: doc.cover.author || doc.municipality,
    description: doc.periodText,
    features: { updateFields: true },
    styles: { default: { document: { run: { font: "Calibri", size: 22, language } } }, paragraphStyles: tableStyles },
    sections: [
      {
        properties: { titlePage: true },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({ children: [new Paragraph({ children: [small(`${doc.municipality} – ${headerText}`)] })] }),
        },
        footers: {
          first: new Footer({ children: [new Paragraph({ children: [] })] }),
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  small(`${doc.periodText} – Sida `),
                  new TextRun({ children: [PageNumber.CURRENT], size: 18, color: "595959" }),
                  small(" av "),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: 18, color: "595959" }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return tables.fill(await Packer.toBuffer(document));
}
