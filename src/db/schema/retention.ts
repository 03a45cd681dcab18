import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { processes } from "./families.ts";
import { municipalities, users } from "./platform.ts";

/**
 * The municipality's retention rules (gallring, decision 0062): per kind of record
 * (src/retention/model.ts `retentionKinds`) how long it is kept, in the kind's unit (years, or days
 * for sessions). No row: the kind is kept. A rule under the kind's legal minimum is refused by the
 * service before it is stored.
 */
export const retentionRules = pgTable(
  "retention_rules",
  {
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    kind: text("kind").notNull(),
    amount: integer("amount").notNull(),
    updatedBy: uuid("updated_by").references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.municipalityId, t.kind] }), check("retention_rules_amount", sql`${t.amount} >= 0`)],
);

/**
 * The municipality's data-protection settings: whether the retention job runs the rules by itself
 * (off until an administrator turns it on, who is then the one who confirmed its runs), and how
 * long a break-glass opening of a family lasts.
 */
export const dataProtectionSettings = pgTable(
  "data_protection_settings",
  {
    municipalityId: uuid("municipality_id")
      .primaryKey()
      .references(() => municipalities.id),
    retentionJobEnabled: boolean("retention_job_enabled").notNull().default(false),
    /** Who turned the job on: the receipt of each of its runs names them as the one who confirmed. */
    retentionConfirmedBy: uuid("retention_confirmed_by").references(() => users.id),
    retentionConfirmedAt: timestamp("retention_confirmed_at", { withTimezone: true }),
    breakGlassMinutes: integer("break_glass_minutes").notNull().default(60),
    version: integer("version").notNull().default(1),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("data_protection_break_glass_minutes", sql`${t.breakGlassMinutes} between 5 and 480`)],
);

/**
 * A break-glass grant (nödåtkomst): a user without need-to-know opened a family's process in an
 * emergency, with a reason, until `expires_at`. The access check (processes/access.ts) honours a
 * live grant for that user and process only.
 */
export const breakGlassGrants = pgTable(
  "break_glass_grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    processId: uuid("process_id")
      .notNull()
      .references(() => processes.id),
    reason: text("reason").notNull(),
    grantedAt: timestamp("granted_at", { withTimezone: true }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("break_glass_grants_user_idx").on(t.userId, t.processId, t.expiresAt)],
);
