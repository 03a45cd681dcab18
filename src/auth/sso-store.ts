import { and, eq, isNull, lt, sql } from "drizzle-orm";
import { municipalities, ssoPending, ssoSettings, userRoles, users } from "../db/schema/index.ts";
import type { Role } from "../platform/auth-types.ts";
import type { DbOrTx } from "../platform/database.ts";

/** Every municipality's SSO settings with the municipality's name, by name. */
export async function municipalityProviders(db: DbOrTx) {
  return db
    .select({
      municipalityId: ssoSettings.municipalityId,
      name: municipalities.name,
      issuer: ssoSettings.issuer,
      clientId: ssoSettings.clientId,
      clientSecret: ssoSettings.clientSecret,
      userClaim: ssoSettings.userClaim,
      groupsClaim: ssoSettings.groupsClaim,
      groupRoles: ssoSettings.groupRoles,
    })
    .from(ssoSettings)
    .innerJoin(municipalities, eq(municipalities.id, ssoSettings.municipalityId))
    .orderBy(municipalities.name);
}

export async function insertPending(db: DbOrTx, row: typeof ssoPending.$inferInsert): Promise<void> {
  await db.insert(ssoPending).values(row);
}

/** Started logins that never came back, a day after they began: nothing to keep. */
export async function deleteStalePending(db: DbOrTx, before: Date): Promise<void> {
  await db.delete(ssoPending).where(lt(ssoPending.createdAt, before));
}

/**
 * Takes a started login for its callback: marks it used and returns it, in one statement, so that
 * two callbacks with the same state (a replay, in any process) cannot both have it. Undefined when
 * it is unknown or was used before (`pendingExists` tells which).
 */
export async function takePending(db: DbOrTx, stateHash: string, now: Date) {
  const [row] = await db
    .update(ssoPending)
    .set({ usedAt: now })
    .where(and(eq(ssoPending.stateHash, stateHash), isNull(ssoPending.usedAt)))
    .returning();
  return row;
}

export async function pendingExists(db: DbOrTx, stateHash: string): Promise<boolean> {
  const [row] = await db.select({ stateHash: ssoPending.stateHash }).from(ssoPending).where(eq(ssoPending.stateHash, stateHash));
  return row !== undefined;
}

/** The user whose username is the claim's value (case does not matter), within a municipality when given. */
export async function findUserByUsername(db: DbOrTx, username: string, municipalityId: string | undefined) {
  const where = [sql`lower(${users.username}) = lower(${username})`];
  if (municipalityId) where.push(eq(users.municipalityId, municipalityId));
  const [row] = await db
    .select({ id: users.id, username: users.username, active: users.active, lockedAt: users.lockedAt })
    .from(users)
    .where(and(...where));
  return row;
}

export async function rolesOf(db: DbOrTx, userId: string): Promise<Role[]> {
  const rows = await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return rows.map((r) => r.role);
}

export async function replaceRoles(db: DbOrTx, userId: string, roles: readonly Role[]): Promise<void> {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  if (roles.length > 0) await db.insert(userRoles).values(roles.map((role) => ({ userId, role })));
  await db
    .update(users)
    .set({ updatedAt: new Date(), version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
}
