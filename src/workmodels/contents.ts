/**
 * The content of work-model versions for the pages that show processes (the family page, the
 * start page's worklists), parsed once per process (decision 0054).
 *
 * A published or retired version's content never changes: the trigger of migration 0003 refuses
 * an update or delete, and only a migration (run before the app serves) may rewrite it. So the
 * parsed content of such a version is kept in memory by its id, frozen, with each language's view
 * (`localContent`) beside it; a draft is read and parsed on every call and never kept, since its
 * editor may change it at any moment. A new version is a new id: it is read on first use, nothing
 * needs to be invalidated.
 */
import { sql } from "drizzle-orm";
import { workModelVersions } from "../db/schema/index.ts";
import { type DbOrTx, rows } from "../platform/database.ts";
import { deepFreeze } from "../platform/freeze.ts";
import type { Locale } from "../platform/i18n.ts";
import { type Content, contentSchema, localContent } from "./model.ts";

/** A version's content: as stored (Swedish) and as the reader sees it. */
export interface VersionContent {
  stored: Content;
  local: Record<Locale, Content>;
}

/** At most this many versions are kept; a municipality has a handful, the whole country a few hundred. */
const MAX_KEPT = 1000;
const kept = new Map<string, VersionContent>();

function prepared(raw: unknown): VersionContent {
  const stored = deepFreeze(contentSchema.parse(raw));
  return { stored, local: { sv: deepFreeze(localContent(stored, "sv")), en: deepFreeze(localContent(stored, "en")) } };
}

/**
 * The content of each given version (missing ids are left out of the map). Read-only: the objects
 * are frozen and shared between requests.
 */
export async function versionContents(db: DbOrTx, versionIds: readonly string[]): Promise<Map<string, VersionContent>> {
  const out = new Map<string, VersionContent>();
  const missing: string[] = [];
  for (const id of new Set(versionIds)) {
    const found = kept.get(id);
    if (found) out.set(id, found);
    else missing.push(id);
  }
  if (missing.length === 0) return out;
  const read = await rows<{ id: string; status: string; content: unknown }>(
    db,
    sql`select id, status::text as status, content from ${workModelVersions} where id = any(${sql.param(missing)}::uuid[])`,
  );
  for (const row of read) {
    const content = prepared(row.content);
    out.set(row.id, content);
    if (row.status === "draft") continue;
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(row.id, content);
  }
  return out;
}

/** One version's content, or undefined when there is no such version. */
export async function versionContent(db: DbOrTx, versionId: string): Promise<VersionContent | undefined> {
  return (await versionContents(db, [versionId])).get(versionId);
}

/** How many versions this process keeps parsed (for tests). */
export function keptVersionCount(): number {
  return kept.size;
}
