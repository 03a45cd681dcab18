/**
 * PDF through Typst (@myriaddreamin/typst-ts-node-compiler), for documents made from data: every
 * text goes in as a Typst string literal (`typstString`), never as markup, so that #, $, *, _, [,
 * ], \, <, @ … are only characters. Typst embeds its own fonts, so the PDF needs no system font.
 * The report (reports/typst.ts) builds its own source with the same `typstString`.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { NodeCompiler } from "@myriaddreamin/typst-ts-node-compiler";

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

/** A Typst source (with no files of its own) as a PDF/A-2b. */
export function renderTypstPdf(source: string): Buffer {
  const compiler = NodeCompiler.create({ workspace: join(tmpdir(), "sofia-typst") });
  try {
    return Buffer.from(compiler.pdf({ mainFileContent: source }, { pdfStandard: "a-2b" }));
  } finally {
    compiler.evictCache(0);
  }
}
