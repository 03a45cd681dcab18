/** Interim reports over the JSON API, through the same services as the pages: list, create, change the texts, generate, download. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../platform/api-schemas.ts";
import { NotFoundError } from "../platform/errors.ts";
import type { App } from "../platform/http.ts";
import { parseFileName, sendFile } from "./pages.tsx";
import { paths } from "./paths.ts";
import { reportBody, reportPutBody, templateBody } from "./schemas.ts";
import * as reports from "./service.ts";
import { templateSections } from "./template.ts";
import * as templates from "./template-service.ts";

const templateSchema = z
  .object({
    introduction: z.string(),
    contact: z.string(),
    sections: z.array(z.enum(templateSections)).describe("Avsnitten som tas med, i rapportens ordning"),
    logo: z
      .object({ type: z.enum(["image/png", "image/svg+xml"]), bytes: z.number().int(), url: z.string() })
      .nullable()
      .describe("Logotypen (typ läst ur filens innehåll) och var den hämtas; null utan logotyp"),
    version: z.number().int().describe("Skicka med vid ändring (0: ingen mall sparad ännu)"),
  })
  .describe("Kommunens rapportmall");

const toTemplate = (t: Awaited<ReturnType<typeof templates.getTemplate>>) => ({
  introduction: t.introduction,
  contact: t.contact,
  sections: t.sections,
  logo: t.logo ? { type: t.logo.type, bytes: t.logo.data.length, url: paths.templateLogo.href() } : null,
  version: t.version,
});

const tags = ["Delrapporter"];
const problems = {
  ...commonProblems,
  409: problem("Versionen är inaktuell (någon annan har sparat delrapporten); ingenting ändrades"),
};
const readProblems = { 401: problems[401], 403: problems[403], 404: problems[404] };

const idParams = z.object({ id: z.string().describe("Delrapportens id (UUID)") });

const versionSchema = z.object({
  number: z.number().int().describe("Versionens nummer, 1, 2, …"),
  generatedAt: z.iso.datetime(),
  generatedBy: z.string().nullable().describe("Vem som tog fram versionen (visningsnamn)"),
  pdfBytes: z.number().int(),
  docxBytes: z.number().int(),
  pdfUrl: z.string().describe("Ladda ned PDF/A-filen"),
  docxUrl: z.string().describe("Ladda ned Word-filen"),
  xlsxUrl: z.string().describe("Ladda ned versionens tabeller som Excel-arbetsbok"),
  csvUrl: z.string().describe("Ladda ned versionens tabeller som CSV (semikolon, UTF-8)"),
});

const reportSchema = z
  .object({
    id: z.uuid(),
    title: z.string(),
    periodFrom: z.string().describe("ÅÅÅÅ-MM-DD"),
    periodTo: z.string().describe("ÅÅÅÅ-MM-DD"),
    diaryNumber: z.string().describe("Diarienummer (tomt om inget givits)"),
    author: z.string().describe("Författare på försättsbladet (tomt: den som tar fram versionen)"),
    texts: z.object({ summary: z.string(), model: z.string(), discussion: z.string(), nextSteps: z.string(), decision: z.string() }),
    version: z.number().int().describe("Skicka med vid ändring (optimistisk låsning)"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    versions: z.array(versionSchema).describe("De framtagna versionerna, den senaste först"),
  })
  .describe("En delrapport till socialnämnden: period, texter och framtagna versioner");

const fileUrl = (id: string, n: number, format: reports.Format) => `/api/v1/reports/${id}/versions/${n}/${format}`;

const toVersion = (id: string, v: reports.VersionSummary) => ({
  number: v.number,
  generatedAt: v.generatedAt.toISOString(),
  generatedBy: v.generatedBy,
  pdfBytes: v.pdfBytes,
  docxBytes: v.docxBytes,
  pdfUrl: fileUrl(id, v.number, "pdf"),
  docxUrl: fileUrl(id, v.number, "docx"),
  xlsxUrl: fileUrl(id, v.number, "xlsx"),
  csvUrl: fileUrl(id, v.number, "csv"),
});

const toReport = (r: reports.Report) => ({
  id: r.id,
  title: r.title,
  periodFrom: r.periodFrom,
  periodTo: r.periodTo,
  diaryNumber: r.diaryNumber,
  author: r.author,
  texts: r.texts,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
  versions: r.versions.map((v) => toVersion(r.id, v)),
});

export function reportsApi(app: App): void {
  app.get(
    paths.apiReports.pattern,
    {
      config: { permission: "reports.view" },
      schema: {
        tags,
        summary: "Lista delrapporterna",
        description: "Kommunens delrapporter, den senaste perioden först, med sina framtagna versioner och länkar till filerna.",
        response: { 200: z.object({ reports: z.array(reportSchema) }), 401: problems[401], 403: problems[403] },
      },
    },
    async (req) => ({ reports: (await reports.listReports(req.ctx)).map(toReport) }),
  );

  app.post(
    paths.apiReports.pattern,
    {
      config: { permission: "reports.manage" },
      schema: {
        tags,
        summary: "Skapa en delrapport",
        description: "Titel, period (från–till, ÅÅÅÅ-MM-DD) och eventuella texter. Inga personuppgifter i texterna. Loggas.",
        body: reportBody,
        response: { 201: reportSchema, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(toReport(await reports.createReport(req.ctx, req.body))),
  );

  app.get(
    paths.apiReport.pattern,
    {
      config: { permission: "reports.view" },
      schema: {
        tags,
        summary: "Hämta en delrapport",
        params: idParams,
        response: { 200: reportSchema, ...readProblems },
      },
    },
    async (req) => toReport(await reports.getReport(req.ctx, req.params.id)),
  );

  app.put(
    paths.apiReport.pattern,
    {
      config: { permission: "reports.manage" },
      schema: {
        tags,
        summary: "Ändra en delrapports titel, period och texter",
        description: "Ersätter titel, period och texter. version måste vara den senast lästa, annars 409. Loggas.",
        params: idParams,
        body: reportPutBody,
        response: { 200: reportSchema, ...problems },
      },
    },
    async (req) => toReport(await reports.updateReport(req.ctx, req.params.id, req.body)),
  );

  app.post(
    paths.apiVersions.pattern,
    {
      config: { permission: "reports.manage" },
      schema: {
        tags,
        summary: "Ta fram en ny version",
        description:
          "Räknar fram periodens siffror och sparar rapporten som PDF/A-2b och Word, med siffrorna som användes, som nästa version (allt eller inget). Loggas.",
        params: idParams,
        response: { 201: versionSchema, ...readProblems },
      },
    },
    async (req, reply) => reply.code(201).send(toVersion(req.params.id, await reports.generateVersion(req.ctx, req.params.id))),
  );

  app.get(
    paths.apiVersionContent.pattern,
    {
      config: { permission: "reports.view" },
      schema: {
        tags,
        summary: "En versions siffror och texter",
        description:
          "Det som versionen togs fram ur, exakt som det sparades: periodens siffror (redan skyddade för små grupper), texterna, försättsbladets uppgifter, mallen och hur andelar och medelvärden avrundas. Loggas.",
        params: z.object({ id: z.string().describe("Delrapportens id (UUID)"), number: z.string().describe("Versionens nummer") }),
        response: { 200: z.any().describe("Versionens innehåll (JSON)"), ...readProblems },
      },
    },
    async (req) => {
      const n = /^[1-9]\d{0,5}$/.test(req.params.number) ? Number(req.params.number) : 0;
      if (!n) throw new NotFoundError();
      return reports.versionContent(req.ctx, req.params.id, n);
    },
  );

  app.get(
    paths.apiTemplate.pattern,
    {
      config: { permission: "reports.view" },
      schema: { tags, summary: "Hämta kommunens rapportmall", response: { 200: templateSchema, 401: problems[401], 403: problems[403] } },
    },
    async (req) => toTemplate(await templates.getTemplate(req.ctx)),
  );

  app.put(
    paths.apiTemplate.pattern,
    {
      config: { permission: "reports.manage" },
      schema: {
        tags,
        summary: "Spara kommunens rapportmall",
        description:
          "Texter som återkommer, avsnitten som tas med och logotypen som base64 (PNG eller SVG, mindre än 1 MB, kontrolleras på innehållet). version måste vara den senast lästa, annars 409. Loggas.",
        body: templateBody,
        response: { 200: templateSchema, ...problems },
      },
    },
    async (req) => toTemplate(await templates.saveTemplate(req.ctx, req.body)),
  );

  app.get(
    paths.apiFile.pattern,
    {
      config: { permission: "reports.view" },
      schema: {
        tags,
        summary: "Ladda ned en version",
        description:
          "Filen exakt som den togs fram: application/pdf (PDF/A-2b) eller Word (docx); eller versionens tabeller som Excel (xlsx) eller CSV, ur de siffror som sparades med versionen. Nedladdningen loggas.",
        params: z.object({
          id: z.string().describe("Delrapportens id (UUID)"),
          number: z.string().describe("Versionens nummer"),
          format: z.enum(["pdf", "docx", "xlsx", "csv"]).describe("pdf, docx, xlsx eller csv"),
        }),
        response: { 200: z.any().describe("Filen (application/pdf, docx, xlsx eller text/csv)"), ...readProblems },
      },
    },
    async (req, reply) => {
      const wanted = parseFileName(`${req.params.number}.${req.params.format}`);
      if (!wanted) throw new NotFoundError();
      return sendFile(reply, await reports.downloadVersion(req.ctx, req.params.id, wanted.number, wanted.format));
    },
  );
}
