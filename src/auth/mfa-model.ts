/**
 * Pure rules of the second factor (decision 0060): TOTP codes (RFC 6238 through otpauth), the
 * recovery codes, and the input schema of the code form. No I/O.
 */
import crypto from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { z } from "zod";

/** Six digits, a new one every 30 seconds: what every authenticator app makes by default. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** A code of the step before or after now is accepted too (the phone's clock may be off a little). */
export const TOTP_WINDOW = 1;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = "Sofia";

/** A new random secret (160 bits, as RFC 4226 recommends), in base32 as the apps take it. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

function totpOf(secret: string, label = ""): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: label || ISSUER,
    algorithm: "SHA1",
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** The otpauth:// address the QR code carries: the app reads issuer, account name and secret from it. */
export function totpUri(secret: string, username: string): string {
  return totpOf(secret, username).toString();
}

/** The secret as it is typed into an app by hand: groups of four. */
export function groupedSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, "$1 ");
}

/** The 30-second step an instant falls in. */
export const stepAt = (at: Date): number => Math.floor(at.getTime() / 1000 / TOTP_PERIOD_SECONDS);

/**
 * The step of a code that is right at `now` (within the window), or null. The caller refuses a
 * step it has already accepted (no replay).
 */
export function totpStep(secret: string, code: string, now: Date): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secret).validate({ token: code, timestamp: now.getTime(), window: TOTP_WINDOW });
  return delta === null ? null : stepAt(now) + delta;
}

/** The code an app shows at `at` (the tests compute the codes a user would type). */
export function totpCodeAt(secret: string, at: Date): string {
  return totpOf(secret).generate({ timestamp: at.getTime() });
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** Ten recovery codes of ten Crockford base32 characters (50 bits each), written "ABCDE-FGHJK". */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = crypto.randomBytes(10);
    const chars = Array.from(bytes, (b) => CROCKFORD[b & 31]).join("");
    return `${chars.slice(0, 5)}-${chars.slice(5)}`;
  });
}

/** A recovery code as typed (any case, spaces or hyphens, O for 0, I or L for 1) in its stored form; null when it cannot be one. */
export function normaliseRecoveryCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (plain.length !== 10 || [...plain].some((c) => !CROCKFORD.includes(c))) return null;
  return `${plain.slice(0, 5)}-${plain.slice(5)}`;
}

/** A typed code without its spaces: "123 456" is "123456". */
export const compactCode = (typed: string): string => typed.replace(/\s/g, "");

/** The code form of the login's second step and of enrolment. Too long to be a code: the same answer as a wrong one. */
export const mfaCodeInput = z.object({
  code: z.string("auth.mfa.codeRequired").trim().min(1, "auth.mfa.codeRequired").max(40, "auth.mfa.wrongCode"),
  next: z.string().optional(),
});

/** Shortens a User-Agent to what a person recognises: "Firefox, Windows". */
export function describeUserAgent(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /OPR\//.test(userAgent)
      ? "Opera"
      : /Firefox\//.test(userAgent)
        ? "Firefox"
        : /Chrom(e|ium)\//.test(userAgent)
          ? "Chrome"
          : /Safari\//.test(userAgent)
            ? "Safari"
            : null;
  const system = /Windows/.test(userAgent)
    ? "Windows"
    : /iPhone|iPad/.test(userAgent)
      ? "iOS"
      : /Android/.test(userAgent)
        ? "Android"
        : /Mac OS X|Macintosh/.test(userAgent)
          ? "macOS"
          : /CrOS/.test(userAgent)
            ? "ChromeOS"
            : /Linux/.test(userAgent)
              ? "Linux"
              : null;
  if (browser && system) return `${browser}, ${system}`;
  return browser ?? system ?? userAgent.slice(0, 40);
}
