/** Queries of interim reports and their generated versions (Drizzle, nothing else). */
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { interimReports, interimReportVersions, municipalities, reportTemplates, users } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";

const reportColumns = {
  id: interimReports.id,
  title: interimReports.title,
  periodFrom: interimReports.periodFrom,
  periodTo: interimReports.periodTo,
  texts: interimReports.texts,
  diaryNumber: interimReports.diaryNumber,
  author: interimReports.author,
  version: interimReports.version,
  createdAt: interimReports.createdAt,
  updatedAt: interimReports.updatedAt,
};
export type ReportRow = Awaited<ReturnType<typeof reportsOf>>[number];

export async function reportsOf(db: DbOrTx, municipalityId: string) {
  return db
    .select(reportColumns)
    .from(interimReports)
    .where(eq(interimReports.municipalityId, municipalityId))
    .orderBy(desc(interimReports.periodTo), desc(interimReports.createdAt));
}

export async function report(db: DbOrTx, municipalityId: string, id: string): Promise<ReportRow | undefined> {
  const [row] = await db
    .select(reportColumns)
    .from(interimReports)
    .where(and(eq(interimReports.municipalityId, municipalityId), eq(interimReports.id, id)));
  return row;
}

/** The report locked for a new version, so that two generations cannot take the same number. */
export async function lockReport(db: DbOrTx, municipalityId: string, id: string): Promise<ReportRow | undefined> {
  const [row] = await db
    .select(reportColumns)
    .from(interimReports)
    .where(and(eq(interimReports.municipalityId, municipalityId), eq(interimReports.id, id)))
    .for("update");
  return row;
}

export interface ReportValues {
  title: string;
  periodFrom: string;
  periodTo: string;
  texts: Record<string, string>;
  diaryNumber: string;
  author: string;
}

export async function insertReport(db: DbOrTx, municipalityId: string, createdBy: string, values: ReportValues) {
  const [row] = await db
    .insert(interimReports)
    .values({ municipalityId, createdBy, ...values })
    .returning({ id: interimReports.id });
  return row?.id ?? "";
}

/** Saves the title, period and texts when the version is the one read; false when someone saved first. */
export async function updateReport(db: DbOrTx, municipalityId: string, id: string, version: number, values: ReportValues) {
  const rows = await db
    .update(interimReports)
    .set({ ...values, version: sql`${interimReports.version} + 1`, updatedAt: new Date() })
    .where(and(eq(interimReports.municipalityId, municipalityId), eq(interimReports.id, id), eq(interimReports.version, version)))
    .returning({ id: interimReports.id });
  return rows.length > 0;
}

export interface VersionSummaryRow {
  reportId: string;
  number: number;
  generatedAt: Date;
  generatedBy: string | null;
  pdfBytes: number;
  docxBytes: number;
}

/** The versions of the reports, newest first, without their files. */
export async function versionsOf(db: DbOrTx, reportIds: string[]): Promise<VersionSummaryRow[]> {
  if (reportIds.length === 0) return [];
  return db
    .select({
      reportId: interimReportVersions.reportId,
      number: interimReportVersions.number,
      generatedAt: interimReportVersions.generatedAt,
      generatedBy: users.displayName,
      pdfBytes: sql<number>`octet_length(${interimReportVersions.pdf})::int`,
      docxBytes: sql<number>`octet_length(${interimReportVersions.docx})::int`,
    })
    .from(interimReportVersions)
    .leftJoin(users, eq(users.id, interimReportVersions.generatedBy))
    .where(inArray(interimReportVersions.reportId, reportIds))
    .orderBy(desc(interimReportVersions.number));
}

export async function nextVersionNumber(db: DbOrTx, reportId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${interimReportVersions.number}), 0)::int` })
    .from(interimReportVersions)
    .where(eq(interimReportVersions.reportId, reportId));
  return (row?.n ?? 0) + 1;
}

export async function insertVersion(
  db: DbOrTx,
  values: { reportId: string; number: number; pdf: Buffer; docx: Buffer; figures: unknown; generatedBy: string },
) {
  const [row] = await db.insert(interimReportVersions).values(values).returning({ id: interimReportVersions.id });
  return row?.id ?? "";
}

/** One version's file of one format. */
export async function versionFile(db: DbOrTx, reportId: string, number: number, format: "pdf" | "docx") {
  const [row] = await db
    .select({
      id: interimReportVersions.id,
      file: format === "pdf" ? interimReportVersions.pdf : interimReportVersions.docx,
    })
    .from(interimReportVersions)
    .where(and(eq(interimReportVersions.reportId, reportId), eq(interimReportVersions.number, number)));
  return row;
}

/** One version's stored figures and texts, and when it was made. */
export async function versionFigures(db: DbOrTx, reportId: string, number: number) {
  const [row] = await db
    .select({ id: interimReportVersions.id, figures: interimReportVersions.figures, generatedAt: interimReportVersions.generatedAt })
    .from(interimReportVersions)
    .where(and(eq(interimReportVersions.reportId, reportId), eq(interimReportVersions.number, number)));
  return row;
}

export async function municipality(db: DbOrTx, id: string) {
  const [row] = await db
    .select({
      name: municipalities.name,
      minGroupSize: municipalities.minGroupSize,
      waitLimitDays: municipalities.waitLimitDays,
      placementReviewLimitDays: municipalities.placementReviewLimitDays,
      emergencyPlacementLimitDays: municipalities.emergencyPlacementLimitDays,
    })
    .from(municipalities)
    .where(eq(municipalities.id, id));
  return row;
}

/** The municipality's report template as stored, or undefined when none is saved. */
export async function template(db: DbOrTx, municipalityId: string) {
  const [row] = await db
    .select({
      logo: reportTemplates.logo,
      logoType: reportTemplates.logoType,
      introduction: reportTemplates.introduction,
      contact: reportTemplates.contact,
      sections: reportTemplates.sections,
      version: reportTemplates.version,
    })
    .from(reportTemplates)
    .where(eq(reportTemplates.municipalityId, municipalityId));
  return row;
}

export interface TemplateValues {
  logo: Buffer | null;
  logoType: string | null;
  introduction: string;
  contact: string;
  sections: string[];
}

/**
 * Saves the template when the version is the one read (0: none saved yet); false when someone saved
 * first. The logo is left as it is when `keepLogo`.
 */
export async function saveTemplate(
  db: DbOrTx,
  municipalityId: string,
  updatedBy: string,
  version: number,
  values: TemplateValues,
  keepLogo: boolean,
): Promise<boolean> {
  const { logo, logoType, ...rest } = values;
  const set = keepLogo ? rest : values;
  if (version === 0) {
    const rows = await db
      .insert(reportTemplates)
      .values({ municipalityId, updatedBy, ...values })
      .onConflictDoNothing()
      .returning({ id: reportTemplates.municipalityId });
    return rows.length > 0;
  }
  const rows = await db
    .update(reportTemplates)
    .set({ ...set, updatedBy, version: sql`${reportTemplates.version} + 1`, updatedAt: new Date() })
    .where(and(eq(reportTemplates.municipalityId, municipalityId), eq(reportTemplates.version, version)))
    .returning({ id: reportTemplates.municipalityId });
  return rows.length > 0;
}
