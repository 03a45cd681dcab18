/** Pure rules of personal access tokens: what may be granted, how long a token lives, its state. No I/O. */
import { z } from "zod";
import type { Role } from "../platform/auth-types.ts";
import { type Action, actions, scopeFor } from "../platform/permissions.ts";

export const TOKEN_NAME_MAX = 100;
export const TOKEN_LIFETIMES = [30, 90, 365] as const;
export type TokenLifetime = (typeof TOKEN_LIFETIMES)[number];
export const DEFAULT_TOKEN_LIFETIME: TokenLifetime = 90;

/** Characters of the token kept in clear text, so that the owner can tell tokens apart: `sofia_pat_Ab12`. */
export const TOKEN_PREFIX_LENGTH = 14;

/**
 * What a new token is made from: the input of `createToken`, which validates it; the page decodes its
 * form by it (decision 0035). Messages are catalog keys.
 */
export const newTokenInput = z.object({
  name: z.string("account.token.nameRequired").trim().min(1, "account.token.nameRequired").max(TOKEN_NAME_MAX, "account.token.nameTooLong"),
  scopes: z.array(z.string("account.token.scopesRequired"), "account.token.scopesRequired").min(1, "account.token.scopesRequired"),
  expiresInDays: z
    .number("account.token.lifetimeInvalid")
    .refine((n): n is TokenLifetime => (TOKEN_LIFETIMES as readonly number[]).includes(n), "account.token.lifetimeInvalid"),
});
export type NewToken = z.input<typeof newTokenInput>;

/** The actions a user may put on a token: exactly those their roles allow, in the policy table's order. */
export function grantableScopes(roles: readonly Role[]): Action[] {
  return (Object.keys(actions) as Action[]).filter((a) => !NOT_FOR_TOKENS.has(a) && scopeFor(roles, a) !== null);
}

/** Actions only a person at the page may take: opening a family in an emergency needs a person's reason (decision 0062). */
const NOT_FOR_TOKENS: ReadonlySet<Action> = new Set<Action>(["processes.break_glass"]);

/** The requested scopes the roles do not allow (unknown names included); empty when all may be granted. */
export function ungrantableScopes(roles: readonly Role[], requested: readonly string[]): string[] {
  const allowed = new Set<string>(grantableScopes(roles));
  return requested.filter((s) => !allowed.has(s));
}

/** The requested scopes once each, in the policy table's order. */
export function normaliseScopes(requested: readonly string[]): Action[] {
  const wanted = new Set(requested);
  return (Object.keys(actions) as Action[]).filter((a) => wanted.has(a));
}

export function tokenExpiry(now: Date, days: TokenLifetime): Date {
  return new Date(now.getTime() + days * 86_400_000);
}

export function tokenPrefix(token: string): string {
  return token.slice(0, TOKEN_PREFIX_LENGTH);
}

export type TokenStatus = "active" | "expired" | "revoked";

export function tokenStatus(token: { revokedAt: Date | null; expiresAt: Date | null }, now: Date): TokenStatus {
  if (token.revokedAt) return "revoked";
  if (token.expiresAt && token.expiresAt <= now) return "expired";
  return "active";
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Token ids arrive in URLs; anything that is not a UUID cannot name a token. */
export const isTokenId = (value: string) => UUID.test(value);
