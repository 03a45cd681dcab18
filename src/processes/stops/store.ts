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

export async function insertRating(db: DbOrTx, values: typeof safetyRatings.$inferInsert) {
  const [row] = await db.insert(safetyRatings).values(values).returning({ id: safetyRatings.id });
  if (!row) throw new Error("the rating was not stored");
  return row;
}

/** What the family page's stops section reads of a process, in one statement (decision 0054). */
export interface StopRecords {
  consulted: Array<{ stopKey: string; childId: string | null; heldOn: string }>;
  grantedOn: string | null;
  analyses: Array<Pick<AnalysisRow, "childId" | "madeOn" | "joint" | "sections" | "version" | "recordedByName">>;
  ratings: Array<{ id: string; childId: string; ratedOn: string; ratedBy: string; score: number; note: string | null }>;
}

/**
 * The consultations held, the first grant of further support, and (`full`: not the minimal view)
 * the child impact analyses and the safety ratings of a process, as one statement of JSON
 * aggregates instead of four (decision 0054).
 */
export async function stopRecords(db: DbOrTx, processId: string, full: boolean): Promise<StopRecords> {
  const result = await db.execute<{ [K in keyof StopRecords]: StopRecords[K] }>(sql`
    select
      (select coalesce(json_agg(json_build_object('stopKey', c.stop_key, 'childId', c.child_id, 'heldOn', c.held_on)), '[]')
         from ${consultations} c where c.process_id = ${processId}) as "consulted",
      (select min(s.granted_on)::text from ${supportMeasures} s where s.process_id = ${processId}) as "grantedOn",
      case when ${full} then (select coalesce(json_agg(json_build_object('childId', a.child_id, 'madeOn', a.made_on, 'joint', a.joint,
             'sections', a.sections, 'version', a.version, 'recordedByName', u.display_name)), '[]')
         from ${childImpactAnalyses} a join ${users} u on u.id = a.recorded_by where a.process_id = ${processId}) else '[]' end as "analyses",
      case when ${full} then (select coalesce(json_agg(json_build_object('id', r.id, 'childId', r.child_id, 'ratedOn', r.rated_on,
             'ratedBy', r.rated_by, 'score', r.score, 'note', r.note) order by r.rated_on, r.created_at), '[]')
         from ${safetyRatings} r where r.process_id = ${processId}) else '[]' end as "ratings"`);
  const row = result.rows[0];
  if (!row) throw new Error("stop records: no row");
  return row;
}
