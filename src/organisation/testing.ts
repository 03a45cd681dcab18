/** Lookups and checks shared by the organisation's integration tests. */
import { and, asc, eq, sql } from "drizzle-orm";
import { apiTokens, auditLog, securityLog, units, users } from "../db/schema/index.ts";
import type { Db } from "../platform/database.ts";
import { API_TOKEN_PREFIX, randomToken, sha256 } from "../platform/sessions.ts";

export async function userId(db: Db, username: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

export async function unitId(db: Db, name: string): Promise<string> {
  const [row] = await db.select({ id: units.id }).from(units).where(eq(units.name, name));
  if (!row) throw new Error(`no unit ${name}`);
  return row.id;
}

export async function count(db: Db, table: typeof users | typeof units): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row?.n ?? 0;
}

export function auditRows(db: Db, action: string, recordId?: string) {
  return db
    .select()
    .from(auditLog)
    .where(recordId ? and(eq(auditLog.action, action), eq(auditLog.recordId, recordId)) : eq(auditLog.action, action))
    .orderBy(asc(auditLog.id));
}

export function securityRows(db: Db, event: string) {
  return db.select().from(securityLog).where(eq(securityLog.event, event)).orderBy(asc(securityLog.id));
}

/** A personal access token of the user, inserted directly: the token UI is another slice's. */
export async function apiToken(db: Db, forUserId: string, scopes: string[]): Promise<string> {
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  await db.insert(apiTokens).values({ userId: forUserId, name: "test", tokenHash: sha256(token), prefix: token.slice(0, 14), scopes });
  return token;
}

export const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;
export const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
export const linkTokenIn = (html: string) => /\/losenord\/([A-Za-z0-9_-]{20,})/.exec(html)?.[1] ?? "";
