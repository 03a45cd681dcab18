/** The review keys over the JSON API, through the same services as the pages. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import { type DocumentVersion, versionNumber, versionStatuses } from "../platform/versioned.ts";
import { answerValues, type Content, contentSchema } from "./key-model.ts";
import { reviewKeyDocuments as keys } from "./key-service.ts";

const tags = ["Granskningsnycklar"];
const readProblems = { 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] };
const writeProblems = {
  ...commonProblems,
  409: problem(
    "Versionen är publicerad och kan aldrig ändras, versionen är inaktuell (någon annan har ändrat utkastet) eller nyckeln har ingen publicerad version att utgå från; ingenting ändrades",
  ),
};

const timestamp = z.iso.datetime();
const keyParams = z.object({ key: z.string().describe("Granskningsnyckelns stabila nyckel, t.ex. skarpnack") });
const versionParams = keyParams.extend({ n: z.string().describe("Versionens nummer (1, 2, …)") });

const versionSummary = z.object({
  number: z.number().int().describe("Versionens nummer inom granskningsnyckeln"),
  status: z
    .enum(versionStatuses)
    .describe(
      "draft: utkast som kan ändras; published: gäller för nya aktgranskningar; retired: ersatt men kvar för aktgranskningar som gjordes med den",
    ),
  publishedAt: timestamp.nullable(),
  updatedAt: timestamp,
});

const keySummary = z
  .object({
    id: z.uuid(),
    key: z.string().describe("Stabil nyckel, t.ex. skarpnack"),
    name: z.string(),
    versions: z.array(versionSummary).describe("Alla versioner, äldst först"),
  })
  .describe("En granskningsnyckel");

const versionSchema = versionSummary
  .extend({
    reviewKey: z.object({ id: z.uuid(), key: z.string(), name: z.string() }),
    version: z.number().int().describe("Radens version: skicka med vid ändring och publicering (optimistisk låsning)"),
    answerValues: z
      .array(z.enum(answerValues))
      .describe("Svaren varje fråga besvaras med: yes (ja), partly (delvis), no (nej), not_applicable (ej aktuellt)"),
    content: contentSchema.describe(
      "Dokumenttyperna, frågorna med de dokumenttyper de gäller, och helhetsbedömningens fråga med alternativ (bäst först)",
    ),
  })
  .describe("En version av en granskningsnyckel med hela sitt innehåll");

const updateBody = z.object({ version: z.number().int(), content: z.unknown().describe("Hela innehållet, som i svaret") });
const publishBody = z.object({ version: z.number().int() });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function versionToApi(v: DocumentVersion<Content>): z.output<typeof versionSchema> {
  return {
    reviewKey: v.document,
    number: v.number,
    status: v.status,
    publishedAt: iso(v.publishedAt),
    updatedAt: v.updatedAt.toISOString(),
    version: v.version,
    answerValues: [...answerValues],
    content: v.content,
  };
}

export function reviewKeysApi(app: App): void {
  app.get(
    "/api/v1/review-keys",
    {
      config: { permission: "reviewkeys.view" },
      schema: {
        tags,
        summary: "Lista granskningsnycklarna",
        description: "Kommunens granskningsnycklar för aktgranskning med alla versioner och deras status, sorterade efter namn.",
        response: { 200: z.array(keySummary), 401: commonProblems[401], 403: commonProblems[403] },
      },
    },
    async (req) =>
      (await keys.list(req.ctx)).map((k) => ({
        ...k,
        versions: k.versions.map((v) => ({
          number: v.number,
          status: v.status,
          publishedAt: iso(v.publishedAt),
          updatedAt: v.updatedAt.toISOString(),
        })),
      })),
  );

  app.get(
    "/api/v1/review-keys/:key/versions/:n",
    {
      config: { permission: "reviewkeys.view" },
      schema: {
        tags,
        summary: "Hämta en version av en granskningsnyckel",
        description:
          "Versionens hela innehåll: dokumenttyperna som granskas, frågorna med vilka dokumenttyper de gäller, svarsalternativen och helhetsbedömningen.",
        params: versionParams,
        response: { 200: versionSchema, ...readProblems },
      },
    },
    async (req) => versionToApi(await keys.getVersion(req.ctx, req.params.key, versionNumber(req.params.n))),
  );

  app.post(
    "/api/v1/review-keys/:key/drafts",
    {
      config: { permission: "reviewkeys.manage" },
      schema: {
        tags,
        summary: "Skapa ett utkast av en granskningsnyckel",
        description: "Ett nytt utkast som kopia av den senast publicerade versionen. Finns redan ett utkast returneras det. Loggas.",
        params: keyParams,
        response: { 201: versionSchema, ...writeProblems },
      },
    },
    async (req, reply) => reply.code(201).send(versionToApi(await keys.createDraft(req.ctx, req.params.key))),
  );

  app.put(
    "/api/v1/review-keys/:key/versions/:n",
    {
      config: { permission: "reviewkeys.manage" },
      schema: {
        tags,
        summary: "Ändra ett utkast av en granskningsnyckel",
        description:
          "Ersätter utkastets innehåll. En publicerad version kan aldrig ändras (409). version måste vara den senast lästa. Loggas.",
        params: versionParams,
        body: updateBody,
        response: { 200: versionSchema, ...writeProblems },
      },
    },
    async (req) =>
      versionToApi(
        await keys.updateDraft(req.ctx, req.params.key, versionNumber(req.params.n), {
          version: req.body.version,
          content: req.body.content,
        }),
      ),
  );

  app.post(
    "/api/v1/review-keys/:key/versions/:n/publish",
    {
      config: { permission: "reviewkeys.manage" },
      schema: {
        tags,
        summary: "Publicera ett utkast av en granskningsnyckel",
        description:
          "Utkastet blir granskningsnyckelns gällande version och den tidigare publicerade versionen avslutas (finns kvar för aktgranskningar som gjordes med den). Loggas.",
        params: versionParams,
        body: publishBody,
        response: { 200: versionSchema, ...writeProblems },
      },
    },
    async (req) => versionToApi(await keys.publishDraft(req.ctx, req.params.key, versionNumber(req.params.n), req.body)),
  );
}
