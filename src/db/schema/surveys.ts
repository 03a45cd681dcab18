import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { processes, requestPersons } from "./families.ts";
import { municipalities, units, users } from "./platform.ts";
import { meetings } from "./processes.ts";
import { versionedDocumentTables } from "./versioned.ts";

/**
 * A survey instrument (enkätinstrument) of a municipality, and its versions. The document's name is
 * the staff's name for it; the title respondents see is in each version's content (audience,
 * timing, scale, items in every language), one JSONB document validated by the zod schema in
 * src/surveys/model.ts. Once published, the content can never change (a trigger refuses it):
 * answers are always read against the exact wording that was shown.
 */
export const {
  documents: surveyInstruments,
  versions: surveyInstrumentVersions,
  status: surveyInstrumentVersionStatus,
} = versionedDocumentTables("survey_instrument", {
  documentId: { key: "instrumentId", column: "instrument_id" },
  documentIdIndex: "survey_instrument_versions_instrument_idx",
});

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
    /** When it was entered (the audit): a paper form typed in a year later says so here, not in its period. */
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * The day the answer belongs to (decision 0046): the meeting's held date for an answer after a
     * meeting, the day it was given in Sweden for a campaign's answer. Results and indicators put the
     * answer in a period by this date.
     */
    periodOn: date("period_on", { mode: "string" }).notNull(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    /** The annual campaign the response was given in; null after a meeting. */
    campaignId: uuid("campaign_id").references(() => surveyCampaigns.id),
  },
  (t) => [
    uniqueIndex("survey_responses_submission_key_unique").on(t.submissionKey),
    index("survey_responses_meeting_idx").on(t.meetingId),
    index("survey_responses_process_idx").on(t.processId),
    index("survey_responses_period_idx").on(t.instrumentVersionId, t.periodOn),
    index("survey_responses_campaign_idx").on(t.campaignId),
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

/**
 * A kiosk session: a staff member's browser handed to the family at a meeting. Each family member
 * present answers in turn (one invitation per turn, mode "kiosk", in position order); between turns
 * the screen shows a neutral hand-back page. While it runs, the staff member's login session is
 * locked to the kiosk (sessions.kiosk_session_id); ending it needs their password.
 */
export const surveyKioskSessions = pgTable(
  "survey_kiosk_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    startedBy: uuid("started_by")
      .notNull()
      .references(() => users.id),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
  },
  (t) => [index("survey_kiosk_sessions_meeting_idx").on(t.meetingId)],
);

/**
 * An annual survey campaign (staff or parents): an instrument, a period, the units whose staff or
 * families get links, a reminder by e-mail; results when closed.
 */
export const surveyCampaigns = pgTable(
  "survey_campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    instrumentId: uuid("instrument_id")
      .notNull()
      .references(() => surveyInstruments.id),
    /** The published version the campaign's links answer. */
    instrumentVersionId: uuid("instrument_version_id")
      .notNull()
      .references(() => surveyInstrumentVersions.id),
    name: text("name").notNull(),
    /**
     * The year the survey is about (the year-on-year comparison's year); by default the year it
     * opens. A campaign of a year before this one is retrospective: filled from paper forms and
     * imports, never by e-mail.
     */
    year: smallint("year").notNull(),
    opensOn: date("opens_on", { mode: "string" }).notNull(),
    closesOn: date("closes_on", { mode: "string" }).notNull(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("survey_campaigns_municipality_idx").on(t.municipalityId),
    check("survey_campaigns_period", sql`${t.closesOn} >= ${t.opensOn}`),
    check("survey_campaigns_year", sql`${t.year} between 1990 and 2200`),
  ],
);

export const surveyCampaignUnits = pgTable(
  "survey_campaign_units",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => surveyCampaigns.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.unitId] })],
);

/**
 * A link to answer a survey once: after a meeting (mode "link", printed on the handout or shown as
 * a QR code), a turn in a kiosk session (mode "kiosk", no token), or in a campaign. Only the
 * SHA-256 of a link's token is stored. It names no person: the respondent's role and a child's age
 * band only. Its submission key is the key of the response it gives, so a retry or a double tap
 * stores once and a partial answer is completed later.
 */
export const surveyInvitations = pgTable(
  "survey_invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    tokenHash: text("token_hash"),
    instrumentVersionId: uuid("instrument_version_id")
      .notNull()
      .references(() => surveyInstrumentVersions.id),
    meetingId: uuid("meeting_id").references(() => meetings.id),
    processId: uuid("process_id").references(() => processes.id),
    campaignId: uuid("campaign_id").references(() => surveyCampaigns.id),
    kioskSessionId: uuid("kiosk_session_id").references(() => surveyKioskSessions.id),
    /** A kiosk turn's place in the order of the session. */
    position: smallint("position"),
    /**
     * The family member a meeting's link or kiosk turn is for, while it is open: cleared when it is
     * answered (the person is then in survey_meeting_answered), so that a used invitation, which
     * shares its submission key with the response, names nobody.
     */
    personId: uuid("person_id").references(() => requestPersons.id),
    respondentRole: text("respondent_role").notNull(),
    ageBand: text("age_band"),
    /** link / kiosk */
    mode: text("mode").notNull(),
    /** The language the respondent sees first (sv, en, …). */
    language: text("language").notNull().default("sv"),
    submissionKey: uuid("submission_key").notNull().defaultRandom(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("survey_invitations_token_unique").on(t.tokenHash),
    uniqueIndex("survey_invitations_submission_key_unique").on(t.submissionKey),
    index("survey_invitations_meeting_idx").on(t.meetingId),
    index("survey_invitations_campaign_idx").on(t.campaignId),
    uniqueIndex("survey_invitations_kiosk_position_unique").on(t.kioskSessionId, t.position),
    check("survey_invitations_mode", sql`${t.mode} in ('link', 'kiosk')`),
    check(
      "survey_invitations_shape",
      sql`(${t.mode} = 'link' and ${t.tokenHash} is not null and ${t.kioskSessionId} is null)
        or (${t.mode} = 'kiosk' and ${t.tokenHash} is null and ${t.kioskSessionId} is not null and ${t.position} is not null)`,
    ),
    check(
      "survey_invitations_role",
      sql`${t.respondentRole} in ('parent_with_problem', 'parent_without_problem', 'child', 'staff', 'parent')`,
    ),
  ],
);

/**
 * Who was sent a campaign's link by e-mail, for the reminder: a staff member and the invitation
 * sent to them. Answers are never shown by recipient; the app shows counts only.
 */
export const surveyCampaignRecipients = pgTable(
  "survey_campaign_recipients",
  {
    campaignId: uuid("campaign_id")
      .notNull()
      .references(() => surveyCampaigns.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    invitationId: uuid("invitation_id")
      .notNull()
      .references(() => surveyInvitations.id),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    remindedAt: timestamp("reminded_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.userId] }),
    uniqueIndex("survey_campaign_recipients_invitation_unique").on(t.invitationId),
  ],
);

/**
 * Who has answered after a meeting (by kiosk, link or paper), so that nobody is offered the survey
 * twice. Only the meeting and the person: no response, mode or time, so that it cannot be joined
 * to what they answered.
 */
export const surveyMeetingAnswered = pgTable(
  "survey_meeting_answered",
  {
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => requestPersons.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

/**
 * An administrator's confirmation that a language of an instrument version has been reviewed by a
 * native speaker (decision 0042). The version's content names the languages that need review
 * (`review`); the content is immutable once published, so the confirmation is a row of its own.
 */
export const surveyTranslationConfirmations = pgTable(
  "survey_translation_confirmations",
  {
    instrumentVersionId: uuid("instrument_version_id")
      .notNull()
      .references(() => surveyInstrumentVersions.id),
    language: text("language").notNull(),
    confirmedBy: uuid("confirmed_by")
      .notNull()
      .references(() => users.id),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.instrumentVersionId, t.language] })],
);
