import { and, eq, inArray, sql } from "drizzle-orm";
import { units, userRoles, users, userUnits } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";

export async function unitsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: units.id, name: units.name, kind: units.kind }).from(units).where(inArray(units.id, ids));
}

/** Active colleagues in the given units, with their roles. */
export async function colleaguesInUnits(db: DbOrTx, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db
    .select({
      id: users.id,
      displayName: users.displayName,
      unitId: userUnits.unitId,
      // Spelled out: inside a subquery drizzle prints ${users.id} as a bare "id".
      roles: sql<string[]>`coalesce((select array_agg(r.role::text order by r.role)
        from ${userRoles} r where r.user_id = "users"."id"), '{}')`,
    })
    .from(users)
    .innerJoin(userUnits, eq(userUnits.userId, users.id))
    .where(and(inArray(userUnits.unitId, unitIds), eq(users.active, true)));
}

export async function unitCountsByKind(db: DbOrTx, municipalityId: string) {
  return db
    .select({ kind: units.kind, n: sql<number>`count(*)::int` })
    .from(units)
    .where(and(eq(units.municipalityId, municipalityId), eq(units.active, true)))
    .groupBy(units.kind);
}

export async function activeUserCountsByRole(db: DbOrTx, municipalityId: string) {
  return db
    .select({ role: userRoles.role, n: sql<number>`count(*)::int` })
    .from(userRoles)
    .innerJoin(users, eq(users.id, userRoles.userId))
    .where(and(eq(users.municipalityId, municipalityId), eq(users.active, true)))
    .groupBy(userRoles.role);
}
