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
  assignmentRoles,
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
import {
  type AssignInput,
  assignInput,
  type HandoverInput,
  handoverInput,
  type InterruptInput,
  interruptInput,
  type ResumeInput,
  resumeInput,
  type TeamInput,
  teamField,
  teamInput,
} from "./schemas.ts";
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

/** A person one can assign, with how many ongoing (not completed) families they work with now. */
export interface Candidate {
  id: string;
  name: string;
  ongoing: number;
}

export interface AssignOptions {
  roles: AssignmentRole[];
  candidates: Record<AssignmentRole, Candidate[]>;
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

/**
 * Who may be assigned to each role, with their load: a child caseworker is an active caseworker of
 * an active child unit, an adult caseworker of an active addiction unit (a unit manager: of their
 * own units), a process leader has the role. Ordered by name.
 */
function candidatesOf(users: store.AssignableUser[], auth: Authorized): AssignOptions["candidates"] {
  const mine = new Set(auth.actor.unitIds);
  const result: AssignOptions["candidates"] = { child_caseworker: [], adult_caseworker: [], process_leader: [] };
  const candidate = (u: store.AssignableUser): Candidate => ({ id: u.id, name: u.displayName, ongoing: u.ongoing });
  for (const role of ["child_caseworker", "adult_caseworker"] as const) {
    const inRightUnit = (u: store.AssignableUser) =>
      u.units.some((entry) => {
        const [kind, unitId] = entry.split(":");
        return kind === unitKindFor[role] && (auth.scope === "municipality" || mine.has(unitId ?? ""));
      });
    result[role] = users.filter((u) => u.roles.includes("caseworker") && inRightUnit(u)).map(candidate);
  }
  result.process_leader = users.filter((u) => u.roles.includes("process_leader")).map(candidate);
  return result;
}

async function candidates(tx: DbOrTx, auth: Authorized): Promise<AssignOptions["candidates"]> {
  return candidatesOf(await store.assignableUsers(tx, auth.actor.municipalityId), auth);
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

/** One change of a role on a process, and the form field its errors belong to. */
interface RoleChange {
  role: AssignmentRole;
  userId: string;
  field: string;
}

/**
 * The one way an assignment changes, for the per-role call, the team form and the handover: in
 * the caller's transaction, the role's open assignment ends on the date and the new one starts,
 * with one audit row per change (the wait from the Sofiamöte in its detail).
 */
async function writeAssignment(
  tx: DbOrTx,
  ctx: ServiceContext,
  auth: Authorized,
  p: { id: string; meetingDate: string | null; requestDate: string },
  change: { role: AssignmentRole; userId: string; replaced: string | null },
  assignedOn: IsoDate,
  detail: Record<string, unknown> = {},
): Promise<void> {
  await store.endAssignment(tx, p.id, change.role, assignedOn);
  await store.insertAssignment(tx, { processId: p.id, role: change.role, userId: change.userId, assignedOn, assignedBy: auth.actor.id });
  await audit(tx, ctx, {
    action: "process.assign",
    recordType: "process",
    recordId: p.id,
    subjectUserId: change.userId,
    detail: {
      role: change.role,
      assignedOn,
      replaced: change.replaced,
      waitDays: daysBetween(p.meetingDate ?? p.requestDate, assignedOn),
      ...detail,
    },
  });
}

/** Checks the changes against the candidates and the dates, then writes them with one version bump. */
async function applyChanges(
  tx: DbOrTx,
  ctx: ServiceContext,
  auth: Authorized,
  loaded: LoadedProcess,
  version: number,
  assignedOn: string,
  changes: RoleChange[],
  extra: FieldErrors = {},
): Promise<{ version: number }> {
  const p = loaded.process;
  if (p.status !== "active") throw new ConflictError(`processes.closed.${p.status}`, "_form");
  const errors: FieldErrors = { ...extra };
  const allowed = await candidates(tx, auth);
  for (const c of changes) {
    if (!assignableRoles(auth).includes(c.role)) errors[c.field] ??= "processes.assign.roleNotYours";
    else if (!allowed[c.role].some((x) => x.id === c.userId)) errors[c.field] ??= `processes.assign.notCandidate.${c.role}`;
    else if (loaded.current[c.role]?.userId === c.userId) errors[c.field] ??= "processes.assign.already";
  }
  Object.assign(
    errors,
    dateErrors("assignedOn", assignedOn, p.meetingDate ?? p.requestDate, "processes.assign.beforeMeeting", ctx.clock.today()),
  );
  if (!errors.assignedOn) {
    for (const c of changes) {
      const previous = loaded.current[c.role];
      if (previous && isBefore(assignedOn, previous.assignedOn)) errors.assignedOn = "processes.assign.beforePrevious";
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const bumped = await store.bumpProcess(tx, p.id, version);
  if (!bumped) throw new ConflictError();
  for (const c of changes) {
    await writeAssignment(
      tx,
      ctx,
      auth,
      p,
      { role: c.role, userId: c.userId, replaced: loaded.current[c.role]?.userId ?? null },
      assignedOn,
    );
  }
  return { version: bumped.version };
}

/**
 * Assigns one role (the API's first way, kept for its clients). A unit manager assigns caseworkers
 * of their own units (a child unit's caseworker as child caseworker, an addiction unit's as adult
 * caseworker); the process leader assigns anyone of the right kind. A new assignment to a role ends the old one.
 */
export async function assign(ctx: ServiceContext, id: string, input: AssignInput): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.assign");
  const data = parseOrThrow(assignInput, input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    const field = assignableRoles(auth).includes(data.role) ? "userId" : "role";
    return applyChanges(tx, ctx, auth, loaded, data.version, data.assignedOn, [{ role: data.role, userId: data.userId, field }]);
  });
}

/**
 * Assigns the whole team in one step (decision 0038): each role given a person other than the
 * current one changes, all in one transaction with one version bump and one audit row per change.
 * At least one role must change.
 */
export async function assignTeam(ctx: ServiceContext, id: string, input: TeamInput): Promise<{ version: number; changed: number }> {
  const auth = await authorize(ctx, "processes.assign");
  const data = parseOrThrow(teamInput, input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, id);
    const changes: RoleChange[] = [];
    for (const role of assignmentRoles) {
      const userId = data[teamField[role]];
      if (userId && userId !== loaded.current[role]?.userId) changes.push({ role, userId, field: teamField[role] });
    }
    const extra: FieldErrors =
      changes.length === 0 ? { [teamField[assignableRoles(auth)[0] ?? "child_caseworker"]]: "processes.team.nothing" } : {};
    const result = await applyChanges(tx, ctx, auth, loaded, data.version, data.assignedOn, changes, extra);
    return { ...result, changed: changes.length };
  });
}

// ---------------------------------------------------------------------------------------------
// Handover: every ongoing family of one person to colleagues

export interface HandoverFamily {
  processId: string;
  version: number;
  role: AssignmentRole;
  status: ProcessStatus;
  phase: Phase;
  requestDate: string;
  meetingDate: string | null;
  caseType: number | null;
  assignedOn: string;
}

export interface HandoverPreview {
  /** The people whose families the reader may hand over: with ongoing families, in roles the reader assigns. */
  people: Candidate[];
  from: Candidate | null;
  families: HandoverFamily[];
  roles: AssignmentRole[];
  candidates: AssignOptions["candidates"];
}

/** The people whose families the reader may hand over: anyone they could assign to a role they assign, with families. */
function handoverPeople(auth: Authorized, all: AssignOptions["candidates"]): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const role of assignableRoles(auth)) for (const c of all[role]) if (c.ongoing > 0) byId.set(c.id, c);
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name, "sv"));
}

const isAssignmentRole = (role: string): role is AssignmentRole => (assignmentRoles as readonly string[]).includes(role);

/**
 * The handover page's preview: the person's ongoing families (the role in each, no family member
 * named) in the roles the reader assigns, and the colleagues who may take over each role. Each
 * family shown is audited.
 */
export async function handoverPreview(ctx: ServiceContext, fromUserId: string | null): Promise<HandoverPreview> {
  const auth = await authorize(ctx, "processes.assign");
  return ctx.db.transaction(async (tx) => {
    const all = await candidates(tx, auth);
    const people = handoverPeople(auth, all);
    const from = people.find((p) => p.id === fromUserId) ?? null;
    const roles = assignableRoles(auth);
    const families = from ? await handoverFamilies(tx, auth, from.id) : [];
    await audits(
      tx,
      ctx,
      families.map((f) => ({
        action: "process.handover_preview",
        recordType: "process",
        recordId: f.processId,
        subjectUserId: from?.id ?? null,
        detail: { role: f.role },
      })),
    );
    return { people, from, families, roles, candidates: all };
  });
}

async function handoverFamilies(tx: DbOrTx, auth: Authorized, fromUserId: string): Promise<HandoverFamily[]> {
  const roles = assignableRoles(auth);
  const rows = await store.openAssignmentsOf(tx, auth.actor.municipalityId, fromUserId);
  return rows.flatMap((r) =>
    isAssignmentRole(r.role) && roles.includes(r.role)
      ? [
          {
            processId: r.processId,
            version: r.version,
            role: r.role,
            status: r.status as ProcessStatus,
            phase: r.phase as Phase,
            requestDate: r.requestDate,
            meetingDate: r.meetingDate,
            caseType: r.caseType,
            assignedOn: r.assignedOn,
          },
        ]
      : [],
  );
}

/** What a handover will do, checked; the confirmation page shows it and the handover writes it. */
export interface HandoverPlan {
  from: Candidate;
  moves: Array<{ family: HandoverFamily; to: Candidate }>;
  /** Families of the preview that stay with the person (no colleague chosen). */
  staying: number;
}

async function planHandover(
  tx: DbOrTx,
  ctx: ServiceContext,
  auth: Authorized,
  data: z.output<typeof handoverInput>,
): Promise<HandoverPlan> {
  const all = await candidates(tx, auth);
  const from = handoverPeople(auth, all).find((p) => p.id === data.fromUserId);
  if (!from) throw new ValidationError({ fromUserId: "processes.handover.fromNotYours" });
  const errors: FieldErrors = dateErrors("assignedOn", data.assignedOn, "0001-01-01", "processes.date.invalid", ctx.clock.today());
  const current = await handoverFamilies(tx, auth, from.id);
  const moves: HandoverPlan["moves"] = [];
  let staying = 0;
  data.families.forEach((item, i) => {
    const field = item.toUserId ? `families.${i}.toUserId` : `all.${item.role}`;
    const target = item.toUserId ?? data.all[item.role];
    if (!target) {
      staying += 1;
      return;
    }
    const to = all[item.role].find((c) => c.id === target);
    if (!assignableRoles(auth).includes(item.role)) errors[field] ??= "processes.assign.roleNotYours";
    else if (target === from.id) errors[field] ??= "processes.handover.same";
    else if (!to) errors[field] ??= `processes.handover.notCandidate.${item.role}`;
    const family = current.find((f) => f.processId === item.processId && f.role === item.role);
    // The family is no longer the person's, or changed since the preview: nothing changes.
    if (!family || family.version !== item.version) throw new ConflictError("processes.handover.stale");
    if (to) moves.push({ family, to });
  });
  if (moves.length === 0 && Object.keys(errors).length === 0) errors["families.0.toUserId"] = "processes.handover.nothing";
  if (!errors.assignedOn && moves.some((m) => isBefore(data.assignedOn, m.family.assignedOn)))
    errors.assignedOn = "processes.handover.beforePrevious";
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { from, moves, staying };
}

/** Checks a handover without changing anything: what the confirmation page says will happen. */
export async function checkHandover(ctx: ServiceContext, input: HandoverInput): Promise<HandoverPlan> {
  const auth = await authorize(ctx, "processes.assign");
  const data = parseOrThrow(handoverInput, input);
  return ctx.db.transaction((tx) => planHandover(tx, ctx, auth, data));
}

/**
 * Hands a person's ongoing families over to colleagues (decision 0038): all in one transaction,
 * each family's process version as the preview showed it (a family changed meanwhile: nothing
 * changes), each colleague of the right role and unit, one audit row per family and role.
 */
export async function handover(ctx: ServiceContext, input: HandoverInput): Promise<{ moved: number }> {
  const auth = await authorize(ctx, "processes.assign");
  const data = parseOrThrow(handoverInput, input);
  return ctx.db.transaction(async (tx) => {
    const plan = await planHandover(tx, ctx, auth, data);
    const bumped = new Set<string>();
    for (const { family, to } of plan.moves) {
      if (!bumped.has(family.processId)) {
        if (!(await store.bumpProcess(tx, family.processId, family.version))) throw new ConflictError("processes.handover.stale");
        bumped.add(family.processId);
      }
      // Locked: a concurrent change of the same role waits for this transaction and then finds its version stale.
      const open = await store.openAssignment(tx, family.processId, family.role);
      if (open?.userId !== plan.from.id) throw new ConflictError("processes.handover.stale");
      const p = { id: family.processId, meetingDate: family.meetingDate, requestDate: family.requestDate };
      await writeAssignment(tx, ctx, auth, p, { role: family.role, userId: to.id, replaced: plan.from.id }, data.assignedOn, {
        handover: true,
      });
    }
    return { moved: plan.moves.length };
  });
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
