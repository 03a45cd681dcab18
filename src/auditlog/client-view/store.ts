/** Queries of the log review by client: the person asked about, and every row about them with the actor's assignment then. */
import { and, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { auditLog, processAssignments, processes, requestPersons, requests, units, users } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { openIdentityNumber } from "../../platform/identity-crypto.ts";
import { TIME_ZONE } from "../model.ts";
import { aboutSubject } from "../store.ts";

/** The family member asked about, if they belong to the municipality. */
export async function findPerson(db: DbOrTx, municipalityId: string, personId: string) {
  const [row] = await db
    .select({
      id: requestPersons.id,
      kind: requestPersons.kind,
      name: requestPersons.name,
      identityNumberSealed: requestPersons.identityNumberSealed,
      birthDate: requestPersons.birthDate,
      requestId: requests.id,
      requestDate: requests.requestDate,
    })
    .from(requestPersons)
    .innerJoin(requests, eq(requests.id, requestPersons.requestId))
    .where(and(eq(requestPersons.id, personId), eq(requests.municipalityId, municipalityId)));
  if (!row) return undefined;
  const { identityNumberSealed, ...rest } = row;
  return { ...rest, identityNumber: openIdentityNumber(identityNumberSealed) };
}
export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPerson>>>;

const actor = alias(users, "client_actor");

/** The day in Sweden of the row, for the assignments (dates). */
const dayOf = sql`(${auditLog.at} at time zone ${TIME_ZONE})::date`;

/**
 * Every audit row about the person (the single subject or one of those a view showed), newest
 * first, with the actor's assignments to the family's process on that day, whether the actor
 * registered the request, and the names of the actor's units then (`actor_unit_ids`).
 */
export function personRows(db: DbOrTx, person: PersonRow, limit: number) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorUserId: auditLog.actorUserId,
      actorUsername: auditLog.actorUsername,
      actorDisplayName: actor.displayName,
      actorRoles: auditLog.actorRoles,
      apiTokenId: auditLog.apiTokenId,
      action: auditLog.action,
      reason: auditLog.reason,
      assignments: sql<string[]>`array(select distinct a.role from ${processAssignments} a join ${processes} pr on pr.id = a.process_id
        where pr.request_id = ${person.requestId} and a.user_id = ${auditLog.actorUserId}
        and a.assigned_on <= ${dayOf} and (a.ended_on is null or a.ended_on >= ${dayOf}) order by a.role)`,
      registered: sql<boolean>`exists (select 1 from ${requests} r where r.id = ${person.requestId} and r.registered_by = ${auditLog.actorUserId})`,
      unitNames: sql<string[]>`array(select u.name from ${units} u where u.id = any(${auditLog.actorUnitIds}) order by u.name)`,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorUserId))
    .where(aboutSubject("person", person.id))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
export type PersonLogRow = Awaited<ReturnType<typeof personRows>>[number];

export async function countPersonRows(db: DbOrTx, personId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(aboutSubject("person", personId));
  return row?.n ?? 0;
}
