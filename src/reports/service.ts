/**
 * Interim reports (reports.view / reports.manage): the list with the generated versions, a report's
 * title, period and texts (optimistic version), generating a new version (PDF/A-2b and Word made
 * from the period's figures, stored with the figures in one transaction: the version with both
 * files, or nothing), and downloading a version's file again. Every generation and download is audited.
 */

import { municipalityPrecision } from "../organisation/index.ts";
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import type { DbOrTx } from "../platform/database.ts";
import { calendarDateInSweden } from "../platform/dates.ts";
import { ConflictError, NotFoundError, parseOrThrow, ValidationError } from "../platform/errors.ts";
import type { Precision } from "../platform/precision.ts";
import { buildDocument, type ReportDocument, type ReportFigures } from "./document.ts";
import { renderDocx } from "./docx.ts";
import { gatherReportFigures } from "./figures.ts";
import { reportProblems, TEXT_MAX, type Texts, textSections, textsOf } from "./model.ts";
import { type ReportBody, type ReportPutBody, reportBody, reportPutBody } from "./schemas.ts";
import * as store from "./store.ts";
import { tablesCsv, tablesXlsx } from "./tables.ts";
import { defaultTemplate, type Template, templateOf } from "./template.ts";
import { renderPdf } from "./typst.ts";

export interface VersionSummary {
  number: number;
  generatedAt: Date;
  generatedBy: string | null;
  pdfBytes: number;
  docxBytes: number;
}

export interface Report {
  id: string;
  title: string;
  periodFrom: string;
  periodTo: string;
  texts: Texts;
  diaryNumber: string;
  author: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  versions: VersionSummary[];
}

export interface ReportInput {
  title: string;
  periodFrom: string;
  periodTo: string;
  diaryNumber: string;
  author: string;
  texts: Texts;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toReport(row: store.ReportRow, versions: store.VersionSummaryRow[]): Report {
  return {
    id: row.id,
    title: row.title,
    periodFrom: row.periodFrom,
    periodTo: row.periodTo,
    texts: textsOf(row.texts),
    diaryNumber: row.diaryNumber,
    author: row.author,
    version: row.version,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    versions: versions.filter((v) => v.reportId === row.id).map(({ reportId: _, ...v }) => v),
  };
}

function checkInput(input: ReportInput): ReportInput {
  const errors = reportProblems(input);
  for (const key of textSections) if (input.texts[key].length > TEXT_MAX) errors[key] = "reports.error.textTooLong";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { ...input, title: input.title.trim(), diaryNumber: input.diaryNumber.trim(), author: input.author.trim() };
}

const values = (input: ReportInput): store.ReportValues => ({
  title: input.title,
  periodFrom: input.periodFrom,
  periodTo: input.periodTo,
  texts: { ...input.texts },
  diaryNumber: input.diaryNumber,
  author: input.author,
});

/** The municipality's reports, latest period first, each with its versions. */
export async function listReports(ctx: ServiceContext): Promise<Report[]> {
  const { actor } = await authorize(ctx, "reports.view");
  const rows = await store.reportsOf(ctx.db, actor.municipalityId);
  const versions = await store.versionsOf(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toReport(r, versions));
}

async function load(ctx: ServiceContext, municipalityId: string, id: string): Promise<Report> {
  const row = UUID.test(id) ? await store.report(ctx.db, municipalityId, id) : undefined;
  if (!row) throw new NotFoundError();
  return toReport(row, await store.versionsOf(ctx.db, [row.id]));
}

export async function getReport(ctx: ServiceContext, id: string): Promise<Report> {
  const { actor } = await authorize(ctx, "reports.view");
  return load(ctx, actor.municipalityId, id);
}

export async function createReport(ctx: ServiceContext, raw: ReportBody): Promise<Report> {
  const { actor } = await authorize(ctx, "reports.manage");
  const data = checkInput(parseOrThrow(reportBody, raw));
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await store.insertReport(tx, actor.municipalityId, actor.id, values(data));
    await audit(tx, ctx, {
      action: "interim_report.create",
      recordType: "interim_report",
      recordId: newId,
      detail: { periodFrom: data.periodFrom, periodTo: data.periodTo },
    });
    return newId;
  });
  return load(ctx, actor.municipalityId, id);
}

/** Saves title, period and texts; a stale version is refused (someone else saved first). */
export async function updateReport(ctx: ServiceContext, id: string, raw: ReportPutBody): Promise<Report> {
  const { actor } = await authorize(ctx, "reports.manage");
  await load(ctx, actor.municipalityId, id);
  const input = parseOrThrow(reportPutBody, raw);
  const data = checkInput(input);
  await ctx.db.transaction(async (tx) => {
    const saved = await store.updateReport(tx, actor.municipalityId, id, input.version, values(data));
    if (!saved) throw new ConflictError("reports.error.stale");
    await audit(tx, ctx, {
      action: "interim_report.update",
      recordType: "interim_report",
      recordId: id,
      detail: { periodFrom: data.periodFrom, periodTo: data.periodTo, sections: textSections.filter((k) => data.texts[k].length > 0) },
    });
  });
  return load(ctx, actor.municipalityId, id);
}

/** The municipality's template, or the default (no logo, every section) when none is saved. */
export async function loadTemplate(db: DbOrTx, municipalityId: string): Promise<Template> {
  const row = await store.template(db, municipalityId);
  return row ? templateOf(row) : defaultTemplate();
}

/** The template as stored with a version: everything but the logo's bytes. */
export interface StoredTemplate {
  introduction: string;
  contact: string;
  sections: string[];
  logoType: "image/png" | "image/svg+xml" | null;
}

const storedTemplate = (t: Template): StoredTemplate => ({
  introduction: t.introduction,
  contact: t.contact,
  sections: [...t.sections],
  logoType: t.logo?.type ?? null,
});

/** What a version is made from, stored with it as JSON: the document is rebuilt from exactly this. */
export interface VersionContent {
  title: string;
  texts: Texts;
  figures: ReportFigures;
  diaryNumber: string;
  author: string;
  generatedOn: string;
  template: StoredTemplate;
  precision: Precision;
}

/** The document of a version's stored content (a version made before the cover was stored: no cover facts, every section). */
export function documentOf(
  content: Partial<VersionContent> & { title: string; texts: Texts; figures: ReportFigures },
  generatedOn: string,
): ReportDocument {
  return buildDocument({
    title: content.title,
    texts: textsOf(content.texts),
    figures: content.figures,
    generatedOn: content.generatedOn ?? generatedOn,
    diaryNumber: content.diaryNumber ?? "",
    author: content.author ?? "",
    template: content.template ?? storedTemplate(defaultTemplate()),
    precision: content.precision ?? { shareDecimals: 1, meanDecimals: 1 },
  });
}

/** The content of a version made now: the report's texts and cover, the period's figures, the template, the precision the figures were read with. */
function contentNow(ctx: ServiceContext, row: store.ReportRow, figures: ReportFigures, template: Template, precision: Precision) {
  const content: VersionContent = {
    title: row.title,
    texts: textsOf(row.texts),
    figures,
    diaryNumber: row.diaryNumber,
    author: row.author || (ctx.actor?.displayName ?? ""),
    generatedOn: calendarDateInSweden(ctx.clock.now()),
    template: storedTemplate(template),
    precision,
  };
  return content;
}

/**
 * The report as it would be if a version were made now: the document built from the period's
 * figures, the texts and the template, nothing stored. The preview page shows it; audited as a
 * display of the report's statistics.
 */
export async function previewReport(
  ctx: ServiceContext,
  id: string,
): Promise<{ report: Report; document: ReportDocument; hasLogo: boolean }> {
  const { actor } = await authorize(ctx, "reports.manage");
  const report = await load(ctx, actor.municipalityId, id);
  const row = await store.report(ctx.db, actor.municipalityId, id);
  if (!row) throw new NotFoundError();
  const precision = await municipalityPrecision(ctx.db, actor.municipalityId);
  const figures = await gatherReportFigures(
    ctx.db,
    actor.municipalityId,
    { from: row.periodFrom, to: row.periodTo },
    ctx.clock.today(),
    precision,
  );
  const template = await loadTemplate(ctx.db, actor.municipalityId);
  const content = contentNow(ctx, row, figures, template, precision);
  await audit(ctx.db, ctx, {
    action: "interim_report.preview",
    recordType: "interim_report",
    recordId: id,
    detail: { statistics: true, periodFrom: row.periodFrom, periodTo: row.periodTo },
  });
  return { report, document: documentOf(content, content.generatedOn), hasLogo: template.logo !== null };
}

/**
 * Generates the next version: the period's figures, the document, the PDF/A-2b and the Word file,
 * stored with everything they were made from (figures, texts, cover, template, precision), in one
 * transaction with its audit row.
 */
export async function generateVersion(ctx: ServiceContext, id: string): Promise<VersionSummary> {
  const { actor } = await authorize(ctx, "reports.manage");
  if (!UUID.test(id)) throw new NotFoundError();
  const before = await store.report(ctx.db, actor.municipalityId, id);
  if (!before) throw new NotFoundError();
  // The figures are read first, side by side on the pool; the version is then written under the report's lock.
  const precision = await municipalityPrecision(ctx.db, actor.municipalityId);
  const figures: ReportFigures = await gatherReportFigures(
    ctx.db,
    actor.municipalityId,
    { from: before.periodFrom, to: before.periodTo },
    ctx.clock.today(),
    precision,
  );
  const template = await loadTemplate(ctx.db, actor.municipalityId);
  return ctx.db.transaction(async (tx) => {
    const row = await store.lockReport(tx, actor.municipalityId, id);
    if (!row) throw new NotFoundError();
    if (row.periodFrom !== before.periodFrom || row.periodTo !== before.periodTo) throw new ConflictError();
    const generatedAt = ctx.clock.now();
    const content = contentNow(ctx, row, figures, template, precision);
    const doc = documentOf(content, content.generatedOn);
    const logo = template.logo?.data ?? null;
    // The PDF is compiled on Typst's worker thread while the Word file is made here.
    const [pdf, docx] = await Promise.all([renderPdf(doc, logo), renderDocx(doc, logo)]);
    const number = await store.nextVersionNumber(tx, id);
    const versionId = await store.insertVersion(tx, { reportId: id, number, pdf, docx, figures: content, generatedBy: actor.id });
    await audit(tx, ctx, {
      action: "interim_report.generate",
      recordType: "interim_report",
      recordId: id,
      detail: { statistics: true, number, versionId, periodFrom: row.periodFrom, periodTo: row.periodTo },
    });
    return { number, generatedAt, generatedBy: actor.displayName, pdfBytes: pdf.length, docxBytes: docx.length };
  });
}

/** A version's stored content (figures, texts, cover, template), for the API and the tests; audited as a download of its statistics. */
export async function versionContent(ctx: ServiceContext, id: string, number: number): Promise<VersionContent> {
  const { actor } = await authorize(ctx, "reports.view");
  if (!UUID.test(id) || !Number.isSafeInteger(number) || number < 1) throw new NotFoundError();
  const row = await store.report(ctx.db, actor.municipalityId, id);
  const stored = row ? await store.versionFigures(ctx.db, id, number) : undefined;
  if (!stored) throw new NotFoundError();
  await audit(ctx.db, ctx, {
    action: "interim_report.download",
    recordType: "interim_report",
    recordId: id,
    detail: { statistics: true, number, format: "json", versionId: stored.id },
  });
  const content = stored.figures as Partial<VersionContent> & { title: string; texts: Texts; figures: ReportFigures };
  const generatedOn = content.generatedOn ?? calendarDateInSweden(stored.generatedAt);
  const doc = documentOf(content, generatedOn);
  return {
    title: content.title,
    texts: textsOf(content.texts),
    figures: content.figures,
    diaryNumber: doc.cover.diaryNumber,
    author: doc.cover.author,
    generatedOn,
    template: content.template ?? storedTemplate(defaultTemplate()),
    precision: content.precision ?? { shareDecimals: 1, meanDecimals: 1 },
  };
}

export const formats = {
  pdf: "application/pdf",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
} as const;
export type Format = keyof typeof formats;

/**
 * A version's tables as a workbook or CSV: the document rebuilt from the figures and texts stored
 * with the version (never computed anew), so they are the tables of its PDF and Word file.
 */
async function versionTables(
  db: DbOrTx,
  reportId: string,
  number: number,
  format: "xlsx" | "csv",
): Promise<{ id: string; file: Buffer } | undefined> {
  const stored = await store.versionFigures(db, reportId, number);
  if (!stored) return undefined;
  const content = stored.figures as Partial<VersionContent> & { title: string; texts: Texts; figures: ReportFigures };
  const doc = documentOf(content, calendarDateInSweden(stored.generatedAt));
  return { id: stored.id, file: format === "xlsx" ? await tablesXlsx(doc) : Buffer.from(tablesCsv(doc), "utf8") };
}

export interface Download {
  fileName: string;
  contentType: string;
  body: Buffer;
}

/** A version's file exactly as stored, or its tables; audited as a download. */
export async function downloadVersion(ctx: ServiceContext, id: string, number: number, format: Format): Promise<Download> {
  const { actor } = await authorize(ctx, "reports.view");
  if (!UUID.test(id) || !Number.isSafeInteger(number) || number < 1) throw new NotFoundError();
  return ctx.db.transaction(async (tx) => {
    const row = await store.report(tx, actor.municipalityId, id);
    const file = !row
      ? undefined
      : format === "pdf" || format === "docx"
        ? await store.versionFile(tx, id, number, format)
        : await versionTables(tx, id, number, format);
    if (!row || !file) throw new NotFoundError();
    await audit(tx, ctx, {
      action: "interim_report.download",
      recordType: "interim_report",
      recordId: id,
      detail: { statistics: true, number, format, versionId: file.id },
    });
    const name = format === "xlsx" || format === "csv" ? "delrapport-tabeller" : "delrapport";
    return { fileName: `${name}-${row.periodFrom}-${row.periodTo}-v${number}.${format}`, contentType: formats[format], body: file.file };
  });
}
