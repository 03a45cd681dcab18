/** Queries of a process's meetings and who was invited and attended. */
import { and, asc, eq, sql } from "drizzle-orm";
import { meetingParticipants, meetings, requestPersons, requests, surveyResponses, users } from "../../db/schema/index.ts";
import { type DbOrTx, reusable } from "../../platform/database.ts";

export type MeetingRow = typeof meetings.$inferSelect;
export type NewMeeting = typeof meetings.$inferInsert;

/** The process's meetings (built once: the family page reads them on every view, `reusable`). */
export function meetingsOf(db: DbOrTx, processId: string) {
  return reusable(db, "meetingsOf", (db) =>
    db
      .select()
      .from(meetings)
      .where(eq(meetings.processId, sql.placeholder("processId")))
      .orderBy(asc(meetings.plannedDate), asc(meetings.createdAt)),
  ).execute({ processId });
}

export async function findMeeting(db: DbOrTx, processId: string, id: string): Promise<MeetingRow | undefined> {
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, id), eq(meetings.processId, processId)));
  return row;
}

/** Locks the meeting's row for the transaction, so that two holds of the same meeting run one after the other. */
export async function lockMeeting(db: DbOrTx, processId: string, id: string): Promise<MeetingRow | undefined> {
  const [row] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, id), eq(meetings.processId, processId)))
    .for("update");
  return row;
}

export async function insertMeeting(db: DbOrTx, values: NewMeeting) {
  const [row] = await db.insert(meetings).values(values).returning({ id: meetings.id, version: meetings.version });
  if (!row) throw new Error("the meeting was not created");
  return row;
}

/** Updates the meeting when it is at the version read; undefined otherwise. */
export async function updateMeeting(db: DbOrTx, id: string, version: number, values: Partial<NewMeeting>) {
  const [row] = await db
    .update(meetings)
    .set({ ...values, version: sql`${meetings.version} + 1`, updatedAt: new Date() })
    .where(and(eq(meetings.id, id), eq(meetings.version, version)))
    .returning({ id: meetings.id, version: meetings.version });
  return row;
}

export function participantsOf(db: DbOrTx, meetingId: string) {
  return db
    .select({
      id: meetingParticipants.id,
      personId: meetingParticipants.personId,
      userId: meetingParticipants.userId,
      invited: meetingParticipants.invited,
      attended: meetingParticipants.attended,
      personName: requestPersons.name,
      personKind: requestPersons.kind,
      personPosition: requestPersons.position,
      userName: users.displayName,
    })
    .from(meetingParticipants)
    .leftJoin(requestPersons, eq(requestPersons.id, meetingParticipants.personId))
    .leftJoin(users, eq(users.id, meetingParticipants.userId))
    .where(eq(meetingParticipants.meetingId, meetingId))
    .orderBy(asc(requestPersons.kind), asc(requestPersons.position), asc(users.displayName));
}
export type ParticipantRow = Awaited<ReturnType<typeof participantsOf>>[number];

export async function insertParticipants(
  db: DbOrTx,
  meetingId: string,
  rows: Array<{ personId?: string; userId?: string; invited?: boolean; attended?: boolean | null }>,
) {
  if (rows.length === 0) return;
  await db.insert(meetingParticipants).values(rows.map((r) => ({ meetingId, ...r })));
}

/** A planned meeting's invitations are replaced as a whole when the plan changes (no one has attended yet). */
export async function deleteParticipants(db: DbOrTx, meetingId: string) {
  await db.delete(meetingParticipants).where(eq(meetingParticipants.meetingId, meetingId));
}

export async function setAttended(db: DbOrTx, participantId: string, attended: boolean) {
  await db.update(meetingParticipants).set({ attended }).where(eq(meetingParticipants.id, participantId));
}

/** The family's persons as the case type needs them. */
export function caseTypePersons(db: DbOrTx, requestId: string) {
  return db
    .select({
      id: requestPersons.id,
      kind: requestPersons.kind,
      unitId: requestPersons.unitId,
      applied: requestPersons.applied,
      investigationOpened: requestPersons.investigationOpened,
    })
    .from(requestPersons)
    .where(eq(requestPersons.requestId, requestId));
}

export async function markApplied(db: DbOrTx, requestId: string, personId: string) {
  await db
    .update(requestPersons)
    .set({ applied: true })
    .where(and(eq(requestPersons.id, personId), eq(requestPersons.requestId, requestId), eq(requestPersons.kind, "guardian")));
}

/** Stores the recomputed case type and bumps the request's version: someone editing the request from an older read gets a conflict. */
export async function bumpRequestCaseType(db: DbOrTx, requestId: string, caseType: number | null) {
  await db
    .update(requests)
    .set({ caseType, version: sql`${requests.version} + 1`, updatedAt: new Date() })
    .where(eq(requests.id, requestId));
}

/** The answers given at the meeting before it was marked held (a kiosk on the planned day) belong to the day it was held (decision 0046). */
export async function dateAnswersByMeeting(db: DbOrTx, meetingId: string, heldOn: string) {
  await db.update(surveyResponses).set({ periodOn: heldOn }).where(eq(surveyResponses.meetingId, meetingId));
}
