/**
 * The report as a Word file (docx 9): the same document as the PDF, its tables as Word tables and
 * its charts as PNG images made from the same SVG (@resvg/resvg-js, system fonts for the labels).
 * The text is marked as Swedish so that Word's spelling and screen readers use the right language.
 */
import { Resvg } from "@resvg/resvg-js";
import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
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
      const cell = (text: string, i: number, bold: boolean) =>
        new TableCell({
          children: [
            new Paragraph({
              alignment: block.numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
              children: [new TextRun({ text, bold, language, size: 20 })],
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
          rows: [
            new TableRow({ tableHeader: true, children: block.head.map((h, i) => cell(h, i, true)) }),
            ...block.rows.map((r) => new TableRow({ children: r.map((c, i) => cell(c, i, false)) })),
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

/** The report as a .docx file. */
export async function renderDocx(doc: ReportDocument): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [
    new Paragraph({ spacing: { before: 2400, after: 400 }, children: [new TextRun({ text: doc.municipality, size: 28, language })] }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: doc.title, language })] }),
    new Paragraph({ spacing: { before: 300 }, children: [new TextRun({ text: doc.periodText, size: 26, language })] }),
    new Paragraph({ children: [new TextRun({ text: doc.generatedText, language })] }),
    new Paragraph({ children: [new PageBreak()] }),
  ];
  doc.sections.forEach((section, i) => {
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: `${i + 1}. ${section.title}`, language })] }),
    );
    for (const block of section.blocks) children.push(...blockParts(block));
  });
  const document = new Document({
    title: doc.title,
    creator: doc.municipality,
    description: doc.periodText,
    styles: { default: { document: { run: { font: "Calibri", size: 22, language } } } },
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
