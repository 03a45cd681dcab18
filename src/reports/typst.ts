/**
 * The report as PDF/A-2b through Typst (@myriaddreamin/typst-ts-node-compiler). The Typst source
 * is generated from the report document: every text, written by a user or not, goes in as a Typst
 * string literal (`typstString`), never as markup, so that #, $, *, _, [, ], \, <, @ … are only
 * characters. The charts are the ECharts SVGs, given to the compiler as in-memory files.
 * Typst embeds its own fonts (Libertinus Serif for the text), so the PDF needs no system font.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileTypstPdf, typstString } from "../platform/typst.ts";
import type { Block, ReportDocument } from "./document.ts";

export { typstString };

/** Text as Typst content: `#"…"` in markup. */
const text = (s: string) => `#${typstString(s)}`;

/** Tables of at most this many rows are never split over two pages. */
const SHORT_TABLE_ROWS = 25;

/** The logo's file in the workspace. */
const logoFile = (type: "image/png" | "image/svg+xml") => (type === "image/png" ? "/logo.png" : "/logo.svg");

/** A chart's file: mapped in memory under the workspace, named from the workspace's root in the source. */
const chartFile = (name: string) => `/${name}.svg`;

function blockSource(block: Block): string {
  switch (block.kind) {
    case "paragraph":
      return `${block.text
        .split("\n")
        .map((line) => text(line))
        .join(" \\\n")}\n\n`;
    case "note":
      return `#block(text(size: 9pt, style: "italic", ${typstString(block.text)}))\n\n`;
    case "heading":
      return `#heading(level: 2, numbering: none, ${typstString(block.text)})\n\n`;
    case "table": {
      // The label column takes the width the figures leave, so that labels wrap less.
      // (A table with two label columns keeps its natural widths.)
      const oneLabel = !block.numeric[0] && block.numeric[1] === true;
      const columns = (block.widths ?? block.head.map((_, i) => (i === 0 && oneLabel ? null : 0)))
        .map((w) => (w === null ? "1fr" : w === 0 ? "auto" : `${w}fr`))
        .join(", ");
      const align = block.numeric.map((n) => (n ? "right" : "left")).join(", ");
      const head = block.head.map((h) => `[*${text(h)}*]`).join(", ");
      const rows = block.rows.map((r) => r.map((c) => `[${text(c)}]`).join(", ")).join(",\n    ");
      // A short table stays whole with its caption on one page; a long one breaks, its header row repeated.
      const short = block.rows.length <= SHORT_TABLE_ROWS;
      return [
        `#block(breakable: ${short ? "false" : "true"}, figure(`,
        "  kind: table,",
        `  caption: figure.caption(position: top, ${typstString(block.caption)}),`,
        "  table(",
        `    columns: (${columns},),`,
        `    align: (${align},),`,
        "    stroke: 0.5pt + luma(160),",
        "    inset: 5pt,",
        `    table.header(repeat: true, ${head}),`,
        `    ${rows}${rows ? "," : ""}`,
        "  ),",
        "))\n\n",
      ].join("\n");
    }
    case "chart":
      return [
        "#figure(",
        `  image(${typstString(chartFile(block.name))}, width: 100%, alt: ${typstString(block.caption)}),`,
        `  caption: ${typstString(block.caption)},`,
        ")\n\n",
      ].join("\n");
  }
}

/**
 * The Typst source of the report: a cover (logo, municipality, title, period, diary number, date,
 * author), the table of contents, the numbered sections and the appendices, every page after the
 * cover with the title and diary number in its header and "Sida n av m" in its footer. The charts
 * are read from `/<name>.svg` and the logo from `/logo.png` or `/logo.svg` in the workspace.
 */
export function typstSource(doc: ReportDocument): string {
  const headerText = doc.cover.diaryNumber ? `${doc.title} · Dnr ${doc.cover.diaryNumber}` : doc.title;
  const coverLine = (label: string, value: string) => (value ? `  [*${text(label)}*], [${text(value)}],` : "");
  const parts: string[] = [
    `#set document(title: ${typstString(doc.title)}, author: ${typstString(doc.cover.author || doc.municipality)})`,
    '#set text(lang: "sv", region: "se", size: 11pt)',
    "#set page(",
    '  paper: "a4",',
    "  margin: (x: 2.2cm, top: 2.6cm, bottom: 2.4cm),",
    `  header: context if counter(page).get().first() > 1 [#set text(size: 9pt, fill: luma(90)); ${text(doc.municipality)} #h(1fr) ${text(headerText)}],`,
    `  footer: context if counter(page).get().first() > 1 [#set text(size: 9pt, fill: luma(90)); ${text(doc.periodText)} #h(1fr) Sida #counter(page).display() av #counter(page).final().first()],`,
    ")",
    "#set par(justify: false, leading: 0.65em)",
    '#set heading(numbering: "1.")',
    "#show heading.where(level: 1): set block(above: 1.6em, below: 0.9em)",
    // A heading never ends a page: it goes with what follows it.
    "#show heading: set block(sticky: true)",
    "#set figure(gap: 0.6em)",
    "#show figure.caption: set text(size: 10pt)",
    "",
    doc.logoType
      ? `#box(height: 2.2cm, image(${typstString(logoFile(doc.logoType))}, height: 2.2cm, alt: ${typstString(`${doc.municipality}s logotyp`)}))`
      : "",
    "#v(3cm)",
    `#text(size: 14pt, ${typstString(doc.municipality)})`,
    "#v(0.6cm)",
    `#text(size: 24pt, weight: "bold", ${typstString(doc.title)})`,
    "#v(0.6cm)",
    `#text(size: 13pt, ${typstString(doc.periodText)})`,
    "#v(1.2cm)",
    "#grid(columns: (auto, auto), column-gutter: 1em, row-gutter: 0.7em,",
    coverLine("Diarienummer", doc.cover.diaryNumber),
    coverLine("Datum", doc.cover.dateText),
    coverLine("Författare", doc.cover.author),
    ")",
    "#v(1fr)",
    `#text(size: 9pt, ${typstString(doc.generatedText)})`,
    "#pagebreak()",
    `#outline(title: ${typstString("Innehåll")}, depth: 1)`,
    "#pagebreak()",
    "",
  ];
  let appendix = 0;
  for (const section of doc.sections) {
    if (section.appendix) {
      appendix += 1;
      parts.push("#pagebreak()");
      parts.push(`#heading(level: 1, numbering: none, ${typstString(`Bilaga ${String.fromCharCode(64 + appendix)}. ${section.title}`)})\n`);
    } else parts.push(`#heading(level: 1, ${typstString(section.title)})\n`);
    for (const block of section.blocks) parts.push(blockSource(block));
  }
  return parts.filter((l) => l !== "").join("\n");
}

/** Compiles the report to a PDF/A-2b, on the Typst worker (platform/typst.ts), its logo and charts as in-memory files. */
export function renderPdf(doc: ReportDocument, logo: Buffer | null): Promise<Buffer> {
  const files: Array<[string, Uint8Array]> = [];
  if (doc.logoType && logo) files.push([logoFile(doc.logoType), logo]);
  for (const section of doc.sections)
    for (const block of section.blocks) {
      if (block.kind === "chart") files.push([chartFile(block.name), Buffer.from(block.svg)]);
    }
  return compileTypstPdf(join(tmpdir(), "sofia-report"), typstSource(doc), files);
}
