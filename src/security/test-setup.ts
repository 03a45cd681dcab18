/**
 * What the authorization matrix and the fuzz test share (src/security/*.test.ts): the demo users by
 * role, their browsers and tokens, the route list, the path parameters, and a checksum of every
 * table that a refused request must leave as it was.
 */
import crypto from "node:crypto";
import { apiToken, type Browser, login, type TestApp } from "../../test/helpers.ts";
import type { Role } from "../platform/auth-types.ts";
import type { RouteEntry } from "../platform/http.ts";
import { type Action, actions, scopeFor } from "../platform/permissions.ts";

/** One demo user per role, and a second caseworker for another unit's records. */
export const matrixUsers: ReadonlyArray<{ username: string; roles: Role[] }> = [
  { username: "admin", roles: ["administrator"] },
  { username: "processledare", roles: ["process_leader"] },
  { username: "barnhandlaggare", roles: ["caseworker"] },
  { username: "handlaggare.syd", roles: ["caseworker"] },
  { username: "enhetschef", roles: ["unit_manager"] },
  { username: "analytiker", roles: ["analyst"] },
];

export interface Caller {
  username: string;
  roles: Role[];
  browser: Browser;
  /** A personal access token with every scope: only the roles limit it. */
  token: string;
}

export async function callers(t: TestApp): Promise<Caller[]> {
  const all: Caller[] = [];
  for (const u of matrixUsers) {
    all.push({ ...u, browser: await login(t.app, u.username), token: await apiToken(t, u.username, Object.keys(actions)) });
  }
  return all;
}

export const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The routes the matrix covers: every route but HEAD (Fastify's twin of each GET) and the static files. */
export function coveredRoutes(table: readonly RouteEntry[]): RouteEntry[] {
  return table.filter((r) => r.method !== "HEAD" && !r.url.startsWith("/static/"));
}

/** Whether a role may call a route by the policy table. */
export function allowed(route: RouteEntry, roles: readonly Role[]): boolean {
  const p = route.permission;
  if (p === "public" || p === "authenticated") return true;
  return p !== undefined && scopeFor(roles, p as Action) !== null;
}

/** Path parameters that name a record (the ones a foreign record is put in). */
export const RECORD_PARAMS = new Set([
  "id",
  "meetingId",
  "personId",
  "childId",
  "supportId",
  "costId",
  "familyId",
  "documentId",
  "uploadId",
  "userId",
  "key",
  "token",
]);

/** A well-formed value for a path parameter that names nothing of the caller's. */
export function strangerValue(name: string): string {
  if (name === "n" || name === "number" || name === "position") return "1";
  if (name === "key") return "finns-inte";
  if (name === "token") return "ZZZZ-ZZZZ-ZZ";
  if (name === "format") return "csv";
  if (name === "file") return "finns-inte.ics";
  if (name === "tag") return "finns-inte";
  return crypto.randomUUID();
}

export function fill(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(values[name] ?? strangerValue(name)));
}

/**
 * Tables a refused request may touch: the logs of the refusal, the caller's session and throttle,
 * and its token's last use.
 */
const BOOKKEEPING = new Set(["audit_log", "security_log", "sessions", "login_throttle", "api_tokens"]);

/**
 * A checksum of every row of every table in the app's schema but the bookkeeping ones: equal before
 * and after means the requests between changed nothing.
 */
export async function checksummer(t: TestApp): Promise<() => Promise<string>> {
  const { rows } = await t.database.pool.query<{ table_name: string }>(
    "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name",
  );
  const tables = rows.map((r) => r.table_name).filter((n) => !BOOKKEEPING.has(n));
  const parts = tables.map((n) => `select '${n}' as t, md5(coalesce(string_agg(x::text, ',' order by x::text), '')) as h from "${n}" x`);
  const statement = `select md5(string_agg(t || h, ';' order by t)) as sum from (${parts.join(" union all ")}) s`;
  return async () => (await t.database.pool.query<{ sum: string }>(statement)).rows[0]?.sum ?? "";
}

/** Sends one request as a caller: a page as the browser (with its CSRF token), the API with the token. */
export function send(t: TestApp, caller: Caller, method: string, url: string, body?: unknown) {
  const api = url.startsWith("/api/");
  if (api) {
    return t.app.inject({
      method: method as "GET",
      url,
      headers: { authorization: `Bearer ${caller.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      payload: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    });
  }
  if (!WRITE_METHODS.has(method)) return t.app.inject({ method: method as "GET", url, headers: { cookie: caller.browser.cookie } });
  return t.app.inject({
    method: method as "POST",
    url,
    headers: { cookie: caller.browser.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ _csrf: caller.browser.csrf }).toString(),
  });
}
