/** Queries of survey responses and their answers. No query here returns who answered: no column says. */
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { meetingParticipants, surveyAnswers, surveyResponses } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";

export type NewResponse = typeof surveyResponses.$inferInsert;
export type StoredAnswer = { itemKey: string; value: number | null; dontKnow: boolean };

const responseColumns = {
  id: surveyResponses.id,
  municipalityId: surveyResponses.municipalityId,
  instrumentVersionId: surveyResponses.instrumentVersionId,
  meetingId: surveyResponses.meetingId,
  processId: surveyResponses.processId,
  respondentRole: surveyResponses.respondentRole,
  ageBand: surveyResponses.ageBand,
  mode: surveyResponses.mode,
  complete: surveyResponses.complete,
  submittedAt: surveyResponses.submittedAt,
};

/** Inserts the response unless its submission key is taken; undefined when it was (a retry). */
export async function insertResponse(db: DbOrTx, values: NewResponse) {
  const [row] = await db
    .insert(surveyResponses)
    .values(values)
    .onConflictDoNothing({ target: surveyResponses.submissionKey })
    .returning(responseColumns);
  return row;
}

export type ResponseRow = NonNullable<Awaited<ReturnType<typeof insertResponse>>>;

/** The response of a submission key, locked for the transaction so that a completion runs once. */
export async function lockByKey(db: DbOrTx, submissionKey: string) {
  const [row] = await db
    .select(responseColumns)
    .from(surveyResponses)
    .where(eq(surveyResponses.submissionKey, submissionKey))
    .for("update");
  return row;
}

/** Stores the answers; an item answered before is answered again (a partial response completed later). */
export async function upsertAnswers(db: DbOrTx, responseId: string, answers: StoredAnswer[]) {
  if (answers.length === 0) return;
  await db
    .insert(surveyAnswers)
    .values(answers.map((a) => ({ responseId, ...a })))
    .onConflictDoUpdate({
      target: [surveyAnswers.responseId, surveyAnswers.itemKey],
      set: { value: sql`excluded.value`, dontKnow: sql`excluded.dont_know` },
    });
}

export async function markComplete(db: DbOrTx, id: string, submittedAt: Date) {
  await db.update(surveyResponses).set({ complete: true, submittedAt }).where(eq(surveyResponses.id, id));
}

export function answersOf(db: DbOrTx, responseId: string) {
  return db
    .select({ itemKey: surveyAnswers.itemKey, value: surveyAnswers.value, dontKnow: surveyAnswers.dontKnow })
    .from(surveyAnswers)
    .where(eq(surveyAnswers.responseId, responseId));
}

/** How many responses each meeting has; meetings without any are missing from the map. */
export async function responseCounts(db: DbOrTx, meetingIds: string[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db
    .select({ meetingId: surveyResponses.meetingId, n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(inArray(surveyResponses.meetingId, meetingIds))
    .groupBy(surveyResponses.meetingId);
  return new Map(rows.flatMap((r) => (r.meetingId ? [[r.meetingId, r.n] as const] : [])));
}

/** How many family members attended each meeting (staff are not asked the family's survey). */
export async function attendedFamilyCounts(db: DbOrTx, meetingIds: string[]): Promise<Map<string, number>> {
  if (meetingIds.length === 0) return new Map();
  const rows = await db
    .select({ meetingId: meetingParticipants.meetingId, n: sql<number>`count(*)::int` })
    .from(meetingParticipants)
    .where(
      and(
        inArray(meetingParticipants.meetingId, meetingIds),
        isNotNull(meetingParticipants.personId),
        eq(meetingParticipants.attended, true),
      ),
    )
    .groupBy(meetingParticipants.meetingId);
  return new Map(rows.map((r) => [r.meetingId, r.n] as const));
}
