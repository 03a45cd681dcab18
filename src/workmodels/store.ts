/** Queries of the work models and their versions. */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { workModels, workModelVersions } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";

const versionColumns = {
  id: workModelVersions.id,
  workModelId: workModelVersions.workModelId,
  number: workModelVersions.number,
  status: workModelVersions.status,
  content: workModelVersions.content,
  publishedAt: workModelVersions.publishedAt,
  version: workModelVersions.version,
  createdAt: workModelVersions.createdAt,
  updatedAt: workModelVersions.updatedAt,
};

export function modelsOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({ id: workModels.id, key: workModels.key, name: workModels.name })
    .from(workModels)
    .where(eq(workModels.municipalityId, municipalityId));
}

/** Every version of the municipality's models, without their content. */
export function versionSummariesOf(db: DbOrTx, municipalityId: string) {
  return db
    .select({
      id: workModelVersions.id,
      workModelId: workModelVersions.workModelId,
      number: workModelVersions.number,
      status: workModelVersions.status,
      publishedAt: workModelVersions.publishedAt,
      updatedAt: workModelVersions.updatedAt,
    })
    .from(workModelVersions)
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .where(eq(workModels.municipalityId, municipalityId))
    .orderBy(asc(workModelVersions.number));
}

export async function findModel(db: DbOrTx, municipalityId: string, id: string) {
  const [row] = await db
    .select({ id: workModels.id, key: workModels.key, name: workModels.name })
    .from(workModels)
    .where(and(eq(workModels.id, id), eq(workModels.municipalityId, municipalityId)));
  return row;
}

export async function findVersion(db: DbOrTx, workModelId: string, number: number) {
  const [row] = await db
    .select(versionColumns)
    .from(workModelVersions)
    .where(and(eq(workModelVersions.workModelId, workModelId), eq(workModelVersions.number, number)));
  return row;
}

export async function findDraft(db: DbOrTx, workModelId: string) {
  const [row] = await db
    .select(versionColumns)
    .from(workModelVersions)
    .where(and(eq(workModelVersions.workModelId, workModelId), eq(workModelVersions.status, "draft")));
  return row;
}

export async function latestPublished(db: DbOrTx, workModelId: string) {
  const [row] = await db
    .select(versionColumns)
    .from(workModelVersions)
    .where(and(eq(workModelVersions.workModelId, workModelId), eq(workModelVersions.status, "published")))
    .orderBy(desc(workModelVersions.number))
    .limit(1);
  return row;
}

export async function nextNumber(db: DbOrTx, workModelId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(max(${workModelVersions.number}), 0)::int + 1` })
    .from(workModelVersions)
    .where(eq(workModelVersions.workModelId, workModelId));
  return row?.n ?? 1;
}

export async function insertDraft(db: DbOrTx, values: { workModelId: string; number: number; content: unknown; createdBy: string }) {
  const [row] = await db
    .insert(workModelVersions)
    .values({ ...values, status: "draft" })
    .returning(versionColumns);
  return row;
}

/** Changes a draft's content when its version is the one the editor read; undefined otherwise. */
export async function updateDraftContent(db: DbOrTx, id: string, version: number, content: unknown) {
  const [row] = await db
    .update(workModelVersions)
    .set({ content, version: sql`${workModelVersions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(workModelVersions.id, id), eq(workModelVersions.version, version), eq(workModelVersions.status, "draft")))
    .returning(versionColumns);
  return row;
}

export async function retirePublished(db: DbOrTx, workModelId: string) {
  return db
    .update(workModelVersions)
    .set({ status: "retired", version: sql`${workModelVersions.version} + 1`, updatedAt: new Date() })
    .where(and(eq(workModelVersions.workModelId, workModelId), eq(workModelVersions.status, "published")))
    .returning({ id: workModelVersions.id, number: workModelVersions.number });
}

export async function publishDraft(db: DbOrTx, id: string, version: number, userId: string) {
  const now = new Date();
  const [row] = await db
    .update(workModelVersions)
    .set({ status: "published", publishedAt: now, publishedBy: userId, version: sql`${workModelVersions.version} + 1`, updatedAt: now })
    .where(and(eq(workModelVersions.id, id), eq(workModelVersions.version, version), eq(workModelVersions.status, "draft")))
    .returning(versionColumns);
  return row;
}
