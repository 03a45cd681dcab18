/** The intake handover over the JSON API (decision 0066), through the same services as the pages. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { firstContactInput, handoverInput, handoverRoles, teamInput } from "./model.ts";
import { paths } from "./paths.ts";
import * as handovers from "./service.ts";

const tags = ["Överlämningar"];
const requestParams = z.object({ id: z.string().describe("Förfrågans id (UUID)") });
const params = z.object({ id: z.string().describe("Överlämningens id (UUID)") });
const conflict = problem("Överlämningen har ändrats av någon annan sedan du läste den (inaktuell version); ingenting ändrades");
const unit = z.object({ id: z.uuid(), name: z.string() });
const version = z.object({ version: z.number().int() });

const wait = z.object({
  days: z.number().int().describe("Dagar från överlämningen till första kontakten, eller till i dag medan den saknas"),
  ongoing: z.boolean().describe("Ingen första kontakt ännu"),
  overLimit: z.boolean().describe("Över kommunens gräns för väntetid"),
});

const summary = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  handoverDate: z.iso.date(),
  fromUnitName: z.string(),
  toUnitName: z.string(),
  unassigned: z.number().int().describe("Roller som ska tillsättas"),
  overLimit: z.number().int().describe("Medlemmar vars väntan till första kontakt är över gränsen"),
});

const detail = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  minimal: z.boolean().describe("Enhetschefens begränsade vy: utan skälet (familjens namn visas inte i API:t)"),
  handoverDate: z.iso.date(),
  fromUnit: unit,
  toUnit: unit,
  reason: z.string().nullable().describe("null i den begränsade vyn"),
  handedOverBy: unit.describe("Vem som lämnade över"),
  workLeader: unit.describe("Arbetsledaren som planerade teamet"),
  version: z.number().int(),
  waitLimitDays: z.number().int(),
  mayPlan: z.boolean().describe("Du får ändra teamet"),
  members: z.array(
    z.object({
      id: z.uuid(),
      role: z.enum(handoverRoles),
      userId: z.uuid().nullable().describe("null: ska tillsättas"),
      userName: z.string().nullable(),
      firstContactOn: z.iso.date().nullable(),
      wait,
      mayRecordContact: z.boolean(),
    }),
  ),
});

export function handoverApi(app: App): void {
  app.get(
    paths.apiRequestHandovers.pattern,
    {
      config: { permission: "requests.view" },
      schema: {
        tags,
        summary: "Förfrågans överlämningar från mottagningen",
        description: "Överlämningarna av förfrågans familj som du får se, nyast först.",
        params: requestParams,
        response: { 200: z.array(summary), ...commonProblems },
      },
    },
    async (req) => {
      const list = await handovers.listHandovers(req.ctx, { requestId: req.params.id });
      return list.map(({ family: _family, ...rest }) => rest);
    },
  );

  app.post(
    paths.apiRequestHandovers.pattern,
    {
      config: { permission: "processes.assign" },
      schema: {
        tags,
        summary: "Registrera en överlämning från mottagningen till utredning",
        description:
          "Datum (inte i framtiden, inte före förfrågan), den överlämnande enheten (av typen mottagning), den mottagande enheten (en annan; för en enhetschef en av de egna), skälet, vem som lämnade över och teamet: minst en roll, var och en med en namngiven medarbetare eller null (ska tillsättas). Du blir arbetsledare.",
        params: requestParams,
        body: handoverInput,
        response: { 201: z.object({ id: z.uuid(), version: z.number().int() }), ...commonProblems },
      },
    },
    async (req, reply) => reply.code(201).send(await handovers.createHandover(req.ctx, req.params.id, req.body)),
  );

  app.get(
    paths.apiHandover.pattern,
    {
      config: { permission: "requests.view" },
      schema: {
        tags,
        summary: "En överlämning med teamet och väntetiderna",
        description: "Varje medlems väntan från överlämningen till första kontakten, flaggad över kommunens gräns. Visningen loggas.",
        params,
        response: { 200: detail, ...commonProblems },
      },
    },
    async (req) => {
      const { family: _family, ...rest } = await handovers.getHandover(req.ctx, req.params.id);
      return rest;
    },
  );

  app.put(
    paths.apiTeam.pattern,
    {
      config: { permission: "processes.assign" },
      schema: {
        tags,
        summary: "Ändra överlämningens team",
        description:
          "Hela teamet: en rad per roll (id för en befintlig roll), en namngiven medarbetare eller null (ska tillsättas). En roll som byter person förlorar den första kontakt som registrerats för den tidigare.",
        params,
        body: teamInput,
        response: { 200: version, ...commonProblems, 409: conflict },
      },
    },
    async (req) => handovers.updateTeam(req.ctx, req.params.id, req.body),
  );

  app.post(
    paths.apiFirstContact.pattern,
    {
      config: { permission: "requests.view" },
      schema: {
        tags,
        summary: "Registrera en medlems första kontakt med familjen",
        description: "Av medlemmen själv eller den som planerar teamet; inte före överlämningen och inte i framtiden.",
        params,
        body: firstContactInput,
        response: { 200: version, ...commonProblems, 409: conflict },
      },
    },
    async (req) => handovers.recordFirstContact(req.ctx, req.params.id, req.body),
  );
}
