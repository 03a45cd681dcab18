import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities, users } from "./platform.ts";

export const workModelVersionStatus = pgEnum("work_model_version_status", ["draft", "published", "retired"]);

/** A work model (arbetsmodell) of a municipality: the stable identity its versions hang on. */
export const workModels = pgTable(
  "work_models",
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
  (t) => [uniqueIndex("work_models_key_unique").on(t.municipalityId, t.key)],
);

/**
 * One version of a work model. Its content is one JSONB document, validated by the zod schema in
 * src/workmodels/model.ts. Once published, the content can never change (a trigger refuses it);
 * only the status may move from published to retired.
 */
export const workModelVersions = pgTable(
  "work_model_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workModelId: uuid("work_model_id")
      .notNull()
      .references(() => workModels.id),
    number: integer("number").notNull(),
    status: workModelVersionStatus("status").notNull().default("draft"),
    content: jsonb("content").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("work_model_versions_number_unique").on(t.workModelId, t.number),
    uniqueIndex("work_model_versions_one_draft").on(t.workModelId).where(sql`${t.status} = 'draft'`),
    index("work_model_versions_model_idx").on(t.workModelId),
  ],
);
