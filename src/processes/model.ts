/**
 * Pure rules of a process (the family's way through a work model): the phase derived from the held
 * meetings, the status, the waits, the consultation stops' due dates, and which children get a
 * child meeting. No I/O; dates are calendar dates "YYYY-MM-DD".
 */
import { ageOn } from "../families/index.ts";
import { addDays, daysBetween, type IsoDate, isBefore } from "../platform/dates.ts";
import { appliesToChildAge, type Content, type MeetingType, type ProgressMark, progressMarks, type Stop } from "../workmodels/index.ts";

export const phases = ["not_started", "started", "halfway", "completed"] as const;
export type Phase = (typeof phases)[number];

export const processStatuses = ["active", "interrupted", "completed"] as const;
export type ProcessStatus = (typeof processStatuses)[number];

export const assignmentRoles = ["child_caseworker", "adult_caseworker", "process_leader"] as const;
export type AssignmentRole = (typeof assignmentRoles)[number];

export const meetingStatuses = ["planned", "held", "cancelled", "not_attended"] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

/** Why a process was interrupted (avbrott); "other" needs a text. */
export const interruptReasons = [
  "family_declined",
  "family_moved",
  "no_contact",
  "needs_other_support",
  "child_placed",
  "parent_in_treatment",
  "other",
] as const;
export type InterruptReason = (typeof interruptReasons)[number];

const earliest = (dates: Array<IsoDate | null | undefined>): IsoDate | null =>
  dates.filter((d): d is IsoDate => typeof d === "string").sort()[0] ?? null;

// ---------------------------------------------------------------------------------------------
// Phase and status

export interface HeldMeeting {
  meetingTypeKey: string;
  heldOn: IsoDate;
}

export interface HeldConsultation {
  stopKey: string;
  heldOn: IsoDate;
}

export interface PhaseResult {
  phase: Phase;
  startedOn: IsoDate | null;
  halfwayOn: IsoDate | null;
  completedOn: IsoDate | null;
}

const phaseOfMark: Record<ProgressMark, Phase> = { started: "started", halfway: "halfway", completed: "completed" };

/**
 * The phase is derived, never typed: a model's meeting types mark started, halfway and completed
 * (Sofiamodellen: Familjemöte 1, 2, 3), and the phase is the furthest mark whose meeting was held.
 * A model without marking meetings (Familjeorienterat processtöd) is started by its first held
 * consultation stop, halfway when half of its family stops are held, completed when all are.
 */
export function derivePhase(content: Content, held: HeldMeeting[], consultations: HeldConsultation[] = []): PhaseResult {
  const result: PhaseResult = { phase: "not_started", startedOn: null, halfwayOn: null, completedOn: null };
  const marking = content.meetingTypes.filter((m) => m.marksProgress !== null);
  if (marking.length > 0) {
    for (const mark of progressMarks) {
      const type = marking.find((m) => m.marksProgress === mark);
      if (!type) continue;
      const on = earliest(held.filter((h) => h.meetingTypeKey === type.key).map((h) => h.heldOn));
      if (on === null) continue;
      result.phase = phaseOfMark[mark];
      result[`${mark}On`] = on;
    }
    return result;
  }
  const familyStops = content.stops.filter((s) => s.scope === "family");
  if (familyStops.length === 0) return result;
  const heldOn = familyStops
    .map((s) => earliest(consultations.filter((c) => c.stopKey === s.key).map((c) => c.heldOn)))
    .filter((d): d is IsoDate => d !== null)
    .sort();
  if (heldOn.length === 0) return result;
  result.phase = "started";
  result.startedOn = heldOn[0] ?? null;
  const half = Math.ceil(familyStops.length / 2);
  if (heldOn.length >= half) {
    result.phase = "halfway";
    result.halfwayOn = heldOn[half - 1] ?? null;
  }
  if (heldOn.length === familyStops.length) {
    result.phase = "completed";
    result.completedOn = heldOn[heldOn.length - 1] ?? null;
  }
  return result;
}

/** Completed wins over an interruption; an open interruption makes the process interrupted. */
export function processStatus(phase: Phase, interrupted: boolean): ProcessStatus {
  if (phase === "completed") return "completed";
  return interrupted ? "interrupted" : "active";
}

/** What a process's phase and status are derived from: what is recorded for it. */
export interface ProcessFacts {
  held: HeldMeeting[];
  consultations: HeldConsultation[];
  /** An interruption without a resumption is open. */
  interrupted: boolean;
}

/** Where a process stands: its phase with the date of each step, and its status. */
export interface ProcessState extends PhaseResult {
  status: ProcessStatus;
}

/** The one rule of where a process stands: the phase from the held meetings or stops, the status from the phase and an open interruption. */
export function processState(content: Content, facts: ProcessFacts): ProcessState {
  const phase = derivePhase(content, facts.held, facts.consultations);
  return { ...phase, status: processStatus(phase.phase, facts.interrupted) };
}

/** A process's move from what is stored to what the recorded facts now say, with what the move entails. */
export interface Transition {
  from: { phase: Phase; status: ProcessStatus };
  to: ProcessState;
  /** The phase or the status changed. */
  moved: boolean;
  /** The process has just been interrupted: its planned meetings will not take place. */
  cancelPlannedMeetings: boolean;
}

/**
 * Every change that can move a process (a meeting held, cancelled or refused, a consultation stop
 * recorded, an interruption opened or closed) ends here: the new state is {@link processState} of
 * the facts, and entering "interrupted" cancels the planned meetings.
 */
export function transition(content: Content, from: { phase: Phase; status: ProcessStatus }, facts: ProcessFacts): Transition {
  const to = processState(content, facts);
  return {
    from,
    to,
    moved: to.phase !== from.phase || to.status !== from.status,
    cancelPlannedMeetings: to.status === "interrupted" && from.status !== "interrupted",
  };
}

/** A process can be interrupted while it runs, and resumed while it is interrupted. */
export function canInterrupt(status: ProcessStatus): boolean {
  return status === "active";
}

// ---------------------------------------------------------------------------------------------
// Waits

export const waitSteps = [
  "request_to_meeting",
  "meeting_to_child_caseworker",
  "meeting_to_adult_caseworker",
  "meeting_to_process_leader",
  "assignment_to_first_meeting",
] as const;
export type WaitStep = (typeof waitSteps)[number];

export interface WaitInput {
  requestDate: IsoDate;
  /** The Sofiamöte's date; null before the decision. */
  meetingDate: IsoDate | null;
  /** The first assignment date of each role. */
  assigned: Partial<Record<AssignmentRole, IsoDate>>;
  /** The date the first family meeting was held (the meeting that marks "started"). */
  firstFamilyMeetingOn: IsoDate | null;
  /** When the process stopped (completed, or the open interruption): a wait still open then stops counting there. */
  closedOn?: IsoDate | null;
}

export interface Wait {
  step: WaitStep;
  from: IsoDate;
  /** Null while the wait goes on (the days are then counted to today), or when the process stopped before it ended. */
  to: IsoDate | null;
  days: number;
  /** Still waiting: the process runs and the step has not happened. */
  ongoing: boolean;
  /** Above the municipality's limit. */
  overLimit: boolean;
}

/**
 * Every wait in days: request → Sofiamöte → each assignment → first family meeting. A wait that has
 * not ended is counted to today, or to the day the process stopped (completed or interrupted), after
 * which nobody waits any more. A step whose start has not happened yet is left out.
 */
export function processWaits(input: WaitInput, today: IsoDate, limitDays: number): Wait[] {
  const waits: Wait[] = [];
  const closedOn = input.closedOn ?? null;
  const push = (step: WaitStep, from: IsoDate | null, to: IsoDate | null) => {
    if (from === null) return;
    const days = daysBetween(from, to ?? closedOn ?? today) ?? 0;
    waits.push({ step, from, to, days: Math.max(0, days), ongoing: to === null && closedOn === null, overLimit: days > limitDays });
  };
  push("request_to_meeting", input.requestDate, input.meetingDate);
  push("meeting_to_child_caseworker", input.meetingDate, input.assigned.child_caseworker ?? null);
  push("meeting_to_adult_caseworker", input.meetingDate, input.assigned.adult_caseworker ?? null);
  push("meeting_to_process_leader", input.meetingDate, input.assigned.process_leader ?? null);
  const caseworkers = [input.assigned.child_caseworker, input.assigned.adult_caseworker];
  const bothAssigned = caseworkers.every((d) => d !== undefined);
  const lastAssigned = bothAssigned
    ? (caseworkers
        .filter((d): d is IsoDate => d !== undefined)
        .sort()
        .at(-1) ?? null)
    : null;
  push("assignment_to_first_meeting", lastAssigned, input.firstFamilyMeetingOn);
  return waits;
}

/** The waits worth flagging: above the limit and still going on, or that ended above it. */
export const flaggedWaits = (waits: Wait[]) => waits.filter((w) => w.overLimit);

// ---------------------------------------------------------------------------------------------
// The meeting series

export interface ChildRef {
  id: string;
  name: string;
  birthDate: IsoDate;
}

export interface SeriesMeeting {
  id: string;
  meetingTypeKey: string;
  childId: string | null;
  status: MeetingStatus;
  plannedDate: IsoDate | null;
  heldOn: IsoDate | null;
}

export interface SeriesStep {
  type: MeetingType;
  /** The child of a child meeting; null for family meetings. */
  child: ChildRef | null;
  /** The meetings of this step, oldest first (a cancelled one may be followed by a new plan). */
  meetings: SeriesMeeting[];
  held: boolean;
  /** A planned meeting waits. */
  planned: boolean;
}

/** Children who get a child meeting of this type: old enough on the reference date (the request date). */
export function childrenFor(type: MeetingType, children: ChildRef[], onDate: IsoDate): ChildRef[] {
  if (type.scope === "family") return [];
  return children.filter((c) => appliesToChildAge(type, ageOn(c.birthDate, onDate)));
}

/** The series the work model asks for, step by step, with the meetings recorded for each step. */
export function meetingSeries(content: Content, children: ChildRef[], requestDate: IsoDate, meetings: SeriesMeeting[]): SeriesStep[] {
  const steps: SeriesStep[] = [];
  for (const type of content.meetingTypes) {
    const targets: Array<ChildRef | null> = type.scope === "family" ? [null] : childrenFor(type, children, requestDate);
    for (const child of targets) {
      const own = meetings.filter((m) => m.meetingTypeKey === type.key && m.childId === (child?.id ?? null));
      steps.push({
        type,
        child,
        meetings: own,
        held: own.some((m) => m.status === "held"),
        planned: own.some((m) => m.status === "planned"),
      });
    }
  }
  return steps;
}

/** The first step not yet held: what the caseworkers plan next. */
export function nextStep(series: SeriesStep[]): SeriesStep | undefined {
  return series.find((s) => !s.held);
}

// ---------------------------------------------------------------------------------------------
// Consultation stops (hållplatser)

export interface StopEvents {
  requestDate: IsoDate;
  meetingDate: IsoDate | null;
  /** The first held date of each meeting type. */
  heldMeetings: HeldMeeting[];
  /** The first date an intervention was granted (further support). */
  interventionsDecidedOn: IsoDate | null;
}

export type StopState = "held" | "overdue" | "due" | "not_yet";

export interface StopDue {
  stop: Stop;
  child: ChildRef | null;
  /** Null while the event the count starts from has not happened. */
  dueOn: IsoDate | null;
  heldOn: IsoDate | null;
  state: StopState;
  /** Held after the due date. */
  late: boolean;
}

function eventDate(stop: Stop, events: StopEvents): IsoDate | null {
  switch (stop.due.event) {
    case "request":
      return events.requestDate;
    case "planning_meeting":
      return events.meetingDate;
    case "meeting_held":
      return earliest(events.heldMeetings.filter((m) => m.meetingTypeKey === stop.due.meetingTypeKey).map((m) => m.heldOn));
    case "interventions_decided":
      return events.interventionsDecidedOn;
  }
}

/** Each stop of the model (once per family or once per child) with its due date and whether it is held, overdue or due. */
export function stopsDue(
  content: Content,
  children: ChildRef[],
  events: StopEvents,
  held: Array<HeldConsultation & { childId: string | null }>,
  today: IsoDate,
): StopDue[] {
  const result: StopDue[] = [];
  for (const stop of content.stops) {
    const start = eventDate(stop, events);
    const dueOn = start === null ? null : addDays(start, stop.due.days);
    const targets: Array<ChildRef | null> = stop.scope === "family" ? [null] : children;
    for (const child of targets) {
      const heldOn = earliest(held.filter((h) => h.stopKey === stop.key && h.childId === (child?.id ?? null)).map((h) => h.heldOn));
      let state: StopState = "not_yet";
      if (heldOn !== null) state = "held";
      else if (dueOn !== null) state = isBefore(dueOn, today) ? "overdue" : "due";
      const late = heldOn !== null && dueOn !== null && isBefore(dueOn, heldOn);
      result.push({ stop, child, dueOn, heldOn, state, late });
    }
  }
  return result;
}
