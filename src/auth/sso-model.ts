/**
 * Pure rules of single sign-on by the municipality's OIDC provider (decision 0059): why a login is
 * refused, which roles a user's groups give, what a claim says. No I/O.
 */
import { type Role, roles } from "../platform/auth-types.ts";

/** How long a login started at the provider may take before it comes back (the pending row's life). */
export const PENDING_MINUTES = 10;
/** The cookie that binds a started login to the browser that started it (it holds the state). */
export const SSO_COOKIE = "sofia_sso";

/** Why an SSO login was refused: written in the audit row and the security log (never a token or a claim's value). */
export const refusalReasons = [
  "not_configured",
  "state_missing",
  "state_mismatch",
  "state_unknown",
  "state_used",
  "state_expired",
  "provider_error",
  "provider_unreachable",
  "wrong_audience",
  "wrong_issuer",
  "token_expired",
  "wrong_nonce",
  "token_invalid",
  "claim_missing",
  "unknown_user",
  "inactive_user",
  "no_role",
] as const;
export type RefusalReason = (typeof refusalReasons)[number];

/** What the login page says for a refusal: the user is told what to do, never more than needed. */
export function refusalMessage(reason: RefusalReason): string {
  switch (reason) {
    case "unknown_user":
    case "inactive_user":
    case "claim_missing":
      return "auth.sso.noAccount";
    case "no_role":
      return "auth.sso.noRole";
    case "provider_unreachable":
    case "not_configured":
      return "auth.sso.unavailable";
    case "provider_error":
      return "auth.sso.providerError";
    case "state_missing":
    case "state_mismatch":
    case "state_unknown":
    case "state_used":
    case "state_expired":
      return "auth.sso.stateProblem";
    default:
      return "auth.sso.tokenProblem";
  }
}

/**
 * The reason behind an error of openid-client (oauth4webapi's codes): a claim that did not compare
 * (aud, iss, nonce), a timestamp out of range (exp), an error answer from the provider, or a
 * provider that could not be reached. Anything else is a token Sofia cannot accept.
 */
export function reasonOfError(error: unknown): RefusalReason {
  const e = error as { code?: unknown; cause?: unknown; name?: unknown; error?: unknown };
  const claim = claimOf(e);
  if (e?.code === "OAUTH_JWT_CLAIM_COMPARISON_FAILED") {
    if (claim === "aud" || claim === "azp") return "wrong_audience";
    if (claim === "iss") return "wrong_issuer";
    if (claim === "nonce") return "wrong_nonce";
    return "token_invalid";
  }
  if (e?.code === "OAUTH_JWT_TIMESTAMP_CHECK_FAILED") return claim === "exp" ? "token_expired" : "token_invalid";
  if (e?.code === "OAUTH_AUTHORIZATION_RESPONSE_ERROR" || e?.code === "OAUTH_RESPONSE_BODY_ERROR") return "provider_error";
  if (
    e?.name === "TimeoutError" ||
    e?.name === "AbortError" ||
    (e?.name === "TypeError" && String((e as Error).message).includes("fetch"))
  ) {
    return "provider_unreachable";
  }
  if (e?.code === "OAUTH_RESPONSE_IS_NOT_JSON" || e?.code === "OAUTH_RESPONSE_IS_NOT_CONFORM") return "provider_unreachable";
  return "token_invalid";
}

/** The claim an error is about: openid-client wraps oauth4webapi's error, whose cause names the claim. */
function claimOf(error: unknown): unknown {
  let at = error as { cause?: unknown } | undefined;
  for (let depth = 0; at && depth < 4; depth++) {
    const claim = (at.cause as { claim?: unknown } | undefined)?.claim;
    if (claim !== undefined) return claim;
    at = at.cause as { cause?: unknown } | undefined;
  }
  return undefined;
}

/** A claim's text, or undefined when it is missing, empty or not text. */
export function claimText(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

/** A groups claim as a list of names: a list of texts, or one text (some providers send a single group so). */
export function groupsOf(claims: Record<string, unknown>, name: string | undefined): string[] {
  if (!name) return [];
  const value = claims[name];
  if (typeof value === "string") return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === "string") : [];
}

export const isRole = (value: string): value is Role => (roles as readonly string[]).includes(value);

/**
 * The roles a user's groups give by the mapping (group → role), in the roles' order; groups that
 * are not mapped and mappings to a role Sofia does not have give nothing.
 */
export function rolesFromGroups(groups: readonly string[], mapping: Record<string, string>): Role[] {
  const given = new Set(groups.map((g) => mapping[g]).filter((r): r is string => r !== undefined));
  return roles.filter((r) => given.has(r));
}

/** Whether the mapping says anything: then the roles follow the groups at every SSO login. */
export const mapsRoles = (mapping: Record<string, string>) => Object.keys(mapping).length > 0;

/**
 * The group mapping as an administrator types it, one "group = role" per line; the errors name
 * the line. Returns the mapping or the problem's message key and line.
 */
export function parseGroupRoleLines(text: string): { mapping: Record<string, string> } | { problem: string; line: number } {
  const mapping: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (!line) continue;
    const at = line.lastIndexOf("=");
    const group = line.slice(0, Math.max(at, 0)).trim();
    const role = line.slice(at + 1).trim();
    if (at < 1 || !group || !role) return { problem: "auth.sso.mapping.format", line: i + 1 };
    if (!isRole(role)) return { problem: "auth.sso.mapping.role", line: i + 1 };
    mapping[group] = role;
  }
  return { mapping };
}

/** The mapping written back as lines, for the settings form. */
export const groupRoleLines = (mapping: Record<string, string>) =>
  Object.entries(mapping)
    .map(([g, r]) => `${g} = ${r}`)
    .join("\n");

/**
 * Whether an issuer may be talked to over plain HTTP: only on this machine (a provider run for a
 * test or a demo). Everywhere else the provider must answer over HTTPS.
 */
export function insecureAllowed(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
}
