import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  type PgColumnBuilderBase,
  pgSchema,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { processes } from "./families.ts";
import { municipalities, users } from "./platform.ts";
import { versionedDocumentTables } from "./versioned.ts";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * An indicator of a municipality, and the versions of its definition (src/followup/indicators/model.ts),
 * one JSONB document each. Published versions are immutable (trigger): a figure in a stored report
 * can always be traced to the definition it was computed with.
 */
export const {
  documents: indicators,
  versions: indicatorVersions,
  status: indicatorVersionStatus,
} = versionedDocumentTables("indicator", { documentId: { key: "indicatorId", column: "indicator_id" } });

/**
 * A long-term follow-up of a completed family, one and two years after completion (created by a
 * job). Emergency placement of a child, re-referral of a parent for substance abuse, and school
 * attendance, which is asked only where the guardians' consent is recorded.
 */
export const outcomeFollowups = pgTable(
  "outcome_followups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    /** 1 or 2 years after completion. */
    horizon: smallint("horizon").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    /** open / recorded / not_possible */
    status: text("status").notNull().default("open"),
    emergencyPlacement: boolean("emergency_placement"),
    reReferral: boolean("re_referral"),
    /** The guardians consented to school attendance being followed up. */
    schoolConsent: boolean("school_consent").notNull().default(false),
    /** kept / not_kept; null when not asked (no consent) or not yet recorded. */
    schoolAttendance: text("school_attendance"),
    notPossibleReason: text("not_possible_reason"),
    /** manual / import */
    source: text("source"),
    recordedBy: uuid("recorded_by").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outcome_followups_process_horizon").on(t.processId, t.horizon),
    index("outcome_followups_due_idx").on(t.dueOn).where(sql`${t.status} = 'open'`),
    check("outcome_followups_horizon", sql`${t.horizon} in (1, 2)`),
    check("outcome_followups_status", sql`${t.status} in ('open', 'recorded', 'not_possible')`),
    check("outcome_followups_school", sql`${t.schoolAttendance} is null or ${t.schoolAttendance} in ('kept', 'not_kept')`),
    check("outcome_followups_consent", sql`${t.schoolConsent} or ${t.schoolAttendance} is null`),
    check(
      "outcome_followups_recorded",
      sql`${t.status} <> 'recorded' or (${t.emergencyPlacement} is not null and ${t.reReferral} is not null and ${t.recordedAt} is not null)`,
    ),
    check("outcome_followups_not_possible", sql`(${t.status} = 'not_possible') = (${t.notPossibleReason} is not null)`),
    check("outcome_followups_source", sql`${t.source} is null or ${t.source} in ('manual', 'import')`),
  ],
);

/**
 * A comparison group: families in the target group that were not in Sofia, imported as anonymous
 * records or as aggregates, so outcomes can be shown side by side.
 */
export const comparisonGroups = pgTable(
  "comparison_groups",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    /** records / aggregate */
    kind: text("kind").notNull(),
    createdBy: uuid("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("comparison_groups_name_unique").on(t.municipalityId, sql`lower(${t.name})`),
    check("comparison_groups_kind", sql`${t.kind} in ('records', 'aggregate')`),
  ],
);

/** One anonymous family of a comparison group: no name, no identity number, a reference date only. */
export const comparisonRecords = pgTable(
  "comparison_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => comparisonGroups.id, { onDelete: "cascade" }),
    /** The date that corresponds to a Sofia family's completion (e.g. the end of the investigation). */
    referenceDate: date("reference_date", { mode: "string" }).notNull(),
    horizon: smallint("horizon").notNull(),
    emergencyPlacement: boolean("emergency_placement"),
    reReferral: boolean("re_referral"),
    furtherSupport: boolean("further_support"),
    schoolAttendance: text("school_attendance"),
  },
  (t) => [
    index("comparison_records_group_idx").on(t.groupId, t.referenceDate),
    check("comparison_records_horizon", sql`${t.horizon} in (1, 2)`),
    check("comparison_records_school", sql`${t.schoolAttendance} is null or ${t.schoolAttendance} in ('kept', 'not_kept')`),
  ],
);

/** An aggregate figure of a comparison group: of `denominator` families, `numerator` had the outcome. */
export const comparisonAggregates = pgTable(
  "comparison_aggregates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    groupId: uuid("group_id")
      .notNull()
      .references(() => comparisonGroups.id, { onDelete: "cascade" }),
    /** emergency_placement / re_referral / further_support / school_attendance_kept */
    measure: text("measure").notNull(),
    horizon: smallint("horizon"),
    periodFrom: date("period_from", { mode: "string" }).notNull(),
    periodTo: date("period_to", { mode: "string" }).notNull(),
    numerator: integer("numerator").notNull(),
    denominator: integer("denominator").notNull(),
  },
  (t) => [
    index("comparison_aggregates_group_idx").on(t.groupId),
    check(
      "comparison_aggregates_measure",
      sql`${t.measure} in ('emergency_placement', 're_referral', 'further_support', 'school_attendance_kept')`,
    ),
    check("comparison_aggregates_horizon", sql`${t.horizon} is null or ${t.horizon} in (1, 2)`),
    check("comparison_aggregates_counts", sql`${t.numerator} >= 0 and ${t.numerator} <= ${t.denominator}`),
    check("comparison_aggregates_period", sql`${t.periodFrom} <= ${t.periodTo}`),
  ],
);

/** An uploaded file waiting for its preview to be confirmed (outcomes or a comparison group); removed on import. */
export const followupImportUploads = pgTable("followup_import_uploads", {
  id: uuid("id").primaryKey().defaultRandom(),
  municipalityId: uuid("municipality_id")
    .notNull()
    .references(() => municipalities.id),
  /** outcomes / comparison_records / comparison_aggregates */
  kind: text("kind").notNull(),
  fileName: text("file_name").notNull(),
  format: text("format").notNull(),
  /** The file's rows as cells. */
  cells: jsonb("cells").notNull(),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * An interim report (delrapport) to the social welfare committee: a period and the text sections
 * written in Sofia. Each generation is kept as a version with its PDF/A and Word files.
 */
export const interimReports = pgTable(
  "interim_reports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    title: text("title").notNull(),
    periodFrom: date("period_from", { mode: "string" }).notNull(),
    periodTo: date("period_to", { mode: "string" }).notNull(),
    /** Section key → the text written for it (summary, discussion, next steps, …). */
    texts: jsonb("texts").$type<Record<string, string>>().notNull().default({}),
    /** The committee's diary number (diarienummer), printed on the cover; empty until given. */
    diaryNumber: text("diary_number").notNull().default(""),
    /** Who the report is from, as printed on the cover (a name or a unit); empty: the one who made the version. */
    author: text("author").notNull().default(""),
    createdBy: uuid("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("interim_reports_period", sql`${t.periodFrom} <= ${t.periodTo}`)],
);

/**
 * The municipality's template for its interim reports: the logo on the cover (PNG or SVG, under
 * 1 MB, checked by its bytes), the texts that recur in every report (the model's introduction, the
 * contact) and which sections are included. One per municipality; none: no logo, every section.
 */
export const reportTemplates = pgTable("report_templates", {
  municipalityId: uuid("municipality_id")
    .primaryKey()
    .references(() => municipalities.id),
  logo: bytea("logo"),
  /** "image/png" or "image/svg+xml", as read from the logo's bytes. */
  logoType: text("logo_type"),
  introduction: text("introduction").notNull().default(""),
  contact: text("contact").notNull().default(""),
  /** The keys of the sections included, in the report's order. */
  sections: jsonb("sections").$type<string[]>().notNull(),
  version: integer("version").notNull().default(1),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One generated version of an interim report: the files exactly as produced, and the figures used. */
export const interimReportVersions = pgTable(
  "interim_report_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reportId: uuid("report_id")
      .notNull()
      .references(() => interimReports.id),
    number: integer("number").notNull(),
    pdf: bytea("pdf").notNull(),
    docx: bytea("docx").notNull(),
    /** The figures and texts the files were made from, for tracing. */
    figures: jsonb("figures").notNull(),
    generatedBy: uuid("generated_by").references(() => users.id),
    generatedAt: timestamp("generated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("interim_report_versions_number_unique").on(t.reportId, t.number)],
);

/** A research export made for the university evaluators: who, for what purpose, with which options. */
export const researchExports = pgTable(
  "research_exports",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    purpose: text("purpose").notNull(),
    /** The period, and what was included beyond the default (e.g. exact dates). */
    options: jsonb("options").notNull(),
    rowCount: integer("row_count").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("research_exports_municipality_idx").on(t.municipalityId, t.createdAt)],
);

/**
 * The schema of tables made entirely from the others (decision 0068): left out of a backup (which
 * takes the schema `public`) and made again after a restore, as after a migration that empties
 * them.
 */
export const derived = pgSchema("derived");

/**
 * The indicator units kept as rows (decision 0068): per family (request), per child, per meeting
 * and per stop, one row with every catalog field of the unit (src/followup/indicators/model.ts `fields`,
 * same names), made by the unit's own SQL (src/followup/indicators/units.ts) and read by the
 * indicators instead of making the rows again on every evaluation. None of these fields depends on
 * today's date (a stop's state, which does, is computed when read). Triggers (migration 0038) mark a request stale in `indicator_stale_requests` when
 * anything its rows are made from changes (a deleted request too); before the units are read, the
 * stale requests get their rows made again (src/followup/indicators/facts.ts). A cache: it can always be
 * made again from the families' own tables, and it holds no name, identity number or birth date.
 */
export const indicatorStaleRequests = derived.table("indicator_stale_requests", {
  requestId: uuid("request_id").primaryKey(),
  markedAt: timestamp("marked_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A table of kept rows: the municipality and the request each row belongs to (both indexed), then the unit's fields. */
function factsTable<T extends Record<string, PgColumnBuilderBase>>(name: string, fields: T) {
  return derived.table(
    name,
    { municipalityId: uuid("municipality_id").notNull(), requestId: uuid("request_id").notNull(), ...fields },
    (t) => [index(`${name}_municipality_idx`).on(t.municipalityId), index(`${name}_request_idx`).on(t.requestId)],
  );
}

export const indicatorFamilyFacts = factsTable("indicator_family_facts", {
  requestDate: date("request_date").notNull(),
  sofiaMeetingDate: date("sofia_meeting_date"),
  decision: text("decision"),
  caseType: integer("case_type"),
  household: text("household"),
  custody: text("custody"),
  processStatus: text("process_status"),
  phase: text("phase"),
  startedOn: date("started_on"),
  halfwayOn: date("halfway_on"),
  completedOn: date("completed_on"),
  interruptedIn: text("interrupted_in"),
  supportGranted: boolean("support_granted"),
  supportSought: boolean("support_sought"),
  assignedOn: date("assigned_on"),
  firstMeetingOn: date("first_meeting_on"),
  daysToAssignment: integer("days_to_assignment"),
  daysAssignmentToFirstMeeting: integer("days_assignment_to_first_meeting"),
  daysToFirstMeeting: integer("days_to_first_meeting"),
  problemParent: text("problem_parent"),
  problemParentAttitude: text("problem_parent_attitude"),
  children: integer("children"),
  // Kept for the interim report's gender perspective, not catalog fields (units.ts `reportFields`).
  problemGuardians: integer("problem_guardians").notNull(),
  problemMothers: integer("problem_mothers").notNull(),
  problemFathers: integer("problem_fathers").notNull(),
  problemOtherParents: integer("problem_other_parents").notNull(),
  problemOthers: integer("problem_others").notNull(),
  problemParentAttitudes: text("problem_parent_attitudes").array().notNull(),
  problemOtherAttitudes: text("problem_other_attitudes").array().notNull(),
  problemGuardianKinds: jsonb("problem_guardian_kinds").notNull(),
});

export const indicatorChildFacts = factsTable("indicator_child_facts", {
  requestDate: date("request_date").notNull(),
  gender: text("gender"),
  age: integer("age"),
  ageBand: text("age_band"),
  phase: text("phase"),
  processStatus: text("process_status"),
  startedOn: date("started_on"),
  completedOn: date("completed_on"),
  childMeetingHeld: boolean("child_meeting_held"),
  consentRefused: boolean("consent_refused"),
  impactAnalysis: boolean("impact_analysis"),
  jointImpactAnalysis: boolean("joint_impact_analysis"),
  impactAnalysisOn: date("impact_analysis_on"),
  decision: text("decision"),
});

export const indicatorMeetingFacts = factsTable("indicator_meeting_facts", {
  meetingType: text("meeting_type"),
  status: text("status"),
  plannedDate: date("planned_date"),
  heldOn: date("held_on"),
  childMeeting: boolean("child_meeting"),
  surveyed: boolean("surveyed"),
  attended: integer("attended"),
  responses: integer("responses"),
});

export const indicatorStopFacts = factsTable("indicator_stop_facts", {
  stop: text("stop"),
  scope: text("scope"),
  processStatus: text("process_status"),
  dueOn: date("due_on"),
  heldOn: date("held_on"),
  daysLate: integer("days_late"),
});
