/**
 * The staff's calendar invitations to a meeting (decision 0039). A meeting write that plans, moves
 * or cancels a meeting queues them in its own transaction, as outbox rows (`platform/outbox.ts`) of
 * the kind MEETING_INVITATION; the calendar module delivers them as e-mail with an iCalendar
 * REQUEST or CANCEL (UID `<meeting id>@sofia`, SEQUENCE from `meetings.calendar_sequence`). The
 * processes module does not know the calendar module: the row is the whole contract, and the
 * payload carries the meeting type's name, the time and the place, never a name or a number that
 * identifies the family.
 */
import { eq, sql } from "drizzle-orm";
import { meetings } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import { enqueue } from "../platform/outbox.ts";

export const MEETING_INVITATION = "meeting.invitation";

export interface InvitationPayload {
  meetingId: string;
  processId: string;
  uid: string;
  sequence: number;
  method: "REQUEST" | "CANCEL";
  /** The staff members (user ids) it goes to; their addresses are looked up when it is sent. */
  userIds: string[];
  meetingTypeName: string;
  date: string;
  time: string | null;
  durationMinutes: number;
  place: string | null;
}

export interface InvitedMeeting {
  id: string;
  processId: string;
  plannedDate: string | null;
  plannedTime: string | null;
  durationMinutes: number;
  place: string | null;
  calendarSequence: number;
}

export const calendarUid = (meetingId: string) => `${meetingId}@sofia`;

const unique = (ids: string[]) => [...new Set(ids)];

async function bumpSequence(tx: DbOrTx, meetingId: string): Promise<number> {
  const [row] = await tx
    .update(meetings)
    .set({ calendarSequence: sql`${meetings.calendarSequence} + 1` })
    .where(eq(meetings.id, meetingId))
    .returning({ sequence: meetings.calendarSequence });
  return row?.sequence ?? 0;
}

function payload(
  meeting: InvitedMeeting,
  typeName: string,
  sequence: number,
  method: InvitationPayload["method"],
  userIds: string[],
): InvitationPayload {
  return {
    meetingId: meeting.id,
    processId: meeting.processId,
    uid: calendarUid(meeting.id),
    sequence,
    method,
    userIds: unique(userIds),
    meetingTypeName: typeName,
    date: meeting.plannedDate ?? "",
    time: meeting.plannedTime,
    durationMinutes: meeting.durationMinutes,
    place: meeting.place,
  };
}

async function queue(tx: DbOrTx, items: InvitationPayload[]) {
  await enqueue(
    tx,
    items.filter((p) => p.userIds.length > 0 && p.date !== "").map((p) => ({ kind: MEETING_INVITATION, payload: { ...p } })),
  );
}

/** A new meeting: the invitation (SEQUENCE 0) to the invited staff. */
export async function queuePlanned(tx: DbOrTx, meeting: InvitedMeeting, typeName: string, userIds: string[]) {
  await queue(tx, [payload(meeting, typeName, meeting.calendarSequence, "REQUEST", userIds)]);
}

/**
 * A planned meeting edited: when the time, length or place changed, an update to every invited
 * staff member; otherwise an invitation to those newly invited only; a cancellation to those no
 * longer invited. Nothing when nothing a calendar shows changed. The SEQUENCE goes up once.
 */
export async function queueEdited(
  tx: DbOrTx,
  before: InvitedMeeting,
  after: InvitedMeeting,
  typeName: string,
  staff: { before: string[]; after: string[] },
) {
  const moved =
    before.plannedDate !== after.plannedDate ||
    before.plannedTime !== after.plannedTime ||
    before.durationMinutes !== after.durationMinutes ||
    (before.place ?? "") !== (after.place ?? "");
  const added = staff.after.filter((id) => !staff.before.includes(id));
  const removed = staff.before.filter((id) => !staff.after.includes(id));
  if (!moved && added.length === 0 && removed.length === 0) return;
  const sequence = await bumpSequence(tx, after.id);
  await queue(tx, [
    payload(after, typeName, sequence, "REQUEST", moved ? staff.after : added),
    payload(after, typeName, sequence, "CANCEL", removed),
  ]);
}

/** A planned meeting cancelled (or not attended, or its process interrupted): the cancellation to the invited staff. */
export async function queueCancelled(tx: DbOrTx, meeting: InvitedMeeting, typeName: string, userIds: string[]) {
  if (userIds.length === 0) return;
  const sequence = await bumpSequence(tx, meeting.id);
  await queue(tx, [payload(meeting, typeName, sequence, "CANCEL", userIds)]);
}
