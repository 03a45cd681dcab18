/** Queries of the consultation stops, the joint child impact analyses and the safety scale. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { childImpactAnalyses, consultations, safetyRatings, supportMeasures, users } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";

export function consultationRows(db: DbOrTx, processId: string) {
  return db
    .select({
      id: consultations.id,
      stopKey: consultations.stopKey,
      childId: consultations.childId,
      heldOn: consultations.heldOn,
      checklistDone: consultations.checklistDone,
      note: consultations.note,
      recordedByName: users.displayName,
    })
    .from(consultations)
    .innerJoin(users, eq(users.id, consultations.recordedBy))
    .where(eq(consultations.processId, processId))
    .orderBy(asc(consultations.heldOn), asc(consultations.createdAt));
}
export type ConsultationRow = Awaited<ReturnType<typeof consultationRows>>[number];

export async function findConsultation(db: DbOrTx, processId: string, stopKey: string, childId: string | null) {
  const [row] = await db
    .select({ id: consultations.id, heldOn: consultations.heldOn })
    .from(consultations)
    .where(
      and(
        eq(consultations.processId, processId),
        eq(consultations.stopKey, stopKey),
        childId === null ? isNull(consultations.childId) : eq(consultations.childId, childId),
      ),
    );
  return row;
}

export async function insertConsultation(db: DbOrTx, values: typeof consultations.$inferInsert) {
  const [row] = await db.insert(consultations).values(values).returning({ id: consultations.id });
  if (!row) throw new Error("the consultation was not stored");
  return row;
}

/** The first date an intervention was granted among the process's further support: the event interventions_decided. */
export async function firstGrantedOn(db: DbOrTx, processId: string): Promise<string | null> {
  const [row] = await db
    .select({ on: sql<string | null>`min(${supportMeasures.grantedOn})::text` })
    .from(supportMeasures)
    .where(eq(supportMeasures.processId, processId));
  return row?.on ?? null;
}

export function analysesOf(db: DbOrTx, processId: string) {
  return db
    .select({
      id: childImpactAnalyses.id,
      childId: childImpactAnalyses.childId,
      madeOn: childImpactAnalyses.madeOn,
      joint: childImpactAnalyses.joint,
      sections: childImpactAnalyses.sections,
      version: childImpactAnalyses.version,
      recordedByName: users.displayName,
      updatedAt: childImpactAnalyses.updatedAt,
    })
    .from(childImpactAnalyses)
    .innerJoin(users, eq(users.id, childImpactAnalyses.recordedBy))
    .where(eq(childImpactAnalyses.processId, processId));
}
export type AnalysisRow = Awaited<ReturnType<typeof analysesOf>>[number];

export async function insertAnalysis(db: DbOrTx, values: typeof childImpactAnalyses.$inferInsert) {
  const [row] = await db
    .insert(childImpactAnalyses)
    .values(values)
    .returning({ id: childImpactAnalyses.id, version: childImpactAnalyses.version });
  if (!row) throw new Error("the analysis was not stored");
  return row;
}

/** Updates the analysis when it is the version the editor read; undefined otherwise. */
export async function updateAnalysis(
  db: DbOrTx,
  id: string,
  version: number,
  values: { madeOn: string; joint: boolean; sections: Record<string, string>; recordedBy: string },
) {
  const [row] = await db
    .update(childImpactAnalyses)
    .set({ ...values, version: sql`${childImpactAnalyses.version} + 1`, updatedAt: new Date() })
    .where(and(eq(childImpactAnalyses.id, id), eq(childImpactAnalyses.version, version)))
    .returning({ id: childImpactAnalyses.id, version: childImpactAnalyses.version });
  return row;
}

export function ratingsOf(db: DbOrTx, processId: string) {
  return db
    .select({
      id: safetyRatings.id,
      childId: safetyRatings.childId,
      ratedOn: safetyRatings.ratedOn,
      ratedBy: safetyRatings.ratedBy,
      score: safetyRatings.score,
      note: safetyRatings.note,
    })
    .from(safetyRatings)
    .where(eq(safetyRatings.processId, processId))
    .orderBy(asc(safetyRatings.ratedOn), asc(safetyRatings.createdAt));
}
export type RatingRow = Awaited<ReturnType<typeof ratingsOf>>[number];

export async function insertRating(db: DbOrTx, values: typeof safetyRatings.$inferInsert) {
  const [row] = await db.insert(safetyRatings).values(values).returning({ id: safetyRatings.id });
  if (!row) throw new Error("the rating was not stored");
  return row;
}
