import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { requests } from "./families.ts";
import { municipalities, units, users } from "./platform.ts";

/**
 * A handover (överlämning) of a family from the intake unit (mottagningen) to investigation
 * (utredning), issue 18 item 4 and decision 0066: it belongs to a request Sofia knows, names the
 * handing-over unit (always of kind intake, the service checks it) and the receiving unit (never
 * the same), the reason in words, who handed over and the work leader (arbetsledare) who planned
 * the team. The team is its members (`intake_handover_members`); one version for the handover and
 * its team (a team edit or a first contact bumps it: 409 on conflict).
 */
export const intakeHandovers = pgTable(
  "intake_handovers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    municipalityId: uuid("municipality_id")
      .notNull()
      .references(() => municipalities.id),
    requestId: uuid("request_id")
      .notNull()
      .references(() => requests.id),
    handoverDate: date("handover_date", { mode: "string" }).notNull(),
    fromUnitId: uuid("from_unit_id")
      .notNull()
      .references(() => units.id),
    toUnitId: uuid("to_unit_id")
      .notNull()
      .references(() => units.id),
    reason: text("reason").notNull(),
    /** Who handed the family over (a caseworker of the intake unit, as a rule). */
    handedOverBy: uuid("handed_over_by")
      .notNull()
      .references(() => users.id),
    /** The work leader (arbetsledare: unit manager or process leader) who recorded the handover and planned the team. */
    workLeaderId: uuid("work_leader_id")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("intake_handovers_request_idx").on(t.requestId),
    index("intake_handovers_units_idx").on(t.municipalityId, t.toUnitId, t.handoverDate),
    check("intake_handovers_units_differ", sql`${t.fromUnitId} <> ${t.toUnitId}`),
  ],
);

/**
 * One role of a handover's team: the competence or function needed (barnutredare, vuxenhandläggare,
 * familjebehandlare, behandlare inom beroendevården, specialist på våld i nära relationer, annan), the named
 * user or null (ska tillsättas), and the member's first contact with the family, recorded later.
 */
export const intakeHandoverMembers = pgTable(
  "intake_handover_members",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    handoverId: uuid("handover_id")
      .notNull()
      .references(() => intakeHandovers.id),
    position: smallint("position").notNull(),
    role: text("role").notNull(),
    /** The named member; null: to be assigned (ska tillsättas). */
    userId: uuid("user_id").references(() => users.id),
    firstContactOn: date("first_contact_on", { mode: "string" }),
    firstContactBy: uuid("first_contact_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("intake_handover_members_handover_idx").on(t.handoverId, t.position),
    index("intake_handover_members_user_idx").on(t.userId),
    check(
      "intake_handover_members_role",
      sql`${t.role} in ('child_investigator', 'adult_caseworker', 'family_therapist', 'addiction_therapist', 'domestic_violence_specialist', 'other')`,
    ),
    check("intake_handover_members_contact_named", sql`${t.firstContactOn} is null or ${t.userId} is not null`),
  ],
);
