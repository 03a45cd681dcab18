import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { requestPersons } from "./families.ts";
import { municipalities, units, users } from "./platform.ts";

/**
 * A child placed outside the home that the family unit follows (issue 18, Skarpnäck's
 * placeringsforum). Either a child of a Sofia family (`request_person_id`: the name, identity
 * number and birth date are read from the request, a family is named once, decision 0037) or a
 * child without a Sofia process (the forum reviews all placed children of the unit): then the name
 * and birth date are stored here and the identity number is sealed and blind-indexed as on
 * `request_persons` (decision 0061).
 */
export const placedChildren = pgTable(
  "placed_children",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    /** The family unit (child_youth) responsible for the child: the forum of this unit reviews them. */
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    /** The responsible caseworker (ansvarig socialsekreterare); null: not yet assigned. */
    caseworkerId: uuid("caseworker_id").references(() => users.id),
    /** The child of a Sofia family; null for a child without a Sofia process. */
    requestPersonId: uuid("request_person_id").references(() => requestPersons.id),
    name: text("name"),
    identityNumberSealed: text("identity_number_sealed"),
    identityNumberIndex: text("identity_number_index"),
    birthDate: date("birth_date", { mode: "string" }),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("placed_children_unit_idx").on(t.municipalityId, t.unitId),
    uniqueIndex("placed_children_request_person_unique").on(t.requestPersonId),
    index("placed_children_identity_index_idx").on(t.identityNumberIndex),
    check(
      "placed_children_named_once",
      sql`(${t.requestPersonId} is not null and ${t.name} is null and ${t.birthDate} is null and ${t.identityNumberSealed} is null)
        or (${t.requestPersonId} is null and ${t.name} is not null and ${t.birthDate} is not null)`,
    ),
    check("placed_children_identity_sealed", sql`(${t.identityNumberSealed} is null) = (${t.identityNumberIndex} is null)`),
  ],
);

/**
 * One placement of a placed child (placering): its kind, legal basis (SoL or LVU), start, planned
 * and actual end, and where the child went. A child's placements never overlap: the service checks
 * it under a lock of the child's row (no btree_gist extension is needed, the database role may not
 * create extensions).
 */
export const placements = pgTable(
  "placements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    placedChildId: uuid("placed_child_id")
      .notNull()
      .references(() => placedChildren.id),
    /** emergency_foster_home (jourhem) / foster_home (familjehem) / residential_care (HVB) / kinship (nätverkshem) / other. */
    kind: text("kind").notNull(),
    /** sol / lvu. */
    legalBasis: text("legal_basis").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    plannedEndDate: date("planned_end_date", { mode: "string" }),
    endDate: date("end_date", { mode: "string" }),
    /** Where the child went when the placement ended: home / other_placement; null while it goes on. */
    endDestination: text("end_destination"),
    /** The return-home plan (plan för hemflytt) in words; shown on the forum's agenda. */
    returnHomePlan: text("return_home_plan"),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("placements_child_idx").on(t.placedChildId, t.startDate),
    check("placements_kind", sql`${t.kind} in ('emergency_foster_home', 'foster_home', 'residential_care', 'kinship', 'other')`),
    check("placements_legal_basis", sql`${t.legalBasis} in ('sol', 'lvu')`),
    check("placements_end_after_start", sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
    check("placements_planned_end_after_start", sql`${t.plannedEndDate} is null or ${t.plannedEndDate} >= ${t.startDate}`),
    check("placements_destination", sql`(${t.endDate} is null) = (${t.endDestination} is null)`),
    check("placements_end_destination", sql`${t.endDestination} is null or ${t.endDestination} in ('home', 'other_placement')`),
  ],
);

/**
 * A placement forum (placeringsforum): the family unit's monthly meeting of managers, deputy
 * managers and the responsible caseworkers about the unit's placed children. Planned until
 * `held_at` is set; a forum dated in the future cannot be marked held (the service refuses it).
 */
export const placementForums = pgTable(
  "placement_forums",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
    forumDate: date("forum_date", { mode: "string" }).notNull(),
    /** Who convened it (the unit manager of the family unit, as a rule). */
    convenedBy: uuid("convened_by")
      .notNull()
      .references(() => users.id),
    heldAt: timestamp("held_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("placement_forums_unit_idx").on(t.municipalityId, t.unitId, t.forumDate)],
);

/** Who attended a forum. */
export const placementForumAttendees = pgTable(
  "placement_forum_attendees",
  {
    forumId: uuid("forum_id")
      .notNull()
      .references(() => placementForums.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
  },
  (t) => [uniqueIndex("placement_forum_attendees_unique").on(t.forumId, t.userId)],
);

/**
 * A placed child reviewed at a forum, with the forum's short decision. The "reviewed within the
 * limit" indicator counts the first review of a placement at a held forum.
 */
export const placementForumReviews = pgTable(
  "placement_forum_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    forumId: uuid("forum_id")
      .notNull()
      .references(() => placementForums.id),
    placedChildId: uuid("placed_child_id")
      .notNull()
      .references(() => placedChildren.id),
    /** The placement under review at the forum's date. */
    placementId: uuid("placement_id")
      .notNull()
      .references(() => placements.id),
    decision: text("decision").notNull(),
    createdBy: uuid("created_by")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("placement_forum_reviews_unique").on(t.forumId, t.placedChildId),
    index("placement_forum_reviews_placement_idx").on(t.placementId),
  ],
);

/**
 * A next step agreed at a forum: for the child or for a parent (named support from the addiction
 * side where a parent has a problem), who does it (always a named user: a decision without a
 * responsible person is refused) and by when; the next forum shows it as due or done.
 */
export const placementForumActions = pgTable(
  "placement_forum_actions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewId: uuid("review_id")
      .notNull()
      .references(() => placementForumReviews.id),
    /** child / parent. */
    subject: text("subject").notNull(),
    /** The parent, for a child of a Sofia family (a guardian of the request); null otherwise. */
    guardianId: uuid("guardian_id").references(() => requestPersons.id),
    /** The parent in words for a child without a Sofia process (e.g. "mamma"); null otherwise. */
    parentLabel: text("parent_label"),
    action: text("action").notNull(),
    /** The named support from the addiction side, when a parent has a problem (e.g. "öppenvård, Beroendeenheten"). */
    support: text("support"),
    responsibleId: uuid("responsible_id")
      .notNull()
      .references(() => users.id),
    dueDate: date("due_date", { mode: "string" }).notNull(),
    doneOn: date("done_on", { mode: "string" }),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    index("placement_forum_actions_review_idx").on(t.reviewId),
    check("placement_forum_actions_subject", sql`${t.subject} in ('child', 'parent')`),
  ],
);
