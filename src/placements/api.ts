/** Placed children, placements and the placement forum over the JSON API, through the same services as the pages. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import { actionSubjects, endDestinations, legalBases, placementKinds } from "./model.ts";
import { paths } from "./paths.ts";
import {
  actionDoneBody,
  attendanceBody,
  childBody,
  forumBody,
  heldBody,
  placementBody,
  placementEndBody,
  placementPatchBody,
  reviewBody,
} from "./schemas.ts";
import * as placements from "./service.ts";

const tags = ["Placeringar"];
const problems = {
  ...commonProblems,
  409: problem("Versionen är inaktuell (någon annan har ändrat först) eller beslutet finns redan; ingenting ändrades"),
};
const readProblems = { 401: problems[401], 403: problems[403], 404: problems[404] };
const listProblems = { 401: problems[401], 403: problems[403] };

const idParams = z.object({ id: z.string().describe("Id (UUID)") });
const read = { permission: "placements.read" as const };
const write = { permission: "placements.write" as const };

const placementSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(placementKinds),
    legalBasis: z.enum(legalBases),
    startDate: z.string(),
    plannedEndDate: z.string().nullable(),
    endDate: z.string().nullable(),
    endDestination: z.enum(endDestinations).nullable(),
    returnHomePlan: z.string().nullable(),
    version: z.number().int(),
  })
  .describe("En placering: slag, lagrum, start, planerat och faktiskt slut, vart barnet gick, plan för hemflytt");

const childSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    birthDate: z.string(),
    maskedIdentityNumber: z.string().nullable().describe("Personnumret maskerat (ÅÅÅÅMMDD-****), om det finns"),
    unitId: z.uuid(),
    unitName: z.string(),
    caseworkerId: z.uuid().nullable(),
    requestPersonId: z.uuid().nullable().describe("Barnet i en Sofiafamilj; null för ett barn utan Sofiaprocess"),
    processId: z.uuid().nullable(),
    daysPlaced: z.number().int().nullable().describe("Dagar i den pågående placeringen i dag; null utan pågående placering"),
    current: placementSchema.nullable(),
  })
  .describe("Ett placerat barn");

const actionSchema = z.object({
  id: z.uuid(),
  subject: z.enum(actionSubjects),
  guardianId: z.uuid().nullable(),
  parentLabel: z.string().nullable(),
  action: z.string(),
  support: z.string().nullable(),
  responsibleId: z.uuid(),
  responsibleName: z.string(),
  dueDate: z.string(),
  doneOn: z.string().nullable(),
  status: z.enum(["done", "due", "open"]).describe("done (klar), due (förfallen: datumet har passerat), open (pågår)"),
  version: z.number().int(),
});
const reviewSchema = z.object({
  id: z.uuid(),
  forumId: z.uuid(),
  forumDate: z.string(),
  placementId: z.uuid(),
  decision: z.string(),
  actions: z.array(actionSchema),
});

const forumSchema = z.object({
  id: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  forumDate: z.string(),
  convenedBy: z.uuid(),
  convenerName: z.string(),
  held: z.boolean(),
  version: z.number().int(),
});

const toPlacement = (p: placements.PlacementRow) => ({
  id: p.id,
  kind: p.kind,
  legalBasis: p.legalBasis,
  startDate: p.startDate,
  plannedEndDate: p.plannedEndDate,
  endDate: p.endDate,
  endDestination: p.endDestination,
  returnHomePlan: p.returnHomePlan,
  version: p.version,
});
const toChild = (c: placements.ChildSummary) => ({
  id: c.id,
  name: c.name,
  birthDate: c.birthDate,
  maskedIdentityNumber: c.maskedIdentityNumber,
  unitId: c.unitId,
  unitName: c.unitName,
  caseworkerId: c.caseworkerId,
  requestPersonId: c.requestPersonId,
  processId: c.processId,
  daysPlaced: c.daysPlaced,
  current: c.current ? toPlacement(c.current) : null,
});
const toReview = (r: placements.ReviewView) => ({
  id: r.id,
  forumId: r.forumId,
  forumDate: r.forumDate,
  placementId: r.placementId,
  decision: r.decision,
  actions: r.actions.map((a) => ({
    id: a.id,
    subject: a.subject,
    guardianId: a.guardianId,
    parentLabel: a.parentLabel,
    action: a.action,
    support: a.support,
    responsibleId: a.responsibleId,
    responsibleName: a.responsibleName,
    dueDate: a.dueDate,
    doneOn: a.doneOn,
    status: a.status,
    version: a.version,
  })),
});
const toForum = (f: placements.ForumRow) => ({
  id: f.id,
  unitId: f.unitId,
  unitName: f.unitName,
  forumDate: f.forumDate,
  convenedBy: f.convenedBy,
  convenerName: f.convenerName,
  held: f.heldAt !== null,
  version: f.version,
});

const childPageSchema = z.object({ child: childSchema, placements: z.array(placementSchema), reviews: z.array(reviewSchema) });
const agendaSchema = z.object({
  forum: forumSchema,
  attendees: z.array(z.object({ id: z.uuid(), name: z.string() })),
  items: z.array(
    z.object({
      child: childSchema,
      placement: placementSchema,
      daysPlaced: z.number().int().describe("Dagar placerad vid forumets datum"),
      parents: z.array(z.object({ id: z.uuid().nullable(), name: z.string(), substanceProblem: z.boolean() })),
      previous: reviewSchema.nullable().describe("Vad som beslutades förra gången, stegen med status vid forumets datum"),
      review: reviewSchema.nullable().describe("Detta forums beslut"),
    }),
  ),
});

async function childPage(req: { ctx: Parameters<typeof placements.getChild>[0] }, id: string) {
  const data = await placements.getChild(req.ctx, id);
  return { child: toChild(data.child), placements: data.placements.map(toPlacement), reviews: data.reviews.map(toReview) };
}

async function agenda(req: { ctx: Parameters<typeof placements.getForum>[0] }, id: string) {
  const data = await placements.getForum(req.ctx, id);
  return {
    forum: toForum(data.forum),
    attendees: data.attendees,
    items: data.items.map((i) => ({
      child: toChild(i.child),
      placement: toPlacement(i.placement),
      daysPlaced: i.daysPlaced,
      parents: i.parents,
      previous: i.previous ? toReview(i.previous) : null,
      review: i.review ? toReview(i.review) : null,
    })),
  };
}

export function placementsApi(app: App): void {
  app.get(
    paths.apiChildren.pattern,
    {
      config: read,
      schema: {
        tags,
        summary: "Lista placerade barn",
        description:
          "De placerade barn läsaren får se: den egna enhetens, de man är ansvarig socialsekreterare för och barnen i familjer man arbetar med (processledare: kommunens). Loggas i en rad med alla barn.",
        response: { 200: z.object({ children: z.array(childSchema) }), ...listProblems },
      },
    },
    async (req) => ({ children: (await placements.listChildren(req.ctx)).children.map(toChild) }),
  );

  app.post(
    paths.apiChildren.pattern,
    {
      config: write,
      schema: {
        tags,
        summary: "Registrera ett placerat barn med dess första placering",
        description:
          "Ett barn i en Sofiafamilj (requestPersonId; redan registrerat: placeringen läggs till barnet) eller ett barn utan Sofiaprocess (name och identityNumber eller birthDate). En placering som överlappar en annan av barnets refuseras. Loggas.",
        body: childBody,
        response: { 201: childPageSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { id } = await placements.createChild(req.ctx, req.body);
      return reply.code(201).send(await childPage(req, id));
    },
  );

  app.get(
    paths.apiChild.pattern,
    {
      config: read,
      schema: {
        tags,
        summary: "Hämta ett placerat barn",
        description: "Barnet med alla placeringar och forumens beslut och nästa steg. 404 utanför läsarens behov av att veta. Loggas.",
        params: idParams,
        response: { 200: childPageSchema, ...readProblems },
      },
    },
    async (req) => childPage(req, req.params.id),
  );

  app.post(
    paths.apiChildPlacements.pattern,
    {
      config: write,
      schema: {
        tags,
        summary: "Registrera en ny placering för ett placerat barn",
        description:
          "Refuseras om den överlappar en annan av barnets placeringar (startDate) eller om planerat slut är före starten. Loggas.",
        params: idParams,
        body: placementBody,
        response: { 201: childPageSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { id } = await placements.addPlacement(req.ctx, req.params.id, req.body);
      return reply.code(201).send(await childPage(req, id));
    },
  );

  app.put(
    paths.apiPlacement.pattern,
    {
      config: write,
      schema: {
        tags,
        summary: "Ändra en placering",
        description: "Slag, lagrum, start, planerat slut och plan för hemflytt. version måste vara den senast lästa, annars 409. Loggas.",
        params: idParams,
        body: placementPatchBody,
        response: { 200: childPageSchema, ...problems },
      },
    },
    async (req) => {
      const { id } = await placements.updatePlacement(req.ctx, req.params.id, req.body);
      return childPage(req, id);
    },
  );

  app.post(
    paths.apiPlacementEnd.pattern,
    {
      config: write,
      schema: {
        tags,
        summary: "Avsluta en placering",
        description:
          "Sista dagen (inte före starten) och vart barnet gick (krävs). version måste vara den senast lästa, annars 409. Loggas.",
        params: idParams,
        body: placementEndBody,
        response: { 200: childPageSchema, ...problems },
      },
    },
    async (req) => {
      const { id } = await placements.endPlacement(req.ctx, req.params.id, req.body);
      return childPage(req, id);
    },
  );

  app.get(
    paths.apiForums.pattern,
    {
      config: read,
      schema: {
        tags,
        summary: "Lista placeringsforum",
        description: "Forumen för läsarens enheter (processledare: kommunens), nyaste först. Inga personuppgifter om barn.",
        response: { 200: z.object({ forums: z.array(forumSchema) }), ...listProblems },
      },
    },
    async (req) => ({ forums: (await placements.listForums(req.ctx)).forums.map(toForum) }),
  );

  app.post(
    paths.apiForums.pattern,
    {
      config: write,
      schema: {
        tags,
        summary: "Planera ett placeringsforum",
        description: "En enhets forum ett datum; enhetschefen kallar om ingen annan anges. Loggas.",
        body: forumBody,
        response: { 201: agendaSchema, ...problems },
      },
    },
    async (req, reply) => {
      const { id } = await placements.createForum(req.ctx, req.body);
      return reply.code(201).send(await agenda(req, id));
    },
  );

  app.get(
    paths.apiForum.pattern,
    {
      config: read,
      schema: {
        tags,
        summary: "Ett placeringsforum med dagordning",
        description:
          "Dagordningen för forumets datum: varje barn i enheten med en pågående placering den dagen, dagar placerad, plan för hemflytt, förra gångens beslut och nästa steg (due, open, done) och detta forums beslut. Loggas i en rad med alla barn och föräldrar.",
        params: idParams,
        response: { 200: agendaSchema, ...readProblems },
      },
    },
    async (req) => agenda(req, req.params.id),
  );

  app.post(
    paths.apiForumAttendance.pattern,
    {
      config: write,
      schema: {
        tags,
        summary: "Registrera vilka som deltog i forumet",
        description: "Ersätter deltagarna (enhetens medarbetare och processledare). version måste vara den senast lästa, annars 409.",
        params: idParams,
        body: attendanceBody,
        response: { 200: agendaSchema, ...problems },
      },
    },
    async (req) => {
      await placements.setAttendance(req.ctx, req.params.id, req.body);
      return agenda(req, req.params.id);
    },
  );

  app.post(
    paths.apiForumHeld.pattern,
    {
      config: write,
      schema: {
        tags,
        summary: "Markera forumet som hållet",
        description: "held: true. Ett forum med datum efter i dag kan inte markeras som hållet (400, fältet held).",
        params: idParams,
        body: heldBody,
        response: { 200: agendaSchema, ...problems },
      },
    },
    async (req) => {
      await placements.markHeld(req.ctx, req.params.id, req.body);
      return agenda(req, req.params.id);
    },
  );

  app.post(
    paths.apiForumReviews.pattern,
    {
      config: write,
      schema: {
        tags,
        summary: "Registrera forumets beslut för ett barn",
        description:
          "Ett kort beslut och nästa steg för barnet och för varje förälder, var och ett med ansvarig (krävs, annars 400 på actions.N.responsibleId) och datum. Barnet måste stå på forumets dagordning. Ett andra beslut för samma barn och forum: 409. Loggas.",
        params: idParams,
        body: reviewBody,
        response: { 201: agendaSchema, ...problems },
      },
    },
    async (req, reply) => {
      await placements.recordReview(req.ctx, req.params.id, req.body);
      return reply.code(201).send(await agenda(req, req.params.id));
    },
  );

  app.post(
    paths.apiActionDone.pattern,
    {
      config: write,
      schema: {
        tags,
        summary: "Markera ett nästa steg som klart",
        description: "doneOn högst i dag (utan värde i dag). version måste vara den senast lästa, annars 409. Loggas.",
        params: idParams,
        body: actionDoneBody,
        response: { 200: childPageSchema, ...problems },
      },
    },
    async (req) => {
      const done = await placements.markActionDone(req.ctx, req.params.id, req.body);
      return childPage(req, done.placedChildId);
    },
  );
}
