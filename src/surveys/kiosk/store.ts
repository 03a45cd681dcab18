/** Kiosk sessions: the session row, its turns (kiosk invitations), the login session's lock, and the exit throttle. */
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import { loginThrottle, sessions, surveyInvitations, surveyKioskSessions, users } from "../../db/schema/index.ts";
import type { DbOrTx } from "../../platform/database.ts";
import { sha256 } from "../../platform/sessions.ts";
import type { Invitation } from "../links/index.ts";

export type KioskSessionRow = typeof surveyKioskSessions.$inferSelect;

export async function insertSession(db: DbOrTx, values: typeof surveyKioskSessions.$inferInsert): Promise<KioskSessionRow> {
  const [row] = await db.insert(surveyKioskSessions).values(values).returning();
  if (!row) throw new Error("insert returned nothing");
  return row;
}

/** A kiosk session that has not ended; undefined once it has. */
export async function findOpenSession(db: DbOrTx, id: string): Promise<KioskSessionRow | undefined> {
  const [row] = await db
    .select()
    .from(surveyKioskSessions)
    .where(and(eq(surveyKioskSessions.id, id), isNull(surveyKioskSessions.endedAt)));
  return row;
}

export async function lockOpenSession(db: DbOrTx, id: string): Promise<KioskSessionRow | undefined> {
  const [row] = await db
    .select()
    .from(surveyKioskSessions)
    .where(and(eq(surveyKioskSessions.id, id), isNull(surveyKioskSessions.endedAt)))
    .for("update");
  return row;
}

export async function endSession(db: DbOrTx, id: string): Promise<void> {
  await db.update(surveyKioskSessions).set({ endedAt: sql`now()` }).where(eq(surveyKioskSessions.id, id));
}

/** The turns of a kiosk session, in order. */
export function turnsOf(db: DbOrTx, kioskSessionId: string): Promise<Invitation[]> {
  return db
    .select()
    .from(surveyInvitations)
    .where(eq(surveyInvitations.kioskSessionId, kioskSessionId))
    .orderBy(asc(surveyInvitations.position));
}

export async function turnAt(db: DbOrTx, kioskSessionId: string, position: number): Promise<Invitation | undefined> {
  const [row] = await db
    .select()
    .from(surveyInvitations)
    .where(and(eq(surveyInvitations.kioskSessionId, kioskSessionId), eq(surveyInvitations.position, position)));
  return row;
}

/** A skipped turn (or every open turn when the kiosk ends) expires `now`: it can no longer be answered. */
export async function expireOpenTurns(db: DbOrTx, kioskSessionId: string, now: Date, position?: number): Promise<void> {
  await db
    .update(surveyInvitations)
    .set({ expiresAt: now })
    .where(
      and(
        eq(surveyInvitations.kioskSessionId, kioskSessionId),
        isNull(surveyInvitations.usedAt),
        gt(surveyInvitations.expiresAt, now),
        position === undefined ? undefined : eq(surveyInvitations.position, position),
      ),
    );
}

/** Locks (or, with null, unlocks) the staff member's login session to the kiosk; only their own session. */
export async function setLoginSessionKiosk(
  db: DbOrTx,
  sessionToken: string,
  userId: string,
  kioskSessionId: string | null,
): Promise<boolean> {
  const rows = await db
    .update(sessions)
    .set({ kioskSessionId })
    .where(and(eq(sessions.tokenHash, sha256(sessionToken)), eq(sessions.userId, userId)))
    .returning({ userId: sessions.userId });
  return rows.length === 1;
}

export async function passwordHashOf(db: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.active, true)));
  return row?.passwordHash ?? null;
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
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
