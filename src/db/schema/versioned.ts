import { sql } from "drizzle-orm";
import {
  type ExtraConfigColumn,
  index,
  integer,
  jsonb,
  type PgColumnBuilderBase,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { municipalities, users } from "./platform.ts";

/** The life cycle of a version (decision 0024); src/platform/versioned.ts runs it. */
export const versionStatuses = ["draft", "published", "retired"] as const;

export interface VersionedDocumentSpec<K extends string> {
  /** The version table's reference to its document: property and column (e.g. workModelId, work_model_id). */
  documentId: { key: K; column: string };
  /** The name of a plain index on that reference, for the kinds that have one. */
  documentIdIndex?: string;
}

/**
 * The tables of one kind of versioned document, named from the kind (`work_model` gives
 * `work_models`, `work_model_versions` and the enum `work_model_version_status`):
 *
 * - the document: a municipality's stable identity (id, key, name) that its versions hang on, with
 *   a key unique within the municipality;
 * - its versions: a number unique within the document, a status, the content as one JSONB value,
 *   who published and created it, and at most one draft per document.
 *
 * Every kind has exactly these columns, in this order, so that the generated SQL is the same for
 * all. The trigger that refuses changing a published version is per table, in the SQL migrations.
 * The caller exports all three, so that drizzle-kit sees them.
 */
export function versionedDocumentTables<const N extends string, const K extends string>(name: N, spec: VersionedDocumentSpec<K>) {
  const status = pgEnum(`${name}_version_status`, versionStatuses);

  const documents = pgTable(
    `${name}s`,
    {
      id: uuid("id").primaryKey().defaultRandom(),
      municipalityId: uuid("municipality_id")
        .notNull()
        .references(() => municipalities.id),
      key: text("key").notNull(),
      name: text("name").notNull(),
      version: integer("version").notNull().default(1),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    },
    (t) => [uniqueIndex(`${name}s_key_unique`).on(t.municipalityId, t.key)],
  );

  const reference = () =>
    uuid(spec.documentId.column)
      .notNull()
      .references(() => documents.id);
  const documentId = { [spec.documentId.key]: reference() } as Record<K, ReturnType<typeof reference>>;

  const versionsName = `${name}_versions` as const;
  const versions = pgTable(
    versionsName,
    {
      id: uuid("id").primaryKey().defaultRandom(),
      ...documentId,
      number: integer("number").notNull(),
      status: status("status").notNull().default("draft"),
      content: jsonb("content").notNull(),
      publishedAt: timestamp("published_at", { withTimezone: true }),
      publishedBy: uuid("published_by").references(() => users.id),
      createdBy: uuid("created_by").references(() => users.id),
      version: integer("version").notNull().default(1),
      createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
      updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    } satisfies Record<string, PgColumnBuilderBase>,
    (t) => {
      const ref = (t as unknown as Record<K, ExtraConfigColumn>)[spec.documentId.key];
      return [
        uniqueIndex(`${versionsName}_number_unique`).on(ref, t.number),
        uniqueIndex(`${versionsName}_one_draft`).on(ref).where(sql`${t.status} = 'draft'`),
        ...(spec.documentIdIndex ? [index(spec.documentIdIndex).on(ref)] : []),
      ];
    },
  );

  return { documents, versions, status };
}
