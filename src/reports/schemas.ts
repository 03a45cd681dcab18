/**
 * The report's input schemas: the API's bodies, which the form is decoded by too (decision 0035).
 * The service validates with them and checks the rules (title, real dates, from not after to, text
 * lengths). Messages are catalog keys.
 */
import { z } from "zod";
import { TEXT_MAX, TITLE_MAX, textSections } from "./model.ts";

const apiText = (max: number) =>
  z.string({ error: "reports.api.expectedText" }).max(max, max === TITLE_MAX ? "reports.error.titleTooLong" : "reports.error.textTooLong");

const textsBody = z
  .strictObject(
    Object.fromEntries(textSections.map((k) => [k, apiText(TEXT_MAX).default("")])) as Record<
      (typeof textSections)[number],
      z.ZodDefault<z.ZodString>
    >,
    { error: "reports.api.expectedObject" },
  )
  .default({ summary: "", model: "", discussion: "", nextSteps: "" })
  .describe(
    "Texterna: summary (sammanfattning), model (beskrivning av modellen och projektet), discussion (diskussion), nextSteps (nästa steg)",
  );

export const reportBody = z.strictObject(
  {
    title: apiText(TITLE_MAX).describe("Rapportens titel"),
    periodFrom: z.string({ error: "reports.error.date" }).describe("Periodens första dag, ÅÅÅÅ-MM-DD"),
    periodTo: z.string({ error: "reports.error.date" }).describe("Periodens sista dag, ÅÅÅÅ-MM-DD"),
    texts: textsBody,
  },
  { error: "reports.api.expectedObject" },
);
export const reportPutBody = reportBody.extend({
  version: z
    .number({ error: "reports.error.versionInvalid" })
    .int("reports.error.versionInvalid")
    .positive("reports.error.versionInvalid")
    .describe("Den senast lästa versionen (optimistisk låsning)"),
});
export type ReportBody = z.input<typeof reportBody>;
export type ReportPutBody = z.input<typeof reportPutBody>;
