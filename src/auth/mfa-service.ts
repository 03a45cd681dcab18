/**
 * The second factor (decision 0060): enrolment, the login's second step after a correct password,
 * recovery codes. A user with a confirmed secret, or of a role the municipality requires it of,
 * gets a half-session after the password (sessions.stage `mfa` or `enrol`) that can do nothing but
 * this step; the code turns it into a full session with a new token.
 */
import QRCode from "qrcode";
import type { z } from "zod";
import { audit } from "../platform/audit.ts";
import { authorize, logSecurityEvent, type ServiceContext } from "../platform/context.ts";
import type { DbOrTx } from "../platform/database.ts";
import { ConflictError, parseOrThrow, UnauthenticatedError, ValidationError } from "../platform/errors.ts";
import { hashPassword, verifyPassword } from "../platform/passwords.ts";
import { loadActor, type SessionStage, type SessionStore } from "../platform/sessions.ts";
import {
  compactCode,
  groupedSecret,
  mfaCodeInput,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  totpStep,
  totpUri,
} from "./mfa-model.ts";
import * as mfaStore from "./mfa-store.ts";
import { accountRule, addressRule, afterFailure, lockedMinutes } from "./model.ts";
import * as store from "./store.ts";

/** A half-session's user and what they must still do. */
export interface PendingLogin {
  userId: string;
  stage: "mfa" | "enrol";
}

export type PasswordLoginResult = { ok: true; token: string; userId: string; step?: "mfa" | "enrol" };

/**
 * After a correct password: a full session for a user without a second factor who needs none;
 * otherwise a half-session for the code (`mfa`) or for enrolling (`enrol`). The account's failure
 * count is cleared only when the login is complete, so that the password cannot reset the count
 * of wrong codes.
 */
export async function completePasswordLogin(
  ctx: ServiceContext,
  sessions: SessionStore,
  user: { id: string; username: string },
): Promise<PasswordLoginResult> {
  const [mfa, required] = await Promise.all([mfaStore.mfaOf(ctx.db, user.id), mfaStore.mfaRequired(ctx.db, user.id)]);
  const stage: SessionStage = mfa?.confirmedAt ? "mfa" : required ? "enrol" : "full";
  return ctx.db.transaction(async (tx) => {
    if (stage !== "mfa") await store.clearThrottle(tx, accountKeyOf(user.username));
    const { token } = await sessions.create(tx, user.id, ctx.ip, { userAgent: ctx.userAgent, stage });
    if (stage === "full") await auditLogin(tx, ctx, user.id, undefined);
    return { ok: true as const, token, userId: user.id, ...(stage === "full" ? {} : { step: stage }) };
  });
}

const accountKeyOf = (username: string) => `account:${username.toLowerCase()}`;

async function auditLogin(tx: DbOrTx, ctx: ServiceContext, userId: string, mfa: "totp" | "recovery_code" | "enrolled" | undefined) {
  await audit(
    tx,
    { ...ctx, actor: await loadActor(tx, userId) },
    { action: "auth.login", recordType: "user", recordId: userId, subjectUserId: userId, ...(mfa ? { detail: { mfa } } : {}) },
  );
}

export type MfaLoginResult =
  | { ok: true; token: string }
  | { ok: false; messageKey: "auth.mfa.wrongCode" | "auth.login.throttled" | "auth.mfa.expired"; minutes?: number };

/**
 * The login's second step: the code from the app (or a recovery code, once). A wrong code counts
 * toward the lockout like a wrong password (per account and per address), is audited and
 * security-logged as `auth.mfa_failed`; a code whose step was already used is refused (no replay).
 */
export async function verifyLoginCode(
  ctx: ServiceContext,
  sessions: SessionStore,
  token: string,
  pending: PendingLogin,
  posted: z.input<typeof mfaCodeInput>,
): Promise<MfaLoginResult> {
  const input = parseOrThrow(mfaCodeInput, posted);
  const now = ctx.clock.now();
  const user = await mfaStore.userForMfa(ctx.db, pending.userId);
  const mfa = await mfaStore.mfaOf(ctx.db, pending.userId);
  if (!user?.active || user.lockedAt || !mfa?.confirmedAt) {
    await sessions.end(ctx.db, token);
    return { ok: false, messageKey: "auth.mfa.expired" };
  }
  const accountKey = accountKeyOf(user.username);
  const addressKey = `address:${ctx.ip}`;
  const [accountState, addressState] = await Promise.all([store.readThrottle(ctx.db, accountKey), store.readThrottle(ctx.db, addressKey)]);
  const locked = Math.max(lockedMinutes(accountState, now), lockedMinutes(addressState, now));
  if (locked > 0) {
    await logSecurityEvent(ctx, "login_throttled", undefined, { step: "mfa" }, user.username);
    return { ok: false, messageKey: "auth.login.throttled", minutes: locked };
  }

  const typed = compactCode(input.code);
  const step = totpStep(mfa.secret, typed, now);
  let method: "totp" | "recovery_code" | undefined;
  let reason = "wrong_code";
  if (step !== null) {
    if (await mfaStore.useStep(ctx.db, user.id, step)) method = "totp";
    else reason = "replayed_code";
  } else {
    const recovery = normaliseRecoveryCode(input.code);
    if (recovery) {
      for (const candidate of await mfaStore.unusedRecoveryCodes(ctx.db, user.id)) {
        if ((await verifyPassword(candidate.codeHash, recovery)) && (await mfaStore.useRecoveryCode(ctx.db, candidate.id, now))) {
          method = "recovery_code";
          break;
        }
      }
    }
  }

  if (!method) {
    await ctx.db.transaction(async (tx) => {
      await store.writeThrottle(tx, accountKey, afterFailure(accountState, accountRule, now));
      await store.writeThrottle(tx, addressKey, afterFailure(addressState, addressRule, now));
      await audit(
        tx,
        { ...ctx, actor: await loadActor(tx, user.id) },
        { action: "auth.mfa_failed", recordType: "user", recordId: user.id, subjectUserId: user.id, detail: { reason } },
      );
    });
    await logSecurityEvent(ctx, "auth.mfa_failed", undefined, { reason }, user.username);
    const after = afterFailure(accountState, accountRule, now);
    const minutes = Math.max(lockedMinutes(after, now), lockedMinutes(afterFailure(addressState, addressRule, now), now));
    return minutes > 0 ? { ok: false, messageKey: "auth.login.throttled", minutes } : { ok: false, messageKey: "auth.mfa.wrongCode" };
  }

  return ctx.db.transaction(async (tx) => {
    const upgraded = await sessions.upgrade(tx, token, ctx.ip);
    if (!upgraded) return { ok: false as const, messageKey: "auth.mfa.expired" as const };
    await store.clearThrottle(tx, accountKey);
    await auditLogin(tx, ctx, user.id, method);
    return { ok: true as const, token: upgraded.token };
  });
}

/** Who enrols: the signed-in user, or the user of a half-session that must enrol before anything else. */
async function enrollingUser(ctx: ServiceContext, pending: PendingLogin | null): Promise<{ userId: string; username: string }> {
  if (ctx.actor) {
    const { actor } = await authorize(ctx, "account.manage_own");
    return { userId: actor.id, username: actor.username };
  }
  if (pending?.stage === "enrol") {
    const user = await mfaStore.userForMfa(ctx.db, pending.userId);
    if (user?.active && !user.lockedAt) return { userId: user.id, username: user.username };
  }
  throw new UnauthenticatedError();
}

export interface Enrolment {
  /** Already enrolled: nothing to show (the secret is never shown again). */
  enrolled: boolean;
  secret?: string;
  /** The QR code's SVG markup (qrcode's own output from our otpauth:// address, no user input but the username). */
  qr?: string;
}

/**
 * Starts (or starts again) enrolment: a new secret, shown as a QR code and as text until the user
 * confirms it with a first code. A user already enrolled gets nothing: the secret is never shown again.
 */
export async function beginEnrolment(ctx: ServiceContext, pending: PendingLogin | null): Promise<Enrolment> {
  const { userId, username } = await enrollingUser(ctx, pending);
  const current = await mfaStore.mfaOf(ctx.db, userId);
  if (current?.confirmedAt) return { enrolled: true };
  const secret = newTotpSecret();
  if (!(await mfaStore.savePendingSecret(ctx.db, userId, secret, ctx.clock.now()))) return { enrolled: true };
  return showEnrolment(secret, username);
}

async function showEnrolment(secret: string, username: string): Promise<Enrolment> {
  const qr = await QRCode.toString(totpUri(secret, username), { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { enrolled: false, secret: groupedSecret(secret), qr };
}

/** The pending secret again, for the form shown once more after a wrong first code. */
export async function pendingEnrolment(ctx: ServiceContext, pending: PendingLogin | null): Promise<Enrolment> {
  const { userId, username } = await enrollingUser(ctx, pending);
  const current = await mfaStore.mfaOf(ctx.db, userId);
  if (!current || current.confirmedAt) return beginEnrolment(ctx, pending);
  return showEnrolment(current.secret, username);
}

/**
 * Confirms enrolment with the first code: the secret counts from now, ten recovery codes are made
 * (returned once, stored as argon2 hashes) and, for a half-session, the login is complete (a new
 * full session). A wrong code is a field error; nothing changes.
 */
export async function confirmEnrolment(
  ctx: ServiceContext,
  sessions: SessionStore,
  token: string | null,
  pending: PendingLogin | null,
  posted: z.input<typeof mfaCodeInput>,
): Promise<{ recoveryCodes: string[]; token?: string }> {
  const input = parseOrThrow(mfaCodeInput, posted);
  const { userId, username } = await enrollingUser(ctx, pending);
  const current = await mfaStore.mfaOf(ctx.db, userId);
  if (!current || current.confirmedAt) throw new ConflictError("auth.mfa.alreadyEnrolled");
  const step = totpStep(current.secret, compactCode(input.code), ctx.clock.now());
  if (step === null) throw new ValidationError({ code: "auth.mfa.wrongCode" });
  const codes = newRecoveryCodes();
  const hashes = await Promise.all(codes.map((c) => hashPassword(c)));
  return ctx.db.transaction(async (tx) => {
    if (!(await mfaStore.confirmSecret(tx, userId, step, ctx.clock.now()))) throw new ConflictError("auth.mfa.alreadyEnrolled");
    await mfaStore.replaceRecoveryCodes(tx, userId, hashes);
    const who = ctx.actor ?? (await loadActor(tx, userId));
    await audit(tx, { ...ctx, actor: who }, { action: "auth.mfa_enrolled", recordType: "user", recordId: userId, subjectUserId: userId });
    if (ctx.actor || !token) return { recoveryCodes: codes };
    const upgraded = await sessions.upgrade(tx, token, ctx.ip);
    if (!upgraded) throw new UnauthenticatedError();
    await store.clearThrottle(tx, accountKeyOf(username));
    await auditLogin(tx, ctx, userId, "enrolled");
    return { recoveryCodes: codes, token: upgraded.token };
  });
}

export interface MfaStatus {
  enrolled: boolean;
  enrolledAt: Date | null;
  required: boolean;
  recoveryCodesLeft: number;
}

/** The signed-in user's own second factor, for the account page. Their own data: not audited. */
export async function mfaStatus(ctx: ServiceContext): Promise<MfaStatus> {
  const { actor } = await authorize(ctx, "account.manage_own");
  const [mfa, required, left] = await Promise.all([
    mfaStore.mfaOf(ctx.db, actor.id),
    mfaStore.mfaRequired(ctx.db, actor.id),
    mfaStore.countUnusedRecoveryCodes(ctx.db, actor.id),
  ]);
  return { enrolled: Boolean(mfa?.confirmedAt), enrolledAt: mfa?.confirmedAt ?? null, required, recoveryCodesLeft: left };
}

/**
 * An administrator removes a user's second factor (a lost phone without recovery codes): the
 * user enrols again at their next login when their role requires it. Inside the caller's
 * transaction; the caller has checked `users.manage` and audits.
 */
export async function removeSecondFactor(tx: DbOrTx, userId: string): Promise<boolean> {
  return mfaStore.removeMfa(tx, userId);
}

/** Whether a user has a confirmed second factor (the user page shows it). */
export async function hasSecondFactor(db: DbOrTx, userId: string): Promise<boolean> {
  return Boolean((await mfaStore.mfaOf(db, userId))?.confirmedAt);
}
