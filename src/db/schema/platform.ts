import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  index,
  inet,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const unitKind = pgEnum("unit_kind", [
  "child_youth",
  "addiction_adult",
  "intake",
  "financial_aid",
  "domestic_violence",
  "social_psychiatry",
  "disability",
  "other",
]);

export const role = pgEnum("role", ["administrator", "process_leader", "caseworker", "unit_manager", "analyst"]);

const timestamps = {
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
};

/** The tenant: a municipality or a city district. */
export const municipalities = pgTable("municipalities", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  code: text("code").notNull(),
  /** A wait (request → Sofiamöte → assignment → first family meeting) longer than this many days is flagged. */
  waitLimitDays: integer("wait_limit_days").notNull().default(14),
  /** A placed child should be reviewed at the unit's placement forum within this many days of the placement's start (issue 18). */
  placementReviewLimitDays: integer("placement_review_limit_days").notNull().default(30),
  /** An emergency placement (jourhem) should end within this many days (SoL 6 kap. 6 §: at most two months as a rule). */
  emergencyPlacementLimitDays: integer("emergency_placement_limit_days").notNull().default(60),
  /** Survey results and statistics show ".." for any group smaller than this (and where it could be worked out). */
  minGroupSize: integer("min_group_size").notNull().default(5),
  /** Decimals of a share in percent as shown (0: whole percent, 1); rounded half up (platform/precision.ts). */
  shareDecimals: integer("share_decimals").notNull().default(0),
  /** Decimals of a mean or other statistic as shown (0–2). */
  meanDecimals: integer("mean_decimals").notNull().default(2),
  /**
   * The roles whose users must log in with a second factor (TOTP, decision 0060): administrators
   * and process leaders unless the municipality says otherwise. The demo municipality has none.
   */
  mfaRequiredRoles: role("mfa_required_roles").array().notNull().default(sql`'{administrator,process_leader}'::role[]`),
  /** The demo municipality (src/demo/seed.ts): its settings page says what the demo leaves out. */
  demo: boolean("demo").notNull().default(false),
  version: integer("version").notNull().default(1),
  ...timestamps,
});

export const units = pgTable(
  "units",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    name: text("name").notNull(),
    kind: unitKind("kind").notNull(),
    active: boolean("active").notNull().default(true),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex("units_name_unique").on(t.municipalityId, sql`lower(${t.name})`)],
);

export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    username: text("username").notNull(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    passwordHash: text("password_hash"),
    active: boolean("active").notNull().default(true),
    /** Locked by an administrator: no login and no API token works until unlocked (decision 0060). */
    lockedAt: timestamp("locked_at", { withTimezone: true }),
    version: integer("version").notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex("users_username_unique").on(sql`lower(${t.username})`)],
);

export const userUnits = pgTable(
  "user_units",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] })],
);

export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: role("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Server-side sessions. The cookie carries a random token; only its SHA-256 is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    /** The session's name on "Mina inloggningar" and in forms: never the token or its hash. */
    id: uuid("id").notNull().defaultRandom().unique(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    /**
     * `full`, or a half-session after a correct password (decision 0060): `mfa` waits for the code
     * from the user's app, `enrol` for a user who must enrol first. Neither carries an actor.
     */
    stage: text("stage").$type<"full" | "mfa" | "enrol">().notNull().default("full"),
    /** The browser's User-Agent at login (at most 300 characters), shown shortened on the account page. */
    userAgent: text("user_agent"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    idleExpiresAt: timestamp("idle_expires_at", { withTimezone: true }).notNull(),
    absoluteExpiresAt: timestamp("absolute_expires_at", { withTimezone: true }).notNull(),
    ip: inet("ip"),
    /**
     * Set while the session's browser is handed to a family as a survey kiosk (survey_kiosk_sessions.id):
     * every page but the kiosk's own is refused until the staff member leaves the kiosk with their password.
     */
    kioskSessionId: uuid("kiosk_session_id"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * A user's TOTP secret (RFC 6238, decision 0060). `confirmedAt` is null while the user enrols and
 * has not yet given a first code. `lastUsedStep` is the 30-second step of the last code accepted:
 * a code of that step or an earlier one is refused (no replay). The secret is never shown again
 * after enrolment; part F's key is meant to encrypt this column.
 */
export const userMfa = pgTable("user_mfa", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
});

/** Ten single-use recovery codes per enrolment, stored as argon2 hashes like passwords. */
export const mfaRecoveryCodes = pgTable(
  "mfa_recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("mfa_recovery_codes_user_idx").on(t.userId)],
);

/** Failed-login counters, per account and per address, shared by every app instance. */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", { withTimezone: true }).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", { withTimezone: true }),
});

/** One-time links for setting or resetting a password; only the token's hash is stored. */
export const passwordTokens = pgTable("password_tokens", {
  tokenHash: text("token_hash").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdBy: uuid("created_by").references(() => users.id),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
});

/** Personal access tokens for integration clients. Shown once, stored hashed. */
export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  prefix: text("prefix").notNull(),
  scopes: text("scopes").array().notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp("expires_at", { withTimezone: true }),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
});

/**
 * Append-only audit log of every disclosure and change. UPDATE, DELETE and TRUNCATE are
 * refused by triggers in the database (see the custom migration), not only by the code.
 *
 * A single disclosure or change names its subject in `subject_user_id` / `subject_person_id`. A
 * view that shows many persons at once (a worklist, a family list, search results, a family's
 * persons, colleagues) is one row naming all of them in `subject_person_ids` / `subject_user_ids`
 * (decision 0051); GIN indexes answer "who saw this person" from the arrays.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    actorUsername: text("actor_username"),
    actorRoles: text("actor_roles").array().notNull(),
    actorUnitIds: uuid("actor_unit_ids").array().notNull(),
    apiTokenId: uuid("api_token_id"),
    action: text("action").notNull(),
    recordType: text("record_type").notNull(),
    recordId: text("record_id"),
    subjectUserId: uuid("subject_user_id"),
    subjectPersonId: uuid("subject_person_id"),
    /** Every staff member a view showed (one row for the whole view); empty for a single disclosure. */
    subjectUserIds: uuid("subject_user_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** Every family member a view showed (one row for the whole view); empty for a single disclosure. */
    subjectPersonIds: uuid("subject_person_ids").array().notNull().default(sql`'{}'::uuid[]`),
    ip: inet("ip"),
    reason: text("reason"),
    detail: jsonb("detail"),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_idx").on(t.actorUserId, t.at),
    index("audit_log_subject_user_idx").on(t.subjectUserId, t.at),
    index("audit_log_subject_person_idx").on(t.subjectPersonId, t.at),
    index("audit_log_subject_user_ids_idx").using("gin", t.subjectUserIds),
    index("audit_log_subject_person_ids_idx").using("gin", t.subjectPersonIds),
  ],
);

/**
 * A reviewer's note on a flag of the log review (decision 0058): the flag is derived from an audit
 * row (`audit_log_id`) and its kind (outside need-to-know, many families, outside working hours,
 * identity number revealed, break-glass); once reviewed, it is no longer open. One review per flag.
 */
export const auditFlagReviews = pgTable(
  "audit_flag_reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    auditLogId: bigint("audit_log_id", { mode: "number" }).notNull(),
    kind: text("kind").notNull(),
    note: text("note").notNull(),
    reviewedBy: uuid("reviewed_by")
      .notNull()
      .references(() => users.id),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("audit_flag_reviews_flag").on(t.municipalityId, t.auditLogId, t.kind)],
);

/** Denied attempts: missing permission, bad CSRF token, throttled or failed logins. */
export const securityLog = pgTable(
  "security_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    userId: uuid("user_id"),
    username: text("username"),
    event: text("event").notNull(),
    action: text("action"),
    method: text("method"),
    route: text("route"),
    ip: inet("ip"),
    detail: jsonb("detail"),
  },
  (t) => [index("security_log_at_idx").on(t.at)],
);

/**
 * The outbox (decision 0039): a message that a write decided to send is a row written in the
 * write's own transaction, so that it is sent if and only if the write commits. A background job
 * of the module that owns the kind delivers the rows and retries a failed one later. `dedupeKey`
 * (unique per kind) makes a producer that may run twice (a daily job) insert once. The payload
 * carries no names or identity numbers: it leaves the system.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    dedupeKey: text("dedupe_key"),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    /** After the last attempt: the row stays for inspection and is not tried again. */
    failedAt: timestamp("failed_at", { withTimezone: true }),
    /** The SMTP answer code of the last failure (no address, no text). */
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("outbox_dedupe").on(t.kind, t.dedupeKey),
    index("outbox_pending_idx").on(t.kind, t.nextAttemptAt).where(sql`${t.sentAt} is null and ${t.failedAt} is null`),
  ],
);
