/** Audit rounds over the JSON API: list, set up, read, change and close, through the same services as the pages. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { roundCloseInput, roundCreateInput, roundStatuses, roundUpdateInput } from "./model.ts";
import { paths } from "./paths.ts";
import * as rounds from "./service.ts";

export const tags = ["Aktgranskning"];
export const problems = {
  ...commonProblems,
  409: problem(
    "Versionen är inaktuell (någon annan har ändrat), granskningen är stängd, namnet är upptaget eller en fokusfamilj med granskade dokument skulle tas bort; ingenting ändrades",
  ),
};

const createBody = roundCreateInput;
const updateBody = roundUpdateInput;
const closeBody = roundCloseInput;
export const idParams = z.object({ id: z.string().describe("Aktgranskningens id (UUID)") });

const roundSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(roundStatuses).describe("open: pågår, closed: stängd (kan bara läsas)"),
  reviewKey: z.object({
    key: z.string(),
    name: z.string(),
    version: z.number().int().describe("Nyckelversionen som granskningen använder"),
  }),
  families: z.number().int().describe("Antal fokusfamiljer"),
  reviewers: z.number().int().describe("Antal granskare"),
  documents: z.number().int().describe("Antal granskade dokument"),
  isReviewer: z.boolean().describe("Om den som frågar är granskare i granskningen"),
  createdAt: z.iso.datetime(),
  closedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
});

const person = z.object({ id: z.uuid(), name: z.string(), units: z.array(z.string()).describe("Enheternas namn") });
const processRef = z.object({
  processId: z.uuid(),
  requestDate: z.iso.date().describe("Förfrågans datum, som processidorna visar familjen"),
  status: z.string().describe("Processens status"),
  phase: z.string().describe("Processens fas"),
  childCaseworker: z.string().nullable(),
  adultCaseworker: z.string().nullable(),
});

const roundDetail = roundSummary
  .extend({
    reviewerList: z.array(person).describe("Granskarna (referensgruppen)"),
    familyList: z
      .array(
        processRef.extend({
          id: z.uuid(),
          code: z.number().int().describe("Familjens nummer i granskningen"),
          documents: z.number().int(),
        }),
      )
      .describe("Fokusfamiljerna med nummer och process, utan namn"),
  })
  .describe("En aktgranskning");

const optionsSchema = z
  .object({
    keys: z
      .array(z.object({ key: z.string(), name: z.string(), versionNumber: z.number().int() }))
      .describe("Publicerade granskningsnycklar"),
    reviewers: z.array(person).describe("Möjliga granskare"),
    processes: z.array(processRef).describe("Kommunens processer att välja fokusfamiljer bland, utan namn"),
  })
  .describe("Det som kan väljas i en ny aktgranskning");

const toTime = (d: Date | null) => (d ? d.toISOString() : null);
function toSummary(r: rounds.RoundSummary): z.output<typeof roundSummary> {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    reviewKey: { key: r.keyRef, name: r.keyName, version: r.keyVersion },
    families: r.families,
    reviewers: r.reviewers,
    documents: r.documents,
    isReviewer: r.isReviewer,
    createdAt: r.createdAt.toISOString(),
    closedAt: toTime(r.closedAt),
    version: r.version,
  };
}
const toDetail = (d: rounds.RoundDetail): z.output<typeof roundDetail> => ({
  ...toSummary(d),
  reviewerList: d.reviewerList,
  familyList: d.familyList,
});

export function roundsApi(app: App): void {
  app.get(
    paths.apiRounds.pattern,
    {
      config: { permission: "authenticated" },
      schema: {
        tags,
        summary: "Lista aktgranskningar",
        description:
          "Med audits.manage eller audits.results: kommunens alla aktgranskningar. Med bara audits.review: de granskningar där man är utsedd granskare. Andra får 403.",
        response: { 200: z.array(roundSummary), 401: problems[401], 403: problems[403] },
      },
    },
    async (req) => (await rounds.landing(req.ctx)).rounds.map(toSummary),
  );

  app.get(
    paths.apiOptions.pattern,
    {
      config: { permission: "audits.manage" },
      schema: {
        tags,
        summary: "Val för en ny aktgranskning",
        description: "Publicerade granskningsnycklar, möjliga granskare och kommunens processer (utan namn på familjemedlemmar).",
        response: { 200: optionsSchema, 401: problems[401], 403: problems[403] },
      },
    },
    async (req) => rounds.roundOptions(req.ctx),
  );

  app.post(
    paths.apiRounds.pattern,
    {
      config: { permission: "audits.manage" },
      schema: {
        tags,
        summary: "Lägg upp en aktgranskning",
        description:
          "Namn, granskningsnyckel (den senaste publicerade versionen används och följer med granskningen), granskare och fokusfamiljer. Familjerna får nummer 1, 2, 3 … i den ordning de anges. Ändringen loggas.",
        body: createBody,
        response: { 201: roundDetail, ...problems },
      },
    },
    async (req, reply) => {
      const { id } = await rounds.createRound(req.ctx, req.body);
      return reply.code(201).send(toDetail(await rounds.getRound(req.ctx, id)));
    },
  );

  app.get(
    paths.apiRound.pattern,
    {
      config: { permission: "audits.manage" },
      schema: {
        tags,
        summary: "Hämta en aktgranskning",
        description: "Nyckel, status, granskare och fokusfamiljer med nummer och process (utan namn).",
        params: idParams,
        response: { 200: roundDetail, 401: problems[401], 403: problems[403], 404: problems[404] },
      },
    },
    async (req) => toDetail(await rounds.getRound(req.ctx, req.params.id)),
  );

  app.put(
    paths.apiRound.pattern,
    {
      config: { permission: "audits.manage" },
      schema: {
        tags,
        summary: "Ändra namn, granskare och fokusfamiljer",
        description:
          "Bara medan granskningen pågår. Listorna ersätter de nuvarande; en fokusfamilj med granskade dokument kan inte tas bort (409). Nya familjer får numren efter det högsta. version måste vara den senast lästa. Ändringen loggas.",
        params: idParams,
        body: updateBody,
        response: { 200: roundDetail, ...problems },
      },
    },
    async (req) => {
      await rounds.updateRound(req.ctx, req.params.id, req.body);
      return toDetail(await rounds.getRound(req.ctx, req.params.id));
    },
  );

  app.post(
    paths.apiClose.pattern,
    {
      config: { permission: "audits.manage" },
      schema: {
        tags,
        summary: "Stäng en aktgranskning",
        description: "Därefter kan granskningen bara läsas, även av granskarna. version måste vara den senast lästa. Ändringen loggas.",
        params: idParams,
        body: closeBody,
        response: { 200: roundDetail, ...problems },
      },
    },
    async (req) => {
      await rounds.closeRound(req.ctx, req.params.id, req.body);
      return toDetail(await rounds.getRound(req.ctx, req.params.id));
    },
  );
}
