/** Queries of survey responses and their answers. No query here returns who answered: no column says. */
import { eq, sql } from "drizzle-orm";
import { meetings, surveyAnswers, surveyResponses } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";

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
  periodOn: surveyResponses.periodOn,
};

/** The day an answer after the meeting belongs to: the day it was held (its planned day before that); null when it has neither. */
export async function meetingDate(db: DbOrTx, meetingId: string): Promise<string | null> {
  const [row] = await db
    .select({ on: sql<string | null>`coalesce(${meetings.heldOn}, ${meetings.plannedDate})::text` })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  return row?.on ?? null;
}

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
