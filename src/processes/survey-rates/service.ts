/**
 * The response rate of a process's meetings: attended family members against survey responses,
 * per held meeting and per meeting type. Counts only, never an answer or who gave it. It belongs
 * to the process (its page and its meetings' pages show it); the surveys slice uses it through
 * the front door for its own pages (the paper form, the kiosk).
 */
import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { meetingParticipants, surveyResponses } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import type { LoadedProcess } from "../access.ts";
import { meetingsOf } from "../meetings/index.ts";

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
  const attended = (await attendedFamilyCounts(tx, [meetingId])).get(meetingId) ?? 0;
  const responses = (await responseCounts(tx, [meetingId])).get(meetingId) ?? 0;
  return { attended, responses };
}

/**
 * The response rate of the process's held meetings whose type is followed by a survey, per meeting
 * and per meeting type, in the caller's transaction (the process page's). Counts only.
 */
export async function loadSurveySection(tx: DbOrTx, loaded: LoadedProcess): Promise<SurveySectionData> {
  if (loaded.minimal) return { minimal: true, meetings: [], types: [] };
  const surveyed = new Map(loaded.content.meetingTypes.filter((t) => t.surveys.length > 0).map((t) => [t.key, t]));
  const held = (await meetingsOf(tx, loaded.process.id)).filter((m) => m.status === "held" && surveyed.has(m.meetingTypeKey));
  const ids = held.map((m) => m.id);
  const attended = await attendedFamilyCounts(tx, ids);
  const responses = await responseCounts(tx, ids);
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
