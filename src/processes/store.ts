/** Queries of processes: the process with its request, persons and assignments, and the derived phase. */
import { and, asc, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import {
  breakGlassGrants,
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
  users,
  workModels,
  workModelVersions,
} from "../db/schema/index.ts";
import { type DbOrTx, reusable } from "../platform/database.ts";
import { openIdentityNumber } from "../platform/identity-crypto.ts";

/**
 * Which processes a reader sees: the whole municipality (process leaders), or those they are
 * assigned to, and (unit managers, in a minimal view) those that involve their units. `breakGlassAt`, given only where one process is opened
 * (access.ts `loadProcess`), adds the processes the reader holds a live break-glass grant for at
 * that instant (decision 0062); lists never show them.
 */
export type Visibility = { all: true } | { all: false; userId: string; unitIds: string[]; breakGlassAt?: Date };

// Uncorrelated IN lists (not EXISTS per row), so that PostgreSQL hashes the reader's few processes
// once; "processes.id" is named in plain SQL because drizzle leaves columns unqualified in a one-table select.
export const assignedTo = (userId: string): SQL =>
  sql`processes.id in (select a.process_id from ${processAssignments} a where a.user_id = ${userId} and a.ended_on is null)`;

export const involvesUnits = (unitIds: string[]): SQL =>
  unitIds.length === 0
    ? sql`false`
    : sql`processes.request_id in (select p.request_id from ${requestPersons} p where p.unit_id in ${unitIds})`;

/** A live break-glass grant of the user for the process at the instant (decision 0062); the values given or placeholders. */
const breakGlassGrantedTo = (userId: unknown, at: unknown): SQL =>
  sql`processes.id in (select g.process_id from ${breakGlassGrants} g where g.user_id = ${userId} and g.granted_at <= ${at}::timestamptz and g.expires_at > ${at}::timestamptz)`;

export function visibleProcesses(municipalityId: string, v: Visibility): SQL | undefined {
  const inMunicipality = eq(processes.municipalityId, municipalityId);
  if (v.all) return inMunicipality;
  const grant = v.breakGlassAt ? sql` or ${breakGlassGrantedTo(v.userId, v.breakGlassAt.toISOString())}` : sql``;
  return and(inMunicipality, sql`(${assignedTo(v.userId)} or ${involvesUnits(v.unitIds)}${grant})`);
}

/**
 * A process's visibility as `visibleProcesses`, but correlated (EXISTS on the process's own
 * assignments and persons, by their process and request indexes): where it is evaluated for one
 * process or a few (the family page, an EXISTS per placed child) it reads a handful of index
 * entries instead of hashing every assignment of the reader and every person of their units
 * (decision 0054, ninth-session addendum). Lists over many processes keep `visibleProcesses`.
 */
export function visibleProcess(municipalityId: string, v: Visibility): SQL | undefined {
  if (v.all) return eq(processes.municipalityId, municipalityId);
  return visibleOne(
    shapeOf(v),
    // The units as one array parameter (`sql.param`): a plain array in `sql` becomes a list.
    { municipalityId, userId: v.userId, unitIds: sql.param(v.unitIds), at: v.breakGlassAt?.toISOString() },
  );
}

/** The reader holds a current assignment of the process (correlated); the user's id given or a placeholder. */
const assignedHere = (userId: unknown): SQL =>
  sql`exists (select 1 from ${processAssignments} a where a.process_id = processes.id and a.user_id = ${userId} and a.ended_on is null)`;

/** Which conditions of `visibleProcess` a reader's visibility has (its shape); the values apart. */
interface Shape {
  units: boolean;
  grant: boolean;
}

const shapeOf = (v: Visibility & { all: false }): Shape => ({ units: v.unitIds.length > 0, grant: v.breakGlassAt !== undefined });

/** `visibleProcess` for a reader who does not see everything, its values given or placeholders (findProcess). */
function visibleOne(shape: Shape, x: { municipalityId: unknown; userId: unknown; unitIds: unknown; at: unknown }): SQL | undefined {
  const units = shape.units
    ? sql` or exists (select 1 from ${requestPersons} p where p.request_id = processes.request_id and p.unit_id = any(${x.unitIds}::uuid[]))`
    : sql``;
  const grant = shape.grant ? sql` or ${breakGlassGrantedTo(x.userId, x.at)}` : sql``;
  return and(eq(processes.municipalityId, x.municipalityId as string), sql`(${assignedHere(x.userId)}${units}${grant})`);
}

/**
 * The process with its request, persons, assignments and interruptions, if the reader may see it.
 * Built once per shape of the reader's visibility (`reusable`): the family page and every change
 * of a process open it.
 */
export async function findProcess(db: DbOrTx, municipalityId: string, v: Visibility, id: string) {
  const shape = v.all ? null : shapeOf(v);
  const key = shape ? `findProcess:${shape.units ? "units" : ""}:${shape.grant ? "grant" : ""}` : "findProcess:all";
  const [row] = await reusable(db, key, (db) => processQuery(db, shape)).execute({
    id,
    municipalityId,
    userId: v.all ? null : v.userId,
    unitIds: v.all ? null : v.unitIds,
    at: v.all ? null : (v.breakGlassAt?.toISOString() ?? null),
  });
  if (!row) return undefined;
  const { persons, assignments, interruptions, ...process } = row;
  return {
    process,
    // Each identity number decrypted (platform/identity-crypto.ts, decision 0061).
    persons: persons.map(({ identityNumberSealed, ...p }) => ({ ...p, identityNumber: openIdentityNumber(identityNumberSealed) })),
    assignments,
    interruptions,
  };
}
export type ProcessRow = NonNullable<Awaited<ReturnType<typeof findProcess>>>["process"];

function processQuery(db: DbOrTx, shape: Shape | null) {
  const p = (name: string) => sql.placeholder(name);
  return db
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
      assignedToMe: shape ? sql<boolean>`${assignedHere(p("userId"))}` : sql<boolean>`false`,
      /** The end of the reader's live break-glass grant, if any. */
      breakGlassUntil: !shape?.grant
        ? sql<string | null>`null`
        : sql<
            string | null
          >`(select to_json(max(g.expires_at))#>>'{}' from ${breakGlassGrants} g where g.process_id = processes.id and g.user_id = ${p("userId")}
              and g.granted_at <= ${p("at")}::timestamptz and g.expires_at > ${p("at")}::timestamptz)`,
      // The family's persons and the assignments in the same statement (decision 0054).
      persons: sql<PersonJson[]>`(select coalesce(json_agg(json_build_object('id', rp.id, 'kind', rp.kind, 'position', rp.position,
          'name', rp.name, 'identityNumberSealed', rp.identity_number_sealed, 'birthDate', rp.birth_date, 'gender', rp.gender,
          'relation', rp.relation, 'substanceProblem', rp.substance_problem, 'attitude', rp.attitude, 'unitId', rp.unit_id,
          'unitName', (select u.name from ${units} u where u.id = rp.unit_id), 'applied', rp.applied, 'investigationOpened', rp.investigation_opened, 'contactPerson', rp.contact_person)
          order by rp.kind, rp.position), '[]')
        from ${requestPersons} rp where rp.request_id = processes.request_id)`,
      assignments: sql<AssignmentRow[]>`(select coalesce(json_agg(json_build_object('id', a.id, 'role', a.role, 'userId', a.user_id,
          'userName', u.display_name, 'assignedOn', a.assigned_on, 'endedOn', a.ended_on) order by a.assigned_on, a.created_at), '[]')
        from ${processAssignments} a join ${users} u on u.id = a.user_id where a.process_id = processes.id)`,
      interruptions: sql<
        InterruptionJson[]
      >`(select coalesce(json_agg(json_build_object('interruptedOn', i.interrupted_on, 'reason', i.reason,
          'reasonText', i.reason_text, 'phase', i.phase, 'resumedOn', i.resumed_on) order by i.interrupted_on, i.created_at), '[]')
        from ${processInterruptions} i where i.process_id = processes.id)`,
    })
    .from(processes)
    .innerJoin(requests, eq(requests.id, processes.requestId))
    .innerJoin(workModelVersions, eq(workModelVersions.id, processes.workModelVersionId))
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .innerJoin(municipalities, eq(municipalities.id, processes.municipalityId))
    .where(
      and(
        eq(processes.id, p("id")),
        shape
          ? visibleOne(shape, { municipalityId: p("municipalityId"), userId: p("userId"), unitIds: p("unitIds"), at: p("at") })
          : eq(processes.municipalityId, p("municipalityId")),
      ),
    );
}

interface PersonJson {
  id: string;
  kind: string;
  position: number;
  name: string;
  identityNumberSealed: string | null;
  birthDate: string;
  gender: string | null;
  relation: string | null;
  substanceProblem: string | null;
  attitude: string | null;
  unitId: string | null;
  unitName: string | null;
  applied: boolean;
  investigationOpened: boolean;
  contactPerson: boolean;
}
export type ProcessPerson = Omit<PersonJson, "identityNumberSealed"> & { identityNumber: string | null };

/** An interruption as the process's pages show it, oldest first. */
export interface InterruptionJson {
  interruptedOn: string;
  reason: string;
  reasonText: string | null;
  phase: string;
  resumedOn: string | null;
}

interface AssignmentRow {
  id: string;
  role: string;
  userId: string;
  userName: string;
  assignedOn: string;
  endedOn: string | null;
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

export async function insertInterruption(db: DbOrTx, values: typeof processInterruptions.$inferInsert) {
  await db.insert(processInterruptions).values(values);
}

export async function resumeInterruption(db: DbOrTx, id: string, resumedOn: string, resumedBy: string) {
  await db.update(processInterruptions).set({ resumedOn, resumedBy }).where(eq(processInterruptions.id, id));
}
