/** The survey instruments over the JSON API, through the same services as the pages. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import { versionNumber, versionStatuses } from "../platform/versioned.ts";
import { contentSchema } from "./model.ts";
import * as surveys from "./service.ts";

const tags = ["Enkäter"];
const readProblems = { 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] };
const writeProblems = {
  ...commonProblems,
  409: problem(
    "Versionen är publicerad och kan aldrig ändras, eller versionen är inaktuell (någon annan har ändrat utkastet); ingenting ändrades",
  ),
};

const timestamp = z.iso.datetime();
const instrumentParams = z.object({ key: z.string().describe("Enkätinstrumentets stabila nyckel, t.ex. sofia-4q-parent") });
const versionParams = instrumentParams.extend({ n: z.string().describe("Versionens nummer (1, 2, …)") });

const versionSummary = z.object({
  number: z.number().int().describe("Versionens nummer inom instrumentet"),
  status: z
    .enum(versionStatuses)
    .describe("draft: utkast som kan ändras; published: används för nya enkätsvar; retired: ersatt men kvar för svar som gavs med den"),
  publishedAt: timestamp.nullable(),
  updatedAt: timestamp,
});

const instrumentSummary = z
  .object({
    id: z.uuid(),
    key: z.string().describe("Stabil nyckel, t.ex. sofia-4q-child"),
    name: z.string(),
    versions: z.array(versionSummary).describe("Alla versioner, äldst först"),
  })
  .describe("Ett enkätinstrument");

const versionSchema = versionSummary
  .extend({
    instrument: z.object({ id: z.uuid(), key: z.string(), name: z.string() }),
    version: z.number().int().describe("Radens version: skicka med vid ändring och publicering (optimistisk låsning)"),
    content: contentSchema.describe("Målgrupp, när enkäten besvaras, vilka möten den följer, svarsskala och frågor på varje språk"),
  })
  .describe("En version av ett enkätinstrument med hela sitt innehåll");

const updateBody = z.object({ version: z.number().int(), content: z.unknown().describe("Hela innehållet, som i svaret") });
const publishBody = z.object({ version: z.number().int() });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function versionToApi(v: surveys.InstrumentVersion): z.output<typeof versionSchema> {
  return {
    instrument: v.document,
    number: v.number,
    status: v.status,
    publishedAt: iso(v.publishedAt),
    updatedAt: v.updatedAt.toISOString(),
    version: v.version,
    content: v.content,
  };
}

export function surveysApi(app: App): void {
  app.get(
    "/api/v1/survey-instruments",
    {
      config: { permission: "surveys.view" },
      schema: {
        tags,
        summary: "Lista enkätinstrumenten",
        description: "Kommunens enkätinstrument med alla versioner och deras status, sorterade efter namn.",
        response: { 200: z.array(instrumentSummary), 401: commonProblems[401], 403: commonProblems[403] },
      },
    },
    async (req) =>
      (await surveys.listInstruments(req.ctx)).map((m) => ({
        ...m,
        versions: m.versions.map((v) => ({
          number: v.number,
          status: v.status,
          publishedAt: iso(v.publishedAt),
          updatedAt: v.updatedAt.toISOString(),
        })),
      })),
  );

  app.get(
    "/api/v1/survey-instruments/:key/versions/:n",
    {
      config: { permission: "surveys.view" },
      schema: {
        tags,
        summary: "Hämta en version av ett enkätinstrument",
        description:
          "Versionens hela innehåll: målgrupp, tidpunkt, mötestyper den följer, svarsskala med etiketter och frågorna på varje språk.",
        params: versionParams,
        response: { 200: versionSchema, ...readProblems },
      },
    },
    async (req) => versionToApi(await surveys.getVersion(req.ctx, req.params.key, versionNumber(req.params.n))),
  );

  app.post(
    "/api/v1/survey-instruments/:key/drafts",
    {
      config: { permission: "surveys.manage" },
      schema: {
        tags,
        summary: "Skapa ett utkast",
        description: "Ett nytt utkast som kopia av den senast publicerade versionen. Finns redan ett utkast returneras det. Loggas.",
        params: instrumentParams,
        response: { 201: versionSchema, ...writeProblems },
      },
    },
    async (req, reply) => reply.code(201).send(versionToApi(await surveys.createDraft(req.ctx, req.params.key))),
  );

  app.put(
    "/api/v1/survey-instruments/:key/versions/:n",
    {
      config: { permission: "surveys.manage" },
      schema: {
        tags,
        summary: "Ändra ett utkast",
        description:
          "Ersätter utkastets innehåll. En publicerad version kan aldrig ändras (409). version måste vara den senast lästa. Loggas.",
        params: versionParams,
        body: updateBody,
        response: { 200: versionSchema, ...writeProblems },
      },
    },
    async (req) =>
      versionToApi(
        await surveys.updateDraft(req.ctx, req.params.key, versionNumber(req.params.n), {
          version: req.body.version,
          content: req.body.content,
        }),
      ),
  );

  app.post(
    "/api/v1/survey-instruments/:key/versions/:n/publish",
    {
      config: { permission: "surveys.manage" },
      schema: {
        tags,
        summary: "Publicera ett utkast",
        description:
          "Utkastet blir instrumentets gällande version och den tidigare publicerade versionen avslutas (finns kvar för svar som gavs med den). Loggas.",
        params: versionParams,
        body: publishBody,
        response: { 200: versionSchema, ...writeProblems },
      },
    },
    async (req) => versionToApi(await surveys.publishDraft(req.ctx, req.params.key, versionNumber(req.params.n), req.body)),
  );
}
