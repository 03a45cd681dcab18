/** Queries of the survey instruments and their versions. */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { surveyInstruments, surveyInstrumentVersions, workModels, workModelVersions } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";

const versionColumns = {
  id: surveyInstrumentVersions.id,
  instrumentId: surveyInstrumentVersions.instrumentId,
  number: surveyInstrumentVersions.number,
  status: surveyInstrumentVersions.status,
  content: surveyInstrumentVersions.content,
  publishedAt: surveyInstrumentVersions.publishedAt,
  version: surveyInstrumentVersions.version,
  createdAt: surveyInstrumentVersions.createdAt,
  updatedAt: surveyInstrumentVersions.updatedAt,
};

const instrumentColumns = { id: surveyInstruments.id, key: surveyInstruments.key, name: surveyInstruments.name };

export function instrumentsOf(db: DbOrTx, municipalityId: string) {
  return db.select(instrumentColumns).from(surveyInstruments).where(eq(surveyInstruments.municipalityId, municipalityId));
}

/** Every version of the municipality's instruments, without their content. */
export function versionSummariesOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({
      id: surveyInstrumentVersions.id,
      instrumentId: surveyInstrumentVersions.instrumentId,
      number: surveyInstrumentVersions.number,
      status: surveyInstrumentVersions.status,
      publishedAt: surveyInstrumentVersions.publishedAt,
      updatedAt: surveyInstrumentVersions.updatedAt,
    })
    .from(surveyInstrumentVersions)
    .innerJoin(surveyInstruments, eq(surveyInstruments.id, surveyInstrumentVersions.instrumentId))
    .where(eq(surveyInstruments.municipalityId, municipalityId))
    .orderBy(asc(surveyInstrumentVersions.number));
}

export async function findInstrumentByKey(db: DbOrTx, municipalityId: string, key: string) {
  const [row] = await db
    .select(instrumentColumns)
    .from(surveyInstruments)
    .where(and(eq(surveyInstruments.key, key), eq(surveyInstruments.municipalityId, municipalityId)));
  return row;
}

export async function findVersion(db: DbOrTx, instrumentId: string, number: number) {
  const [row] = await db
    .select(versionColumns)
    .from(surveyInstrumentVersions)
    .where(and(eq(surveyInstrumentVersions.instrumentId, instrumentId), eq(surveyInstrumentVersions.number, number)));
  return row;
}

export async function findDraft(db: DbOrTx, instrumentId: string) {
  const [row] = await db
    .select(versionColumns)
    .from(surveyInstrumentVersions)
    .where(and(eq(surveyInstrumentVersions.instrumentId, instrumentId), eq(surveyInstrumentVersions.status, "draft")));
  return row;
}

export async function latestPublished(db: DbOrTx, instrumentId: string) {
  const [row] = await db
    .select(versionColumns)
    .from(surveyInstrumentVersions)
    .where(and(eq(surveyInstrumentVersions.instrumentId, instrumentId), eq(surveyInstrumentVersions.status, "published")))
    .orderBy(desc(surveyInstrumentVersions.number))
    .limit(1);
  return row;
}

export async function nextNumber(db: DbOrTx, instrumentId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${surveyInstrumentVersions.number}), 0)::int + 1` })
    .from(surveyInstrumentVersions)
    .where(eq(surveyInstrumentVersions.instrumentId, instrumentId));
  return row?.n ?? 1;
}

export async function insertDraft(db: DbOrTx, values: { instrumentId: string; number: number; content: unknown; createdBy: string }) {
  const [row] = await db
    .insert(surveyInstrumentVersions)
    .values({ ...values, status: "draft" })
    .returning(versionColumns);
  return row;
}

/** Changes a draft's content when its version is the one the editor read; undefined otherwise. */
export async function updateDraftContent(db: DbOrTx, id: string, version: number, content: unknown) {
  const [row] = await db
    .update(surveyInstrumentVersions)
    .set({ content, version: sql`${surveyInstrumentVersions.version} + 1`, updatedAt: new Date() })
    .where(
      and(eq(surveyInstrumentVersions.id, id), eq(surveyInstrumentVersions.version, version), eq(surveyInstrumentVersions.status, "draft")),
    )
    .returning(versionColumns);
  return row;
}

export async function retirePublished(db: DbOrTx, instrumentId: string) {
  return db
    .update(surveyInstrumentVersions)
    .set({ status: "retired", version: sql`${surveyInstrumentVersions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(surveyInstrumentVersions.instrumentId, instrumentId), eq(surveyInstrumentVersions.status, "published")))
    .returning({ id: surveyInstrumentVersions.id, number: surveyInstrumentVersions.number });
}

export async function publishDraft(db: DbOrTx, id: string, version: number, userId: string) {
  const now = new Date();
  const [row] = await db
    .update(surveyInstrumentVersions)
    .set({
      status: "published",
      publishedAt: now,
      publishedBy: userId,
      version: sql`${surveyInstrumentVersions.version} + 1`,
      updatedAt: now,
    })
    .where(
      and(eq(surveyInstrumentVersions.id, id), eq(surveyInstrumentVersions.version, version), eq(surveyInstrumentVersions.status, "draft")),
    )
    .returning(versionColumns);
  return row;
}

/** The municipality's published work-model versions: what an instrument's followed meeting types are called. */
export function publishedWorkModelsOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({ key: workModels.key, name: workModels.name, content: workModelVersions.content })
    .from(workModelVersions)
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .where(and(eq(workModels.municipalityId, municipalityId), eq(workModelVersions.status, "published")));
}
