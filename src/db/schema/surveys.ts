import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { processes } from "./families.ts";
import { municipalities, users } from "./platform.ts";
import { meetings } from "./processes.ts";

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

/**
 * One respondent's answer to one instrument version: after a meeting (meeting and process set) or
 * in an annual campaign. Anonymous towards staff: no column names the person who answered, only
 * the role (and a child's age band). The submission key makes a retry or double tap idempotent.
 * recorded_by is the staff member who typed in a paper form, never the respondent.
 */
export const surveyResponses = pgTable(
  "survey_responses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    instrumentVersionId: uuid("instrument_version_id")
      .notNull()
      .references(() => surveyInstrumentVersions.id),
    meetingId: uuid("meeting_id").references(() => meetings.id),
    processId: uuid("process_id").references(() => processes.id),
    /** parent_with_problem / parent_without_problem / child / staff / parent */
    respondentRole: text("respondent_role").notNull(),
    /** Children only: the age band (src/families/model.ts ageBand) on the day of the meeting. */
    ageBand: text("age_band"),
    /** kiosk / link / paper */
    mode: text("mode").notNull(),
    submissionKey: uuid("submission_key").notNull(),
    complete: boolean("complete").notNull().default(false),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    recordedBy: uuid("recorded_by").references(() => users.id),
  },
  (t) => [
    uniqueIndex("survey_responses_submission_key_unique").on(t.submissionKey),
    index("survey_responses_meeting_idx").on(t.meetingId),
    index("survey_responses_process_idx").on(t.processId),
    index("survey_responses_version_idx").on(t.instrumentVersionId, t.submittedAt),
    check(
      "survey_responses_role",
      sql`${t.respondentRole} in ('parent_with_problem', 'parent_without_problem', 'child', 'staff', 'parent')`,
    ),
    check("survey_responses_mode", sql`${t.mode} in ('kiosk', 'link', 'paper')`),
    check(
      "survey_responses_age_band",
      sql`${t.ageBand} is null or (${t.respondentRole} = 'child' and ${t.ageBand} in ('0–2', '3–5', '6–9', '10–12', '13–17', '18+'))`,
    ),
    check("survey_responses_recorded_by", sql`(${t.mode} = 'paper') = (${t.recordedBy} is not null)`),
  ],
);

/** One item's answer: a value on the instrument's scale, or "don't know" (no value). An unanswered item has no row. */
export const surveyAnswers = pgTable(
  "survey_answers",
  {
    responseId: uuid("response_id")
      .notNull()
      .references(() => surveyResponses.id),
    itemKey: text("item_key").notNull(),
    value: smallint("value"),
    dontKnow: boolean("dont_know").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.itemKey] }),
    check("survey_answers_value", sql`${t.value} is null or ${t.value} between 1 and 10`),
    check("survey_answers_dont_know", sql`(${t.value} is null) = ${t.dontKnow}`),
  ],
);
