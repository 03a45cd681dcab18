/** Queries of the team: the people one can assign with their load, a person's open assignments, and writing an assignment. */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { processAssignments, processes, requests, units, userRoles, users, userUnits } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";

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
