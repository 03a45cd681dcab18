import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { processes } from "./families.ts";
import { municipalities, units, users } from "./platform.ts";
import { versionedDocumentTables } from "./versioned.ts";

/**
 * A review key (granskningsnyckel) of a municipality, and its versions: document kinds, questions
 * with the kinds they apply to, and the overall rating, one JSONB document validated by
 * src/audits/keys/model.ts. Published versions are immutable (a trigger refuses changes): an
 * audit's answers are read against the questions asked.
 */
export const {
  documents: reviewKeys,
  versions: reviewKeyVersions,
  status: reviewKeyVersionStatus,
} = versionedDocumentTables("review_key", { documentId: { key: "reviewKeyId", column: "review_key_id" } });

/**
 * An audit round (aktgranskning): a published review-key version, a period, the focus families and
 * the reference group of reviewers. Open while the reviewers record; closed, it is read only.
 */
export const auditRounds = pgTable(
  "audit_rounds",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    reviewKeyVersionId: uuid("review_key_version_id")
      .notNull()
      .references(() => reviewKeyVersions.id),
    /** open / closed */
    status: text("status").notNull().default("open"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("audit_rounds_name_unique").on(t.municipalityId, sql`lower(${t.name})`),
    check("audit_rounds_status", sql`${t.status} in ('open', 'closed')`),
    check("audit_rounds_closed", sql`(${t.status} = 'closed') = (${t.closedAt} is not null)`),
  ],
);

/** The reviewers (referensgruppen) of a round: they see the round's focus families and nothing else. */
export const auditRoundReviewers = pgTable(
  "audit_round_reviewers",
  {
    roundId: uuid("round_id")
      .notNull()
      .references(() => auditRounds.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.userId] }), index("audit_round_reviewers_user_idx").on(t.userId)],
);

/**
 * A focus family of a round: a family's process. `code` is the round's own label for it ("Familj 3"),
 * the only name results ever use.
 */
export const auditFocusFamilies = pgTable(
  "audit_focus_families",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    roundId: uuid("round_id")
      .notNull()
      .references(() => auditRounds.id, { onDelete: "cascade" }),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    code: integer("code").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("audit_focus_families_process_unique").on(t.roundId, t.processId),
    uniqueIndex("audit_focus_families_code_unique").on(t.roundId, t.code),
  ],
);

/**
 * One document reviewed for a focus family (an investigation, an assignment to a provider, journal
 * notes): its kind (a document kind of the key), the unit it was written at, the overall rating and
 * the reviewer's comment. Sofia holds the review, never a copy of the document.
 */
export const auditDocuments = pgTable(
  "audit_documents",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    focusFamilyId: uuid("focus_family_id")
      .notNull()
      .references(() => auditFocusFamilies.id, { onDelete: "cascade" }),
    documentKind: text("document_kind").notNull(),
    unitId: uuid("unit_id").references(() => units.id),
    /** One of the key's overall-rating options; null until rated. */
    overallRating: text("overall_rating"),
    comment: text("comment"),
    reviewedBy: uuid("reviewed_by")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("audit_documents_family_idx").on(t.focusFamilyId)],
);

/** The answer to one question of the key for one reviewed document. */
export const auditAnswers = pgTable(
  "audit_answers",
  {
    documentId: uuid("document_id")
      .notNull()
      .references(() => auditDocuments.id, { onDelete: "cascade" }),
    questionKey: text("question_key").notNull(),
    /** yes / partly / no / not_applicable */
    answer: text("answer").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.questionKey] }),
    check("audit_answers_answer", sql`${t.answer} in ('yes', 'partly', 'no', 'not_applicable')`),
  ],
);
