/** Queries of the list of processes: the visible processes that pass the filter, and the filter's choices. */
import { and, eq, sql } from "drizzle-orm";
import { municipalities, processAssignments, processes, requestPersons, requests, units, userRoles, users } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { assignedTo, involvesUnits, type Visibility, visibleProcesses } from "../store.ts";

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
  const surname = sql<string | null>`(select regexp_replace(btrim(p.name), '^.*\\s', '') from ${requestPersons} p
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
