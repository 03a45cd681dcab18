/**
 * The family's timeline as pure rules: what happened, in date order, and which meeting is next.
 * No I/O; the service gathers the rows and the views phrase the events.
 */
import type { IsoDate } from "../../platform/dates.ts";
import type { AssignmentRole, MeetingStatus, Phase } from "../model.ts";

export const eventKinds = [
  "request",
  "decision",
  "assignment",
  "meeting",
  "consent",
  "consultation",
  "impact_analysis",
  "safety_rating",
  "support",
  "phase",
  "interruption",
  "resumption",
] as const;
export type EventKind = (typeof eventKinds)[number];

export const supportSteps = ["applied", "granted", "ended"] as const;
export type SupportStep = (typeof supportSteps)[number];

/** A family member as the timeline names them: by name, or in the minimal view by kind and number ("Barn 1"). */
export interface PersonLabel {
  kind: "guardian" | "child";
  position: number;
  /** Null in the minimal view. */
  name: string | null;
}

/**
 * One thing that happened to the family. `kind` says which of the other fields are set; the rest
 * are null. Flat rather than a union so that the API's schema and the views read it the same way.
 */
export interface TimelineEvent {
  kind: EventKind;
  on: IsoDate;
  /** assignment: the role and who. */
  role: AssignmentRole | null;
  staffName: string | null;
  /** assignment: days from the Sofiamöte for a role's first assignment; null for a replacement. */
  waitDays: number | null;
  /** meeting and consent: the meeting. */
  meetingId: string | null;
  meetingTypeName: string | null;
  status: MeetingStatus | null;
  /** meeting: why it was cancelled or not attended; interruption: the reason. */
  reason: string | null;
  /** interruption with reason "other": the text (null in the minimal view). */
  reasonText: string | null;
  /** The family member the event is about (a child meeting's child, a stop per child, support …). */
  person: PersonLabel | null;
  /** consent: given / refused. */
  consent: "given" | "refused" | null;
  /** consultation: the stop's name. */
  stopName: string | null;
  /** impact_analysis: both caseworkers took part. */
  joint: boolean | null;
  /** safety_rating: who rated and the score 0–10. */
  ratedBy: string | null;
  score: number | null;
  /** support: which step, the kind of support and its text for "other". */
  supportStep: SupportStep | null;
  supportKind: string | null;
  supportKindText: string | null;
  /** phase: the phase reached. */
  phase: Phase | null;
  /** meeting, held and followed by a survey: how many family members attended and how many answers came. Counts only. */
  survey: { attended: number; responses: number } | null;
}

const empty: Omit<TimelineEvent, "kind" | "on"> = {
  role: null,
  staffName: null,
  waitDays: null,
  meetingId: null,
  meetingTypeName: null,
  status: null,
  reason: null,
  reasonText: null,
  person: null,
  consent: null,
  stopName: null,
  joint: null,
  ratedBy: null,
  score: null,
  supportStep: null,
  supportKind: null,
  supportKindText: null,
  phase: null,
  survey: null,
};

/** An event of a kind on a date with the fields that kind sets. */
export const event = (kind: EventKind, on: IsoDate, fields: Partial<Omit<TimelineEvent, "kind" | "on">> = {}): TimelineEvent => ({
  ...empty,
  kind,
  on,
  ...fields,
});

/** ISO dates (YYYY-MM-DD) sort as text. */
const compareIsoDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);

const rank = new Map<EventKind, number>(eventKinds.map((k, i) => [k, i]));

/**
 * Date order; on the same date the order of the work (request before decision before assignment,
 * a consent before its child meeting, a phase after the meeting that reached it, an interruption
 * last). Events of the same kind and date keep the order they were given in.
 */
export function inDateOrder(events: TimelineEvent[]): TimelineEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => compareIsoDates(a.e.on, b.e.on) || (rank.get(a.e.kind) ?? 0) - (rank.get(b.e.kind) ?? 0) || a.i - b.i)
    .map(({ e }) => e);
}

export interface PlannedRef {
  id: string;
  status: string;
  plannedDate: IsoDate | null;
  plannedTime: string | null;
}

/** The next meeting: the planned one with the earliest date and time (one still planned after its date included: it is not recorded yet). */
export function nextPlanned<T extends PlannedRef>(meetings: T[]): T | null {
  const planned = meetings.filter((m) => m.status === "planned" && m.plannedDate !== null);
  planned.sort(
    (a, b) =>
      compareIsoDates(a.plannedDate as IsoDate, b.plannedDate as IsoDate) || (a.plannedTime ?? "").localeCompare(b.plannedTime ?? ""),
  );
  return planned[0] ?? null;
}

export interface HeldRef {
  status: string;
  heldOn: IsoDate | null;
  summary: Record<string, string> | null;
}

/** What was agreed last time: the latest held meeting whose summary says what was agreed or the next steps. */
export function lastAgreed<T extends HeldRef>(meetings: T[]): T | null {
  const held = meetings.filter(
    (m) => m.status === "held" && m.heldOn !== null && ((m.summary?.agreed ?? "") !== "" || (m.summary?.nextSteps ?? "") !== ""),
  );
  held.sort((a, b) => compareIsoDates(b.heldOn as IsoDate, a.heldOn as IsoDate));
  return held[0] ?? null;
}
