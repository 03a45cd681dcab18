/** Queries of the worklists: a caseworker's families, a unit manager's unassigned processes and loads, the process leader's overview. */
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
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

type StopInputRow = {
  id: string;
  children: Array<{ id: string; name: string; birthDate: string }>;
  meetings: Array<{
    id: string;
    meetingTypeKey: string;
    childId: string | null;
    status: string;
    plannedDate: string;
    plannedTime: string | null;
    place: string | null;
    heldOn: string | null;
  }>;
  consulted: Array<{ stopKey: string; childId: string | null; heldOn: string }>;
  granted: string | null;
};

/**
 * What the consultation stops, the series and the planned meetings of the given processes need:
 * children, every meeting, the consultations held and the first grant. One statement: each
 * process's rows gathered as JSON beside it (a worklist is read on every start page, decision 0054).
 */
export async function stopInputs(db: DbOrTx, processIds: string[]) {
  if (processIds.length === 0) return { children: [], held: [], consulted: [], granted: [], meetingRows: [] };
  const result = await db.execute<StopInputRow>(sql`
    select p.id,
      coalesce((select json_agg(json_build_object('id', rp.id, 'name', rp.name, 'birthDate', rp.birth_date) order by rp.position)
        from ${requestPersons} rp where rp.request_id = p.request_id and rp.kind = 'child'), '[]') as children,
      coalesce((select json_agg(json_build_object('id', m.id, 'meetingTypeKey', m.meeting_type_key, 'childId', m.child_id,
          'status', m.status, 'plannedDate', m.planned_date, 'plannedTime', m.planned_time, 'place', m.place, 'heldOn', m.held_on)
          order by m.created_at)
        from ${meetings} m where m.process_id = p.id), '[]') as meetings,
      coalesce((select json_agg(json_build_object('stopKey', c.stop_key, 'childId', c.child_id, 'heldOn', c.held_on))
        from ${consultations} c where c.process_id = p.id), '[]') as consulted,
      (select min(s.granted_on)::text from ${supportMeasures} s where s.process_id = p.id) as granted
    from ${processes} p
    where p.id in (${sql.join(
      processIds.map((id) => sql`${id}`),
      sql`, `,
    )})`);
  const rows = result.rows;
  const children = rows.flatMap((r) => r.children.map((c) => ({ processId: r.id, ...c })));
  const meetingRows = rows.flatMap((r) => r.meetings.map((m) => ({ processId: r.id, ...m })));
  const held = meetingRows.filter((m) => m.status === "held" && m.heldOn !== null).map((m) => ({ ...m, heldOn: m.heldOn as string }));
  const consulted = rows.flatMap((r) => r.consulted.map((c) => ({ processId: r.id, ...c })));
  const granted = rows.flatMap((r) => (r.granted ? [{ processId: r.id, first: r.granted }] : []));
  return { children, held, consulted, granted, meetingRows };
}

/** Planned meetings from today on among the given meetings, soonest first (as the worklist shows them). */
export function plannedFrom<M extends { status: string; plannedDate: string; plannedTime: string | null }>(
  meetingRows: M[],
  today: string,
  limit: number,
): M[] {
  return meetingRows
    .filter((m) => m.status === "planned" && m.plannedDate >= today)
    .sort((a, b) => a.plannedDate.localeCompare(b.plannedDate) || (a.plannedTime ?? "\uffff").localeCompare(b.plannedTime ?? "\uffff"))
    .slice(0, limit);
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
