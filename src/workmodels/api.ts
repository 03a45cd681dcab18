/** The work models over the JSON API, through the same services as the pages. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import { versionNumber, versionStatuses } from "../platform/versioned.ts";
import { contentSchema } from "./model.ts";
import * as workmodels from "./service.ts";

const tags = ["Arbetsmodeller"];
const readProblems = { 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] };
const writeProblems = {
  ...commonProblems,
  409: problem(
    "Versionen är publicerad och kan aldrig ändras, eller versionen är inaktuell (någon annan har ändrat utkastet); ingenting ändrades",
  ),
};

const timestamp = z.iso.datetime();
const modelParams = z.object({ id: z.string().describe("Arbetsmodellens id (UUID)") });
const versionParams = modelParams.extend({ n: z.string().describe("Versionens nummer (1, 2, …)") });

const versionSummary = z.object({
  number: z.number().int().describe("Versionens nummer inom modellen"),
  status: z
    .enum(versionStatuses)
    .describe(
      "draft: utkast som kan ändras; published: gäller för nya processer; retired: ersatt men kvar för processer som startade med den",
    ),
  publishedAt: timestamp.nullable(),
  updatedAt: timestamp,
});

const modelSummary = z
  .object({
    id: z.uuid(),
    key: z.string().describe("Stabil nyckel, t.ex. sofiamodellen"),
    name: z.string(),
    versions: z.array(versionSummary).describe("Alla versioner, äldst först"),
  })
  .describe("En arbetsmodell");

const versionSchema = versionSummary
  .extend({
    workModel: z.object({ id: z.uuid(), key: z.string(), name: z.string() }),
    version: z.number().int().describe("Radens version: skicka med vid ändring och publicering (optimistisk låsning)"),
    content: contentSchema.describe("Mötestyper i ordning och hållplatser"),
  })
  .describe("En version av en arbetsmodell med hela sitt innehåll");

const updateBody = z.object({ version: z.number().int(), content: z.unknown().describe("Hela innehållet, som i svaret") });
const publishBody = z.object({ version: z.number().int() });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function versionToApi(v: workmodels.WorkModelVersion): z.output<typeof versionSchema> {
  return {
    workModel: v.document,
    number: v.number,
    status: v.status,
    publishedAt: iso(v.publishedAt),
    updatedAt: v.updatedAt.toISOString(),
    version: v.version,
    content: v.content,
  };
}

export function workmodelsApi(app: App): void {
  app.get(
    "/api/v1/work-models",
    {
      config: { permission: "workmodels.view" },
      schema: {
        tags,
        summary: "Lista arbetsmodellerna",
        description: "Kommunens arbetsmodeller med alla versioner och deras status, sorterade efter namn.",
        response: { 200: z.array(modelSummary), 401: commonProblems[401], 403: commonProblems[403] },
      },
    },
    async (req) =>
      (await workmodels.listWorkModels(req.ctx)).map((m) => ({
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
    "/api/v1/work-models/:id/versions/:n",
    {
      config: { permission: "workmodels.view" },
      schema: {
        tags,
        summary: "Hämta en version av en arbetsmodell",
        description:
          "Versionens hela innehåll: mötestyperna i ordning med syfte, deltagare, checklista och enkäter, och hållplatserna med när de ska hållas.",
        params: versionParams,
        response: { 200: versionSchema, ...readProblems },
      },
    },
    async (req) => versionToApi(await workmodels.getVersion(req.ctx, req.params.id, versionNumber(req.params.n))),
  );

  app.post(
    "/api/v1/work-models/:id/drafts",
    {
      config: { permission: "workmodels.manage" },
      schema: {
        tags,
        summary: "Skapa ett utkast",
        description: "Ett nytt utkast som kopia av den senast publicerade versionen. Finns redan ett utkast returneras det. Loggas.",
        params: modelParams,
        response: { 201: versionSchema, ...writeProblems },
      },
    },
    async (req, reply) => reply.code(201).send(versionToApi(await workmodels.createDraft(req.ctx, req.params.id))),
  );

  app.put(
    "/api/v1/work-models/:id/versions/:n",
    {
      config: { permission: "workmodels.manage" },
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
        await workmodels.updateDraft(req.ctx, req.params.id, versionNumber(req.params.n), {
          version: req.body.version,
          content: req.body.content,
        }),
      ),
  );

  app.post(
    "/api/v1/work-models/:id/versions/:n/publish",
    {
      config: { permission: "workmodels.manage" },
      schema: {
        tags,
        summary: "Publicera ett utkast",
        description:
          "Utkastet blir modellens gällande version och den tidigare publicerade versionen avslutas (finns kvar för processer som startade med den). Loggas.",
        params: versionParams,
        body: publishBody,
        response: { 200: versionSchema, ...writeProblems },
      },
    },
    async (req) => versionToApi(await workmodels.publishDraft(req.ctx, req.params.id, versionNumber(req.params.n), req.body)),
  );
}
