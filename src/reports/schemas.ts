/**
 * The report's input schemas: the API's bodies, which the form is decoded by too (decision 0035).
 * The service validates with them and checks the rules (title, real dates, from not after to, text
 * lengths). Messages are catalog keys.
 */
import { z } from "zod";
import { AUTHOR_MAX, DIARY_NUMBER_MAX, TEXT_MAX, TITLE_MAX, textSections } from "./model.ts";
import { TEMPLATE_TEXT_MAX, templateSections } from "./template.ts";

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
  .default({ summary: "", model: "", discussion: "", nextSteps: "", decision: "" })
  .describe(
    "Texterna: summary (sammanfattning), model (beskrivning av modellen och projektet), discussion (diskussion), nextSteps (nästa steg), decision (förslag till beslut)",
  );

export const reportBody = z.strictObject(
  {
    title: apiText(TITLE_MAX).describe("Rapportens titel"),
    periodFrom: z.string({ error: "reports.error.date" }).describe("Periodens första dag, ÅÅÅÅ-MM-DD"),
    periodTo: z.string({ error: "reports.error.date" }).describe("Periodens sista dag, ÅÅÅÅ-MM-DD"),
    diaryNumber: z
      .string({ error: "reports.api.expectedText" })
      .max(DIARY_NUMBER_MAX, "reports.error.diaryNumberTooLong")
      .default("")
      .describe("Diarienummer, tryckt på försättsbladet (t.ex. SN 2026/123)"),
    author: z
      .string({ error: "reports.api.expectedText" })
      .max(AUTHOR_MAX, "reports.error.authorTooLong")
      .default("")
      .describe("Författare eller avsändare, tryckt på försättsbladet; tomt: den som tar fram versionen"),
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

/** The municipality's report template over the API (and the page's fields, the logo read from the upload). */
export const templateBody = z.strictObject(
  {
    introduction: z
      .string({ error: "reports.api.expectedText" })
      .max(TEMPLATE_TEXT_MAX, "reports.template.error.textTooLong")
      .default("")
      .describe("Text som återkommer i varje rapport: modellens och projektets beskrivning"),
    contact: z
      .string({ error: "reports.api.expectedText" })
      .max(TEMPLATE_TEXT_MAX, "reports.template.error.textTooLong")
      .default("")
      .describe("Text som återkommer i varje rapport: kontaktuppgifter"),
    sections: z
      .array(z.enum(templateSections, { error: "reports.template.error.section" }), { error: "reports.template.error.sections" })
      .min(1, "reports.template.error.sections")
      .describe(`Avsnitten som tas med: ${templateSections.join(", ")}`),
    logo: z
      .string({ error: "reports.template.error.logoBase64" })
      .nullable()
      .optional()
      .describe("Logotypen som base64 (PNG eller SVG, högst 1 MB); null tar bort den, utelämnad lämnar den som den är"),
    version: z
      .number({ error: "reports.error.versionInvalid" })
      .int("reports.error.versionInvalid")
      .min(0, "reports.error.versionInvalid")
      .describe("Den senast lästa versionen av mallen (0 när ingen mall sparats); optimistisk låsning"),
  },
  { error: "reports.api.expectedObject" },
);
export type TemplateBody = z.input<typeof templateBody>;
