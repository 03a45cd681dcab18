/**
 * The multipart body of a paper answers' import (the page's upload and the API's): the file, kept in
 * memory up to the import's limit, and the few text fields. Read in preValidation, so that the
 * page's CSRF check finds `_csrf` in the body.
 */
import type { FastifyRequest } from "fastify";
import { multipartText, readMultipartForm } from "../../platform/upload.ts";
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
  const form = await readMultipartForm(req, "import");
  return {
    _csrf: form._csrf,
    instrumentKey: multipartText(form, "instrumentKey"),
    dryRun: multipartText(form, "dryRun"),
    file: form.files.file ?? null,
    tooLarge: form.tooLarge,
  };
}
