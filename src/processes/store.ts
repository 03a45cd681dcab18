/** Queries of processes: the process with its request, persons and assignments, and the derived phase. */
import { and, asc, eq, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import {
  consultations,
  meetingParticipants,
  meetings,
  municipalities,
  processAssignments,
  processes,
  processInterruptions,
  requestPersons,
  requests,
  units,
  userRoles,
  users,
  userUnits,
  workModels,
  workModelVersions,
} from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";

/**
 * Which processes a reader sees: the whole municipality (process leaders), or those they are
 * assigned to, and (unit managers, in a minimal view) those that involve their units.
 */
export type Visibility = { all: true } | { all: false; userId: string; unitIds: string[] };

// Uncorrelated IN lists (not EXISTS per row), so that PostgreSQL hashes the reader's few processes
// once; "processes.id" is named in plain SQL because drizzle leaves columns unqualified in a one-table select.
export const assignedTo = (userId: string): SQL =>
  sql`processes.id in (select a.process_id from ${processAssignments} a where a.user_id = ${userId} and a.ended_on is null)`;

export const involvesUnits = (unitIds: string[]): SQL =>
  unitIds.length === 0
    ? sql`false`
    : sql`processes.request_id in (select p.request_id from ${requestPersons} p where p.unit_id in ${unitIds})`;

export function visibleProcesses(municipalityId: string, v: Visibility): SQL | undefined {
  const inMunicipality = eq(processes.municipalityId, municipalityId);
  if (v.all) return inMunicipality;
  return and(inMunicipality, sql`(${assignedTo(v.userId)} or ${involvesUnits(v.unitIds)})`);
}

export async function findProcess(db: DbOrTx, municipalityId: string, v: Visibility, id: string) {
  const [row] = await db
    .select({
      id: processes.id,
      requestId: processes.requestId,
      status: processes.status,
      phase: processes.phase,
      startedOn: processes.startedOn,
      halfwayOn: processes.halfwayOn,
      completedOn: processes.completedOn,
      version: processes.version,
      workModelVersionId: processes.workModelVersionId,
      workModelName: workModels.name,
      workModelKey: workModels.key,
      workModelVersion: workModelVersions.number,
      content: workModelVersions.content,
      requestDate: requests.requestDate,
      meetingDate: requests.meetingDate,
      caseType: requests.caseType,
      caseFileNumber: requests.caseFileNumber,
      contactPhone: requests.contactPhone,
      contactEmail: requests.contactEmail,
      interpreterNeeded: requests.interpreterNeeded,
      interpreterLanguage: requests.interpreterLanguage,
      familyLanguage: requests.familyLanguage,
      household: requests.household,
      custody: requests.custody,
      custodyHolder: requests.custodyHolder,
      requestVersion: requests.version,
      waitLimitDays: municipalities.waitLimitDays,
      assignedToMe: v.all ? sql<boolean>`false` : sql<boolean>`${assignedTo(v.userId)}`,
    })
    .from(processes)
    .innerJoin(requests, eq(requests.id, processes.requestId))
    .innerJoin(workModelVersions, eq(workModelVersions.id, processes.workModelVersionId))
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .innerJoin(municipalities, eq(municipalities.id, processes.municipalityId))
    .where(and(eq(processes.id, id), visibleProcesses(municipalityId, v)));
  return row;
}
export type ProcessRow = NonNullable<Awaited<ReturnType<typeof findProcess>>>;

export function personsOf(db: DbOrTx, requestId: string) {
  return db
    .select({
      id: requestPersons.id,
      kind: requestPersons.kind,
      position: requestPersons.position,
      name: requestPersons.name,
      identityNumber: requestPersons.identityNumber,
      birthDate: requestPersons.birthDate,
      gender: requestPersons.gender,
      relation: requestPersons.relation,
      substanceProblem: requestPersons.substanceProblem,
      attitude: requestPersons.attitude,
      unitId: requestPersons.unitId,
      unitName: units.name,
      applied: requestPersons.applied,
      investigationOpened: requestPersons.investigationOpened,
      contactPerson: requestPersons.contactPerson,
    })
    .from(requestPersons)
    .leftJoin(units, eq(units.id, requestPersons.unitId))
    .where(eq(requestPersons.requestId, requestId))
    .orderBy(requestPersons.kind, requestPersons.position);
}
export type ProcessPerson = Awaited<ReturnType<typeof personsOf>>[number];

export function assignmentsOf(db: DbOrTx, processId: string) {
  return db
    .select({
      id: processAssignments.id,
      role: processAssignments.role,
      userId: processAssignments.userId,
      userName: users.displayName,
      assignedOn: processAssignments.assignedOn,
      endedOn: processAssignments.endedOn,
    })
    .from(processAssignments)
    .innerJoin(users, eq(users.id, processAssignments.userId))
    .where(eq(processAssignments.processId, processId))
    .orderBy(asc(processAssignments.assignedOn), asc(processAssignments.createdAt));
}

export async function openInterruption(db: DbOrTx, processId: string) {
  const [row] = await db
    .select()
    .from(processInterruptions)
    .where(and(eq(processInterruptions.processId, processId), isNull(processInterruptions.resumedOn)));
  return row;
}

export function interruptionsOf(db: DbOrTx, processId: string) {
  return db
    .select()
    .from(processInterruptions)
    .where(eq(processInterruptions.processId, processId))
    .orderBy(asc(processInterruptions.interruptedOn), asc(processInterruptions.createdAt));
}

export function heldMeetingsOf(db: DbOrTx, processId: string) {
  return db
    .select({ meetingTypeKey: meetings.meetingTypeKey, heldOn: sql<string>`${meetings.heldOn}` })
    .from(meetings)
    .where(and(eq(meetings.processId, processId), eq(meetings.status, "held")));
}

export function consultationsOf(db: DbOrTx, processId: string) {
  return db
    .select({ stopKey: consultations.stopKey, childId: consultations.childId, heldOn: consultations.heldOn })
    .from(consultations)
    .where(eq(consultations.processId, processId));
}

export async function savePhase(
  db: DbOrTx,
  id: string,
  values: { phase: string; status: string; startedOn: string | null; halfwayOn: string | null; completedOn: string | null },
) {
  await db
    .update(processes)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(processes.id, id));
}

/** How many planned meetings the process has: what an interruption would cancel. */
export async function countPlannedMeetings(db: DbOrTx, processId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(meetings)
    .where(and(eq(meetings.processId, processId), eq(meetings.status, "planned")));
  return row?.n ?? 0;
}

/** Cancels the process's planned meetings: an interrupted process's meetings will not take place. */
/** Cancels the process's planned meetings; returns them, for the staff's calendar cancellations. */
export function cancelPlannedMeetings(db: DbOrTx, processId: string) {
  return db
    .update(meetings)
    .set({ status: "cancelled", outcomeReason: "process_interrupted", updatedAt: new Date(), version: sql`${meetings.version} + 1` })
    .where(and(eq(meetings.processId, processId), eq(meetings.status, "planned")))
    .returning({
      id: meetings.id,
      processId: meetings.processId,
      meetingTypeKey: meetings.meetingTypeKey,
      plannedDate: meetings.plannedDate,
      plannedTime: meetings.plannedTime,
      durationMinutes: meetings.durationMinutes,
      place: meetings.place,
      calendarSequence: meetings.calendarSequence,
    });
}

/** The staff invited to a meeting (user ids). */
export async function invitedStaffOf(db: DbOrTx, meetingId: string): Promise<string[]> {
  const rows = await db
    .select({ userId: meetingParticipants.userId })
    .from(meetingParticipants)
    .where(and(eq(meetingParticipants.meetingId, meetingId), eq(meetingParticipants.invited, true), isNotNull(meetingParticipants.userId)));
  return rows.flatMap((r) => (r.userId ? [r.userId] : []));
}

/** Bumps the process's version when it is the one the editor read; undefined otherwise. */
export async function bumpProcess(db: DbOrTx, id: string, version: number) {
  const [row] = await db
    .update(processes)
    .set({ version: sql`${processes.version} + 1`, updatedAt: new Date() })
    .where(and(eq(processes.id, id), eq(processes.version, version)))
    .returning({ version: processes.version });
  return row;
}

/**
 * Active users of the municipality with a role, their active units as "kind:id" and their load:
 * how many ongoing (not completed) families they are assigned to. The people one can assign.
 */
export function assignableUsers(db: DbOrTx, municipalityId: string) {
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      // "users.id" in plain SQL: drizzle leaves columns unqualified in a one-table select.
      roles: sql<string[]>`array(select r.role::text from ${userRoles} r where r.user_id = users.id)`,
      units: sql<string[]>`array(select un.kind::text || ':' || un.id::text from ${userUnits} uu join ${units} un on un.id = uu.unit_id
        where uu.user_id = users.id and un.active)`,
      ongoing: sql<number>`(select count(distinct a.process_id)::int from ${processAssignments} a join ${processes} p on p.id = a.process_id
        where a.user_id = users.id and a.ended_on is null and p.status <> 'completed')`,
    })
    .from(users)
    .where(and(eq(users.municipalityId, municipalityId), eq(users.active, true)))
    .orderBy(users.displayName);
}
export type AssignableUser = Awaited<ReturnType<typeof assignableUsers>>[number];

/**
 * A person's open assignments on the municipality's ongoing (not completed) processes, oldest
 * request first, with what a handover needs: the process's version, the date the assignment was
 * made, the Sofiamöte, and who else works with the family. No names of family members.
 */
export function openAssignmentsOf(db: DbOrTx, municipalityId: string, userId: string) {
  return db
    .select({
      processId: processes.id,
      version: processes.version,
      status: processes.status,
      phase: processes.phase,
      role: processAssignments.role,
      assignedOn: processAssignments.assignedOn,
      requestDate: requests.requestDate,
      meetingDate: requests.meetingDate,
      caseType: requests.caseType,
    })
    .from(processAssignments)
    .innerJoin(processes, eq(processes.id, processAssignments.processId))
    .innerJoin(requests, eq(requests.id, processes.requestId))
    .where(
      and(
        eq(processes.municipalityId, municipalityId),
        eq(processAssignments.userId, userId),
        isNull(processAssignments.endedOn),
        sql`${processes.status} <> 'completed'`,
      ),
    )
    .orderBy(asc(requests.requestDate), asc(processes.id), asc(processAssignments.role));
}
export type OpenAssignment = Awaited<ReturnType<typeof openAssignmentsOf>>[number];

/** The open assignment of a role on a process: who holds it now (locked for the handover's transaction). */
export async function openAssignment(db: DbOrTx, processId: string, role: string) {
  const [row] = await db
    .select({ userId: processAssignments.userId, assignedOn: processAssignments.assignedOn })
    .from(processAssignments)
    .where(and(eq(processAssignments.processId, processId), eq(processAssignments.role, role), isNull(processAssignments.endedOn)))
    .for("update");
  return row;
}

export async function endAssignment(db: DbOrTx, processId: string, role: string, endedOn: string) {
  await db
    .update(processAssignments)
    .set({ endedOn })
    .where(and(eq(processAssignments.processId, processId), eq(processAssignments.role, role), isNull(processAssignments.endedOn)));
}

export async function insertAssignment(db: DbOrTx, values: typeof processAssignments.$inferInsert) {
  await db.insert(processAssignments).values(values);
}

export async function insertInterruption(db: DbOrTx, values: typeof processInterruptions.$inferInsert) {
  await db.insert(processInterruptions).values(values);
}

export async function resumeInterruption(db: DbOrTx, id: string, resumedOn: string, resumedBy: string) {
  await db.update(processInterruptions).set({ resumedOn, resumedBy }).where(eq(processInterruptions.id, id));
}

export interface ListFilter {
  status: string | null;
  phase: string | null;
  /** Processes this user is currently assigned to (as a caseworker or the process leader). */
  caseworkerId: string | null;
  /** Processes with a family member open at this unit. */
  unitId: string | null;
}

const firstAssigned = (role: string) =>
  sql<string | null>`(select min(a.assigned_on)::text from ${processAssignments} a where a.process_id = processes.id and a.role = ${role})`;
const currentName = (role: string) =>
  sql<string | null>`(select u.display_name from ${processAssignments} a join ${users} u on u.id = a.user_id
    where a.process_id = processes.id and a.role = ${role} and a.ended_on is null)`;

/**
 * The processes one may see that pass the filter, newest request first, with what the waits and
 * the sorting need (the service sorts and pages). `sortName` is the first guardian's surname, and
 * null where the reader gets the minimal view, so that sorting reveals nothing there.
 */
export async function listProcesses(db: DbOrTx, municipalityId: string, v: Visibility, f: ListFilter) {
  const where = and(
    visibleProcesses(municipalityId, v),
    f.status ? eq(processes.status, f.status) : undefined,
    f.phase ? eq(processes.phase, f.phase) : undefined,
    f.caseworkerId ? assignedTo(f.caseworkerId) : undefined,
    f.unitId ? involvesUnits([f.unitId]) : undefined,
  );
  const surname = sql<string | null>`(select regexp_replace(btrim(p.name), '^.*\s', '') from ${requestPersons} p
    where p.request_id = processes.request_id and p.kind = 'guardian' order by p.position limit 1)`;
  const assignedToMe = v.all ? sql<boolean>`false` : sql<boolean>`${assignedTo(v.userId)}`;
  return db
    .select({
      id: processes.id,
      requestId: processes.requestId,
      assignedToMe,
      sortName: v.all || v.unitIds.length === 0 ? surname : sql<string | null>`case when ${assignedToMe} then ${surname} end`,
      status: processes.status,
      phase: processes.phase,
      startedOn: processes.startedOn,
      requestDate: requests.requestDate,
      meetingDate: requests.meetingDate,
      caseType: requests.caseType,
      waitLimitDays: municipalities.waitLimitDays,
      childCaseworkerOn: firstAssigned("child_caseworker"),
      adultCaseworkerOn: firstAssigned("adult_caseworker"),
      processLeaderOn: firstAssigned("process_leader"),
      childCaseworker: currentName("child_caseworker"),
      adultCaseworker: currentName("adult_caseworker"),
    })
    .from(processes)
    .innerJoin(requests, eq(requests.id, processes.requestId))
    .innerJoin(municipalities, eq(municipalities.id, processes.municipalityId))
    .where(where)
    .orderBy(sql`${requests.requestDate} desc`, processes.id);
}

/** The filter's choices: the municipality's caseworkers and process leaders, and its active units. */
export async function listChoices(db: DbOrTx, municipalityId: string) {
  const staff = await db
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.municipalityId, municipalityId), sql`${userRoles.role} in ('caseworker', 'process_leader')`))
    .orderBy(users.displayName);
  const unitRows = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .where(and(eq(units.municipalityId, municipalityId), eq(units.active, true)))
    .orderBy(units.name);
  return { staff, units: unitRows };
}

export type SearchKey =
  | { kind: "name"; text: string }
  | { kind: "identity"; digits: string; caseFileNumber: string | null }
  | { kind: "caseFile"; caseFileNumber: string };

/**
 * Family members one may see whose name contains the text, or whose identity number matches:
 * 12 digits exactly, 10 digits without the century, 8 digits as the birth date. Requests one
 * registered or is assigned to (or all, for the municipality scope), at most `limit`.
 */
export function searchPersons(db: DbOrTx, municipalityId: string, v: Visibility, key: SearchKey, limit: number) {
  const visible = v.all
    ? sql`true`
    : sql`(${requests.registeredBy} = ${v.userId} or exists (select 1 from ${processes} pr join ${processAssignments} a on a.process_id = pr.id
        where pr.request_id = ${requests.id} and a.user_id = ${v.userId} and a.ended_on is null))`;
  let match: SQL | undefined;
  if (key.kind === "caseFile") {
    match = eq(requests.caseFileNumber, key.caseFileNumber);
  } else if (key.kind === "name") {
    const escaped = key.text.replace(/[\\%_]/g, (c) => `\\${c}`);
    match = sql`${requestPersons.name} ilike ${`%${escaped}%`}`;
  } else if (key.digits.length === 12) {
    match = eq(requestPersons.identityNumber, key.digits);
  } else if (key.digits.length === 10) {
    match = sql`right(${requestPersons.identityNumber}, 10) = ${key.digits}`;
  } else {
    match = sql`replace(${requestPersons.birthDate}::text, '-', '') = ${key.digits}`;
  }
  // Digits only may also be a journal system's case-file number.
  if (key.kind === "identity" && key.caseFileNumber !== null) match = or(match, eq(requests.caseFileNumber, key.caseFileNumber));
  return db
    .select({
      personId: requestPersons.id,
      kind: requestPersons.kind,
      name: requestPersons.name,
      identityNumber: requestPersons.identityNumber,
      birthDate: requestPersons.birthDate,
      requestId: requests.id,
      requestDate: requests.requestDate,
      processId: processes.id,
      status: processes.status,
      phase: processes.phase,
    })
    .from(requestPersons)
    .innerJoin(requests, eq(requests.id, requestPersons.requestId))
    .leftJoin(processes, eq(processes.requestId, requests.id))
    .where(and(eq(requests.municipalityId, municipalityId), visible, match))
    .orderBy(requestPersons.name, sql`${requests.requestDate} desc`)
    .limit(limit);
}
