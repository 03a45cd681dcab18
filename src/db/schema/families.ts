import { boolean, date, index, integer, pgTable, smallint, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { municipalities, units, users } from "./platform.ts";

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
    /** Only "new" until the Sofiamöte decision exists. */
    status: text("status").notNull().default("new"),
    caseType: smallint("case_type"),
    registeredBy: uuid("registered_by")
      .notNull()
      .references(() => users.id),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("requests_municipality_idx").on(t.municipalityId, t.requestDate)],
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
    /** 12 digits with the century; null when only the birth date is known. */
    identityNumber: text("identity_number"),
    birthDate: date("birth_date", { mode: "string" }).notNull(),
    /** Children: girl / boy / other / not_stated. */
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
  },
  (t) => [index("request_persons_request_idx").on(t.requestId), index("request_persons_unit_idx").on(t.unitId)],
);
