import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { apiTokens, units } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";

/** A token as its owner may see it: everything but the hash. */
const listed = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  scopes: apiTokens.scopes,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export type ListedToken = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function unitsByIds(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db.select({ id: units.id, name: units.name, kind: units.kind }).from(units).where(inArray(units.id, ids));
}

export async function tokensOfUser(db: DbOrTx, userId: string): Promise<ListedToken[]> {
  return db.select(listed).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
}

/** The user's own token; another user's token is not found, by design. */
export async function ownToken(db: DbOrTx, userId: string, id: string): Promise<ListedToken | undefined> {
  const [row] = await db
    .select(listed)
    .from(apiTokens)
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)));
  return row;
}

export async function insertToken(
  db: DbOrTx,
  values: { userId: string; name: string; tokenHash: string; prefix: string; scopes: string[]; expiresAt: Date; createdAt: Date },
): Promise<ListedToken> {
  const [row] = await db.insert(apiTokens).values(values).returning(listed);
  if (!row) throw new Error("insert into api_tokens returned no row");
  return row;
}

/** Revokes an active token of the user; returns false when there was nothing to revoke. */
export async function revokeToken(db: DbOrTx, userId: string, id: string, at: Date): Promise<boolean> {
  const rows = await db
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
    .returning({ id: apiTokens.id });
  return rows.length > 0;
}
