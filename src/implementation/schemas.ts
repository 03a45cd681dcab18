/**
 * The activity's input schemas: the API's bodies, which the form is decoded by (decision 0035: the
 * date as Swedes type it, decision 0041, the participants from their digits, the units from the checkboxes). The
 * service validates with them and checks the rules between fields (model.activityProblems).
 * Messages are catalog keys.
 */
import { z } from "zod";
import { dateInput } from "../platform/date-input.ts";
import { activityKinds, activityStatuses, NOTES_MAX, PARTICIPANTS_MAX, REASON_MAX, THEME_MAX, UNITS_MAX } from "./model.ts";

const theme = z
  .string({ error: (issue) => (issue.input === undefined ? "implementation.theme.required" : "implementation.api.expectedText") })
  .trim()
  .min(1, "implementation.theme.required")
  .max(THEME_MAX, "implementation.theme.tooLong");

const kind = z.enum(activityKinds, { error: "implementation.kind.required" });
const status = z.enum(activityStatuses, { error: "implementation.status.required" });
/** A date as Swedes type it (decision 0041), stored as ÅÅÅÅ-MM-DD; an empty field is "required". */
const date = z
  .string({ error: "implementation.date.invalid" })
  .trim()
  .min(1, "implementation.date.required")
  .pipe(dateInput("implementation.date.invalid"));

function body<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, { error: (issue) => (issue.code === "invalid_type" ? "implementation.api.expectedObject" : undefined) });
}

/** An optional text of the API: null or a string (an empty one is stored as null). */
const apiText = (max: number, tooLongKey: string) =>
  z.string({ error: "implementation.api.expectedText" }).trim().max(max, tooLongKey).nullable().default(null);

export const activityBody = body({
  activityDate: date.describe(
    "Datum, ÅÅÅÅ-MM-DD (även 20/12 2026 och 20 dec 2026 tas emot). En genomförd aktivitet kan inte ha ett datum efter i dag.",
  ),
  kind: kind.describe("Slag av aktivitet"),
  theme: theme.describe("Tema, t.ex. Introduktion till Sofiamodellen"),
  unitIds: z
    .array(z.string({ error: "implementation.units.unknown" }), { error: "implementation.units.unknown" })
    .max(UNITS_MAX, "implementation.units.unknown")
    .default([])
    .describe("Enheterna aktiviteten riktar sig till (kommunens enheters id)"),
  status: status.describe("planned (planerad), held (genomförd) eller cancelled (inställd)"),
  participants: z
    .number({ error: "implementation.participants.invalid" })
    .int("implementation.participants.invalid")
    .min(0, "implementation.participants.invalid")
    .max(PARTICIPANTS_MAX, "implementation.participants.invalid")
    .nullable()
    .default(null)
    .describe("Antal deltagare: krävs när aktiviteten är genomförd; för en planerad det förväntade antalet"),
  cancelReason: apiText(REASON_MAX, "implementation.cancelReason.tooLong").describe(
    "Orsak: krävs när aktiviteten är inställd och får bara anges då, t.ex. Inställd på grund av pandemin",
  ),
  notes: apiText(NOTES_MAX, "implementation.notes.tooLong").describe("Anteckningar (inga personuppgifter)"),
});
export const activityPatchBody = activityBody.extend({
  version: z
    .number({ error: (issue) => (issue.input === undefined ? "implementation.versionRequired" : "implementation.versionInvalid") })
    .int("implementation.versionInvalid")
    .positive("implementation.versionInvalid")
    .describe("Den senast lästa versionen (optimistisk låsning)"),
});
export type ActivityInput = z.input<typeof activityBody>;
export type ActivityPatchInput = z.input<typeof activityPatchBody>;
