/** Consultation stops, the joint child impact analysis and the safety scale over the JSON API (tag Samråd). */
import { z } from "zod";
import { problems as commonProblems, problem } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { dueEvents, stopScopes } from "../../workmodels/index.ts";
import { consultationInput, impactInput, raters, ratingInput } from "./model.ts";
import { paths } from "./paths.ts";
import { addRating, getImpact, getStops, recordConsultation, type StopsSectionData, saveImpact } from "./service.ts";

const tags = ["Samråd"];
const params = z.object({ id: z.string().describe("Processens id (UUID)") });
const childParams = params.extend({ childId: z.string().describe("Barnets id (UUID)") });
const read = { 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] };

const child = z
  .object({ id: z.uuid(), position: z.number().int().describe("Barnets nummer i familjen, från 1") })
  .nullable()
  .describe("Barnet för en hållplats per barn; null för hela familjen");

const stop = z.object({
  key: z.string(),
  name: z.string(),
  scope: z.enum(stopScopes),
  dueEvent: z.enum(dueEvents).describe("Händelsen som förfallodagen räknas från"),
  child,
  dueOn: z.iso.date().nullable().describe("Senast; null medan händelsen inte har inträffat"),
  heldOn: z.iso.date().nullable(),
  state: z
    .enum(["held", "overdue", "due", "not_yet"])
    .describe("held: hållen; overdue: försenad; due: ska hållas; not_yet: inte aktuell än"),
  late: z.boolean().describe("Hölls efter förfallodagen"),
  daysLate: z
    .number()
    .int()
    .describe("Dagar efter förfallodagen: till i dag när den är försenad, till datumet den hölls när den hölls sent"),
});

const analysis = z.object({
  madeOn: z.iso.date(),
  joint: z.boolean(),
  sections: z.record(z.string(), z.string()).describe("situation, views, parentImpact, interventionImpact, bestInterest"),
  version: z.number().int().describe("Skicka med vid ändring (optimistisk låsning)"),
});

const rating = z.object({
  id: z.uuid(),
  childId: z.uuid(),
  ratedOn: z.iso.date(),
  ratedBy: z.enum(raters),
  score: z.number().int().min(0).max(10),
  note: z.string().nullable(),
});

const stopsList = z.object({
  minimal: z.boolean().describe("Begränsad vy för enhetschef som inte är tilldelad: barnen bara med nummer"),
  stops: z.array(stop),
});

const created = z.object({ id: z.uuid() });
const impactSaved = z.object({
  version: z.number().int(),
  created: z.boolean(),
  stopRecorded: z.boolean().describe("Hållplatsen barnkonsekvensanalys registrerades som hållen för barnet"),
});

const stopsToApi = (data: StopsSectionData): z.output<typeof stopsList> => ({
  minimal: data.minimal,
  stops: data.stops.map((s) => ({
    key: s.key,
    name: s.name,
    scope: s.scope,
    dueEvent: s.dueEvent,
    child: s.child && { id: s.child.id, position: s.child.position },
    dueOn: s.dueOn,
    heldOn: s.heldOn,
    state: s.state,
    late: s.late,
    daysLate: s.daysLate,
  })),
});

export function stopsApi(app: App): void {
  app.get(
    paths.apiConsultations.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Hållplatser med förfallodagar",
        description: "Varje hållplats i processens arbetsmodell (per familj eller per barn) med förfallodag och läge. Visningen loggas.",
        params,
        response: { 200: stopsList, ...read },
      },
    },
    async (req) => stopsToApi(await getStops(req.ctx, req.params.id)),
  );

  app.post(
    paths.apiConsultations.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Registrera ett hållet samråd",
        description:
          "Datum (inte i framtiden, inte före förfrågan), checklistans punkter och en kort anteckning. En hållplats (per barn) registreras en gång; en andra gång ger 409.",
        params,
        body: consultationInput,
        response: { 201: created, ...commonProblems, 409: problem("Hållplatsen är redan registrerad; ingenting ändrades") },
      },
    },
    async (req, reply) => reply.code(201).send(await recordConsultation(req.ctx, req.params.id, req.body)),
  );

  app.get(
    paths.apiImpact.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Visa barnets gemensamma barnkonsekvensanalys",
        description: "404 när analysen inte är gjord. Visningen loggas.",
        params: childParams,
        response: { 200: analysis, ...read },
      },
    },
    async (req) => {
      const a = await getImpact(req.ctx, req.params.id, req.params.childId);
      return { madeOn: a.madeOn, joint: a.joint, sections: a.sections as Record<string, string>, version: a.version };
    },
  );

  app.put(
    paths.apiImpact.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Spara barnets gemensamma barnkonsekvensanalys",
        description:
          "version null skapar analysen, annars ändras den version som lästes. joint: true kräver både barnhandläggare och vuxenhandläggare tilldelade. Har arbetsmodellen hållplatsen barnkonsekvensanalys registreras den som hållen för barnet.",
        params: childParams,
        body: impactInput,
        response: {
          200: impactSaved,
          ...commonProblems,
          409: problem("Analysen finns redan, eller har ändrats sedan du läste den; ingenting ändrades"),
        },
      },
    },
    async (req) => saveImpact(req.ctx, req.params.id, req.params.childId, req.body),
  );

  app.get(
    paths.apiRatings.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Trygghetsskalan över tid",
        description: "Alla skattningar för processens barn, äldst först. Visningen loggas.",
        params,
        response: { 200: z.array(rating), ...read },
      },
    },
    async (req) => {
      const data = await getStops(req.ctx, req.params.id);
      return data.children.flatMap((c) => c.ratings.map((r) => ({ ...r, childId: c.child.id })));
    },
  );

  app.post(
    paths.apiRatings.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Lägg till en skattning på trygghetsskalan",
        description: "Barn, datum (inte i framtiden, inte före förfrågan), vem som skattade och värdet 0–10.",
        params,
        body: ratingInput,
        response: { 201: created, ...commonProblems },
      },
    },
    async (req, reply) => reply.code(201).send(await addRating(req.ctx, req.params.id, req.body)),
  );
}
