import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities, users } from "./platform.ts";

export const surveyInstrumentVersionStatus = pgEnum("survey_instrument_version_status", ["draft", "published", "retired"]);

/**
 * A survey instrument (enkätinstrument) of a municipality: the stable identity its versions hang on.
 * Its name is the staff's name for it; the title respondents see is in each version's content.
 */
export const surveyInstruments = pgTable(
  "survey_instruments",
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
  (t) => [uniqueIndex("survey_instruments_key_unique").on(t.municipalityId, t.key)],
);

/**
 * One version of a survey instrument. Its content (audience, timing, scale, items in every language)
 * is one JSONB document validated by the zod schema in src/surveys/model.ts. Once published, the
 * content can never change (a trigger refuses it): answers are always read against the exact
 * wording that was shown.
 */
export const surveyInstrumentVersions = pgTable(
  "survey_instrument_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    instrumentId: uuid("instrument_id")
      .notNull()
      .references(() => surveyInstruments.id),
    number: integer("number").notNull(),
    status: surveyInstrumentVersionStatus("status").notNull().default("draft"),
    content: jsonb("content").notNull(),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    publishedBy: uuid("published_by").references(() => users.id),
    createdBy: uuid("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("survey_instrument_versions_number_unique").on(t.instrumentId, t.number),
    uniqueIndex("survey_instrument_versions_one_draft").on(t.instrumentId).where(sql`${t.status} = 'draft'`),
    index("survey_instrument_versions_instrument_idx").on(t.instrumentId),
  ],
);
