/** Queries of the calendar module: a user's settings and feed, their meetings, who gets a reminder, addresses. */
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { calendarSettings, users } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";

export type SettingsRow = typeof calendarSettings.$inferSelect;

export async function settingsOf(db: DbOrTx, userId: string): Promise<SettingsRow | undefined> {
  const [row] = await db.select().from(calendarSettings).where(eq(calendarSettings.userId, userId));
  return row;
}

/** Creates the user's settings row or changes it. */
export async function saveSettings(
  db: DbOrTx,
  userId: string,
  values: Partial<Pick<SettingsRow, "feedTokenHash" | "feedCreatedAt" | "remindersEnabled">>,
) {
  await db
    .insert(calendarSettings)
    .values({ userId, ...values })
    .onConflictDoUpdate({ target: calendarSettings.userId, set: { ...values, updatedAt: new Date() } });
}

/** The active user whose feed has this secret's hash. */
export async function userOfFeed(db: DbOrTx, tokenHash: string): Promise<string | undefined> {
  const [row] = await db
    .select({ userId: calendarSettings.userId })
    .from(calendarSettings)
    .innerJoin(users, eq(users.id, calendarSettings.userId))
    .where(and(eq(calendarSettings.feedTokenHash, tokenHash), eq(users.active, true)));
  return row?.userId;
}

export interface UserMeeting {
  id: string;
  processId: string;
  typeName: string;
  status: string;
  plannedDate: string;
  plannedTime: string | null;
  durationMinutes: number;
  place: string | null;
  calendarSequence: number;
}

const meetingColumns = sql`m.id, m.process_id, m.status, m.planned_date::text as planned_date, m.planned_time,
  m.duration_minutes, m.place, m.calendar_sequence,
  coalesce((select mt->>'name' from jsonb_array_elements(v.content->'meetingTypes') mt
    where mt->>'key' = m.meeting_type_key limit 1), m.meeting_type_key) as type_name`;

type MeetingSqlRow = {
  id: string;
  process_id: string;
  status: string;
  planned_date: string;
  planned_time: string | null;
  duration_minutes: number;
  place: string | null;
  calendar_sequence: number;
  type_name: string;
};

const toMeeting = (r: MeetingSqlRow): UserMeeting => ({
  id: r.id,
  processId: r.process_id,
  typeName: r.type_name,
  status: r.status,
  plannedDate: r.planned_date,
  plannedTime: r.planned_time,
  durationMinutes: Number(r.duration_minutes),
  place: r.place,
  calendarSequence: Number(r.calendar_sequence),
});

/** The meetings the user is invited to: every planned one, and the others dated from `from` on. */
export async function meetingsOfUser(db: DbOrTx, userId: string, from: string, limit = 500): Promise<UserMeeting[]> {
  const result = await db.execute<MeetingSqlRow>(sql`
    select ${meetingColumns}
    from meetings m
    join meeting_participants mp on mp.meeting_id = m.id and mp.user_id = ${userId} and mp.invited
    join processes p on p.id = m.process_id
    join work_model_versions v on v.id = p.work_model_version_id
    where m.planned_date is not null and (m.status = 'planned' or m.planned_date >= ${from}::date)
    order by m.planned_date, m.planned_time nulls first, m.id
    limit ${limit}`);
  return result.rows.map(toMeeting);
}

/** The planned meetings on one day that the user is invited to. */
export async function plannedOn(db: DbOrTx, userId: string, day: string): Promise<UserMeeting[]> {
  const result = await db.execute<MeetingSqlRow>(sql`
    select ${meetingColumns}
    from meetings m
    join meeting_participants mp on mp.meeting_id = m.id and mp.user_id = ${userId} and mp.invited
    join processes p on p.id = m.process_id
    join work_model_versions v on v.id = p.work_model_version_id
    where m.status = 'planned' and m.planned_date = ${day}::date
    order by m.planned_time nulls first, m.id`);
  return result.rows.map(toMeeting);
}

/**
 * The users a daily reminder may concern: active, with an address, reminders not turned off, and
 * assigned to a running process or invited to a meeting planned for `tomorrow`.
 */
export async function reminderCandidates(db: DbOrTx, tomorrow: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    select u.id from users u
    left join calendar_settings s on s.user_id = u.id
    where u.active and u.email is not null and u.email <> '' and coalesce(s.reminders_enabled, true)
      and (
        exists (select 1 from process_assignments a join processes p on p.id = a.process_id
          where a.user_id = u.id and a.ended_on is null and p.status = 'active')
        or exists (select 1 from meeting_participants mp join meetings m on m.id = mp.meeting_id
          where mp.user_id = u.id and mp.invited and m.status = 'planned' and m.planned_date = ${tomorrow}::date)
      )
    order by u.id`);
  return result.rows.map((r) => r.id);
}

/** Whether the user wants the daily reminder (the default) and is still active with an address. */
export async function wantsReminder(db: DbOrTx, userId: string): Promise<boolean> {
  const result = await db.execute<{ ok: boolean }>(sql`
    select (u.active and u.email is not null and coalesce(s.reminders_enabled, true)) as ok
    from users u left join calendar_settings s on s.user_id = u.id where u.id = ${userId}`);
  return result.rows[0]?.ok === true;
}

/** The addresses of the active users among the ids (users without an address are left out). */
export async function addressesOf(db: DbOrTx, userIds: string[]): Promise<Array<{ id: string; email: string }>> {
  if (userIds.length === 0) return [];
  const rows = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(and(inArray(users.id, userIds), eq(users.active, true), isNotNull(users.email)));
  return rows.flatMap((r) => (r.email ? [{ id: r.id, email: r.email }] : []));
}
