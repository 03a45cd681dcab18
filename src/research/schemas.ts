/**
 * The research export's input: the API body, by which the page also decodes its form (decision 0035);
 * the service validates it. The purpose is required (10–500 characters); the period is two existing dates as Swedes
 * type them (decision 0041, stored as ÅÅÅÅ-MM-DD), from not after to. Messages are catalog keys.
 */
import { z } from "zod";
import { dateInput } from "../platform/date-input.ts";
import { PURPOSE_MAX, PURPOSE_MIN } from "./model.ts";

const purpose = z
  .string({ error: (issue) => (issue.input === undefined ? "research.purpose.required" : "research.api.expectedText") })
  .trim()
  .min(1, { error: "research.purpose.required", abort: true })
  .min(PURPOSE_MIN, "research.purpose.tooShort")
  .max(PURPOSE_MAX, "research.purpose.tooLong");

const day = (requiredKey: string) =>
  z
    .string({ error: (issue) => (issue.input === undefined ? requiredKey : "research.date.invalid") })
    .trim()
    .min(1, { error: requiredKey, abort: true })
    .pipe(dateInput("research.date.invalid"));

const periodInOrder = <T extends { from: string; to: string }>(v: T, ctx: z.RefinementCtx) => {
  if (v.from > v.to) ctx.addIssue({ code: "custom", path: ["to"], message: "research.date.order" });
};

export const exportBody = z
  .strictObject(
    {
      purpose: purpose.describe("Syftet med uttaget, 10–500 tecken (loggas), t.ex. utvärdering för ett universitet med diarienummer"),
      from: day("research.from.required").describe(
        "Perioden: familjer vars förfrågan kom in från och med, ÅÅÅÅ-MM-DD (även 20/12 2026 och 20 dec 2026 tas emot)",
      ),
      to: day("research.to.required").describe("Till och med, ÅÅÅÅ-MM-DD (även 20/12 2026 och 20 dec 2026 tas emot)"),
      exactDates: z
        .boolean({ error: "research.api.expectedBoolean" })
        .default(false)
        .describe("true: exakta datum; false (standard): datum som ÅÅÅÅ-MM och intervall i dagar"),
      caseTypeAndHousehold: z
        .boolean({ error: "research.api.expectedBoolean" })
        .default(true)
        .describe("Ta med familjernas ärendetyp, hushåll och vårdnad (standard true)"),
    },
    { error: (issue) => (issue.code === "invalid_type" ? "research.api.expectedObject" : undefined) },
  )
  .superRefine(periodInOrder);

/** What the services take: the body as sent (the page's form decoded by it), validated by the service. */
export type ExportBody = z.input<typeof exportBody>;
export type ExportInput = z.output<typeof exportBody>;
