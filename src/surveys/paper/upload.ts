/**
 * The multipart body of a paper answers' import (the page's upload and the API's): the file, kept in
 * memory up to the import's limit, and the few text fields. Read in preValidation, so that the
 * page's CSRF check finds `_csrf` in the body.
 */
import type { FastifyRequest } from "fastify";
import { IMPORT_BYTES_MAX } from "./import.ts";

export interface ImportUpload {
  _csrf?: string;
  instrumentKey?: string;
  dryRun?: string;
  file: { fileName: string; data: Buffer } | null;
  tooLarge?: boolean;
}

/** The multipart parser's limits for the import's routes: one file, a few short fields. */
export const importMultipartLimits = { fileSize: IMPORT_BYTES_MAX, files: 1, fields: 5, fieldSize: 1024, parts: 6 };

export async function readImportUpload(req: FastifyRequest): Promise<ImportUpload> {
  const out: ImportUpload = { file: null };
  if (!req.isMultipart()) return out;
  for await (const part of req.parts()) {
    if (part.type === "file") {
      const data = await part.toBuffer();
      if (part.file.truncated) out.tooLarge = true;
      else if (part.fieldname === "file" && data.length > 0) out.file = { fileName: part.filename || "import", data };
    } else if (typeof part.value === "string") {
      if (part.fieldname === "_csrf") out._csrf = part.value;
      else if (part.fieldname === "instrumentKey") out.instrumentKey = part.value;
      else if (part.fieldname === "dryRun") out.dryRun = part.value;
    }
  }
  return out;
}
