import type { z } from "zod";
import { audit } from "../platform/audit.ts";
import type { Clock } from "../platform/clock.ts";
import { authorize, logSecurityEvent, type ServiceContext } from "../platform/context.ts";
import type { DbOrTx } from "../platform/database.ts";
import { parseOrThrow, ValidationError } from "../platform/errors.ts";
import { hashPassword, verifyPassword } from "../platform/passwords.ts";
import { randomToken, type SessionStore, sha256 } from "../platform/sessions.ts";
import { completePasswordLogin, type PasswordLoginResult } from "./mfa-service.ts";
import { accountRule, addressRule, afterFailure, lockedMinutes, loginInput, passwordProblem, setPasswordInput } from "./model.ts";
import * as store from "./store.ts";

export type LoginResult = PasswordLoginResult | { ok: false; messageKey: "auth.login.failed" | "auth.login.throttled"; minutes?: number };

/**
 * Local login. Throttled per account and per address; the answer never tells whether the account
 * exists. Success starts a new session (new id) and is audited; failures go to the security log.
 */
export async function login(ctx: ServiceContext, sessions: SessionStore, posted: z.input<typeof loginInput>): Promise<LoginResult> {
  // A form not filled in is refused before anything is tried: no throttling, no security-log row.
  const input = parseOrThrow(loginInput, posted);
  const now = ctx.clock.now();
  const accountKey = `account:${input.username.toLowerCase()}`;
  const addressKey = `address:${ctx.ip}`;
  const [accountState, addressState] = await Promise.all([store.readThrottle(ctx.db, accountKey), store.readThrottle(ctx.db, addressKey)]);
  const locked = Math.max(lockedMinutes(accountState, now), lockedMinutes(addressState, now));
  if (locked > 0) {
    await logSecurityEvent(ctx, "login_throttled", undefined, undefined, input.username);
    return { ok: false, messageKey: "auth.login.throttled", minutes: locked };
  }

  const user = await store.findUserForLogin(ctx.db, input.username);
  // A locked account (decision 0060) gets the same answer as a wrong password.
  const valid = await verifyPassword(user?.active && !user.lockedAt ? user.passwordHash : null, input.password);
  if (!user || !valid) {
    await ctx.db.transaction(async (tx) => {
      await store.writeThrottle(tx, accountKey, afterFailure(accountState, accountRule, now));
      await store.writeThrottle(tx, addressKey, afterFailure(addressState, addressRule, now));
    });
    await logSecurityEvent(ctx, "login_failed", undefined, undefined, input.username);
    return { ok: false, messageKey: "auth.login.failed" };
  }

  // A full session, or a half-session for the second factor (mfa-service.ts).
  return completePasswordLogin(ctx, sessions, user);
}

export async function logout(ctx: ServiceContext, sessions: SessionStore, token: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    await sessions.end(tx, token);
    if (ctx.actor) await audit(tx, ctx, { action: "auth.logout", recordType: "user", recordId: ctx.actor.id, subjectUserId: ctx.actor.id });
  });
}

const LINK_VALID_HOURS = 72;

/**
 * An administrator makes a one-time link for a user to set a new password. Earlier open links stop
 * working. The token is shown once and stored only as a hash.
 */
export async function createPasswordLink(ctx: ServiceContext, userId: string): Promise<{ token: string; expiresAt: Date }> {
  const { actor } = await authorize(ctx, "users.manage");
  return ctx.db.transaction((tx) => issuePasswordLink(tx, ctx, actor.id, userId));
}

/**
 * The link itself, inside the caller's transaction (creating a user and their first link commit
 * together). The caller has already checked `users.manage`.
 */
export async function issuePasswordLink(
  tx: DbOrTx,
  ctx: ServiceContext,
  createdBy: string,
  userId: string,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_VALID_HOURS * 3_600_000);
  await store.expireOpenPasswordTokens(tx, userId, now);
  await store.insertPasswordToken(tx, { tokenHash: sha256(token), userId, createdBy, expiresAt });
  await audit(tx, ctx, { action: "user.password_link", recordType: "user", recordId: userId, subjectUserId: userId });
  return { token, expiresAt };
}

/**
 * The first administrator's one-time link on a fresh installation without demo data (src/main.ts
 * prints it): nobody is logged in yet to issue one. Valid for 24 hours. Returns the token.
 */
export async function issueFirstPasswordLink(db: DbOrTx, userId: string, clock: Clock): Promise<string> {
  const token = randomToken();
  await store.insertPasswordToken(db, { tokenHash: sha256(token), userId, expiresAt: new Date(clock.now().getTime() + 24 * 3_600_000) });
  return token;
}

/** Who a one-time link is for, without using it up; undefined when it is unknown, used or expired. */
export async function passwordLinkTarget(ctx: ServiceContext, token: string) {
  return store.findUsablePasswordToken(ctx.db, sha256(token), ctx.clock.now());
}

/**
 * Sets the password through a one-time link: the link is used up, every session of the user ends,
 * and the change is audited, all in one transaction.
 */
export async function setPasswordWithLink(
  ctx: ServiceContext,
  sessions: SessionStore,
  posted: z.input<typeof setPasswordInput>,
): Promise<"done" | "invalid_link"> {
  const input = parseOrThrow(setPasswordInput, posted);
  const target = await store.findUsablePasswordToken(ctx.db, sha256(input.token), ctx.clock.now());
  if (!target) return "invalid_link";
  const problem = passwordProblem(input.password, target.username);
  if (problem) throw new ValidationError({ password: problem });
  if (input.password !== input.confirm) throw new ValidationError({ confirm: "auth.password.mismatch" });
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    const used = await store.consumePasswordToken(tx, sha256(input.token), ctx.clock.now());
    if (!used) return "invalid_link" as const;
    await store.setPasswordHash(tx, used.userId, passwordHash);
    await sessions.endAllForUser(tx, used.userId);
    await store.clearThrottle(tx, `account:${target.username.toLowerCase()}`);
    await audit(tx, ctx, { action: "user.password_set", recordType: "user", recordId: used.userId, subjectUserId: used.userId });
    return "done" as const;
  });
}
