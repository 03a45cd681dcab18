/**
 * Who answers which survey after a meeting: the instruments the meeting type lists (in their
 * published version) and, for each family member who attended (a held meeting) or is invited (a
 * planned one), the respondent role and the instrument for that audience. Shared by the links,
 * the kiosk and the paper form. Names are for the staff member's page only; what is stored is
 * the role and a child's age band.
 */
import { eq, sql } from "drizzle-orm";
import { surveyMeetingAnswered, surveyResponses } from "../db/schema/index.ts";
import { type AgeBand, ageBand, ageOn } from "../families/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import type { LoadedProcess, MeetingRow } from "../processes/index.ts";
import { participantsOf } from "../processes/index.ts";
import type { MeetingType } from "../workmodels/index.ts";
import type { Content } from "./model.ts";
import type { RespondentRole } from "./responses/index.ts";
import { instrumentDocuments } from "./service.ts";

export interface MeetingInstrument {
  key: string;
  number: number;
  versionId: string;
  content: Content;
}

export interface Respondent {
  personId: string;
  /** For the staff member's page only; never stored with an answer or shown to the respondent. */
  name: string;
  role: RespondentRole;
  ageBand: AgeBand | null;
  instrument: MeetingInstrument;
}

/** The published version of every instrument the meeting type lists; unpublished ones are left out. */
export async function instrumentsFor(tx: DbOrTx, municipalityId: string, type: MeetingType): Promise<MeetingInstrument[]> {
  const out: MeetingInstrument[] = [];
  for (const key of type.surveys) {
    const version = await instrumentDocuments.published(tx, municipalityId, key);
    if (version) out.push({ key, number: version.number, versionId: version.id, content: version.content });
  }
  return out;
}

/** The role a guardian answers in: with or without the problem, as recorded on the request. */
export const guardianRole = (substanceProblem: string | null): RespondentRole =>
  substanceProblem === "yes" ? "parent_with_problem" : "parent_without_problem";

/**
 * The family members who answer after the meeting, on the meeting's day: those who attended a held
 * meeting, or those invited to a planned one. A guardian answers the parents' instrument; a child
 * the children's instrument when there is one. Someone with no instrument for their audience is left out.
 */
export async function meetingRespondents(
  tx: DbOrTx,
  municipalityId: string,
  loaded: LoadedProcess,
  meeting: MeetingRow,
  type: MeetingType,
): Promise<Respondent[]> {
  const instruments = await instrumentsFor(tx, municipalityId, type);
  const forAudience = (audience: "parent" | "child") => instruments.find((i) => i.content.audience === audience);
  const participants = await participantsOf(tx, meeting.id);
  const present = new Set(participants.flatMap((p) => (p.personId && (meeting.status === "held" ? p.attended : true) ? [p.personId] : [])));
  const day = meeting.heldOn ?? meeting.plannedDate ?? "";
  const out: Respondent[] = [];
  for (const g of loaded.guardians) {
    const instrument = forAudience("parent");
    if (present.has(g.id) && instrument)
      out.push({ personId: g.id, name: g.name, role: guardianRole(g.substanceProblem), ageBand: null, instrument });
  }
  for (const c of loaded.children) {
    const instrument = forAudience("child");
    if (!present.has(c.id) || !instrument) continue;
    out.push({ personId: c.id, name: c.name, role: "child", ageBand: ageBand(Math.max(0, ageOn(c.birthDate, day))), instrument });
  }
  return out;
}

const groupOf = (r: { role: string; ageBand: string | null }) => `${r.role}|${r.ageBand ?? ""}`;

/**
 * Who of the respondents has answered: those recorded as answered (a kiosk turn or link made for
 * them, or a paper form for a chosen child), and, for answers that name nobody (a parent's paper
 * form), as many more of the same role and age band as there are such responses, in list order.
 * So the answered never outnumber the responses of their group, and nobody who answered is left out.
 */
export function answeredOf<T extends { personId: string; role: string; ageBand: string | null }>(
  respondents: T[],
  marked: ReadonlySet<string>,
  responsesByGroup: ReadonlyMap<string, number>,
): Set<string> {
  const out = new Set<string>();
  const markedIn = new Map<string, number>();
  for (const r of respondents) {
    if (!marked.has(r.personId)) continue;
    out.add(r.personId);
    markedIn.set(groupOf(r), (markedIn.get(groupOf(r)) ?? 0) + 1);
  }
  const unnamed = new Map([...responsesByGroup].map(([g, n]) => [g, Math.max(0, n - (markedIn.get(g) ?? 0))]));
  for (const r of respondents) {
    const left = unnamed.get(groupOf(r)) ?? 0;
    if (out.has(r.personId) || left === 0) continue;
    out.add(r.personId);
    unnamed.set(groupOf(r), left - 1);
  }
  return out;
}

/** The respondents of the meeting who have answered, by kiosk, link or paper (see answeredOf). */
export async function answeredRespondents(tx: DbOrTx, meetingId: string, respondents: Respondent[]): Promise<Set<string>> {
  const marked = await tx
    .select({ personId: surveyMeetingAnswered.personId })
    .from(surveyMeetingAnswered)
    .where(eq(surveyMeetingAnswered.meetingId, meetingId));
  const groups = await tx
    .select({ role: surveyResponses.respondentRole, ageBand: surveyResponses.ageBand, n: sql<number>`count(*)::int` })
    .from(surveyResponses)
    .where(eq(surveyResponses.meetingId, meetingId))
    .groupBy(surveyResponses.respondentRole, surveyResponses.ageBand);
  return answeredOf(respondents, new Set(marked.map((m) => m.personId)), new Map(groups.map((g) => [groupOf(g), g.n])));
}
