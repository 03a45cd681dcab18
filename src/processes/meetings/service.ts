/**
 * Use cases of a process's meetings: plan, show, record the guardians' consent to a child meeting,
 * hold (attendance, checklist, summary, the child's voice, the safety plan, a parent's application
 * at the addiction unit), cancel, edit, and the calendar invitation. Each opens the process through
 * access.ts in its own transaction, audits, and keeps the derived phase in step.
 */

import { z } from "zod";
import { type CaseTypeChange, type CaseTypeResult, caseTypeChange, type IsoDate, type NamedFamily } from "../../families/index.ts";
import { type AuditAction, type AuditEntry, audit, audits } from "../../platform/audit.ts";
import { type Authorized, authorize, type ServiceContext } from "../../platform/context.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { ConflictError, type FieldErrors, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import { scopeFor } from "../../platform/permissions.ts";
import type { MeetingType } from "../../workmodels/index.ts";
import { auditDisplay, familyOf, type LoadedProcess, loadForWork, loadProcess } from "../access.ts";
import { queueCancelled, queueEdited, queuePlanned } from "../invitations.ts";
import { type AssignmentRole, childrenFor, type MeetingStatus, type Phase, type ProcessStatus } from "../model.ts";
import { meetingRate } from "../survey-rates/index.ts";
import { moveProcess } from "../transition.ts";
import {
  type CancelInput,
  type ConsentInput,
  cancelInput,
  caseTypeOfPersons,
  consentInput,
  dateError,
  type EditInput,
  editInput,
  type HoldInput,
  holdInput,
  icsCalendar,
  type ParsedPlan,
  type PlanInput,
  planInput,
  recordErrors,
  storedRecord,
} from "./model.ts";
import * as store from "./store.ts";

export interface PersonOption {
  id: string;
  name: string;
  kind: "guardian" | "child";
}

export interface StaffOption {
  userId: string;
  name: string;
  roles: AssignmentRole[];
}

export interface PlanOptions {
  processId: string;
  /** How the family is named on the page (families' familyName). */
  named: NamedFamily;
  type: MeetingType;
  child: { id: string; name: string } | null;
  family: PersonOption[];
  staff: StaffOption[];
  /** Who is ticked at first: the family members the type is for, the staff whose role takes part. */
  defaults: { invitedPersonIds: string[]; invitedUserIds: string[] };
  /** The Sofiamöte's date (or the request's): no meeting of the series before it. */
  earliest: string;
}

export interface Participant {
  personId: string | null;
  userId: string | null;
  name: string;
  /** guardian / child for family members; the assignment roles for staff. */
  kind: "guardian" | "child" | "staff";
  roles: AssignmentRole[];
  invited: boolean;
  attended: boolean | null;
}

export interface MeetingDetail {
  processId: string;
  /** How the family is named on the page (families' familyName). */
  named: NamedFamily;
  processStatus: string;
  id: string;
  type: MeetingType;
  child: { id: string; name: string } | null;
  status: MeetingStatus;
  plannedDate: string | null;
  plannedTime: string | null;
  durationMinutes: number;
  place: string | null;
  heldOn: string | null;
  outcomeReason: string | null;
  outcomeText: string | null;
  checklistDone: number[];
  summary: Record<string, string> | null;
  consent: "given" | "refused" | null;
  consentBy: Array<{ id: string; name: string }>;
  consentOn: string | null;
  childTold: string | null;
  childViews: "yes" | "partly" | "no" | null;
  safetyPlan: Record<string, string | boolean> | null;
  version: number;
  participants: Participant[];
  guardians: Array<{ id: string; name: string; applied: boolean }>;
  staff: StaffOption[];
  /** The family members the plan may invite (the edit form offers them). */
  familyOptions: PersonOption[];
  leader: { userId: string; name: string } | null;
  earliest: string;
  caseType: CaseTypeResult;
  /** The reader may change the meeting (processes.work and an active process; a completed one for its records). */
  canWork: boolean;
  /** A held meeting that a survey follows: attended family members and responses (counts only). */
  surveyRate: { attended: number; responses: number } | null;
}

export interface MeetingSummary {
  id: string;
  meetingTypeKey: string;
  meetingTypeName: string;
  childId: string | null;
  status: MeetingStatus;
  plannedDate: string | null;
  plannedTime: string | null;
  durationMinutes: number;
  place: string | null;
  heldOn: string | null;
  version: number;
}

export interface HoldResult {
  version: number;
  phase: Phase;
  processStatus: ProcessStatus;
  caseTypeChange: CaseTypeChange | null;
}

const throwIf = (errors: FieldErrors) => {
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
};

const earliestOf = (loaded: LoadedProcess) => loaded.process.meetingDate ?? loaded.process.requestDate;

function staffOf(loaded: LoadedProcess): StaffOption[] {
  const byUser = new Map<string, StaffOption>();
  for (const a of Object.values(loaded.current)) {
    if (!a) continue;
    const known = byUser.get(a.userId);
    if (known) known.roles.push(a.role);
    else byUser.set(a.userId, { userId: a.userId, name: a.userName, roles: [a.role] });
  }
  return [...byUser.values()];
}

/** The family members a meeting of this type is for: the child alone, the whole family, or no one (staff only). */
function familyFor(loaded: LoadedProcess, type: MeetingType, childId: string | null): PersonOption[] {
  const asOption = (p: LoadedProcess["persons"][number]): PersonOption => ({
    id: p.id,
    name: p.name,
    kind: p.kind as "guardian" | "child",
  });
  if (type.scope === "child") return loaded.children.filter((c) => c.id === childId).map(asOption);
  if (!type.participants.includes("family")) return [];
  return [...loaded.guardians, ...loaded.children].map(asOption);
}

function typeOf(loaded: LoadedProcess, key: string): MeetingType {
  const type = loaded.content.meetingTypes.find((m) => m.key === key);
  if (!type) throw new NotFoundError();
  return type;
}

/** The meeting type and child of a new meeting; an unknown type or child, or a child too young, is a field error. */
function resolveStep(
  loaded: LoadedProcess,
  key: string,
  childId: string | null,
): { type: MeetingType; child: { id: string; name: string } | null } {
  const type = loaded.content.meetingTypes.find((m) => m.key === key);
  if (!type) throw new ValidationError({ meetingTypeKey: "meetings.plan.unknownType" });
  if (type.scope === "family") {
    if (childId !== null) throw new ValidationError({ childId: "meetings.plan.childNotExpected" });
    return { type, child: null };
  }
  if (childId === null) throw new ValidationError({ childId: "meetings.plan.childRequired" });
  const child = loaded.children.find((c) => c.id === childId);
  if (!child) throw new ValidationError({ childId: "meetings.plan.unknownChild" });
  if (!childrenFor(type, loaded.childRefs, loaded.process.requestDate).some((c) => c.id === childId)) {
    throw new ValidationError({ childId: "meetings.plan.childTooYoung" });
  }
  return { type, child: { id: child.id, name: child.name } };
}

function optionsFor(loaded: LoadedProcess, type: MeetingType, child: { id: string; name: string } | null, on: IsoDate): PlanOptions {
  const family = familyFor(loaded, type, child?.id ?? null);
  const staff = staffOf(loaded);
  return {
    processId: loaded.process.id,
    named: familyOf(loaded, on),
    type,
    child,
    family,
    staff,
    defaults: {
      invitedPersonIds: family.map((p) => p.id),
      invitedUserIds: staff.filter((s) => s.roles.some((r) => type.participants.includes(r))).map((s) => s.userId),
    },
    earliest: earliestOf(loaded),
  };
}

/** The checks of a plan against the process: the date, and that only the family and staff of this meeting are invited. */
function planErrors(plan: ParsedPlan, options: PlanOptions, prefix = ""): FieldErrors {
  const errors: FieldErrors = {};
  const date = dateError(plan.plannedDate, { earliest: options.earliest });
  if (date) errors[`${prefix}plannedDate`] = date;
  if (plan.invitedPersonIds.some((id) => !options.family.some((p) => p.id === id)))
    errors[`${prefix}invitedPersonIds`] = "meetings.plan.unknownPerson";
  if (plan.invitedUserIds.some((id) => !options.staff.some((s) => s.userId === id)))
    errors[`${prefix}invitedUserIds`] = "meetings.plan.unknownStaff";
  if (plan.invitedPersonIds.length + plan.invitedUserIds.length === 0) errors[`${prefix}invitedUserIds`] = "meetings.plan.nobodyInvited";
  return errors;
}

const invitations = (plan: ParsedPlan) => [
  ...[...new Set(plan.invitedPersonIds)].map((personId) => ({ personId })),
  ...[...new Set(plan.invitedUserIds)].map((userId) => ({ userId })),
];

/** Audit rows about a meeting: one per family member it concerns, or one without a subject (a staff-only meeting). */
function meetingEntries(action: AuditAction, meetingId: string, personIds: string[], detail: Record<string, unknown>): AuditEntry[] {
  const base: AuditEntry = { action, recordType: "meeting", recordId: meetingId, detail };
  return personIds.length === 0 ? [base] : [...new Set(personIds)].map((subjectPersonId) => ({ ...base, subjectPersonId }));
}

const familyIdsOf = (participants: store.ParticipantRow[]) => participants.flatMap((p) => (p.personId ? [p.personId] : []));
const staffIdsOf = (participants: store.ParticipantRow[]) => participants.flatMap((p) => (p.userId && p.invited ? [p.userId] : []));

// ---------------------------------------------------------------------------------------------
// Plan

/** What the plan form offers for a meeting type (and child); shows the family's names, so it is audited. */
export async function planOptions(ctx: ServiceContext, processId: string, typeKey: string, childId: string | null): Promise<PlanOptions> {
  const auth = await authorize(ctx, "processes.work");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, processId);
    const { type, child } = resolveStep(loaded, typeKey, childId);
    await auditDisplay(tx, ctx, loaded, "meeting.plan_form", { meetingTypeKey: type.key });
    return optionsFor(loaded, type, child, ctx.clock.today());
  });
}

export async function planMeeting(ctx: ServiceContext, processId: string, input: PlanInput): Promise<{ id: string; version: number }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(planInput, input);
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadForWork(tx, auth, processId);
    const { type, child } = resolveStep(loaded, data.meetingTypeKey, data.childId);
    throwIf(planErrors(data, optionsFor(loaded, type, child, ctx.clock.today())));
    const same = (await store.meetingsOf(tx, processId)).filter((m) => m.meetingTypeKey === type.key && m.childId === (child?.id ?? null));
    if (same.some((m) => m.status === "held")) throw new ConflictError("meetings.plan.alreadyHeld", "meetingTypeKey");
    if (same.some((m) => m.status === "planned")) throw new ConflictError("meetings.plan.alreadyPlanned", "meetingTypeKey");
    const created = await store.insertMeeting(tx, {
      processId,
      meetingTypeKey: type.key,
      childId: child?.id ?? null,
      plannedDate: data.plannedDate,
      plannedTime: data.plannedTime,
      durationMinutes: data.durationMinutes,
      place: data.place,
      recordedBy: auth.actor.id,
    });
    await store.insertParticipants(tx, created.id, invitations(data));
    await queuePlanned(tx, { id: created.id, processId, ...data, calendarSequence: 0 }, storedName(loaded, type.key), data.invitedUserIds);
    await audits(
      tx,
      ctx,
      meetingEntries("meeting.plan", created.id, data.invitedPersonIds, {
        processId,
        meetingTypeKey: type.key,
        plannedDate: data.plannedDate,
      }),
    );
    return created;
  });
}

// ---------------------------------------------------------------------------------------------
// Show

/** A meeting type's name as stored (Swedish): what the invitations, which are Swedish, say. */
const storedName = (loaded: LoadedProcess, key: string) => loaded.stored.meetingTypes.find((t) => t.key === key)?.name ?? key;

async function detailOf(tx: DbOrTx, auth: Authorized, loaded: LoadedProcess, row: store.MeetingRow, on: IsoDate): Promise<MeetingDetail> {
  const type = typeOf(loaded, row.meetingTypeKey);
  const staff = staffOf(loaded);
  const rolesOf = (userId: string) => staff.find((s) => s.userId === userId)?.roles ?? [];
  const participants: Participant[] = (await store.participantsOf(tx, row.id)).map((p) => ({
    personId: p.personId,
    userId: p.userId,
    name: p.personName ?? p.userName ?? "",
    kind: p.personId ? (p.personKind as "guardian" | "child") : "staff",
    roles: p.userId ? rolesOf(p.userId) : [],
    invited: p.invited,
    attended: p.attended,
  }));
  const child = row.childId ? (loaded.children.find((c) => c.id === row.childId) ?? null) : null;
  const leader = loaded.current.process_leader;
  const status = loaded.process.status;
  const works = scopeFor(auth.actor.roles, "processes.work") !== null && !loaded.minimal;
  return {
    processId: loaded.process.id,
    named: familyOf(loaded, on),
    processStatus: status,
    id: row.id,
    type,
    child: child && { id: child.id, name: child.name },
    status: row.status as MeetingStatus,
    plannedDate: row.plannedDate,
    plannedTime: row.plannedTime,
    durationMinutes: row.durationMinutes,
    place: row.place,
    heldOn: row.heldOn,
    outcomeReason: row.outcomeReason,
    outcomeText: row.outcomeText,
    checklistDone: row.checklistDone,
    summary: row.summary,
    consent: row.consent as MeetingDetail["consent"],
    consentBy: (row.consentBy ?? []).map((id) => ({ id, name: loaded.guardians.find((g) => g.id === id)?.name ?? "" })),
    consentOn: row.consentOn,
    childTold: row.childTold,
    childViews: row.childViews as MeetingDetail["childViews"],
    safetyPlan: row.safetyPlan,
    version: row.version,
    participants,
    guardians: loaded.guardians.map((g) => ({ id: g.id, name: g.name, applied: g.applied })),
    staff,
    familyOptions: familyFor(loaded, type, row.childId),
    leader: leader ? { userId: leader.userId, name: leader.userName } : null,
    earliest: earliestOf(loaded),
    caseType: caseTypeOfPersons(loaded.persons),
    canWork: works && (status === "active" || (status === "completed" && row.status === "held")),
    surveyRate: row.status === "held" && type.surveys.length > 0 ? await meetingRate(tx, row.id) : null,
  };
}

/** The meeting with its family and staff; every display is audited. Not in the minimal view. */
export async function getMeeting(ctx: ServiceContext, processId: string, meetingId: string): Promise<MeetingDetail> {
  const auth = await authorize(ctx, "processes.view");
  if (!z.uuid().safeParse(meetingId).success) throw new NotFoundError();
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, processId);
    if (loaded.minimal) throw new NotFoundError();
    const row = await store.findMeeting(tx, loaded.process.id, meetingId);
    if (!row) throw new NotFoundError();
    await auditDisplay(tx, ctx, loaded, "meeting.view", { meetingId: row.id });
    return detailOf(tx, auth, loaded, row, ctx.clock.today());
  });
}

/** The process's meetings without names (a child is an id). */
export async function listMeetings(ctx: ServiceContext, processId: string): Promise<MeetingSummary[]> {
  const auth = await authorize(ctx, "processes.view");
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, processId);
    if (loaded.minimal) throw new NotFoundError();
    const rows = await store.meetingsOf(tx, loaded.process.id);
    await auditDisplay(tx, ctx, loaded, "meeting.list");
    return rows.map((m) => ({
      id: m.id,
      meetingTypeKey: m.meetingTypeKey,
      meetingTypeName: loaded.content.meetingTypes.find((t) => t.key === m.meetingTypeKey)?.name ?? m.meetingTypeKey,
      childId: m.childId,
      status: m.status as MeetingStatus,
      plannedDate: m.plannedDate,
      plannedTime: m.plannedTime,
      durationMinutes: m.durationMinutes,
      place: m.place,
      heldOn: m.heldOn,
      version: m.version,
    }));
  });
}

// ---------------------------------------------------------------------------------------------
// Changes

/** Opens the process for work and locks the meeting; a meeting of another process does not exist. */
async function openMeeting(tx: DbOrTx, auth: Authorized, processId: string, meetingId: string, opts: { allowClosed?: boolean } = {}) {
  if (!z.uuid().safeParse(meetingId).success) throw new NotFoundError();
  const loaded = await loadForWork(tx, auth, processId, opts);
  const row = await store.lockMeeting(tx, loaded.process.id, meetingId);
  if (!row) throw new NotFoundError();
  return { loaded, row, type: typeOf(loaded, row.meetingTypeKey) };
}

const requirePlanned = (row: store.MeetingRow) => {
  if (row.status === "held") throw new ConflictError("meetings.hold.already", "_form");
  if (row.status !== "planned") throw new ConflictError("meetings.notPlanned", "_form");
};

async function saveAt(tx: DbOrTx, row: store.MeetingRow, version: number, values: Partial<store.NewMeeting>) {
  if (row.version !== version) throw new ConflictError();
  const updated = await store.updateMeeting(tx, row.id, version, values);
  if (!updated) throw new ConflictError();
  return updated;
}

/**
 * Holds a planned meeting once: the date (not in the future, not before the Sofiamöte), who
 * attended, the record, and a guardian's application at the addiction unit (the case type is
 * recomputed). A child meeting needs the guardians' consent first. The phase follows.
 */
export async function holdMeeting(ctx: ServiceContext, processId: string, meetingId: string, input: HoldInput): Promise<HoldResult> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(holdInput, input);
  return ctx.db.transaction(async (tx) => {
    const { loaded, row, type } = await openMeeting(tx, auth, processId, meetingId);
    requirePlanned(row);
    const participants = await store.participantsOf(tx, row.id);
    const errors: FieldErrors = {};
    const date = dateError(data.heldOn, { earliest: earliestOf(loaded), latest: ctx.clock.today() });
    if (date) errors.heldOn = date;
    if (type.scope === "child" && row.consent !== "given") errors.consent = "meetings.hold.consentMissing";
    const invitedPersons = participants.filter((p) => p.personId !== null);
    if (data.attendedPersonIds.some((id) => !invitedPersons.some((p) => p.personId === id)))
      errors.attendedPersonIds = "meetings.hold.unknownPerson";
    if (data.attendedUserIds.some((id) => !participants.some((p) => p.userId === id)))
      errors.attendedUserIds = "meetings.hold.unknownStaff";
    if (data.appliedGuardianIds.some((id) => !loaded.guardians.some((g) => g.id === id)))
      errors.appliedGuardianIds = "meetings.hold.unknownGuardian";
    Object.assign(errors, recordErrors(type, data));
    throwIf(errors);

    const saved = await saveAt(tx, row, data.version, {
      status: "held",
      heldOn: data.heldOn,
      ...storedRecord(type, data),
      recordedBy: auth.actor.id,
    });
    await store.dateAnswersByMeeting(tx, row.id, data.heldOn);
    const leaderId = loaded.current.process_leader?.userId;
    for (const p of participants) {
      const attended = p.personId
        ? data.attendedPersonIds.includes(p.personId)
        : data.attendedUserIds.includes(p.userId ?? "") || (p.userId === leaderId && data.leaderPresent);
      await store.setAttended(tx, p.id, attended);
    }
    if (leaderId && data.leaderPresent && !participants.some((p) => p.userId === leaderId)) {
      await store.insertParticipants(tx, row.id, [{ userId: leaderId, invited: false, attended: true }]);
    }

    const change = await recordApplications(tx, ctx, loaded, row.id, data.appliedGuardianIds);
    const { to } = await moveProcess(tx, loaded.process, loaded.stored);
    await audits(
      tx,
      ctx,
      meetingEntries("meeting.hold", row.id, familyIdsOf(participants), {
        processId,
        meetingTypeKey: type.key,
        heldOn: data.heldOn,
        phase: to.phase,
      }),
    );
    return { version: saved.version, phase: to.phase, processStatus: to.status, caseTypeChange: change };
  });
}

/** A guardian applied for support at the addiction unit at the meeting: Typ 2 becomes Typ 1. */
async function recordApplications(
  tx: DbOrTx,
  ctx: ServiceContext,
  loaded: LoadedProcess,
  meetingId: string,
  guardianIds: string[],
): Promise<CaseTypeChange | null> {
  const requestId = loaded.process.requestId;
  const before = await store.caseTypePersons(tx, requestId);
  const newly = [...new Set(guardianIds)].filter((id) => before.some((p) => p.id === id && p.kind === "guardian" && !p.applied));
  if (newly.length === 0) return null;
  for (const id of newly) await store.markApplied(tx, requestId, id);
  const beforeType = caseTypeOfPersons(before);
  const afterType = caseTypeOfPersons(await store.caseTypePersons(tx, requestId));
  await store.bumpRequestCaseType(tx, requestId, afterType.caseType);
  await audits(
    tx,
    ctx,
    newly.map((subjectPersonId) => ({
      action: "request.applied_at_meeting",
      recordType: "request",
      recordId: requestId,
      subjectPersonId,
      detail: { meetingId, caseTypeBefore: beforeType.caseType, caseTypeAfter: afterType.caseType },
    })),
  );
  return caseTypeChange(beforeType, afterType);
}

/**
 * The guardians' consent to talk with the child alone, before a child meeting. A refusal is a
 * reason, not an error: the child meeting is cancelled with it.
 */
export async function recordConsent(
  ctx: ServiceContext,
  processId: string,
  meetingId: string,
  input: ConsentInput,
): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(consentInput, input);
  return ctx.db.transaction(async (tx) => {
    const { loaded, row, type } = await openMeeting(tx, auth, processId, meetingId);
    if (type.scope !== "child") throw new ValidationError({ consent: "meetings.consent.notChild" });
    requirePlanned(row);
    const errors: FieldErrors = {};
    if (data.consentBy.some((id) => !loaded.guardians.some((g) => g.id === id))) errors.consentBy = "meetings.consent.byUnknown";
    const date = dateError(data.consentOn, { earliest: loaded.process.requestDate, latest: ctx.clock.today() });
    if (date) errors.consentOn = date === "meetings.date.beforeSofiamote" ? "meetings.consent.beforeRequest" : date;
    throwIf(errors);
    const refused = data.consent === "refused";
    const saved = await saveAt(tx, row, data.version, {
      consent: data.consent,
      consentBy: [...new Set(data.consentBy)],
      consentOn: data.consentOn,
      ...(refused ? { status: "cancelled", outcomeReason: "consent_refused", outcomeText: null } : {}),
    });
    if (refused) {
      await moveProcess(tx, loaded.process, loaded.stored);
      await queueCancelled(tx, row, storedName(loaded, type.key), staffIdsOf(await store.participantsOf(tx, row.id)));
    }
    await audits(
      tx,
      ctx,
      meetingEntries("meeting.consent", row.id, [...data.consentBy, ...(row.childId ? [row.childId] : [])], {
        processId,
        consent: data.consent,
        consentOn: data.consentOn,
      }),
    );
    return { version: saved.version };
  });
}

/** Checks a cancellation without changing anything: the confirmation step shows what will happen before the real submit. */
export async function checkCancelMeeting(ctx: ServiceContext, processId: string, meetingId: string, input: CancelInput): Promise<void> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(cancelInput, input);
  await ctx.db.transaction(async (tx) => {
    const { row } = await openMeeting(tx, auth, processId, meetingId);
    requirePlanned(row);
    if (data.reason === "other" && data.reasonText === "") throw new ValidationError({ reasonText: "meetings.cancel.textRequired" });
  });
}

/** A planned meeting did not happen: cancelled or not attended, with a reason ("other" needs a text). */
export async function cancelMeeting(
  ctx: ServiceContext,
  processId: string,
  meetingId: string,
  input: CancelInput,
): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(cancelInput, input);
  return ctx.db.transaction(async (tx) => {
    const { loaded, row, type } = await openMeeting(tx, auth, processId, meetingId);
    requirePlanned(row);
    if (data.reason === "other" && data.reasonText === "") throw new ValidationError({ reasonText: "meetings.cancel.textRequired" });
    const saved = await saveAt(tx, row, data.version, {
      status: data.outcome,
      outcomeReason: data.reason,
      outcomeText: data.reasonText === "" ? null : data.reasonText,
    });
    await moveProcess(tx, loaded.process, loaded.stored);
    const participants = await store.participantsOf(tx, row.id);
    await queueCancelled(tx, row, storedName(loaded, type.key), staffIdsOf(participants));
    await audits(
      tx,
      ctx,
      meetingEntries("meeting.cancel", row.id, familyIdsOf(participants), { processId, outcome: data.outcome, reason: data.reason }),
    );
    return { version: saved.version };
  });
}

/**
 * Edits the plan of a planned meeting, or the record (checklist, summary, the child's voice, the
 * safety plan) of a held one, at the version read. A completed process's records stay editable.
 */
export async function editMeeting(
  ctx: ServiceContext,
  processId: string,
  meetingId: string,
  input: EditInput,
): Promise<{ version: number }> {
  const auth = await authorize(ctx, "processes.work");
  const data = parseOrThrow(editInput, input);
  if (!data.plan && !data.record) throw new ValidationError({ _form: "meetings.edit.nothing" });
  return ctx.db.transaction(async (tx) => {
    const { loaded, row, type } = await openMeeting(tx, auth, processId, meetingId, { allowClosed: true });
    const status = loaded.process.status;
    if (status === "interrupted" || (status === "completed" && data.plan)) throw new ConflictError(`processes.closed.${status}`, "_form");
    const participants = await store.participantsOf(tx, row.id);
    let values: Partial<store.NewMeeting> = {};
    if (data.plan) {
      if (row.status !== "planned") throw new ConflictError("meetings.edit.notPlanned", "_form");
      const child = row.childId ? (loaded.children.find((c) => c.id === row.childId) ?? null) : null;
      throwIf(planErrors(data.plan, optionsFor(loaded, type, child && { id: child.id, name: child.name }, ctx.clock.today()), "plan."));
      const { plannedDate, plannedTime, durationMinutes, place } = data.plan;
      values = { plannedDate, plannedTime, durationMinutes, place };
    }
    if (data.record) {
      if (row.status !== "held") throw new ConflictError("meetings.edit.notHeld", "_form");
      throwIf(recordErrors(type, data.record, "record."));
      values = { ...values, ...storedRecord(type, data.record), recordedBy: auth.actor.id };
    }
    const saved = await saveAt(tx, row, data.version, values);
    if (data.plan) {
      await store.deleteParticipants(tx, row.id);
      await store.insertParticipants(tx, row.id, invitations(data.plan));
      await queueEdited(tx, row, { ...row, ...values }, storedName(loaded, type.key), {
        before: staffIdsOf(participants),
        after: [...new Set(data.plan.invitedUserIds)],
      });
    }
    const concerned = [...familyIdsOf(participants), ...(data.plan?.invitedPersonIds ?? [])];
    await audits(tx, ctx, meetingEntries("meeting.update", row.id, concerned, { processId, part: data.plan ? "plan" : "record" }));
    return { version: saved.version };
  });
}

// ---------------------------------------------------------------------------------------------
// Calendar

export interface CalendarFile {
  filename: string;
  body: string;
}

/**
 * The staff's calendar invitation: the meeting type's name, the time and the place, never a name
 * or an identity number (the file leaves the system). Every download is audited.
 */
export async function meetingCalendar(
  ctx: ServiceContext,
  processId: string,
  meetingId: string,
  now = ctx.clock.now(),
): Promise<CalendarFile> {
  const auth = await authorize(ctx, "processes.view");
  if (!z.uuid().safeParse(meetingId).success) throw new NotFoundError();
  return ctx.db.transaction(async (tx) => {
    const loaded = await loadProcess(tx, auth, processId);
    if (loaded.minimal) throw new NotFoundError();
    const row = await store.findMeeting(tx, loaded.process.id, meetingId);
    if (!row?.plannedDate || !row.plannedTime) throw new NotFoundError();
    const type = typeOf(loaded, row.meetingTypeKey);
    await audit(tx, ctx, { action: "meeting.calendar", recordType: "meeting", recordId: row.id, detail: { processId } });
    const body = icsCalendar({
      uid: `${row.id}@sofia`,
      stamp: now,
      sequence: row.calendarSequence,
      date: row.plannedDate,
      time: row.plannedTime,
      durationMinutes: row.durationMinutes,
      summary: `Sofia: ${type.name}`,
      location: row.place ?? "",
      description: "Se Sofia för detaljer. Inbjudan innehåller inga namn eller personnummer.",
      cancelled: row.status === "cancelled" || row.status === "not_attended",
    });
    return { filename: `sofia-${type.key}-${row.plannedDate}.ics`, body };
  });
}
