import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { loginThrottle, passwordTokens, users } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import type { ThrottleState } from "./model.ts";

export async function findUserForLogin(db: DbOrTx, username: string) {
  const [row] = await db
    .select({ id: users.id, username: users.username, passwordHash: users.passwordHash, active: users.active, lockedAt: users.lockedAt })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`);
  return row;
}

export async function readThrottle(db: DbOrTx, key: string): Promise<ThrottleState | undefined> {
  const [row] = await db.select().from(loginThrottle).where(eq(loginThrottle.key, key));
  return row;
}

export async function writeThrottle(db: DbOrTx, key: string, state: ThrottleState): Promise<void> {
  await db
    .insert(loginThrottle)
    .values({ key, ...state })
    .onConflictDoUpdate({ target: loginThrottle.key, set: { ...state } });
}

export async function clearThrottle(db: DbOrTx, key: string): Promise<void> {
  await db.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

export async function insertPasswordToken(db: DbOrTx, row: typeof passwordTokens.$inferInsert): Promise<void> {
  await db.insert(passwordTokens).values(row);
}

/** Marks an unused token that has not expired by `now` used and returns its user; undefined when it cannot be used. */
export async function consumePasswordToken(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordTokens.tokenHash, tokenHash), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)))
    .returning({ userId: passwordTokens.userId });
  return row;
}

export async function findUsablePasswordToken(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ userId: passwordTokens.userId, username: users.username, displayName: users.displayName })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(
      and(
        eq(passwordTokens.tokenHash, tokenHash),
        isNull(passwordTokens.usedAt),
        gt(passwordTokens.expiresAt, now),
        eq(users.active, true),
      ),
    );
  return row;
}

/** Earlier unused links of the user stop working when a new one is made. */
export async function expireOpenPasswordTokens(db: DbOrTx, userId: string, now: Date): Promise<void> {
  await db
    .update(passwordTokens)
    .set({ expiresAt: now })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
}

export async function setPasswordHash(db: DbOrTx, userId: string, passwordHash: string): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, updatedAt: new Date(), version: sql`${users.version} + 1` })
    .where(eq(users.id, userId));
}
