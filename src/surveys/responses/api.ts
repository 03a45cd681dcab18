/** Survey answers over the JSON API: a paper form typed in by staff, and a process's response rate. Counts only. */
import multipart from "@fastify/multipart";
import { z } from "zod";
import { problems as commonProblems, importRowsProblem, importRowsProblemBody, problem } from "../../platform/api-schemas.ts";
import { ValidationError } from "../../platform/errors.ts";
import { jsonInput } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import {
  IMPORT_BYTES_MAX,
  IMPORT_ROWS_MAX,
  ImportRejectedError,
  importMultipartLimits,
  importPaperAnswers,
  paperInput,
  readImportUpload,
  recordPaperResponse,
  surveyRate,
} from "../paper/index.ts";
import { paths } from "./paths.ts";

const tags = ["Enkäter"];
const processParams = z.object({ id: z.string().describe("Processens id (UUID)") });
const meetingParams = processParams.extend({ meetingId: z.string().describe("Mötets id (UUID)") });

const rate = z.object({
  attended: z.number().int().describe("Familjemedlemmar som var närvarande vid mötet"),
  responses: z.number().int().describe("Enkätsvar för mötet, alla sätt att svara"),
});

const paperBody = paperInput
  .omit({ childId: true })
  .describe(
    "instrumentKey: en enkät som mötestypen följs av (den publicerade versionen används). respondentRole: parent_with_problem, parent_without_problem eller child (ageBand krävs för barn, t.ex. 6–9). submissionKey: en UUID som klienten skapar per formulär; samma nyckel sparas en gång. answers: per fråga ett värde på skalan, eller dontKnow (om skalan tillåter det), eller value null och dontKnow false för obesvarad.",
  );

const rateSection = z.object({
  meetings: z.array(
    rate.extend({
      meetingId: z.uuid(),
      meetingTypeKey: z.string(),
      meetingTypeName: z.string(),
      childId: z.uuid().nullable().describe("Barnet för ett barnmöte; null för familjemöten"),
      heldOn: z.iso.date(),
    }),
  ),
  types: z.array(rate.extend({ meetingTypeKey: z.string(), meetingTypeName: z.string(), meetings: z.number().int() })),
});

const conflict = problem(
  "Mötet är inte hållet, alla närvarande har redan svarat, eller nyckeln användes för ett annat formulär; ingenting sparades",
);

const importAnswer = z.object({
  dryRun: z.boolean().describe("true: bara kontrollerat, ingenting sparades"),
  instrumentKey: z.string(),
  imported: z.number().int().describe("Enkätsvar som sparades nu (0 vid dryRun)"),
  rows: z
    .array(
      z.object({
        row: z.number().int().describe("Raden i filen (rubrikraden är rad 1)"),
        meetingId: z.uuid(),
        heldOn: z.iso.date().describe("Mötets datum: svarets period"),
        respondentRole: z.string(),
        ageBand: z.string().nullable(),
        answered: z.number().int().describe("Besvarade frågor"),
        already: z.boolean().describe("Samma rad är redan importerad: sparas inte igen"),
      }),
    )
    .describe("De godtagna raderna"),
  errors: z
    .array(z.object({ row: z.number().int(), column: z.string(), message: z.string() }))
    .describe("Varje felaktig rad med kolumn och skäl; finns det ett fel sparas ingenting"),
});

export function responsesApi(app: App): void {
  // The import is a multipart upload: the parser is registered for its route's scope only.
  app.register(async (scope) => {
    await scope.register(multipart, { throwFileSizeLimit: false, limits: importMultipartLimits });
    scope.addHook("preValidation", async (req) => {
      if (req.isMultipart()) (req as { body: unknown }).body = await readImportUpload(req);
    });
    scope.post(
      paths.apiPaperImports.pattern,
      {
        config: { permission: "processes.work" },
        schema: {
          tags,
          summary: "Importera pappersenkäter från en fil",
          description: `Många ifyllda pappersenkäter efter möten på en gång, som multipart/form-data: file (CSV eller XLSX, högst ${IMPORT_BYTES_MAX / 1024 / 1024} MB och ${IMPORT_ROWS_MAX} rader), instrumentKey (enkäten), dryRun (true för en förhandsgranskning som inte sparar något). Kolumner: aktnummer, mötesdatum, mötestyp (bara om två möten hölls samma dag), roll, åldersgrupp (barn) och en kolumn per fråga med frågans nyckel som rubrik. Allt eller inget: med en felaktig rad sparas ingenting, och svaret (400, eller 200 med errors vid dryRun) listar varje felaktig rad med rad, kolumn och skäl (fält rows.<rad>.<kolumn>). Varje svar sparas som en pappersenkät registrerad av användaren och räknas i mötets period. Samma fil två gånger sparar ingenting två gånger.`,
          consumes: ["multipart/form-data"],
          response: {
            200: importAnswer,
            ...commonProblems,
            400: importRowsProblem.describe(
              "Filen saknas, är för stor, går inte att läsa, eller har felaktiga rader: errors listar varje fel (field: rows.<rad>.<kolumn>), och rows varje felaktig rad med rad, kolumn och skäl; ingenting sparades (application/problem+json)",
            ),
          },
        },
      },
      async (req, reply) => {
        const body = (req.body ?? { file: null }) as Awaited<ReturnType<typeof readImportUpload>>;
        if (body.tooLarge) throw new ValidationError({ file: "responses.import.fileTooLarge" });
        const dryRun = ["true", "1", "ja", "yes"].includes((body.dryRun ?? "").trim().toLowerCase());
        let result: Awaited<ReturnType<typeof importPaperAnswers>>;
        try {
          result = await importPaperAnswers(req.ctx, { instrumentKey: body.instrumentKey ?? "", file: body.file, dryRun });
        } catch (e) {
          if (!(e instanceof ImportRejectedError)) throw e;
          // The column is named as the file's header row names it ("fil" for the file as a whole).
          const rows = e.result.errors.map((x) => ({ row: x.row, column: x.column, columnName: x.column, reason: req.t(x.messageKey) }));
          return reply
            .code(400)
            .header("content-type", "application/problem+json; charset=utf-8")
            .header("cache-control", "no-store")
            .send(
              importRowsProblemBody(
                req.t("responses.import.refusedApi", { n: new Set(rows.map((r) => r.row)).size }),
                rows,
                (r) => r.reason,
              ),
            );
        }
        return {
          dryRun: result.dryRun,
          instrumentKey: result.instrumentKey,
          imported: result.imported,
          rows: result.rows.map((r) => ({
            row: r.row,
            meetingId: r.meetingId,
            heldOn: r.heldOn,
            respondentRole: r.role,
            ageBand: r.ageBand,
            answered: r.answered,
            already: r.already,
          })),
          errors: result.errors.map((e) => ({ row: e.row, column: e.column, message: req.t(e.messageKey) })),
        };
      },
    );
  });

  app.post(
    paths.apiPaperResponses.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Registrera en pappersenkät",
        description:
          "Personalen för in en ifylld pappersenkät för ett hållet möte. Svaren är anonyma: bara rollen (och barnets åldersgrupp) sparas, aldrig vem som svarade. 201 när svaret sparades, 200 när samma submissionKey redan var sparad (ingenting sparas två gånger). Fel per fråga som answers.<itemKey>.",
        params: meetingParams,
        body: paperBody,
        response: {
          200: rate.extend({ created: z.boolean() }),
          201: rate.extend({ created: z.boolean() }),
          ...commonProblems,
          409: conflict,
        },
      },
    },
    async (req, reply) => {
      const result = await recordPaperResponse(req.ctx, req.params.id, req.params.meetingId, jsonInput(req.body));
      return reply.code(result.created ? 201 : 200).send({ created: result.created, ...result.rate });
    },
  );

  app.get(
    paths.apiProcessRate.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Svarsfrekvens för en process enkäter",
        description:
          "Per hållet möte som följs av en enkät och per mötestyp: närvarande familjemedlemmar och antal svar. Bara antal, aldrig svar.",
        params: processParams,
        response: { 200: rateSection, 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] },
      },
    },
    async (req) => {
      const data = await surveyRate(req.ctx, req.params.id);
      return { meetings: data.meetings, types: data.types };
    },
  );
}
