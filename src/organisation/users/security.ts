/**
 * An administrator's hold on a user's sign-ins (decision 0060): end all their sessions, lock the
 * account (no login, no API token, every session ended) and unlock it, and remove their second
 * factor after a lost phone. Each is audited; a user outside the administrator's scope is refused
 * and security-logged, as for every use case on a user.
 */
import { hasSecondFactor, removeSecondFactor } from "../../auth/index.ts";
import { audit } from "../../platform/audit.ts";
import { type Authorized, authorize, logSecurityEvent, type ServiceContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/database.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../platform/errors.ts";
import type { SessionStore } from "../../platform/sessions.ts";
import { isUuid, withinScope } from "../model.ts";
import * as store from "../store.ts";

export interface UserSignIns {
  lockedAt: Date | null;
  mfaEnrolled: boolean;
  activeSessions: number;
}

class OutOfScope extends ForbiddenError {
  constructor(readonly userId: string) {
    super("users.manage");
  }
}

async function managed<T>(ctx: ServiceContext, id: string, work: (tx: Tx, user: store.UserRow, authorized: Authorized) => Promise<T>) {
  const authorized = await authorize(ctx, "users.manage");
  try {
    return await ctx.db.transaction(async (tx) => {
      const found = isUuid(id) ? await store.user(tx, authorized.actor.municipalityId, id) : undefined;
      if (!found) throw new NotFoundError();
      if (!withinScope(authorized.scope, authorized.actor, { id: found.id, unitIds: found.units.map((u) => u.id) }))
        throw new OutOfScope(id);
      return work(tx, found, authorized);
    });
  } catch (e) {
    if (e instanceof OutOfScope) await logSecurityEvent(ctx, "scope_denied", "users.manage", { userId: e.userId });
    throw e;
  }
}

/** What the user page shows of a user's sign-ins, for an administrator (the page's own audit row covers the user). */
export async function userSignIns(ctx: ServiceContext, id: string): Promise<UserSignIns> {
  return managed(ctx, id, async (tx, user) => ({
    lockedAt: await store.lockedAt(tx, user.id),
    mfaEnrolled: await hasSecondFactor(tx, user.id),
    activeSessions: await store.activeSessionCount(tx, user.id, ctx.clock.now()),
  }));
}

/** Ends every session of the user (they must log in again); audited with how many ended. */
export async function endUserSessions(ctx: ServiceContext, sessions: SessionStore, id: string): Promise<number> {
  return managed(ctx, id, async (tx, user) => {
    const ended = await sessions.endAllForUser(tx, user.id);
    await audit(tx, ctx, { action: "user.sessions_end", recordType: "user", recordId: user.id, subjectUserId: user.id, detail: { ended } });
    return ended;
  });
}

/**
 * Locks or unlocks the account. A locked user cannot log in (the login answers as for a wrong
 * password) and their API tokens stop working; locking ends every session. One's own account
 * cannot be locked.
 */
export async function setUserLocked(ctx: ServiceContext, sessions: SessionStore, id: string, locked: boolean): Promise<void> {
  await managed(ctx, id, async (tx, user, { actor }) => {
    if (locked && actor.id === user.id) throw new ConflictError("org.user.cannotLockSelf");
    const changed = await store.setLocked(tx, user.id, locked ? ctx.clock.now() : null);
    if (!changed) return;
    const ended = locked ? await sessions.endAllForUser(tx, user.id) : 0;
    await audit(tx, ctx, {
      action: locked ? "user.lock" : "user.unlock",
      recordType: "user",
      recordId: user.id,
      subjectUserId: user.id,
      ...(locked ? { detail: { sessionsEnded: ended } } : {}),
    });
  });
}

/** Removes the user's second factor and recovery codes (a lost phone): they enrol again when their role requires it. */
export async function resetUserMfa(ctx: ServiceContext, id: string): Promise<void> {
  await managed(ctx, id, async (tx, user) => {
    if (!(await removeSecondFactor(tx, user.id))) return;
    await audit(tx, ctx, { action: "user.mfa_reset", recordType: "user", recordId: user.id, subjectUserId: user.id });
  });
}
