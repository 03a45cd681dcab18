/**
 * The response rate of a process's meetings: attended family members against survey responses,
 * per held meeting and per meeting type. Counts only, never an answer or who gave it. It belongs
 * to the process (its page and its meetings' pages show it); the surveys slice uses it through
 * the front door for its own pages (the paper form, the kiosk).
 */
import { sql } from "drizzle-orm";
import { meetingParticipants, meetings, surveyResponses } from "../../db/schema/index.ts";
import { type DbOrTx, reusable } from "../../platform/database.ts";
import type { LoadedProcess } from "../access.ts";
import { type MeetingRow, meetingsOf } from "../meetings/index.ts";

export interface Rate {
  attended: number;
  responses: number;
}

export interface MeetingRate extends Rate {
  meetingId: string;
  meetingTypeKey: string;
  meetingTypeName: string;
  childId: string | null;
  heldOn: string;
}

export interface TypeRate extends Rate {
  meetingTypeKey: string;
  meetingTypeName: string;
  meetings: number;
}

export interface SurveySectionData {
  /** The minimal view shows no survey section. */
  minimal: boolean;
  meetings: MeetingRate[];
  types: TypeRate[];
}

/** The response rate of one meeting. */
export async function meetingRate(tx: DbOrTx, meetingId: string): Promise<Rate> {
  const { attended, responses } = await ratesOf(tx, [meetingId]);
  return { attended: attended.get(meetingId) ?? 0, responses: responses.get(meetingId) ?? 0 };
}

/** Per meeting: the family members who attended and the responses, counted in one statement (built once, `reusable`). */
async function ratesOf(db: DbOrTx, meetingIds: string[]): Promise<{ attended: Map<string, number>; responses: Map<string, number> }> {
  if (meetingIds.length === 0) return { attended: new Map(), responses: new Map() };
  const rows = await reusable(db, "ratesOf", (db) =>
    db
      .select({
        id: meetings.id,
        attended: sql<number>`(select count(*)::int from ${meetingParticipants} mp
        where mp.meeting_id = ${meetings}.id and mp.person_id is not null and mp.attended)`,
        responses: sql<number>`(select count(*)::int from ${surveyResponses} sr where sr.meeting_id = ${meetings}.id)`,
      })
      .from(meetings)
      .where(sql`${meetings.id} = any(${sql.placeholder("meetingIds")}::uuid[])`),
  ).execute({ meetingIds });
  return {
    attended: new Map(rows.filter((r) => r.attended > 0).map((r) => [r.id, r.attended] as const)),
    responses: new Map(rows.filter((r) => r.responses > 0).map((r) => [r.id, r.responses] as const)),
  };
}

/**
 * The response rate of the process's held meetings whose type is followed by a survey, per meeting
 * and per meeting type, in the caller's transaction (the process page's). Counts only.
 */
export async function loadSurveySection(
  tx: DbOrTx,
  loaded: LoadedProcess,
  /** The process's meetings when the caller has read them already (the family page). */
  meetingRows?: MeetingRow[],
): Promise<SurveySectionData> {
  if (loaded.minimal) return { minimal: true, meetings: [], types: [] };
  const surveyed = new Map(loaded.content.meetingTypes.filter((t) => t.surveys.length > 0).map((t) => [t.key, t]));
  const held = (meetingRows ?? (await meetingsOf(tx, loaded.process.id))).filter(
    (m) => m.status === "held" && surveyed.has(m.meetingTypeKey),
  );
  const { attended, responses } = await ratesOf(
    tx,
    held.map((m) => m.id),
  );
  const meetings: MeetingRate[] = held.map((m) => ({
    meetingId: m.id,
    meetingTypeKey: m.meetingTypeKey,
    meetingTypeName: surveyed.get(m.meetingTypeKey)?.name ?? m.meetingTypeKey,
    childId: m.childId,
    heldOn: m.heldOn ?? "",
    attended: attended.get(m.id) ?? 0,
    responses: responses.get(m.id) ?? 0,
  }));
  const types: TypeRate[] = [];
  for (const type of surveyed.values()) {
    const of = meetings.filter((m) => m.meetingTypeKey === type.key);
    if (of.length === 0) continue;
    types.push({
      meetingTypeKey: type.key,
      meetingTypeName: type.name,
      meetings: of.length,
      attended: of.reduce((n, m) => n + m.attended, 0),
      responses: of.reduce((n, m) => n + m.responses, 0),
    });
  }
  return { minimal: false, meetings, types };
}
