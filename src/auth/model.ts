/** Pure rules of logging in: password policy (with the common-password list), throttling, the input schemas. No I/O. */
import { z } from "zod";
import { isCommonPassword } from "../platform/passwords.ts";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** Returns a message key when the new password is not acceptable. */
export function passwordProblem(password: string, username?: string): string | null {
  if (password.length < PASSWORD_MIN) return "auth.password.tooShort";
  if (password.length > PASSWORD_MAX) return "auth.password.tooLong";
  if (isCommonPassword(password)) return "auth.password.common";
  if (username && password.toLowerCase().includes(username.toLowerCase())) return "auth.password.containsUsername";
  if (new Set(password).size < 5) return "auth.password.tooSimple";
  return null;
}

export interface ThrottleRule {
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

/** Per account: a guessed password is tried against one person. Per address: one client tries many. */
export const accountRule: ThrottleRule = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 };
export const addressRule: ThrottleRule = { maxFailures: 20, windowMinutes: 15, lockMinutes: 15 };

export interface ThrottleState {
  failures: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
}

/** Minutes left of a lock (rounded up), or 0 when logging in may be tried. */
export function lockedMinutes(state: Pick<ThrottleState, "lockedUntil"> | undefined, now: Date): number {
  if (!state?.lockedUntil || state.lockedUntil <= now) return 0;
  return Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000);
}

/** The state after one more failed attempt. */
export function afterFailure(state: ThrottleState | undefined, rule: ThrottleRule, now: Date): ThrottleState {
  const windowOver = !state || now.getTime() - state.windowStartedAt.getTime() > rule.windowMinutes * 60_000;
  const failures = windowOver ? 1 : state.failures + 1;
  const windowStartedAt = windowOver ? now : state.windowStartedAt;
  const lockedUntil = failures >= rule.maxFailures ? new Date(now.getTime() + rule.lockMinutes * 60_000) : null;
  return { failures, windowStartedAt, lockedUntil };
}

/** A control character (C0, DEL, C1), a Unicode line or paragraph separator, or a backslash. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
const NOT_IN_A_PATH = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\\]/;

/**
 * A path to return to after login or the language switch: only a path of this site, as the
 * browser will read it (issue 17 item 5). The raw value must be an absolute path without control
 * characters or backslashes (which the URL parser drops or turns into slashes: `/\t/evil.example`
 * is `//evil.example`), and the WHATWG URL parser must keep it on this origin, not starting `//`
 * after its normalisation; it is returned as the parser wrote it. Anything else, and the login and
 * logout pages, is the start page.
 */
export function safeReturnPath(value: unknown): string {
  const fallback = "/start";
  if (typeof value !== "string" || value.length > 2000 || !value.startsWith("/") || NOT_IN_A_PATH.test(value)) return fallback;
  let url: URL;
  try {
    url = new URL(value, "http://x");
  } catch {
    return fallback;
  }
  if (url.origin !== "http://x" || url.pathname.startsWith("//") || value.startsWith("//")) return fallback;
  const page = url.pathname.toLowerCase();
  if (page.startsWith("/logga-in") || page.startsWith("/logga-ut")) return fallback;
  // As the parser wrote it: other characters percent-encoded, so that the Location header takes it.
  return `${url.pathname}${url.search}${url.hash}`;
}

/**
 * What a login is made from; `login` validates it, the page decodes its form by it (decision 0035).
 * Text too long to be anyone's gets the generic answer, which reveals nothing.
 */
export const loginInput = z.object({
  username: z.string("auth.login.usernameRequired").trim().min(1, "auth.login.usernameRequired").max(200, "auth.login.failed"),
  password: z.string("auth.login.passwordRequired").min(1, "auth.login.passwordRequired").max(1000, "auth.login.failed"),
  next: z.string().optional(),
});

/** A new password through a one-time link (the link's token from its URL); `setPasswordWithLink` validates it. */
export const setPasswordInput = z.object({
  token: z.string(),
  password: z.string("auth.password.tooShort"),
  confirm: z.string("auth.password.mismatch"),
});
