/**
 * PDF through Typst (@myriaddreamin/typst-ts-node-compiler), for documents made from data: every
 * text goes in as a Typst string literal (`typstString`), never as markup, so that #, $, *, _, [,
 * ], \, <, @ … are only characters. Typst embeds its own fonts, so the PDF needs no system font.
 * The report (reports/typst.ts) builds its own source with the same `typstString`.
 */

import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";

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

/**
 * Typst compiles synchronously and takes seconds for a large report: on the main thread it would
 * hold up every other request of the process for that long. So it runs on a worker thread of its
 * own, started at the first PDF and kept (not keeping the process alive while idle), which takes
 * one compilation at a time in the order asked. A worker that dies fails what it was given and is
 * started again at the next PDF. The worker is a small CommonJS script given as text, so that it is
 * the same whether Sofia runs from src/ or from the bundle in dist/ (decision 0052); it loads the
 * compiler from the path this module resolves.
 *
 * Typst memoizes what it lays out (fonts, styles, paragraphs, table rows) in a cache of the process.
 * After each compilation the worker keeps what that compilation used and drops the rest
 * (`evictCache(1)`): the next document that shares much with the last (the same report made again
 * after its texts were edited, a report of the next period) is laid out in about half the time, and
 * the worker's memory holds about one document's worth (decision 0028's addendum).
 */
const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const { NodeCompiler } = require(workerData.compiler);
parentPort.on("message", ({ id, workspace, source, files }) => {
  const compiler = NodeCompiler.create({ workspace });
  try {
    for (const [name, data] of files) compiler.mapShadow(workspace + name, Buffer.from(data));
    const pdf = compiler.pdf({ mainFileContent: source }, { pdfStandard: "a-2b" });
    parentPort.postMessage({ id, pdf });
  } catch (error) {
    parentPort.postMessage({ id, error: String((error && error.message) || error) });
  } finally {
    compiler.evictCache(1);
  }
});
`;
const compilerPath = createRequire(import.meta.url).resolve("@myriaddreamin/typst-ts-node-compiler");

type Pending = { resolve: (pdf: Buffer) => void; reject: (error: Error) => void };
let worker: Worker | null = null;
const pending = new Map<number, Pending>();
let nextId = 0;

function started(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER, { eval: true, workerData: { compiler: compilerPath } });
  const failAll = (error: Error) => {
    if (worker === w) worker = null;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  w.on("message", ({ id, pdf, error }: { id: number; pdf?: Uint8Array; error?: string }) => {
    const p = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) w.unref();
    if (!p) return;
    if (pdf) p.resolve(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
    else p.reject(new Error(`Typst: ${error}`));
  });
  w.on("error", failAll);
  w.on("exit", (code) => failAll(new Error(`Typst's worker stopped (exit code ${code})`)));
  w.unref();
  worker = w;
  return w;
}

/**
 * Compiles a Typst source to a PDF/A-2b on the Typst worker: `files` are in-memory files (a name
 * from the workspace's root, such as `/logo.png`, and the bytes) that the source refers to.
 */
export function compileTypstPdf(workspace: string, source: string, files: Array<[string, Uint8Array]> = []): Promise<Buffer> {
  const w = started();
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.ref();
    w.postMessage({ id, workspace, source, files });
  });
}

/** A Typst source (with no files of its own) as a PDF/A-2b. */
export function renderTypstPdf(source: string): Promise<Buffer> {
  return compileTypstPdf(join(tmpdir(), "sofia-typst"), source);
}
