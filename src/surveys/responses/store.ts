/** Queries of survey responses and their answers. No query here returns who answered: no column says. */
import { eq, sql } from "drizzle-orm";
import { meetings, surveyAnswers, surveyResponses } from "../../db/schema/index.ts";
import { type DbOrTx, rows } from "../../platform/database.ts";

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

export interface ResponseRow {
  id: string;
  municipalityId: string;
  instrumentVersionId: string;
  meetingId: string | null;
  processId: string | null;
  respondentRole: string;
  ageBand: string | null;
  mode: string;
  complete: boolean;
  submittedAt: Date;
  periodOn: string;
}

/**
 * Inserts the response and its answers in one statement (decision 0054: a statement is what an
 * answer pays for), unless its submission key is taken: then nothing is written and the result is
 * undefined (a retry, or the completion of a partial answer).
 */
export async function insertResponseWithAnswers(
  db: DbOrTx,
  values: NewResponse,
  answers: StoredAnswer[],
): Promise<ResponseRow | undefined> {
  const [row] = await rows<ResponseRow>(
    db,
    sql`with r as (
        insert into ${surveyResponses} (municipality_id, instrument_version_id, meeting_id, process_id, respondent_role, age_band,
          mode, submission_key, complete, recorded_by, campaign_id, submitted_at, period_on)
        values (${values.municipalityId}, ${values.instrumentVersionId}, ${values.meetingId ?? null}, ${values.processId ?? null},
          ${values.respondentRole}, ${values.ageBand ?? null}, ${values.mode}, ${values.submissionKey}, ${values.complete ?? false},
          ${values.recordedBy ?? null}, ${values.campaignId ?? null}, ${(values.submittedAt ?? new Date()).toISOString()}::timestamptz, ${values.periodOn}::date)
        on conflict (submission_key) do nothing
        returning *),
      a as (
        insert into ${surveyAnswers} (response_id, item_key, value, dont_know)
        select r.id, x.item_key, x.value, x.dont_know from r,
          unnest(${sql.param(answers.map((a) => a.itemKey))}::text[], ${sql.param(answers.map((a) => a.value))}::smallint[],
            ${sql.param(answers.map((a) => a.dontKnow))}::boolean[]) as x(item_key, value, dont_know))
      select r.id, r.municipality_id as "municipalityId", r.instrument_version_id as "instrumentVersionId", r.meeting_id as "meetingId",
        r.process_id as "processId", r.respondent_role as "respondentRole", r.age_band as "ageBand", r.mode, r.complete,
        r.submitted_at as "submittedAt", r.period_on::text as "periodOn"
      from r`,
  );
  return row;
}

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
