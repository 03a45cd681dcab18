/** Queries of the worklists: a caseworker's families, a unit manager's unassigned processes and loads, the process leader's overview. */
import { and, asc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import {
  consultations,
  meetings,
  municipalities,
  processAssignments,
  processes,
  processInterruptions,
  requestPersons,
  requests,
  supportMeasures,
  userRoles,
  users,
  userUnits,
} from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import { assignedTo, involvesUnits } from "../processes/index.ts";

/** The running and interrupted processes a user is assigned to. */
export function myProcesses(db: DbOrTx, userId: string, today: string) {
  return db
    .select({
      id: processes.id,
      status: processes.status,
      phase: processes.phase,
      workModelVersionId: processes.workModelVersionId,
      requestId: processes.requestId,
      requestDate: requests.requestDate,
      meetingDate: requests.meetingDate,
      caseType: requests.caseType,
      nextMeeting: sql<string | null>`(select min(m.planned_date)::text from ${meetings} m
        where m.process_id = processes.id and m.status = 'planned' and m.planned_date >= ${today})`,
    })
    .from(processes)
    .innerJoin(requests, eq(requests.id, processes.requestId))
    .where(and(assignedTo(userId), inArray(processes.status, ["active", "interrupted"])))
    .orderBy(asc(requests.requestDate));
}

/** Planned meetings from today on of the given processes, soonest first. */
export function plannedMeetings(db: DbOrTx, processIds: string[], today: string, limit: number) {
  if (processIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: meetings.id,
      processId: meetings.processId,
      meetingTypeKey: meetings.meetingTypeKey,
      childId: meetings.childId,
      plannedDate: sql<string>`${meetings.plannedDate}`,
      plannedTime: meetings.plannedTime,
      place: meetings.place,
    })
    .from(meetings)
    .where(and(inArray(meetings.processId, processIds), eq(meetings.status, "planned"), gte(meetings.plannedDate, today)))
    .orderBy(asc(meetings.plannedDate), asc(meetings.plannedTime))
    .limit(limit);
}

/** What the consultation stops and the series of the given processes need: children, held meetings and stops, first grant. */
export async function stopInputs(db: DbOrTx, processIds: string[]) {
  if (processIds.length === 0) return { children: [], held: [], consulted: [], granted: [], meetingRows: [] };
  const children = await db
    .select({ processId: processes.id, id: requestPersons.id, name: requestPersons.name, birthDate: requestPersons.birthDate })
    .from(requestPersons)
    .innerJoin(processes, eq(processes.requestId, requestPersons.requestId))
    .where(and(inArray(processes.id, processIds), eq(requestPersons.kind, "child")))
    .orderBy(requestPersons.position);
  const meetingRows = await db
    .select({
      id: meetings.id,
      processId: meetings.processId,
      meetingTypeKey: meetings.meetingTypeKey,
      childId: meetings.childId,
      status: meetings.status,
      plannedDate: meetings.plannedDate,
      heldOn: meetings.heldOn,
    })
    .from(meetings)
    .where(inArray(meetings.processId, processIds))
    .orderBy(meetings.createdAt);
  const held = meetingRows.filter((m) => m.status === "held" && m.heldOn !== null).map((m) => ({ ...m, heldOn: m.heldOn as string }));
  const consulted = await db
    .select({
      processId: consultations.processId,
      stopKey: consultations.stopKey,
      childId: consultations.childId,
      heldOn: consultations.heldOn,
    })
    .from(consultations)
    .where(inArray(consultations.processId, processIds));
  const granted = await db
    .select({ processId: supportMeasures.processId, first: sql<string>`min(${supportMeasures.grantedOn})::text` })
    .from(supportMeasures)
    .where(and(inArray(supportMeasures.processId, processIds), sql`${supportMeasures.grantedOn} is not null`))
    .groupBy(supportMeasures.processId);
  return { children, held, consulted, granted, meetingRows };
}

// ---------------------------------------------------------------------------------------------
// Unit manager

/** Running processes involving the units that lack a child or an adult caseworker; no names (minimal view). */
export function awaitingAssignment(db: DbOrTx, municipalityId: string, unitIds: string[]) {
  const missing = (role: string) =>
    sql<boolean>`not exists (select 1 from ${processAssignments} a where a.process_id = processes.id and a.role = ${role} and a.ended_on is null)`;
  return db
    .select({
      id: processes.id,
      requestDate: requests.requestDate,
      meetingDate: requests.meetingDate,
      caseType: requests.caseType,
      waitLimitDays: municipalities.waitLimitDays,
      missingChild: missing("child_caseworker"),
      missingAdult: missing("adult_caseworker"),
    })
    .from(processes)
    .innerJoin(requests, eq(requests.id, processes.requestId))
    .innerJoin(municipalities, eq(municipalities.id, processes.municipalityId))
    .where(
      and(
        eq(processes.municipalityId, municipalityId),
        eq(processes.status, "active"),
        involvesUnits(unitIds),
        sql`(${missing("child_caseworker")} or ${missing("adult_caseworker")})`,
      ),
    )
    .orderBy(asc(requests.meetingDate))
    .limit(200);
}

/** The caseworkers of the units with how many running and interrupted processes each is assigned to. */
export function caseworkerLoads(db: DbOrTx, unitIds: string[]) {
  if (unitIds.length === 0) return Promise.resolve([]);
  return db
    .selectDistinct({
      id: users.id,
      displayName: users.displayName,
      active: sql<number>`(select count(*)::int from ${processAssignments} a join ${processes} p on p.id = a.process_id
        where a.user_id = users.id and a.ended_on is null and p.status = 'active')`,
      interrupted: sql<number>`(select count(*)::int from ${processAssignments} a join ${processes} p on p.id = a.process_id
        where a.user_id = users.id and a.ended_on is null and p.status = 'interrupted')`,
      processIds: sql<string[]>`array(select a.process_id::text from ${processAssignments} a join ${processes} p on p.id = a.process_id
        where a.user_id = users.id and a.ended_on is null and p.status in ('active', 'interrupted'))`,
    })
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .innerJoin(userRoles, and(eq(userRoles.userId, users.id), eq(userRoles.role, "caseworker")))
    .where(and(inArray(userUnits.unitId, unitIds), eq(users.active, true)))
    .orderBy(users.displayName);
}

/** Work-model versions of the given processes, for the overdue stops of a manager's caseworkers. */
export function processVersions(db: DbOrTx, processIds: string[]) {
  if (processIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: processes.id,
      workModelVersionId: processes.workModelVersionId,
      requestDate: requests.requestDate,
      meetingDate: requests.meetingDate,
    })
    .from(processes)
    .innerJoin(requests, eq(requests.id, processes.requestId))
    .where(inArray(processes.id, processIds));
}

// ---------------------------------------------------------------------------------------------
// Process leader

export function countsByStatusAndPhase(db: DbOrTx, municipalityId: string) {
  return db
    .select({ status: processes.status, phase: processes.phase, n: sql<number>`count(*)::int` })
    .from(processes)
    .where(eq(processes.municipalityId, municipalityId))
    .groupBy(processes.status, processes.phase);
}

export async function newRequestCount(db: DbOrTx, municipalityId: string) {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(requests)
    .where(and(eq(requests.municipalityId, municipalityId), eq(requests.status, "new")));
  return row?.n ?? 0;
}

/**
 * Running processes with an ongoing wait over the municipality's limit: waiting for a caseworker
 * since the Sofiamöte, or for the first family meeting since both caseworkers were assigned. The
 * first assignment dates are grouped once over the processes not yet started (not per row).
 */
export async function overLimitWaits(db: DbOrTx, municipalityId: string, today: string, limit: number) {
  const result = await db.execute<{
    id: string;
    request_id: string;
    request_date: string;
    case_type: number | null;
    waiting_for: "caseworker" | "first_meeting";
    days: number;
  }>(sql`
    with waiting as (
      select p.id, p.request_id, r.request_date, r.case_type, r.meeting_date, m.wait_limit_days
      from ${processes} p
      join ${requests} r on r.id = p.request_id
      join ${municipalities} m on m.id = p.municipality_id
      where p.municipality_id = ${municipalityId} and p.status = 'active' and p.started_on is null
    ), firsts as (
      select a.process_id,
        min(a.assigned_on) filter (where a.role = 'child_caseworker') as child_on,
        min(a.assigned_on) filter (where a.role = 'adult_caseworker') as adult_on
      from ${processAssignments} a join waiting w on w.id = a.process_id
      group by a.process_id
    ), waits as (
      select w.id, w.request_id, w.request_date::text, w.case_type, w.wait_limit_days,
        case when f.child_on is null or f.adult_on is null then 'caseworker' else 'first_meeting' end as waiting_for,
        case when f.child_on is null or f.adult_on is null then ${today}::date - w.meeting_date
          else ${today}::date - greatest(f.child_on, f.adult_on) end as days
      from waiting w left join firsts f on f.process_id = w.id
    )
    select id, request_id, request_date, case_type, waiting_for, days from waits
    where days > wait_limit_days
    order by days desc, id
    limit ${limit}`);
  return result.rows.map((r) => ({
    id: r.id,
    requestId: r.request_id,
    requestDate: r.request_date,
    caseType: r.case_type,
    waitingFor: r.waiting_for,
    days: Number(r.days),
  }));
}

export function openInterruptions(db: DbOrTx, municipalityId: string, limit: number) {
  return db
    .select({
      processId: processes.id,
      requestId: processes.requestId,
      requestDate: requests.requestDate,
      interruptedOn: processInterruptions.interruptedOn,
      reason: processInterruptions.reason,
      phase: processInterruptions.phase,
    })
    .from(processInterruptions)
    .innerJoin(processes, eq(processes.id, processInterruptions.processId))
    .innerJoin(requests, eq(requests.id, processes.requestId))
    .where(and(eq(processes.municipalityId, municipalityId), isNull(processInterruptions.resumedOn)))
    .orderBy(sql`${processInterruptions.interruptedOn} desc`)
    .limit(limit);
}

/**
 * The waits of the given processes that have not started (request → Sofiamöte → both caseworkers
 * → first family meeting), counted as the process leader's list counts them, with the
 * municipality's limit. No names.
 */
export async function waitsOf(db: DbOrTx, processIds: string[], today: string) {
  if (processIds.length === 0) return [];
  const result = await db.execute<{ id: string; waiting_for: "caseworker" | "first_meeting"; days: number; wait_limit_days: number }>(sql`
    with waiting as (
      select p.id, r.meeting_date, m.wait_limit_days
      from ${processes} p
      join ${requests} r on r.id = p.request_id
      join ${municipalities} m on m.id = p.municipality_id
      where p.id in ${processIds} and p.status = 'active' and p.started_on is null
    ), firsts as (
      select a.process_id,
        min(a.assigned_on) filter (where a.role = 'child_caseworker') as child_on,
        min(a.assigned_on) filter (where a.role = 'adult_caseworker') as adult_on
      from ${processAssignments} a join waiting w on w.id = a.process_id
      group by a.process_id
    )
    select w.id, w.wait_limit_days,
      case when f.child_on is null or f.adult_on is null then 'caseworker' else 'first_meeting' end as waiting_for,
      case when f.child_on is null or f.adult_on is null then ${today}::date - w.meeting_date
        else ${today}::date - greatest(f.child_on, f.adult_on) end as days
    from waiting w left join firsts f on f.process_id = w.id
    order by days desc, w.id`);
  return result.rows
    .filter((r) => r.days !== null)
    .map((r) => ({ id: r.id, waitingFor: r.waiting_for, days: Number(r.days), limit: Number(r.wait_limit_days) }));
}
