/**
 * The zod schemas of the activity form and the API bodies. The form sends text (the date as
 * ÅÅÅÅ-MM-DD, the participants as digits, the units as checkboxes); the API sends JSON. Both end in
 * the same ActivityInput and the service checks the rules between fields (model.activityProblems).
 * Messages are catalog keys.
 */
import { z } from "zod";
import { manyStrings } from "../platform/forms.tsx";
import { activityKinds, activityStatuses, NOTES_MAX, PARTICIPANTS_MAX, REASON_MAX, THEME_MAX, UNITS_MAX } from "./model.ts";

const optionalText = (max: number, tooLongKey: string) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z
      .string({ error: "implementation.api.expectedText" })
      .trim()
      .max(max, tooLongKey)
      .transform((s) => (s === "" ? null : s)),
  );

const theme = z
  .string({ error: (issue) => (issue.input === undefined ? "implementation.theme.required" : "implementation.api.expectedText") })
  .trim()
  .min(1, "implementation.theme.required")
  .max(THEME_MAX, "implementation.theme.tooLong");

const kind = z.enum(activityKinds, { error: "implementation.kind.required" });
const status = z.enum(activityStatuses, { error: "implementation.status.required" });
const date = z
  .string({ error: "implementation.date.invalid" })
  .trim()
  .min(1, "implementation.date.required")
  .max(20, "implementation.date.invalid");

/** The participants on the form: digits, or empty for none. */
const formParticipants = z.preprocess(
  (v) => (v === undefined || v === null ? "" : v),
  z
    .string({ error: "implementation.participants.invalid" })
    .trim()
    .transform((s, ctx) => {
      if (s === "") return null;
      const n = /^\d{1,6}$/.test(s) ? Number(s) : Number.NaN;
      if (Number.isInteger(n) && n >= 0 && n <= PARTICIPANTS_MAX) return n;
      ctx.addIssue({ code: "custom", message: "implementation.participants.invalid" });
      return z.NEVER;
    }),
);

const formVersion = z.coerce
  .number({ error: "implementation.versionInvalid" })
  .int("implementation.versionInvalid")
  .positive("implementation.versionInvalid");

export const activityForm = z.object({
  activityDate: date,
  kind,
  theme,
  unitIds: manyStrings.pipe(z.array(z.string()).max(UNITS_MAX, "implementation.units.unknown")),
  status,
  participants: formParticipants,
  cancelReason: optionalText(REASON_MAX, "implementation.cancelReason.tooLong"),
  notes: optionalText(NOTES_MAX, "implementation.notes.tooLong"),
});
export const activityEditForm = activityForm.extend({ version: formVersion });
export type ActivityInput = z.output<typeof activityForm>;

// ---- API bodies ----

function body<S extends z.ZodRawShape>(shape: S) {
  return z.strictObject(shape, { error: (issue) => (issue.code === "invalid_type" ? "implementation.api.expectedObject" : undefined) });
}

/** An optional text of the API: null or a string (an empty one is stored as null). */
const apiText = (max: number, tooLongKey: string) =>
  z.string({ error: "implementation.api.expectedText" }).trim().max(max, tooLongKey).nullable().default(null);

export const activityBody = body({
  activityDate: date.describe("Datum, ÅÅÅÅ-MM-DD. En genomförd aktivitet kan inte ha ett datum efter i dag."),
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
