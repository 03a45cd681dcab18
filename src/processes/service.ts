/**
 * Use cases of a process: show it (the family page), assign the caseworkers and the process leader,
 * interrupt and resume. Meetings, stops and further support have services of their own that open
 * the process through access.ts in the same way.
 */

import { eq } from "drizzle-orm";
import { z } from "zod";
import { meetings } from "../db/schema/index.ts";
import {
  ageOn,
  type ContactDetails,
  loadFamilyNames,
  maskIdentityNumber,
  type NamedFamily,
  parseCaseFileNumber,
} from "../families/index.ts";
import { audit, audits } from "../platform/audit.ts";
import { type Authorized, authorize, type ServiceContext } from "../platform/context.ts";
import type { DbOrTx } from "../platform/database.ts";
import { daysBetween, type IsoDate, isBefore, parseIsoDate } from "../platform/dates.ts";
import { ConflictError, type FieldErrors, NotFoundError, parseOrThrow, ValidationError } from "../platform/errors.ts";
import { type Assignment, auditDisplay, familyOf, type LoadedProcess, loadForWork, loadProcess, visibilityFor } from "./access.ts";
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
import { type AssignInput, assignInput, type InterruptInput, interruptInput, type ResumeInput, resumeInput } from "./schemas.ts";
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
  /** Whether the reader may change the process (assigned caseworker or process leader). */
  canWork: boolean;
  canAssign: boolean;
}

export interface AssignOptions {
  roles: AssignmentRole[];
  candidates: Record<AssignmentRole, Array<{ id: string; name: string }>>;
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

async function seriesOf(tx: DbOrTx, loaded: LoadedProcess) {
  const rows = await tx
    .select({
      id: meetings.id,
      meetingTypeKey: meetings.meetingTypeKey,
      childId: meetings.childId,
      status: meetings.status,
      plannedDate: meetings.plannedDate,
      heldOn: meetings.heldOn,
    })
    .from(meetings)
    .where(eq(meetings.processId, loaded.process.id))
    .orderBy(meetings.createdAt);
  const typed = rows.map((r) => ({ ...r, status: r.status as MeetingStatus }));
  return meetingSeries(loaded.content, loaded.childRefs, loaded.process.requestDate, typed);
}

/** The family page: the process with its family, assignments, waits, series and interruptions. Audited. */
export async function getProcessPage(ctx: ServiceContext, id: string): Promise<ProcessPage> {
  const auth = await authorize(ctx, "processes.view");
  const on = ctx.clock.today();
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    const p = loaded.process;
    const series = await seriesOf(tx, loaded);
    const interruptions = await store.interruptionsOf(tx, p.id);
    const stops = await loadStopsSection(tx, loaded, on);
    const support = await loadSupportSection(tx, loaded);
    const surveys = await loadSurveySection(tx, loaded);
    await auditDisplay(tx, ctx, loaded, "process.view");
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
      canWork: !loaded.minimal && canWorkOn(auth, loaded),
      canAssign: canAssignOn(auth),
    };
  });
}

function canWorkOn(auth: Authorized, loaded: LoadedProcess): boolean {
  if (!auth.actor.roles.some((r) => r === "caseworker" || r === "process_leader")) return false;
  return auth.actor.roles.includes("process_leader") || loaded.process.assignedToMe;
}

function canAssignOn(auth: Authorized): boolean {
  return auth.actor.roles.some((r) => r === "unit_manager" || r === "process_leader");
}

// ---------------------------------------------------------------------------------------------
// Assignment

/** Which roles the actor may assign: unit managers the caseworkers of their units, process leaders all three. */
function assignableRoles(auth: Authorized): AssignmentRole[] {
  if (auth.scope === "municipality") return ["child_caseworker", "adult_caseworker", "process_leader"];
  return ["child_caseworker", "adult_caseworker"];
}

const unitKindFor: Record<AssignmentRole, string | null> = {
  child_caseworker: "child_youth",
  adult_caseworker: "addiction_adult",
  process_leader: null,
};

async function candidates(tx: DbOrTx, auth: Authorized): Promise<AssignOptions["candidates"]> {
  const users = await store.assignableUsers(tx, auth.actor.municipalityId);
  const mine = new Set(auth.actor.unitIds);
  const result: AssignOptions["candidates"] = { child_caseworker: [], adult_caseworker: [], process_leader: [] };
  for (const role of ["child_caseworker", "adult_caseworker"] as const) {
    const kind = unitKindFor[role];
    // A unit manager assigns from their own units; the process leader from every unit of the right kind.
    result[role] = users
      .filter((u) => u.roles.includes("caseworker") && u.unitKinds.includes(kind as string))
      .filter((u) => auth.scope === "municipality" || u.unitIds.some((unitId) => mine.has(unitId)))
      .map((u) => ({ id: u.id, name: u.displayName }));
  }
  result.process_leader = users.filter((u) => u.roles.includes("process_leader")).map((u) => ({ id: u.id, name: u.displayName }));
  return result;
}

export async function assignOptions(ctx: ServiceContext, id: string): Promise<AssignOptions & { page: ProcessPage }> {
  const auth = await authorize(ctx, "processes.assign");
  const page = await getProcessPage(ctx, id);
  const roles = assignableRoles(auth);
  return { roles, candidates: await candidates(ctx.db, auth), page };
}

function dateErrors(field: string, value: string, notBefore: IsoDate, beforeKey: string, today: IsoDate): FieldErrors {
  const d = parseIsoDate(value);
  if (!d) return { [field]: "processes.date.invalid" };
  if (isBefore(today, value)) return { [field]: "processes.date.future" };
  if (isBefore(value, notBefore)) return { [field]: beforeKey };
  return {};
}

/**
 * Assigns a caseworker or the process leader. A unit manager assigns caseworkers of their own units
 * (a child unit's caseworker as child caseworker, an addiction unit's as adult caseworker); the
 * process leader assigns anyone of the right kind. A new assignment to a role ends the old one.
 */
export async function assign(ctx: ServiceContext, id: string, input: AssignInput): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.assign");
  const data = parseOrThrow(assignInput, input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    const p = loaded.process;
    if (p.status !== "active") throw new ConflictError(`processes.closed.${p.status}`, "_form");
    const errors: FieldErrors = {};
    if (!assignableRoles(auth).includes(data.role)) errors.role = "processes.assign.roleNotYours";
    const allowed = (await candidates(tx, auth))[data.role];
    if (!errors.role && !allowed.some((c) => c.id === data.userId)) errors.userId = `processes.assign.notCandidate.${data.role}`;
    Object.assign(
      errors,
      dateErrors("assignedOn", data.assignedOn, p.meetingDate ?? p.requestDate, "processes.assign.beforeMeeting", ctx.clock.today()),
    );
    const previous = loaded.current[data.role];
    if (previous?.userId === data.userId) errors.userId = "processes.assign.already";
    if (!errors.assignedOn && previous && isBefore(data.assignedOn, previous.assignedOn))
      errors.assignedOn = "processes.assign.beforePrevious";
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);

    const bumped = await store.bumpProcess(tx, p.id, data.version);
    if (!bumped) throw new ConflictError();
    await store.endAssignment(tx, p.id, data.role, data.assignedOn);
    await store.insertAssignment(tx, {
      processId: p.id,
      role: data.role,
      userId: data.userId,
      assignedOn: data.assignedOn,
      assignedBy: auth.actor.id,
    });
    await audit(tx, ctx, {
      action: "process.assign",
      recordType: "process",
      recordId: p.id,
      subjectUserId: data.userId,
      detail: {
        role: data.role,
        assignedOn: data.assignedOn,
        replaced: previous?.userId ?? null,
        waitDays: daysBetween(p.meetingDate ?? p.requestDate, data.assignedOn),
      },
    });
    return { version: bumped.version };
  });
}

// ---------------------------------------------------------------------------------------------
// Interruption and resumption

/** Interrupts a running process with a reason; the phase it stopped in is recorded. */
export async function interrupt(ctx: ServiceContext, id: string, input: InterruptInput): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(interruptInput, input);
  return ctx.db.transaction(async (tx) => {
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
    await moveProcess(tx, p, loaded.content);
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
    const move = await moveProcess(tx, p, loaded.content);
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

// ---------------------------------------------------------------------------------------------
// The list of processes

export interface ProcessListItem {
  id: string;
  status: ProcessStatus;
  phase: Phase;
  requestDate: string;
  caseType: number | null;
  childCaseworker: string | null;
  adultCaseworker: string | null;
  /** The longest wait of the process (an ongoing one counts to today), and whether it is over the limit. */
  longestWait: Wait | null;
  /** How the family is named (families' familyName): no persons in the minimal view; absent when names were not asked for (the API). */
  family?: NamedFamily;
}

export const listSorts = ["date", "name", "caseworker", "phase", "wait"] as const;
export type ListSort = (typeof listSorts)[number];

export interface ListFilter {
  status?: ProcessStatus | null;
  phase?: Phase | null;
  /** Only processes this user is assigned to. */
  caseworkerId?: string | null;
  /** Only processes with a family member open at this unit. */
  unitId?: string | null;
  /** Only processes with a wait over the municipality's limit. */
  overLimit?: boolean;
  sort?: ListSort;
  descending?: boolean;
  page?: number;
}

export interface ProcessList {
  items: ProcessListItem[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ListChoices {
  staff: Array<{ id: string; name: string }>;
  units: Array<{ id: string; name: string }>;
}

export const PAGE_SIZE = 50;

const phaseOrder: Record<string, number> = { not_started: 0, started: 1, halfway: 2, completed: 3 };

/**
 * The processes one may see, filtered (status, phase, caseworker, unit, waits over the limit),
 * sorted (request date, family name, caseworker, phase, longest wait) and a page at a time. With
 * `names`, each item carries its family's name and every person the names show is audited; the
 * minimal view (a unit manager's process they are not assigned to) names no one.
 */
export async function listProcesses(ctx: ServiceContext, filter: ListFilter, opts: { names?: boolean } = {}): Promise<ProcessList> {
  const auth = await authorize(ctx, "processes.view");
  const page = Math.max(1, Math.min(10_000, Math.trunc(filter.page ?? 1)));
  const on = ctx.clock.today();
  const uuid = (v: string | null | undefined) => (v && z.uuid().safeParse(v).success ? v : null);
  return ctx.db.transaction(async (tx) => {
    const rows = await store.listProcesses(tx, auth.actor.municipalityId, visibilityFor(auth), {
      status: filter.status ?? null,
      phase: filter.phase ?? null,
      caseworkerId: uuid(filter.caseworkerId),
      unitId: uuid(filter.unitId),
    });
    let all = rows.map((r) => {
      const assigned: Partial<Record<AssignmentRole, IsoDate>> = {};
      if (r.childCaseworkerOn) assigned.child_caseworker = r.childCaseworkerOn;
      if (r.adultCaseworkerOn) assigned.adult_caseworker = r.adultCaseworkerOn;
      if (r.processLeaderOn) assigned.process_leader = r.processLeaderOn;
      const waits = processWaits(
        { requestDate: r.requestDate, meetingDate: r.meetingDate, assigned, firstFamilyMeetingOn: r.startedOn },
        on,
        r.waitLimitDays,
      );
      // Only waits that still matter: a finished process waits for nothing.
      const relevant = r.status === "active" ? waits : waits.filter((w) => !w.ongoing);
      const longestWait = relevant.reduce<Wait | null>((a, w) => (a === null || w.days > a.days ? w : a), null);
      const item: ProcessListItem = {
        id: r.id,
        status: r.status as ProcessStatus,
        phase: r.phase as Phase,
        requestDate: r.requestDate,
        caseType: r.caseType,
        childCaseworker: r.childCaseworker,
        adultCaseworker: r.adultCaseworker,
        longestWait,
      };
      return { item, row: r, minimal: auth.scope === "unit" && !r.assignedToMe };
    });
    if (filter.overLimit) all = all.filter((x) => x.item.longestWait?.overLimit);
    const sort = filter.sort ?? "date";
    const text = (v: string | null) => v ?? "\uffff";
    const compare: Record<ListSort, (a: (typeof all)[number], b: (typeof all)[number]) => number> = {
      date: (a, b) => a.item.requestDate.localeCompare(b.item.requestDate),
      name: (a, b) => text(a.row.sortName).localeCompare(text(b.row.sortName), "sv"),
      caseworker: (a, b) =>
        text(a.item.childCaseworker ?? a.item.adultCaseworker).localeCompare(text(b.item.childCaseworker ?? b.item.adultCaseworker), "sv"),
      phase: (a, b) => (phaseOrder[a.item.phase] ?? 0) - (phaseOrder[b.item.phase] ?? 0),
      wait: (a, b) => (a.item.longestWait?.days ?? -1) - (b.item.longestWait?.days ?? -1),
    };
    // The default (newest request first) is the date descending; ties keep the store's order.
    const descending = filter.descending ?? sort === "date";
    all.sort((a, b) => (descending ? -1 : 1) * compare[sort](a, b));
    const slice = all.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);
    if (opts.names) {
      const minimalRequests = new Set(slice.filter((x) => x.minimal).map((x) => x.row.requestId));
      const names = await loadFamilyNames(
        tx,
        slice.map((x) => x.row.requestId),
        on,
        (requestId) => minimalRequests.has(requestId),
      );
      for (const x of slice) x.item.family = names.get(x.row.requestId)?.family;
      // Each person a name shows is a disclosure of that person: one row per person, as the family page writes.
      await audits(
        tx,
        ctx,
        slice.flatMap((x) =>
          (names.get(x.row.requestId)?.personIds ?? []).map((personId) => ({
            action: "process.list" as const,
            recordType: "process",
            recordId: x.item.id,
            subjectPersonId: personId,
          })),
        ),
      );
    }
    return { items: slice.map((x) => x.item), total: all.length, page, pageSize: PAGE_SIZE };
  });
}

/** The choices of the list's filter. */
export async function listChoices(ctx: ServiceContext): Promise<ListChoices> {
  const auth = await authorize(ctx, "processes.view");
  return store.listChoices(ctx.db, auth.actor.municipalityId);
}

// ---------------------------------------------------------------------------------------------
// Search

export interface SearchHit {
  personId: string;
  kind: "guardian" | "child";
  name: string;
  maskedIdentityNumber: string | null;
  birthDate: string;
  requestId: string;
  requestDate: string;
  processId: string | null;
  status: ProcessStatus | null;
  phase: Phase | null;
}

export const SEARCH_LIMIT = 50;

/**
 * What a search text means: an identity number or birth date (8, 10 or 12 digits, which may also be
 * a case-file number of digits), a case-file number of the journal system (families' accepted
 * forms, e.g. 2026-123 or SN 2026/123), or a part of a name (2+ letters).
 */
export function searchKey(query: string): store.SearchKey | null {
  const text = query.trim();
  const digits = text.replace(/[\s-]/g, "");
  const caseFile = parseCaseFileNumber(text);
  const caseFileNumber = caseFile.ok ? caseFile.value : null;
  if (/^\d+$/.test(digits) && [8, 10, 12].includes(digits.length)) return { kind: "identity", digits, caseFileNumber };
  // A case-file number of digits only is searched from four digits on (fewer match too much by chance).
  if (caseFileNumber !== null && (/^\d{4,}$/.test(caseFileNumber) || /\D/.test(caseFileNumber)))
    return { kind: "caseFile", caseFileNumber };
  if (/^\d+$/.test(digits)) return null;
  return text.length >= 2 && text.length <= 100 ? { kind: "name", text } : null;
}

/**
 * Finds family members by name or identity number among the families one works with (process
 * leaders: the municipality). The search text is never logged; each person found is audited.
 */
export async function searchFamilies(ctx: ServiceContext, query: string): Promise<SearchHit[]> {
  const auth = await authorize(ctx, "persons.search");
  const key = searchKey(query);
  if (!key) throw new ValidationError({ q: "processes.search.invalid" });
  const visibility: store.Visibility = auth.scope === "municipality" ? { all: true } : { all: false, userId: auth.actor.id, unitIds: [] };
  return ctx.db.transaction(async (tx) => {
    const rows = await store.searchPersons(tx, auth.actor.municipalityId, visibility, key, SEARCH_LIMIT);
    await audits(
      tx,
      ctx,
      rows.map((r) => ({
        action: "person.search_result",
        recordType: "request",
        recordId: r.requestId,
        subjectPersonId: r.personId,
        detail: { by: key.kind },
      })),
    );
    return rows.map((r) => ({
      personId: r.personId,
      kind: r.kind === "child" ? "child" : "guardian",
      name: r.name,
      maskedIdentityNumber: r.identityNumber ? maskIdentityNumber(r.identityNumber) : null,
      birthDate: r.birthDate,
      requestId: r.requestId,
      requestDate: r.requestDate,
      processId: r.processId,
      status: r.status as ProcessStatus | null,
      phase: r.phase as Phase | null,
    }));
  });
}
