/**
 * The input schemas of placements and the forum: the API's bodies, which the forms are decoded by
 * (decision 0035; dates as Swedes type them, decision 0041). The service validates with them and
 * checks the rules between fields and against the stored rows. Messages are catalog keys.
 */
import { z } from "zod";
import { dateInput } from "../platform/date-input.ts";
import {
  ACTION_MAX,
  ACTIONS_MAX,
  ATTENDEES_MAX,
  actionSubjects,
  DECISION_MAX,
  endDestinations,
  legalBases,
  NAME_MAX,
  PARENT_LABEL_MAX,
  PLAN_MAX,
  placementKinds,
  SUPPORT_MAX,
} from "./model.ts";

function body<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, { error: (issue) => (issue.code === "invalid_type" ? "placements.api.expectedObject" : undefined) });
}

const requiredDate = (required: string) => z.string({ error: required }).trim().min(1, required).pipe(dateInput("placements.date.invalid"));
const optionalDate = z
  .string({ error: "placements.date.invalid" })
  .trim()
  .pipe(dateInput("placements.date.invalid"))
  .nullable()
  .default(null);
const optionalText = (max: number, key: string) =>
  z.string({ error: "placements.api.expectedText" }).trim().max(max, key).nullable().default(null);
const id = (key: string) => z.string({ error: key }).trim().min(1, key);
const optionalId = z.string({ error: "placements.api.expectedText" }).trim().nullable().default(null);
const version = z
  .number({ error: (issue) => (issue.input === undefined ? "placements.versionRequired" : "placements.versionInvalid") })
  .int("placements.versionInvalid")
  .positive("placements.versionInvalid")
  .describe("Den senast lästa versionen (optimistisk låsning)");

/** A placement's own fields (kind, basis, dates, plan). */
const placementShape = {
  kind: z
    .enum(placementKinds, { error: "placements.kind.required" })
    .describe("emergency_foster_home (jourhem), foster_home (familjehem), residential_care (HVB), kinship (nätverkshem), other"),
  legalBasis: z.enum(legalBases, { error: "placements.legalBasis.required" }).describe("sol eller lvu"),
  startDate: requiredDate("placements.start.required").describe("Placeringens första dag, ÅÅÅÅ-MM-DD"),
  plannedEndDate: optionalDate.describe("Planerat slut, ÅÅÅÅ-MM-DD, inte före starten"),
  returnHomePlan: optionalText(PLAN_MAX, "placements.plan.tooLong").describe("Plan för hemflytt, i ord"),
};

export const placementBody = body(placementShape);
export type PlacementInput = z.input<typeof placementBody>;

export const placementPatchBody = body({
  ...placementShape,
  version,
});
export type PlacementPatchInput = z.input<typeof placementPatchBody>;

export const placementEndBody = body({
  endDate: requiredDate("placements.end.required").describe("Sista dagen, ÅÅÅÅ-MM-DD, inte före starten"),
  endDestination: z
    .enum(endDestinations, { error: "placements.destination.required" })
    .nullable()
    .default(null)
    .describe("Vart barnet gick: home (hem) eller other_placement (annan placering); krävs"),
  version,
});
export type PlacementEndInput = z.input<typeof placementEndBody>;

/**
 * A placed child with the first placement: a child of a Sofia family (`requestPersonId`) or a
 * child without a Sofia process (name, and the identity number or the birth date).
 */
export const childBody = body({
  requestPersonId: optionalId.describe("Barnet i en Sofiafamilj (förfrågans person-id); annars null och namnet anges"),
  name: optionalText(NAME_MAX, "placements.name.tooLong").describe("Barnets namn, för ett barn utan Sofiaprocess"),
  identityNumber: optionalText(20, "placements.identity.invalid").describe("Personnummer eller samordningsnummer (valfritt)"),
  birthDate: optionalDate.describe("Födelsedatum, när personnumret saknas"),
  unitId: id("placements.unit.required").describe("Familjeenheten som ansvarar för barnet (enhetens id)"),
  caseworkerId: optionalId.describe("Ansvarig socialsekreterare (användarens id), eller null"),
  ...placementShape,
});
export type ChildInput = z.input<typeof childBody>;

export const forumBody = body({
  unitId: id("placements.unit.required").describe("Enheten vars placerade barn forumet går igenom"),
  forumDate: requiredDate("placements.forumDate.required").describe("Forumets datum, ÅÅÅÅ-MM-DD"),
  convenedBy: optionalId.describe("Vem som kallar (användarens id); utan värde enhetens enhetschef"),
});
export type ForumInput = z.input<typeof forumBody>;

export const attendanceBody = body({
  attendeeIds: z
    .array(z.string({ error: "placements.attendees.unknown" }), { error: "placements.attendees.unknown" })
    .max(ATTENDEES_MAX, "placements.attendees.unknown")
    .default([])
    .describe("De som deltog (användarnas id)"),
  version,
});
export type AttendanceInput = z.input<typeof attendanceBody>;

export const heldBody = body({
  held: z.boolean({ error: "placements.held.confirm" }).describe("true: forumet har hållits (datumet får inte vara efter i dag)"),
  version,
});
export type HeldInput = z.input<typeof heldBody>;

const actionShape = z.strictObject(
  {
    subject: z.enum(actionSubjects, { error: "placements.action.subjectRequired" }).describe("child (barnet) eller parent (en förälder)"),
    guardianId: optionalId.describe("Vårdnadshavaren i förfrågan, för ett barn i en Sofiafamilj"),
    parentLabel: optionalText(PARENT_LABEL_MAX, "placements.action.parentTooLong").describe(
      "Föräldern i ord (t.ex. mamma) för ett barn utan Sofiaprocess",
    ),
    action: optionalText(ACTION_MAX, "placements.action.tooLong").describe("Nästa steg; en rad utan text räknas inte"),
    support: optionalText(SUPPORT_MAX, "placements.action.supportTooLong").describe(
      "Stöd från missbruks- och beroendesidan, t.ex. öppenvård",
    ),
    responsibleId: optionalId.describe("Den som ansvarar (användarens id); krävs"),
    dueDate: optionalDate.describe("Klart senast, ÅÅÅÅ-MM-DD; krävs"),
  },
  { error: (issue) => (issue.code === "invalid_type" ? "placements.api.expectedObject" : undefined) },
);

export const reviewBody = body({
  placedChildId: id("placements.child.required").describe("Det placerade barnet"),
  decision: z
    .string({ error: "placements.decision.required" })
    .trim()
    .min(1, "placements.decision.required")
    .max(DECISION_MAX, "placements.decision.tooLong")
    .describe("Forumets korta beslut"),
  actions: z.array(actionShape, { error: "placements.api.expectedList" }).max(ACTIONS_MAX, "placements.action.tooMany").default([]),
});
export type ReviewInput = z.input<typeof reviewBody>;

export const actionDoneBody = body({
  doneOn: optionalDate.describe("Datum då steget blev klart; utan värde i dag"),
  version,
});
export type ActionDoneInput = z.input<typeof actionDoneBody>;
