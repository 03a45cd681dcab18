/**
 * Use cases of a process: show it (the family page), interrupt and resume, show an identity number.
 * The list, the team (assignment and handover), the search, meetings, stops and further support
 * have services of their own that open the process through access.ts in the same way.
 */

import type { z } from "zod";
import { ageOn, type ContactDetails, maskIdentityNumber, type NamedFamily } from "../families/index.ts";
import { audit } from "../platform/audit.ts";
import { type Authorized, authorize, type ServiceContext } from "../platform/context.ts";
import type { DbOrTx } from "../platform/database.ts";
import { daysBetween, type IsoDate, isBefore, parseIsoDate } from "../platform/dates.ts";
import { ConflictError, type FieldErrors, NotFoundError, parseOrThrow, ValidationError } from "../platform/errors.ts";
import { type Assignment, auditDisplay, familyOf, type LoadedProcess, loadForWork, loadProcess } from "./access.ts";
import { type MeetingRow, meetingsOf } from "./meetings/index.ts";
import {
  type AssignmentRole,
  canInterrupt,
  type MeetingStatus,
  meetingSeries,
  nextStep,
  type Phase,
  type ProcessStatus,
  processWaits,
  type SeriesStep,
  type Wait,
} from "./model.ts";
import { type InterruptInput, interruptInput, type ResumeInput, resumeInput } from "./schemas.ts";
import { loadStopsSection, type StopsSectionData } from "./stops/index.ts";
import * as store from "./store.ts";
import { loadSupportSection, type SupportSectionData } from "./support/index.ts";
import { loadSurveySection, type SurveySectionData } from "./survey-rates/index.ts";
import { moveProcess } from "./transition.ts";

export interface PersonSummary {
  id: string;
  kind: "guardian" | "child";
  name: string;
  maskedIdentityNumber: string | null;
  birthDate: string;
  ageToday: number;
  unitName: string | null;
  relation: string | null;
  substanceProblem: string | null;
  attitude: string | null;
  gender: string | null;
  applied: boolean;
}

export interface InterruptionView {
  interruptedOn: string;
  reason: string;
  reasonText: string | null;
  phase: string;
  resumedOn: string | null;
}

export interface ProcessPage {
  id: string;
  requestId: string;
  version: number;
  status: ProcessStatus;
  phase: Phase;
  startedOn: string | null;
  halfwayOn: string | null;
  completedOn: string | null;
  workModel: { name: string; version: number };
  /** How the family is named (families' familyName); no persons in the minimal view. */
  family: NamedFamily;
  /** The family's contact details; null in the minimal view. */
  contact: ContactDetails | null;
  requestDate: string;
  meetingDate: string | null;
  caseType: number | null;
  household: string;
  custody: string;
  /** Empty in the minimal view. */
  persons: PersonSummary[];
  /** In the minimal view: how many children and their ages, no names. */
  childAges: number[];
  assignments: Assignment[];
  current: Partial<Record<AssignmentRole, Assignment>>;
  waits: Wait[];
  waitLimitDays: number;
  series: SeriesStep[];
  next: SeriesStep | null;
  interruptions: InterruptionView[];
  /** Consultation stops, child impact analyses and the safety scale (stops.ts). */
  stops: StopsSectionData;
  /** Further support per family member (support.ts). */
  support: SupportSectionData;
  /** Survey response rates per held meeting and meeting type, counts only (survey-rates/service.ts). */
  surveys: SurveySectionData;
  minimal: boolean;
  /** When a break-glass opening of the family ends (ISO instant); null when seen by need-to-know. */
  breakGlassUntil: string | null;
  /** Whether the reader may change the process (assigned caseworker or process leader). */
  canWork: boolean;
  canAssign: boolean;
}

function personSummary(p: store.ProcessPerson, on: IsoDate): PersonSummary {
  return {
    id: p.id,
    kind: p.kind === "child" ? "child" : "guardian",
    name: p.name,
    maskedIdentityNumber: p.identityNumber ? maskIdentityNumber(p.identityNumber) : null,
    birthDate: p.birthDate,
    ageToday: ageOn(p.birthDate, on),
    unitName: p.unitName,
    relation: p.relation,
    substanceProblem: p.substanceProblem,
    attitude: p.attitude,
    gender: p.gender,
    applied: p.applied,
  };
}

/** The first date each role was assigned (a later replacement does not reset the wait). */
function firstAssigned(assignments: Assignment[]): Partial<Record<AssignmentRole, IsoDate>> {
  const first: Partial<Record<AssignmentRole, IsoDate>> = {};
  for (const a of assignments) if (!first[a.role] || isBefore(a.assignedOn, first[a.role] as string)) first[a.role] = a.assignedOn;
  return first;
}

function waitsOf(loaded: LoadedProcess, on: IsoDate, openInterruptionOn: IsoDate | null): Wait[] {
  const p = loaded.process;
  return processWaits(
    {
      requestDate: p.requestDate,
      meetingDate: p.meetingDate,
      assigned: firstAssigned(loaded.assignments),
      firstFamilyMeetingOn: p.startedOn,
      closedOn: p.completedOn ?? openInterruptionOn,
    },
    on,
    p.waitLimitDays,
  );
}

/** The series of the process's meetings (each meeting row, as the family page reads them once). */
function seriesOf(loaded: LoadedProcess, rows: MeetingRow[]) {
  const typed = [...rows]
    .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime())
    .map((r) => ({ ...r, status: r.status as MeetingStatus }));
  return meetingSeries(loaded.content, loaded.childRefs, loaded.process.requestDate, typed);
}

/** The family page: the process with its family, assignments, waits, series and interruptions. Audited. */
export async function getProcessPage(ctx: ServiceContext, id: string): Promise<ProcessPage> {
  const auth = await authorize(ctx, "processes.view");
  const on = ctx.clock.today();
  // No transaction: the page only reads (READ COMMITTED gives no snapshot across statements
  // anyway) and its one audit row is written before it is shown (decision 0054).
  const db = ctx.db;
  const loaded = await loadProcess(db, auth, id);
  const p = loaded.process;
  // The meetings once, for the series, the stops and the survey rates (decision 0054).
  const meetingRows = await meetingsOf(db, p.id);
  const series = seriesOf(loaded, meetingRows);
  const interruptions = loaded.interruptions;
  const stops = await loadStopsSection(db, loaded, on, meetingRows);
  const support = await loadSupportSection(db, loaded);
  const surveys = await loadSurveySection(db, loaded, meetingRows);
  await auditDisplay(db, ctx, loaded, "process.view");
  return {
    id: p.id,
    requestId: p.requestId,
    version: p.version,
    status: p.status as ProcessStatus,
    phase: p.phase as Phase,
    startedOn: p.startedOn,
    halfwayOn: p.halfwayOn,
    completedOn: p.completedOn,
    workModel: { name: p.workModelName, version: p.workModelVersion },
    family: familyOf(loaded, on),
    contact: loaded.minimal
      ? null
      : {
          caseFileNumber: p.caseFileNumber,
          contactPhone: p.contactPhone,
          contactEmail: p.contactEmail,
          interpreterNeeded: p.interpreterNeeded,
          interpreterLanguage: p.interpreterLanguage,
          familyLanguage: p.familyLanguage,
          contactPersonName: loaded.guardians.find((g) => g.contactPerson)?.name ?? null,
        },
    requestDate: p.requestDate,
    meetingDate: p.meetingDate,
    caseType: p.caseType,
    household: p.household,
    custody: p.custody,
    persons: loaded.minimal ? [] : loaded.persons.map((x) => personSummary(x, on)),
    childAges: loaded.children.map((c) => ageOn(c.birthDate, on)),
    assignments: loaded.assignments,
    current: loaded.current,
    waits: waitsOf(loaded, on, interruptions.find((i) => i.resumedOn === null)?.interruptedOn ?? null),
    waitLimitDays: p.waitLimitDays,
    series: loaded.minimal ? [] : series,
    next: loaded.minimal ? null : (nextStep(series) ?? null),
    interruptions: interruptions.map((i) => ({
      interruptedOn: i.interruptedOn,
      reason: i.reason,
      reasonText: loaded.minimal ? null : i.reasonText,
      phase: i.phase,
      resumedOn: i.resumedOn,
    })),
    stops,
    support,
    surveys,
    minimal: loaded.minimal,
    breakGlassUntil: loaded.breakGlassUntil?.toISOString() ?? null,
    canWork: !loaded.minimal && canWorkOn(auth, loaded),
    canAssign: canAssignOn(auth),
  };
}

function canWorkOn(auth: Authorized, loaded: LoadedProcess): boolean {
  if (!auth.actor.roles.some((r) => r === "caseworker" || r === "process_leader")) return false;
  return auth.actor.roles.includes("process_leader") || loaded.process.assignedToMe;
}

function canAssignOn(auth: Authorized): boolean {
  return auth.actor.roles.some((r) => r === "unit_manager" || r === "process_leader");
}

/** A date field's errors: unreadable, in the future, or before `notBefore` (with `beforeKey`). */
export function dateErrors(field: string, value: string, notBefore: IsoDate, beforeKey: string, today: IsoDate): FieldErrors {
  const d = parseIsoDate(value);
  if (!d) return { [field]: "processes.date.invalid" };
  if (isBefore(today, value)) return { [field]: "processes.date.future" };
  if (isBefore(value, notBefore)) return { [field]: beforeKey };
  return {};
}

// ---------------------------------------------------------------------------------------------
// Interruption and resumption

/** The interruption's checks, in the caller's transaction: the process it may interrupt, or a refusal. */
async function interruptible(tx: DbOrTx, ctx: ServiceContext, auth: Authorized, id: string, data: z.output<typeof interruptInput>) {
  const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
  const p = loaded.process;
  if (!canInterrupt(p.status as ProcessStatus)) throw new ConflictError(`processes.interrupt.not.${p.status}`, "_form");
  const errors = dateErrors(
    "interruptedOn",
    data.interruptedOn,
    p.meetingDate ?? p.requestDate,
    "processes.interrupt.beforeStart",
    ctx.clock.today(),
  );
  if (data.reason === "other" && data.reasonText === "") errors.reasonText = "processes.interrupt.textRequired";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return loaded;
}

/**
 * What an interruption will do, checked and changing nothing: how many planned meetings it cancels.
 * The confirmation step of the page shows it before the real submit.
 */
export async function checkInterrupt(ctx: ServiceContext, id: string, input: InterruptInput): Promise<{ plannedMeetings: number }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(interruptInput, input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await interruptible(tx, ctx, auth, id, data);
    return { plannedMeetings: await store.countPlannedMeetings(tx, loaded.process.id) };
  });
}

/** Interrupts a running process with a reason; the phase it stopped in is recorded. */
export async function interrupt(ctx: ServiceContext, id: string, input: InterruptInput): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(interruptInput, input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await interruptible(tx, ctx, auth, id, data);
    const p = loaded.process;
    const bumped = await store.bumpProcess(tx, p.id, data.version);
    if (!bumped) throw new ConflictError();
    await store.insertInterruption(tx, {
      processId: p.id,
      interruptedOn: data.interruptedOn,
      reason: data.reason,
      reasonText: data.reasonText === "" ? null : data.reasonText,
      phase: p.phase,
      interruptedBy: auth.actor.id,
    });
    // Interrupted: the transition also cancels the planned meetings, which will not take place.
    await moveProcess(tx, p, loaded.stored);
    await audit(tx, ctx, {
      action: "process.interrupt",
      recordType: "process",
      recordId: p.id,
      detail: { reason: data.reason, phase: p.phase, interruptedOn: data.interruptedOn },
    });
    return { version: bumped.version };
  });
}

/** Resumes an interrupted process; the derived phase is where it stopped. */
export async function resume(ctx: ServiceContext, id: string, input: ResumeInput): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(resumeInput, input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    const p = loaded.process;
    const open = await store.openInterruption(tx, p.id);
    if (!open) throw new ConflictError("processes.resume.notInterrupted", "_form");
    const errors = dateErrors("resumedOn", data.resumedOn, open.interruptedOn, "processes.resume.beforeInterruption", ctx.clock.today());
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
    const bumped = await store.bumpProcess(tx, p.id, data.version);
    if (!bumped) throw new ConflictError();
    await store.resumeInterruption(tx, open.id, data.resumedOn, auth.actor.id);
    const move = await moveProcess(tx, p, loaded.stored);
    await audit(tx, ctx, {
      action: "process.resume",
      recordType: "process",
      recordId: p.id,
      detail: { resumedOn: data.resumedOn, phase: move.to.phase, interruptedDays: daysBetween(open.interruptedOn, data.resumedOn) },
    });
    return { version: bumped.version };
  });
}

/** Shows one person's full identity number to someone who works with the family; audited with the reason. */
export async function revealIdentityNumber(ctx: ServiceContext, id: string, personId: string, reason: string): Promise<string> {
  const auth = await authorize(ctx, "persons.reveal");
  const text = reason.trim();
  if (text.length < 3 || text.length > 300) throw new ValidationError({ reason: "processes.reveal.reasonRequired" });
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, id, { allowClosed: true });
    const person = loaded.persons.find((x) => x.id === personId);
    if (!person) throw new NotFoundError();
    if (!person.identityNumber) throw new ConflictError("processes.reveal.none", "_form");
    await audit(tx, ctx, {
      action: "person.reveal_identity_number",
      recordType: "process",
      recordId: loaded.process.id,
      subjectPersonId: person.id,
      reason: text,
    });
    return person.identityNumber;
  });
}
