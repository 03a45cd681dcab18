/**
 * The family's timeline and the next meeting's agenda: everything that happened to a family in
 * date order (request, Sofiamöte, assignments and waits, meetings, consents, consultation stops,
 * child impact analyses, safety ratings, further support, phases, interruptions, survey response
 * counts), and what the next meeting needs on paper. Read only; opened through access.ts with
 * need-to-know, the minimal view names no one, and every display is audited per person.
 */
import { ageOn, type NamedFamily } from "../../families/index.ts";
import { authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { daysBetween, type IsoDate, isBefore } from "../../platform/dates.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { type Assignment, auditDisplay, familyOf, type LoadedProcess, loadProcess } from "../access.ts";
import { meetingsOf, participantsOf } from "../meetings/index.ts";
import { type AssignmentRole, type MeetingStatus, type Phase, type ProcessStatus, processWaits, type Wait } from "../model.ts";
import { IMPACT_STOP_KEY, loadStopsSection } from "../stops/index.ts";
import * as store from "../store.ts";
import { loadSupportSection } from "../support/index.ts";
import { loadSurveySection } from "../survey-rates/index.ts";
import { event, inDateOrder, lastAgreed, nextPlanned, type PersonLabel, type TimelineEvent } from "./model.ts";

export interface FamilyMember {
  label: PersonLabel;
  age: number;
}

export interface NextMeetingRef {
  id: string;
  meetingTypeName: string;
  plannedDate: IsoDate;
  plannedTime: string | null;
}

export interface TimelineData {
  id: string;
  requestDate: IsoDate;
  /** How the family is named (families' familyName): no persons in the minimal view. */
  namedFamily: NamedFamily;
  status: ProcessStatus;
  phase: Phase;
  workModel: { name: string; version: number };
  caseType: number | null;
  /** No names, no meetings, analyses, ratings or survey counts: an unassigned unit manager's view. */
  minimal: boolean;
  family: FamilyMember[];
  /** The open assignment of each role. */
  current: Partial<Record<AssignmentRole, Assignment>>;
  waits: Wait[];
  waitLimitDays: number;
  events: TimelineEvent[];
  /** The next planned meeting, for the agenda's link; null in the minimal view. */
  next: NextMeetingRef | null;
}

function labels(loaded: LoadedProcess): Map<string, PersonLabel> {
  const map = new Map<string, PersonLabel>();
  loaded.guardians.forEach((p, i) => {
    map.set(p.id, { kind: "guardian", position: i + 1, name: loaded.minimal ? null : p.name });
  });
  loaded.children.forEach((p, i) => {
    map.set(p.id, { kind: "child", position: i + 1, name: loaded.minimal ? null : p.name });
  });
  return map;
}

/** The first date each role was assigned: the wait ends there (a later replacement does not reset it). */
function firstAssigned(assignments: Assignment[]): Partial<Record<AssignmentRole, IsoDate>> {
  const first: Partial<Record<AssignmentRole, IsoDate>> = {};
  for (const a of assignments) {
    const known = first[a.role];
    if (!known || isBefore(a.assignedOn, known)) first[a.role] = a.assignedOn;
  }
  return first;
}

const typeName = (loaded: LoadedProcess, key: string) => loaded.content.meetingTypes.find((t) => t.key === key)?.name ?? key;
const startsProcess = (loaded: LoadedProcess, key: string) => loaded.content.meetingTypes.find((t) => t.key === key)?.decidesStart === true;

/** Every event of the process, in date order, as the reader may see them. Reads only, in the caller's transaction. */
async function eventsOf(tx: DbOrTx, loaded: LoadedProcess, today: IsoDate) {
  const p = loaded.process;
  const people = labels(loaded);
  const personOf = (id: string | null) => (id ? (people.get(id) ?? null) : null);
  const events: TimelineEvent[] = [event("request", p.requestDate)];
  if (p.meetingDate) events.push(event("decision", p.meetingDate));

  const first = firstAssigned(loaded.assignments);
  for (const a of loaded.assignments) {
    // The assignments come oldest first: a role's first one ends its wait, a later one replaces it.
    const isFirst = loaded.assignments.find((x) => x.role === a.role) === a;
    events.push(
      event("assignment", a.assignedOn, {
        role: a.role,
        staffName: a.userName,
        waitDays: isFirst ? Math.max(0, daysBetween(p.meetingDate ?? p.requestDate, a.assignedOn) ?? 0) : null,
      }),
    );
  }

  const meetings = await meetingsOf(tx, p.id);
  if (!loaded.minimal) {
    const rates = new Map((await loadSurveySection(tx, loaded)).meetings.map((r) => [r.meetingId, r]));
    for (const m of meetings) {
      if (startsProcess(loaded, m.meetingTypeKey)) continue; // the Sofiamöte is the decision above
      const name = typeName(loaded, m.meetingTypeKey);
      const child = personOf(m.childId);
      if (m.consent === "given" || m.consent === "refused") {
        events.push(
          event("consent", m.consentOn ?? m.plannedDate ?? today, {
            meetingId: m.id,
            meetingTypeName: name,
            person: child,
            consent: m.consent,
          }),
        );
      }
      const status = m.status as MeetingStatus;
      const on = status === "held" ? m.heldOn : m.plannedDate;
      const rate = rates.get(m.id);
      events.push(
        event("meeting", on ?? today, {
          meetingId: m.id,
          meetingTypeName: name,
          status,
          person: child,
          reason: status === "cancelled" || status === "not_attended" ? m.outcomeReason : null,
          survey: rate ? { attended: rate.attended, responses: rate.responses } : null,
        }),
      );
    }
  }

  const stops = await loadStopsSection(tx, loaded, today);
  const analysed = new Set(stops.children.filter((b) => b.analysis).map((b) => b.child.id));
  for (const s of stops.stops) {
    // The analysis that counts as the impact stop held is shown once, as the analysis.
    if (s.key === IMPACT_STOP_KEY && s.child && analysed.has(s.child.id)) continue;
    if (s.heldOn) events.push(event("consultation", s.heldOn, { stopName: s.name, person: s.child ? personOf(s.child.id) : null }));
  }
  for (const block of stops.children) {
    const child = personOf(block.child.id);
    if (block.analysis) events.push(event("impact_analysis", block.analysis.madeOn, { person: child, joint: block.analysis.joint }));
    for (const r of block.ratings) events.push(event("safety_rating", r.ratedOn, { person: child, ratedBy: r.ratedBy, score: r.score }));
  }

  const support = await loadSupportSection(tx, loaded);
  for (const item of support.items) {
    const fields = { person: personOf(item.person.id), supportKind: item.kind, supportKindText: item.kindText };
    if (item.appliedOn) events.push(event("support", item.appliedOn, { ...fields, supportStep: "applied" }));
    if (item.grantedOn) events.push(event("support", item.grantedOn, { ...fields, supportStep: "granted" }));
    if (item.endedOn) events.push(event("support", item.endedOn, { ...fields, supportStep: "ended" }));
  }

  if (p.startedOn) events.push(event("phase", p.startedOn, { phase: "started" }));
  if (p.halfwayOn) events.push(event("phase", p.halfwayOn, { phase: "halfway" }));
  if (p.completedOn) events.push(event("phase", p.completedOn, { phase: "completed" }));

  const interruptions = await store.interruptionsOf(tx, p.id);
  for (const i of interruptions) {
    events.push(event("interruption", i.interruptedOn, { reason: i.reason, reasonText: loaded.minimal ? null : i.reasonText }));
    if (i.resumedOn) events.push(event("resumption", i.resumedOn));
  }

  const openInterruption = interruptions.find((i) => i.resumedOn === null)?.interruptedOn ?? null;
  const waits = processWaits(
    {
      requestDate: p.requestDate,
      meetingDate: p.meetingDate,
      assigned: first,
      firstFamilyMeetingOn: p.startedOn,
      closedOn: p.completedOn ?? openInterruption,
    },
    today,
    p.waitLimitDays,
  );
  return { events: inDateOrder(events), meetings, waits };
}

/** The family's timeline, with the summary's facts. Audited per person shown (one row without a subject in the minimal view). */
export async function getTimeline(ctx: ServiceContext, id: string): Promise<TimelineData> {
  const auth = await authorize(ctx, "processes.view");
  const today = ctx.clock.today();
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    const p = loaded.process;
    const { events, meetings, waits } = await eventsOf(tx, loaded, today);
    const next = loaded.minimal ? null : nextPlanned(meetings);
    const people = labels(loaded);
    await auditDisplay(tx, ctx, loaded, "process.timeline");
    return {
      id: p.id,
      requestDate: p.requestDate,
      namedFamily: familyOf(loaded, today),
      status: p.status as ProcessStatus,
      phase: p.phase as Phase,
      workModel: { name: p.workModelName, version: p.workModelVersion },
      caseType: p.caseType,
      minimal: loaded.minimal,
      family: [...loaded.guardians, ...loaded.children].flatMap((x) => {
        const label = people.get(x.id);
        return label ? [{ label, age: ageOn(x.birthDate, today) }] : [];
      }),
      current: loaded.current,
      waits,
      waitLimitDays: p.waitLimitDays,
      events,
      next: next?.plannedDate
        ? {
            id: next.id,
            meetingTypeName: typeName(loaded, next.meetingTypeKey),
            plannedDate: next.plannedDate,
            plannedTime: next.plannedTime,
          }
        : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// The agenda of the next meeting

export interface AgendaParticipant {
  name: string;
  /** guardian / child, or the staff member's roles in the process. */
  kind: "guardian" | "child" | "staff";
  roles: AssignmentRole[];
}

const participantOrder: AgendaParticipant["kind"][] = ["guardian", "child", "staff"];

export interface OpenStop {
  name: string;
  child: PersonLabel | null;
  dueOn: IsoDate | null;
  overdue: boolean;
}

export interface AgendaData {
  processId: string;
  requestDate: IsoDate;
  /** How the family is named (families' familyName). */
  namedFamily: NamedFamily;
  meeting: {
    id: string;
    typeName: string;
    purpose: string;
    plannedDate: IsoDate | null;
    plannedTime: string | null;
    durationMinutes: number;
    place: string | null;
    child: PersonLabel | null;
    participants: AgendaParticipant[];
    checklist: string[];
  } | null;
  /** Consultation stops that are due or overdue and not held. */
  openStops: OpenStop[];
  /** The latest held meeting's agreement and next steps. */
  lastTime: { meetingTypeName: string; heldOn: IsoDate; agreed: string; nextSteps: string } | null;
}

/**
 * The agenda of the next planned meeting: its type, time, place, participants, the meeting type's
 * checklist from the work model, the open consultation stops and what was agreed last time. It
 * names the family, so the minimal view has none (not found). Audited per person.
 */
export async function getAgenda(ctx: ServiceContext, id: string): Promise<AgendaData> {
  const auth = await authorize(ctx, "processes.view");
  const today = ctx.clock.today();
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    if (loaded.minimal) throw new NotFoundError();
    const p = loaded.process;
    const people = labels(loaded);
    const meetings = await meetingsOf(tx, p.id);
    const next = nextPlanned(meetings);
    let meeting: AgendaData["meeting"] = null;
    if (next) {
      const type = loaded.content.meetingTypes.find((t) => t.key === next.meetingTypeKey);
      const rolesOf = (userId: string) => loaded.assignments.filter((a) => a.endedOn === null && a.userId === userId).map((a) => a.role);
      const participants = (await participantsOf(tx, next.id))
        .filter((x) => x.invited)
        .map(
          (x): AgendaParticipant =>
            x.personId
              ? { name: x.personName ?? "", kind: x.personKind === "child" ? "child" : "guardian", roles: [] }
              : { name: x.userName ?? "", kind: "staff", roles: x.userId ? rolesOf(x.userId) : [] },
        )
        // Guardians, then children, then staff; each in the store's order.
        .sort((a, b) => participantOrder.indexOf(a.kind) - participantOrder.indexOf(b.kind));
      meeting = {
        id: next.id,
        typeName: type?.name ?? next.meetingTypeKey,
        purpose: type?.purpose ?? "",
        plannedDate: next.plannedDate,
        plannedTime: next.plannedTime,
        durationMinutes: next.durationMinutes,
        place: next.place,
        child: next.childId ? (people.get(next.childId) ?? null) : null,
        participants,
        checklist: type?.checklist ?? [],
      };
    }
    const stops = await loadStopsSection(tx, loaded, today);
    const openStops: OpenStop[] = stops.stops
      .filter((s) => s.state === "due" || s.state === "overdue")
      .map((s) => ({
        name: s.name,
        child: s.child ? (people.get(s.child.id) ?? null) : null,
        dueOn: s.dueOn,
        overdue: s.state === "overdue",
      }));
    const last = lastAgreed(meetings.filter((m) => !startsProcess(loaded, m.meetingTypeKey)));
    await auditDisplay(tx, ctx, loaded, "process.agenda", { meetingId: next?.id ?? null });
    return {
      processId: p.id,
      requestDate: p.requestDate,
      namedFamily: familyOf(loaded, today),
      meeting,
      openStops,
      lastTime:
        last?.heldOn && last.summary
          ? {
              meetingTypeName: typeName(loaded, last.meetingTypeKey),
              heldOn: last.heldOn,
              agreed: last.summary.agreed ?? "",
              nextSteps: last.summary.nextSteps ?? "",
            }
          : null,
    };
  });
}
