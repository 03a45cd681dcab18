import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { municipalities, units, users } from "./platform.ts";
import { workModelVersions } from "./workmodels.ts";

/**
 * A request (förfrågan): a family brought up for a Sofiamöte. The case type is derived from the
 * persons' units (src/families/model.ts) and stored so that lists and statistics need not recompute it.
 */
export const requests = pgTable(
  "requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    requestDate: date("request_date", { mode: "string" }).notNull(),
    household: text("household").notNull(),
    custody: text("custody").notNull(),
    /** Whose sole custody, in words; null for joint custody. */
    custodyHolder: text("custody_holder"),
    reason: text("reason").notNull(),
    /** "new" until the Sofiamöte decision; then "continued" or "stopped" (src/families/decision.ts). */
    status: text("status").notNull().default("new"),
    /** The date of the Sofiamöte that decided the request; null before the decision. */
    meetingDate: date("meeting_date", { mode: "string" }),
    /** Why the family does not go on (one of the fixed reasons); null unless stopped. */
    stopReason: text("stop_reason"),
    stopReasonText: text("stop_reason_text"),
    decidedBy: uuid("decided_by").references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    caseType: smallint("case_type"),
    /** The case-file number of the journal system (diarienummer / aktnummer), normalised; null when not given (families/case-file.ts). */
    caseFileNumber: text("case_file_number"),
    /** The family's phone and e-mail for staff (item 9 of issue 14); null when not given. */
    contactPhone: text("contact_phone"),
    contactEmail: text("contact_email"),
    /** Whether the family needs an interpreter, and in which language. */
    interpreterNeeded: boolean("interpreter_needed").notNull().default(false),
    interpreterLanguage: text("interpreter_language"),
    /**
     * The family's language for the surveys after meetings (src/families/model.ts familyLanguages:
     * sv, sv-x-ll for easy Swedish, en, ar, fa, so, fi): the kiosk and the links start in it. Null: Swedish.
     */
    familyLanguage: text("family_language"),
    registeredBy: uuid("registered_by")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("requests_municipality_idx").on(t.municipalityId, t.requestDate),
    index("requests_case_file_idx").on(t.municipalityId, t.caseFileNumber),
    check("requests_status", sql`${t.status} in ('new', 'continued', 'stopped')`),
    check("requests_household", sql`${t.household} in ('together', 'separated', 'single')`),
    check("requests_custody", sql`${t.custody} in ('joint', 'sole')`),
    check("requests_case_type", sql`${t.caseType} is null or ${t.caseType} in (1, 2, 3)`),
  ],
);

/** A guardian or a child of a request, with the unit they are open at. */
export const requestPersons = pgTable(
  "request_persons",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => requests.id),
    kind: text("kind").notNull(),
    position: smallint("position").notNull(),
    name: text("name").notNull(),
    /**
     * The clear identity number of installs older than decision 0061: the start encrypts it into
     * the two columns below and empties it (platform/identity-crypto.ts), and a check constraint
     * (NOT VALID, migration 0030) refuses any new clear value. Dropped by a later migration.
     */
    clearIdentityNumber: text("identity_number"),
    /**
     * The identity number (12 digits with the century), AES-256-GCM encrypted:
     * `v1:<keyId>:<nonce>:<ciphertext+tag>`; null when only the birth date is known. Read and
     * written only through platform/identity-crypto.ts (decision 0061).
     */
    identityNumberSealed: text("identity_number_sealed"),
    /** The blind index for exact search: HMAC-SHA256 of the 12 digits under a key derived from the same master key. */
    identityNumberIndex: text("identity_number_index"),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    /** Children: girl / boy / other / not_stated; guardians: woman / man / other / not_stated (null: not recorded). */
    gender: text("gender"),
    /** Guardians: parent / step_parent / other_guardian. */
    relation: text("relation"),
    /** Guardians: yes / no / unknown. */
    substanceProblem: text("substance_problem"),
    /** Guardians: positive / ambivalent / denies. */
    attitude: text("attitude"),
    /** The addiction unit (guardian) or child unit (child) the person is open at. */
    unitId: uuid("unit_id").references(() => units.id),
    /** Guardian: has applied for support at an addiction unit. */
    applied: boolean("applied").notNull().default(false),
    /** Child: the child unit has opened an investigation after a report. */
    investigationOpened: boolean("investigation_opened").notNull().default(false),
    /** Child outside 0–12 on the request date, confirmed by the caseworker. */
    ageConfirmed: boolean("age_confirmed").notNull().default(false),
    /** Guardian: the family's contact person (at most one per request). */
    contactPerson: boolean("contact_person").notNull().default(false),
  },
  (t) => [
    index("request_persons_request_idx").on(t.requestId),
    index("request_persons_unit_idx").on(t.unitId),
    index("request_persons_identity_index_idx").on(t.identityNumberIndex),
    check("request_persons_identity_sealed", sql`(${t.identityNumberSealed} is null) = (${t.identityNumberIndex} is null)`),
    check("request_persons_kind", sql`${t.kind} in ('guardian', 'child')`),
    check(
      "request_persons_gender",
      sql`${t.gender} is null or (${t.kind} = 'child' and ${t.gender} in ('girl', 'boy', 'other', 'not_stated'))
        or (${t.kind} = 'guardian' and ${t.gender} in ('woman', 'man', 'other', 'not_stated'))`,
    ),
    check("request_persons_relation", sql`${t.relation} is null or ${t.relation} in ('parent', 'step_parent', 'other_guardian')`),
    check("request_persons_substance", sql`${t.substanceProblem} is null or ${t.substanceProblem} in ('yes', 'no', 'unknown')`),
    check("request_persons_attitude", sql`${t.attitude} is null or ${t.attitude} in ('positive', 'ambivalent', 'denies')`),
  ],
);

/**
 * One row per identity-number master key that has been used: a known text encrypted with it, so
 * that a wrong key stops the start instead of failing on the first family (decision 0061).
 */
export const identityKeyChecks = pgTable("identity_key_checks", {
  keyId: text("key_id").primaryKey(),
  checkValue: text("check_value").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A process (the family's way through a work model), started when the Sofiamöte decides to go on. */
export const processes = pgTable(
  "processes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => requests.id),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** The published work-model version the process started with. */
    workModelVersionId: uuid("work_model_version_id")
      .notNull()
      .references(() => workModelVersions.id),
    /** active / interrupted / completed: follows from the phase and the open interruption (src/processes/model.ts). */
    status: text("status").notNull().default("active"),
    /** not_started / started / halfway / completed: derived from the held meetings, stored for lists. */
    phase: text("phase").notNull().default("not_started"),
    /** The dates the phase was reached: the held dates of the marking meetings. */
    startedOn: date("started_on", { mode: "string" }),
    halfwayOn: date("halfway_on", { mode: "string" }),
    completedOn: date("completed_on", { mode: "string" }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("processes_request_unique").on(t.requestId),
    index("processes_municipality_idx").on(t.municipalityId, t.status, t.phase),
    check("processes_status", sql`${t.status} in ('active', 'interrupted', 'completed')`),
    check("processes_phase", sql`${t.phase} in ('not_started', 'started', 'halfway', 'completed')`),
  ],
);
