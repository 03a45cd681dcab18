/**
 * An uploaded table (CSV or XLSX) read as rows of cells, for every import that takes a file: its
 * size checked first, an XLSX's unpacked size and its rows before its cells are read, a CSV's lines
 * before it is parsed. A refusal names the problem; the module says it in its own words.
 */
import crypto from "node:crypto";
import type { FastifyRequest } from "fastify";
import { lineCount, parseCsv, type Table } from "./csv.ts";
import { readFirstSheet } from "./excel.ts";
import { checkXlsx, SHEET_CELLS_MAX, XlsxRefused } from "./xlsx-guard.ts";

/** What any uploaded XLSX may unpack to. */
const UNPACKED_BYTES_MAX = 30 * 1024 * 1024;

/**
 * Why a file was refused: none given, too large, too many rows; an XLSX that unpacks to too much
 * (or has too many parts) or has too many cells in a worksheet; or not readable at all.
 */
export type UploadProblem = "fileRequired" | "fileTooLarge" | "tooManyRows" | "unpackedTooLarge" | "tooManyCells" | "unreadable";

export class UploadError extends Error {
  constructor(readonly problem: UploadProblem) {
    super(`the uploaded file was refused: ${problem}`);
  }
}

export interface UploadedFile {
  fileName: string;
  data: Buffer;
}

/** Whether the bytes are a zip container (an XLSX), whatever the file is called. */
export const isZip = (data: Buffer) => data.length > 4 && data[0] === 0x50 && data[1] === 0x4b;

/** The file's rows (the header row included), at most `maxRows` of them; UploadError otherwise. */
export async function readUploadedTable(
  file: UploadedFile | null | undefined,
  limits: { maxBytes: number; maxRows: number },
): Promise<Table> {
  if (!file || file.data.length === 0) throw new UploadError("fileRequired");
  if (file.data.length > limits.maxBytes) throw new UploadError("fileTooLarge");
  if (isZip(file.data) || /\.xlsx$/i.test(file.fileName)) {
    let sheet: Awaited<ReturnType<typeof readFirstSheet>>;
    try {
      // What the zip unpacks to, before exceljs reads it (decision 0050): a small upload cannot take the memory.
      await checkXlsx(file.data, {
        unpackedBytes: UNPACKED_BYTES_MAX,
        entries: 500,
        sheetRows: limits.maxRows + 10,
        sheetCells: SHEET_CELLS_MAX,
      });
      sheet = await readFirstSheet(file.data, limits.maxRows);
    } catch (e) {
      if (e instanceof XlsxRefused && e.reason !== "unreadable") throw new UploadError(e.reason);
      throw new UploadError("unreadable");
    }
    if (sheet.tooManyRows) throw new UploadError("tooManyRows");
    return sheet.rows;
  }
  const decoded = new TextDecoder("utf-8", { fatal: false }).decode(file.data);
  if (decoded.includes("\u0000")) throw new UploadError("unreadable");
  const text = decoded.includes("\ufffd") ? new TextDecoder("latin1").decode(file.data) : decoded;
  if (lineCount(text.trimEnd()) > limits.maxRows) throw new UploadError("tooManyRows");
  return parseCsv(text);
}

/** A multipart form as read by `readMultipartForm`: its text fields, its files by field name, and whether a file was over the limit. */
export interface MultipartForm {
  /** The CSRF token as sent (the platform's CSRF check compares it, as for any form). */
  _csrf?: string;
  fields: Record<string, string | string[]>;
  files: Record<string, UploadedFile>;
  /** A file was larger than the parser's `fileSize` limit: it was not kept. */
  tooLarge: boolean;
}

const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
};

/**
 * A page's multipart form (an upload), read part by part in the order the browser sends them
 * (issue 17 item 9). The route's permission was checked before the body was read (http.ts); the
 * CSRF token (`_csrf`, the form's first field) must have come, and be the session's, before any
 * file is read: at a file without it, reading stops there and the form is returned without its
 * files, for the CSRF check to refuse (403, logged). An API route (a token, no CSRF) reads its
 * files in any order. An empty file is no file; `fileName` names a file sent without a name.
 */
export async function readMultipartForm(req: FastifyRequest, fileName = "upload"): Promise<MultipartForm> {
  const out: MultipartForm = { fields: {}, files: {}, tooLarge: false };
  if (!req.isMultipart()) return out;
  const page = !(req.url === "/api/v1" || req.url.startsWith("/api/"));
  for await (const part of req.parts()) {
    if (part.type === "file") {
      if (page && !(out._csrf && req.csrfToken && sameToken(out._csrf, req.csrfToken))) {
        out.files = {};
        break;
      }
      const data = await part.toBuffer();
      if (part.file.truncated) out.tooLarge = true;
      else if (data.length > 0) out.files[part.fieldname] = { fileName: part.filename || fileName, data };
    } else if (typeof part.value === "string") {
      if (part.fieldname === "_csrf") out._csrf = part.value;
      const before = out.fields[part.fieldname];
      out.fields[part.fieldname] = before === undefined ? part.value : [...(Array.isArray(before) ? before : [before]), part.value];
    }
  }
  return out;
}

/** A text field of a multipart form: its first value. */
export const multipartText = (form: MultipartForm, name: string): string | undefined => {
  const v = form.fields[name];
  return Array.isArray(v) ? v[0] : v;
};
