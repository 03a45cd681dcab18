/**
 * The report as PDF/A-2b through Typst (@myriaddreamin/typst-ts-node-compiler). The Typst source
 * is generated from the report document: every text, written by a user or not, goes in as a Typst
 * string literal (`typstString`), never as markup, so that #, $, *, _, [, ], \, <, @ … are only
 * characters. The charts are the ECharts SVGs, given to the compiler as in-memory files.
 * Typst embeds its own fonts (Libertinus Serif for the text), so the PDF needs no system font.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";
import type { Block, ReportDocument } from "./document.ts";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A Typst string literal with exactly the characters of the text: backslash, quote and every
 * control character escaped, and a lone surrogate (not a character) replaced by U+FFFD.
 */
export function typstString(text: string): string {
  let out = '"';
  for (const ch of text.replace(LONE_SURROGATE, "\uFFFD")) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || (code >= 0x7f && code < 0xa0) || code === 0x2028 || code === 0x2029) out += `\\u{${code.toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

/** Text as Typst content: `#"…"` in markup. */
const text = (s: string) => `#${typstString(s)}`;

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
      const columns = block.head.map(() => "auto").join(", ");
      const align = block.numeric.map((n) => (n ? "right" : "left")).join(", ");
      const head = block.head.map((h) => `[*${text(h)}*]`).join(", ");
      const rows = block.rows.map((r) => r.map((c) => `[${text(c)}]`).join(", ")).join(",\n    ");
      return [
        "#figure(",
        "  kind: table,",
        `  caption: figure.caption(position: top, ${typstString(block.caption)}),`,
        "  table(",
        `    columns: (${columns},),`,
        `    align: (${align},),`,
        "    stroke: 0.5pt + luma(160),",
        "    inset: 5pt,",
        `    table.header(${head}),`,
        `    ${rows}${rows ? "," : ""}`,
        "  ),",
        ")\n\n",
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

/** The Typst source of the report; the charts are read from `/<name>.svg` in the workspace. */
export function typstSource(doc: ReportDocument): string {
  const parts: string[] = [
    `#set document(title: ${typstString(doc.title)}, author: ${typstString(doc.municipality)})`,
    '#set text(lang: "sv", region: "se", size: 11pt)',
    '#set page(paper: "a4", margin: (x: 2.2cm, y: 2.4cm), numbering: "1")',
    "#set par(justify: false, leading: 0.65em)",
    '#set heading(numbering: "1.")',
    "#show figure.where(kind: table): set block(breakable: true)",
    "#set figure(gap: 0.6em)",
    "#show figure.caption: set text(size: 10pt)",
    "",
    "#page(numbering: none)[",
    "  #v(4cm)",
    `  #text(size: 14pt, ${typstString(doc.municipality)})`,
    "  #v(1cm)",
    `  #text(size: 24pt, weight: "bold", ${typstString(doc.title)})`,
    "  #v(0.8cm)",
    `  #text(size: 13pt, ${typstString(doc.periodText)})`,
    "  #v(0.4cm)",
    `  #text(size: 11pt, ${typstString(doc.generatedText)})`,
    "]",
    "",
  ];
  for (const section of doc.sections) {
    parts.push(`#heading(level: 1, ${typstString(section.title)})\n`);
    for (const block of section.blocks) parts.push(blockSource(block));
  }
  return parts.join("\n");
}

/** Compiles the report to a PDF/A-2b. */
export function renderPdf(doc: ReportDocument): Buffer {
  const dir = join(tmpdir(), "sofia-report");
  const compiler = NodeCompiler.create({ workspace: dir });
  try {
    for (const section of doc.sections)
      for (const block of section.blocks) {
        if (block.kind === "chart") compiler.mapShadow(`${dir}${chartFile(block.name)}`, Buffer.from(block.svg));
      }
    const pdf = compiler.pdf({ mainFileContent: typstSource(doc) }, { pdfStandard: "a-2b" });
    return Buffer.from(pdf);
  } finally {
    compiler.evictCache(0);
  }
}
