/**
 * The report as a Word file (docx 9): the same document as the PDF, its tables as Word tables and
 * its charts as PNG images made from the same SVG (@resvg/resvg-js, system fonts for the labels).
 * The text is marked as Swedish so that Word's spelling and screen readers use the right language.
 */
import { Resvg } from "@resvg/resvg-js";
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
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Block, ReportDocument } from "./document.ts";

/** The chart as a PNG twice its size, for a sharp image in Word. */
export function chartPng(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width * 2 },
    background: "#ffffff",
    font: { loadSystemFonts: true, defaultFontFamily: "Liberation Sans", sansSerifFamily: "Liberation Sans" },
  });
  return Buffer.from(resvg.render().asPng());
}

const language = { value: "sv-SE" };

function paragraphLines(text: string, options: { italics?: boolean; size?: number } = {}): Paragraph {
  const lines = text.split("\n");
  return new Paragraph({
    spacing: { after: 160 },
    children: lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, language, ...options })),
  });
}

function blockParts(block: Block): Array<Paragraph | Table> {
  switch (block.kind) {
    case "paragraph":
      return [paragraphLines(block.text)];
    case "note":
      return [paragraphLines(block.text, { italics: true, size: 18 })];
    case "heading":
      return [new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun({ text: block.text, language })] })];
    case "table": {
      // A short table is kept on one page with its caption (each row kept with the next); a long one repeats its header row.
      const short = block.rows.length <= 25;
      // A table of six columns or more is set a point smaller, so that its headers are not broken inside a word.
      const size = block.head.length >= 6 ? 18 : 20;
      const cell = (text: string, i: number, bold: boolean, keepNext: boolean) =>
        new TableCell({
          children: [
            new Paragraph({
              keepNext,
              alignment: block.numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
              children: [new TextRun({ text, bold, language, size })],
            }),
          ],
        });
      return [
        new Paragraph({
          keepNext: true,
          spacing: { before: 120, after: 80 },
          children: [new TextRun({ text: block.caption, bold: true, language, size: 20 })],
        }),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          // The table's own column shares where it has them, as in the PDF; else the label column takes the width the figures leave.
          columnWidths: block.widths
            ? sharedWidths(block.widths)
            : columnWidths(block.head.length, !block.numeric[0] && block.numeric[1] === true),
          rows: [
            new TableRow({ tableHeader: true, cantSplit: true, children: block.head.map((h, i) => cell(h, i, true, true)) }),
            ...block.rows.map(
              (r, n) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c, i, false, short && n < block.rows.length - 1)) }),
            ),
          ],
        }),
        new Paragraph({ children: [] }),
      ];
    }
    case "chart": {
      const width = 600;
      const height = Math.round((block.height / block.width) * width);
      return [
        new Paragraph({
          children: [
            new ImageRun({
              type: "png",
              data: chartPng(block.svg, block.width),
              transformation: { width, height },
              altText: { name: block.name, title: block.caption, description: block.caption },
            }),
          ],
        }),
        new Paragraph({ spacing: { after: 200 }, children: [new TextRun({ text: block.caption, italics: true, language, size: 18 })] }),
      ];
    }
  }
}

/** The table's columns in twips: a label column gets 40 % of the width, the figures share the rest. */
function columnWidths(n: number, label: boolean): number[] {
  const total = 9000;
  if (!label || n < 2) return Array.from({ length: n }, () => Math.floor(total / n));
  const first = n === 2 ? 6000 : 3600;
  return [first, ...Array.from({ length: n - 1 }, () => Math.floor((total - first) / (n - 1)))];
}

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
  const children: Array<Paragraph | Table | TableOfContents> = [
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
    children.push(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        pageBreakBefore: section.appendix,
        children: [new TextRun({ text: title, language })],
      }),
    );
    for (const block of section.blocks) children.push(...blockParts(block));
  }
  const headerText = doc.cover.diaryNumber ? `${doc.title} · Dnr ${doc.cover.diaryNumber}` : doc.title;
  const document = new Document({
    title: doc.title,
    creator: doc.cover.author || doc.municipality,
    description: doc.periodText,
    features: { updateFields: true },
    styles: { default: { document: { run: { font: "Calibri", size: 22, language } } } },
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
  return Packer.toBuffer(document);
}
