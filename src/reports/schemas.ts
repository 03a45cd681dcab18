/**
 * The zod schemas of the report form and the API bodies. Both end in the same ReportInput; the
 * service checks the rules (title, real dates, from not after to, text lengths). Messages are catalog keys.
 */
import { z } from "zod";
import { TEXT_MAX, TITLE_MAX, textSections } from "./model.ts";

const formText = z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string({ error: "reports.api.expectedText" }));
const formVersion = z.coerce
  .number({ error: "reports.error.versionInvalid" })
  .int("reports.error.versionInvalid")
  .positive("reports.error.versionInvalid");

const toInput = (d: Record<string, string | number>) => ({
  title: String(d.title ?? ""),
  periodFrom: String(d.periodFrom ?? "").trim(),
  periodTo: String(d.periodTo ?? "").trim(),
  texts: {
    summary: String(d.summary ?? ""),
    model: String(d.model ?? ""),
    discussion: String(d.discussion ?? ""),
    nextSteps: String(d.nextSteps ?? ""),
  },
});

const formShape = {
  title: formText,
  periodFrom: formText,
  periodTo: formText,
  summary: formText,
  model: formText,
  discussion: formText,
  nextSteps: formText,
};

export const reportForm = z.object(formShape).transform(toInput);
export const reportEditForm = z.object({ ...formShape, version: formVersion }).transform((d) => ({ ...toInput(d), version: d.version }));

// ---- API bodies ----

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
