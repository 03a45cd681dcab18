import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { processes, requestPersons } from "./families.ts";
import { users } from "./platform.ts";

/**
 * Who works with a family: the child caseworker, the adult caseworker and the process leader.
 * An assignment ends (ended_on) when someone else takes over; one open assignment per role.
 */
export const processAssignments = pgTable(
  "process_assignments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    /** child_caseworker / adult_caseworker / process_leader */
    role: text("role").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    assignedOn: date("assigned_on", { mode: "string" }).notNull(),
    endedOn: date("ended_on", { mode: "string" }),
    assignedBy: uuid("assigned_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("process_assignments_role", sql`${t.role} in ('child_caseworker', 'adult_caseworker', 'process_leader')`),
    uniqueIndex("process_assignments_open_role").on(t.processId, t.role).where(sql`${t.endedOn} is null`),
    index("process_assignments_process_idx").on(t.processId, t.role, t.assignedOn),
    index("process_assignments_user_idx").on(t.userId).where(sql`${t.endedOn} is null`),
  ],
);

/**
 * A meeting of the series: a meeting type of the process's work-model version, for the family or
 * (child meetings) for one child. Planned, then held, cancelled or not attended; never deleted.
 */
export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    meetingTypeKey: text("meeting_type_key").notNull(),
    /** The child of a child meeting; null for family meetings. */
    childId: uuid("child_id").references(() => requestPersons.id),
    /** planned / held / cancelled / not_attended */
    status: text("status").notNull().default("planned"),
    plannedDate: date("planned_date", { mode: "string" }),
    /** "HH:MM", local time in Sweden. */
    plannedTime: text("planned_time"),
    durationMinutes: smallint("duration_minutes").notNull().default(60),
    place: text("place"),
    heldOn: date("held_on", { mode: "string" }),
    /** Why it was cancelled or not attended: a fixed reason plus free text. */
    outcomeReason: text("outcome_reason"),
    outcomeText: text("outcome_text"),
    /** The checklist items of the meeting type that were done, by index. */
    checklistDone: jsonb("checklist_done").$type<number[]>().notNull().default([]),
    /** A short structured summary; the record of the case belongs in the journal system. */
    summary: jsonb("summary").$type<Record<string, string>>(),
    /** Child meetings: the guardians' consent to talk with the child alone (given / refused). */
    consent: text("consent"),
    /** The guardians (request_persons ids) who gave or refused consent. */
    consentBy: jsonb("consent_by").$type<string[]>(),
    consentOn: date("consent_on", { mode: "string" }),
    /** Child meetings: what the child was told, and whether the child could express views (UN CRC art. 12). */
    childTold: text("child_told"),
    childViews: text("child_views"),
    /** Familjemöte 3: the relapse and safety plan, structured. */
    safetyPlan: jsonb("safety_plan").$type<Record<string, string | boolean>>(),
    recordedBy: uuid("recorded_by").references(() => users.id),
    /**
     * The iCalendar SEQUENCE of the staff's invitation (UID `<id>@sofia`): 0 when planned, one up
     * for every update or cancellation sent (decision 0039).
     */
    calendarSequence: integer("calendar_sequence").notNull().default(0),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("meetings_status", sql`${t.status} in ('planned', 'held', 'cancelled', 'not_attended')`),
    check("meetings_consent", sql`${t.consent} is null or ${t.consent} in ('given', 'refused')`),
    check("meetings_child_views", sql`${t.childViews} is null or ${t.childViews} in ('yes', 'partly', 'no')`),
    check("meetings_held_date", sql`${t.status} <> 'held' or ${t.heldOn} is not null`),
    index("meetings_process_idx").on(t.processId),
    // A child's meetings, for the follow-up's child indicators (decision 0055).
    index("meetings_child_idx").on(t.childId).where(sql`${t.childId} is not null`),
    index("meetings_planned_idx").on(t.plannedDate).where(sql`${t.status} = 'planned'`),
  ],
);

/** Who was invited to a meeting and who attended: a family member or a staff member. */
export const meetingParticipants = pgTable(
  "meeting_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    meetingId: uuid("meeting_id")
      .notNull()
      .references(() => meetings.id),
    personId: uuid("person_id").references(() => requestPersons.id),
    userId: uuid("user_id").references(() => users.id),
    invited: boolean("invited").notNull().default(true),
    /** Null until the meeting is held. */
    attended: boolean("attended"),
  },
  (t) => [
    check("meeting_participants_one", sql`(${t.personId} is null) <> (${t.userId} is null)`),
    uniqueIndex("meeting_participants_person").on(t.meetingId, t.personId),
    uniqueIndex("meeting_participants_user").on(t.meetingId, t.userId),
  ],
);

/** An interruption of a process: the date, the reason, the phase it stopped in; resumed later or not. */
export const processInterruptions = pgTable(
  "process_interruptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    interruptedOn: date("interrupted_on", { mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    reasonText: text("reason_text"),
    /** The derived phase when it stopped: not_started / started / halfway. */
    phase: text("phase").notNull(),
    interruptedBy: uuid("interrupted_by")
      .notNull()
      .references(() => users.id),
    resumedOn: date("resumed_on", { mode: "string" }),
    resumedBy: uuid("resumed_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("process_interruptions_process_idx").on(t.processId),
    uniqueIndex("process_interruptions_open").on(t.processId).where(sql`${t.resumedOn} is null`),
  ],
);

/** Further support (fortsatt stöd): an application and a granted intervention for one family member. */
export const supportMeasures = pgTable(
  "support_measures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => requestPersons.id),
    kind: text("kind").notNull(),
    kindText: text("kind_text"),
    appliedOn: date("applied_on", { mode: "string" }),
    grantedOn: date("granted_on", { mode: "string" }),
    endedOn: date("ended_on", { mode: "string" }),
    note: text("note"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("support_measures_dates", sql`${t.appliedOn} is not null or ${t.grantedOn} is not null`),
    index("support_measures_process_idx").on(t.processId),
  ],
);

/** A consultation stop (hållplats) that was held: the stop of the work model, per family or per child. */
export const consultations = pgTable(
  "consultations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    stopKey: text("stop_key").notNull(),
    childId: uuid("child_id").references(() => requestPersons.id),
    heldOn: date("held_on", { mode: "string" }).notNull(),
    checklistDone: jsonb("checklist_done").$type<number[]>().notNull().default([]),
    note: text("note"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("consultations_once").on(t.processId, t.stopKey, sql`coalesce(${t.childId}, '00000000-0000-0000-0000-000000000000'::uuid)`),
  ],
);

/** The joint child impact analysis (gemensam barnkonsekvensanalys) of one child, by both caseworkers. */
export const childImpactAnalyses = pgTable(
  "child_impact_analyses",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    childId: uuid("child_id")
      .notNull()
      .references(() => requestPersons.id),
    madeOn: date("made_on", { mode: "string" }).notNull(),
    /** Both caseworkers took part: the analysis is joint. */
    joint: boolean("joint").notNull(),
    sections: jsonb("sections").$type<Record<string, string>>().notNull(),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("child_impact_analyses_child").on(t.processId, t.childId),
    // A child's analyses without its process, for the follow-up's child indicators (decision 0055).
    index("child_impact_analyses_child_idx").on(t.childId),
  ],
);

/** The safety scale (trygghetsskala): how safe the child is, 0–10, rated over time. */
export const safetyRatings = pgTable(
  "safety_ratings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    childId: uuid("child_id")
      .notNull()
      .references(() => requestPersons.id),
    ratedOn: date("rated_on", { mode: "string" }).notNull(),
    /** Who gave the rating: child / guardian / child_caseworker / adult_caseworker. */
    ratedBy: text("rated_by").notNull(),
    score: smallint("score").notNull(),
    note: text("note"),
    recordedBy: uuid("recorded_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("safety_ratings_score", sql`${t.score} between 0 and 10`),
    check("safety_ratings_by", sql`${t.ratedBy} in ('child', 'guardian', 'child_caseworker', 'adult_caseworker')`),
    index("safety_ratings_child_idx").on(t.processId, t.childId, t.ratedOn),
  ],
);
