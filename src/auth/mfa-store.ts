import { and, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { mfaRecoveryCodes, municipalities, userMfa, userRoles, users } from "../db/schema/index.ts";
import { type DbOrTx, rows } from "../platform/database.ts";

export async function mfaOf(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(userMfa).where(eq(userMfa.userId, userId));
  return row;
}

/** Whether one of the user's roles is among those their municipality requires a second factor of. */
export async function mfaRequired(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await rows<{ required: boolean }>(
    db,
    sql`select exists (
      select 1 from ${users} u
      join ${municipalities} m on m.id = u.municipality_id
      join ${userRoles} r on r.user_id = u.id
      where u.id = ${userId} and r.role = any(m.mfa_required_roles)
    ) as required`,
  );
  return row?.required ?? false;
}

export async function userForMfa(db: DbOrTx, userId: string) {
  const [row] = await db
    .select({ id: users.id, username: users.username, active: users.active, lockedAt: users.lockedAt })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

/** A new secret waiting for its first code; replaces an earlier unconfirmed one, never a confirmed one. */
export async function savePendingSecret(db: DbOrTx, userId: string, secret: string, now: Date): Promise<boolean> {
  const saved = await db
    .insert(userMfa)
    .values({ userId, secret, createdAt: now })
    .onConflictDoUpdate({ target: userMfa.userId, set: { secret, createdAt: now, lastUsedStep: null }, where: isNull(userMfa.confirmedAt) })
    .returning({ userId: userMfa.userId });
  return saved.length > 0;
}

/** Confirms the pending secret with the step of its first code; false when it was confirmed meanwhile. */
export async function confirmSecret(db: DbOrTx, userId: string, step: number, now: Date): Promise<boolean> {
  const done = await db
    .update(userMfa)
    .set({ confirmedAt: now, lastUsedStep: step })
    .where(and(eq(userMfa.userId, userId), isNull(userMfa.confirmedAt)))
    .returning({ userId: userMfa.userId });
  return done.length > 0;
}

/**
 * Takes a code's step as used when it is later than every step accepted before, in one statement:
 * of two requests with the same code (two processes), only one gets true.
 */
export async function useStep(db: DbOrTx, userId: string, step: number): Promise<boolean> {
  const used = await db
    .update(userMfa)
    .set({ lastUsedStep: step })
    .where(
      and(eq(userMfa.userId, userId), isNotNull(userMfa.confirmedAt), or(isNull(userMfa.lastUsedStep), lt(userMfa.lastUsedStep, step))),
    )
    .returning({ userId: userMfa.userId });
  return used.length > 0;
}

export async function replaceRecoveryCodes(db: DbOrTx, userId: string, hashes: string[]): Promise<void> {
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  if (hashes.length > 0) await db.insert(mfaRecoveryCodes).values(hashes.map((codeHash) => ({ userId, codeHash })));
}

export async function unusedRecoveryCodes(db: DbOrTx, userId: string) {
  return db
    .select({ id: mfaRecoveryCodes.id, codeHash: mfaRecoveryCodes.codeHash })
    .from(mfaRecoveryCodes)
    .where(and(eq(mfaRecoveryCodes.userId, userId), isNull(mfaRecoveryCodes.usedAt)));
}

/** Marks a recovery code used; false when another request used it first. */
export async function useRecoveryCode(db: DbOrTx, id: string, now: Date): Promise<boolean> {
  const used = await db
    .update(mfaRecoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(mfaRecoveryCodes.id, id), isNull(mfaRecoveryCodes.usedAt)))
    .returning({ id: mfaRecoveryCodes.id });
  return used.length > 0;
}

export async function countUnusedRecoveryCodes(db: DbOrTx, userId: string): Promise<number> {
  return (await unusedRecoveryCodes(db, userId)).length;
}

/** Removes the user's second factor (an administrator's reset): the next login enrols again. */
export async function removeMfa(db: DbOrTx, userId: string): Promise<boolean> {
  await db.delete(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, userId));
  const removed = await db.delete(userMfa).where(eq(userMfa.userId, userId)).returning({ userId: userMfa.userId });
  return removed.length > 0;
}
