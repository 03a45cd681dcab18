import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { municipalities, units, users } from "./platform.ts";

/**
 * An implementation activity (implementeringsaktivitet): a training, inspiration day, analysis
 * seminar, information meeting or conference that brings the model into the units. Planned, then
 * held (with the number of participants) or cancelled (with the reason). No personal data: the
 * participants are a number.
 */
export const implementationActivities = pgTable(
  "implementation_activities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    activityDate: date("activity_date", { mode: "string" }).notNull(),
    /** training / inspiration_day / analysis_seminar / information_meeting / conference / other */
    kind: text("kind").notNull(),
    theme: text("theme").notNull(),
    /** planned / held / cancelled */
    status: text("status").notNull().default("planned"),
    /** Held: how many took part; planned: how many are expected (optional). */
    participants: integer("participants"),
    cancelReason: text("cancel_reason"),
    notes: text("notes"),
    createdBy: uuid("created_by").references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("implementation_activities_municipality_idx").on(t.municipalityId, t.activityDate),
    check(
      "implementation_activities_kind",
      sql`${t.kind} in ('training', 'inspiration_day', 'analysis_seminar', 'information_meeting', 'conference', 'other')`,
    ),
    check("implementation_activities_status", sql`${t.status} in ('planned', 'held', 'cancelled')`),
    check("implementation_activities_participants", sql`${t.participants} is null or ${t.participants} between 0 and 100000`),
    check("implementation_activities_held", sql`${t.status} <> 'held' or ${t.participants} is not null`),
    check("implementation_activities_cancelled", sql`(${t.status} = 'cancelled') = (${t.cancelReason} is not null)`),
  ],
);

/** The units an activity is for. */
export const implementationActivityUnits = pgTable(
  "implementation_activity_units",
  {
    activityId: uuid("activity_id")
      .notNull()
      .references(() => implementationActivities.id, { onDelete: "cascade" }),
    unitId: uuid("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.unitId] }), index("implementation_activity_units_unit_idx").on(t.unitId)],
);
