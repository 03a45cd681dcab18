/** The municipality and its units over the JSON API, through the same services as the pages. */

import { z } from "zod";
import { problems as commonProblems, problem } from "../../platform/api-schemas.ts";
import { roles } from "../../platform/auth-types.ts";
import type { App } from "../../platform/http.ts";
import { unitKinds } from "../model.ts";
import { municipalityPatchBody, unitCreateBody, unitPatchBody } from "../schemas.ts";
import { paths } from "./paths.ts";
import * as organisation from "./service.ts";

const tags = ["Organisation"];

const problems = {
  ...commonProblems,
  409: problem("Versionen är inaktuell (någon annan har ändrat posten) eller namnet är upptaget; ingenting ändrades"),
};
const readProblems = { 401: problems[401], 403: problems[403] };

const timestamp = z.iso.datetime();
const idParams = z.object({ id: z.string().describe("Postens id (UUID)") });

const municipalitySchema = z
  .object({
    id: z.uuid(),
    name: z.string().describe("Kommunens eller stadsdelens namn"),
    code: z.string().describe("Kommunkod (fyra siffror) eller tom text"),
    waitLimitDays: z
      .number()
      .int()
      .describe("Gräns för väntetid i dagar: en väntan (förfrågan → Sofiamöte → tilldelning → första familjemöte) som är längre markeras"),
    placementReviewLimitDays: z
      .number()
      .int()
      .describe("Dagar från en placerings start inom vilka barnet ska ha tagits upp på ett hållet placeringsforum"),
    emergencyPlacementLimitDays: z.number().int().describe("Dagar inom vilka en jourhemsplacering ska ha avslutats"),
    minGroupSize: z.number().int().describe("Minsta gruppstorlek i enkätresultat och statistik: mindre grupper visas som .."),
    shareDecimals: z.number().int().describe("Decimaler i andelar som visas: 0 (hela procent) eller 1; avrundat uppåt vid 5"),
    meanDecimals: z.number().int().describe("Decimaler i medelvärden och andra lägesmått som visas: 0–2; avrundat uppåt vid 5"),
    mfaRequiredRoles: z.array(z.enum(roles)).describe("Roller som måste logga in med tvåstegsverifiering (TOTP)"),
    version: z.number().int().describe("Skicka med vid ändring (optimistisk låsning)"),
    updatedAt: timestamp,
  })
  .describe("Kommunen eller stadsdelen");

const unitSchema = z
  .object({
    id: z.uuid(),
    name: z.string().describe("Enhetens namn, unikt i kommunen"),
    kind: z.enum(unitKinds).describe("Verksamhet"),
    active: z.boolean().describe("Inaktiva enheter finns kvar men får inga nya användare"),
    activeUsers: z.number().int().describe("Antal aktiva användare på enheten"),
    version: z.number().int().describe("Skicka med vid ändring (optimistisk låsning)"),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .describe("En enhet");

function municipalityToApi(m: organisation.Municipality): z.output<typeof municipalitySchema> {
  const { demo: _demo, ...shown } = m;
  return { ...shown, updatedAt: shown.updatedAt.toISOString() };
}

function unitToApi(u: organisation.Unit): z.output<typeof unitSchema> {
  return { ...u, createdAt: u.createdAt.toISOString(), updatedAt: u.updatedAt.toISOString() };
}

export function unitsApi(app: App): void {
  app.get(
    paths.apiMunicipality.pattern,
    {
      config: { permission: "organisation.view" },
      schema: {
        tags,
        summary: "Hämta kommunens uppgifter",
        description: "Namn, kommunkod och gräns för väntetid.",
        response: { 200: municipalitySchema, ...readProblems },
      },
    },
    async (req) => municipalityToApi(await organisation.getMunicipality(req.ctx)),
  );

  app.patch(
    paths.apiMunicipality.pattern,
    {
      config: { permission: "organisation.manage" },
      schema: {
        tags,
        summary: "Ändra kommunens uppgifter",
        description:
          "Ändra namn, kommunkod eller gräns för väntetid (ett heltal 1–365 dagar). version måste vara den senast lästa. Ändringen loggas.",
        body: municipalityPatchBody,
        response: { 200: municipalitySchema, ...problems },
      },
    },
    async (req) => municipalityToApi(await organisation.updateMunicipality(req.ctx, req.body)),
  );

  app.get(
    paths.apiUnits.pattern,
    {
      config: { permission: "organisation.view" },
      schema: {
        tags,
        summary: "Lista enheterna",
        description: "Kommunens enheter med antal aktiva användare, sorterade efter namn. Med enhetsbehörighet: bara de egna enheterna.",
        response: { 200: z.array(unitSchema), ...readProblems },
      },
    },
    async (req) => (await organisation.listUnits(req.ctx)).map(unitToApi),
  );

  app.post(
    paths.apiUnits.pattern,
    {
      config: { permission: "organisation.manage" },
      schema: {
        tags,
        summary: "Lägg till en enhet",
        description: "Namnet måste vara unikt i kommunen (utan hänsyn till stora och små bokstäver). Ändringen loggas.",
        body: unitCreateBody,
        response: { 201: unitSchema, ...problems },
      },
    },
    async (req, reply) => {
      const unit = await organisation.createUnit(req.ctx, req.body);
      return reply.code(201).send(unitToApi(unit));
    },
  );

  app.patch(
    paths.apiUnit.pattern,
    {
      config: { permission: "organisation.manage" },
      schema: {
        tags,
        summary: "Ändra en enhet",
        description: "Byt namn eller verksamhet, inaktivera (active: false) eller återaktivera. version måste vara den senast lästa.",
        params: idParams,
        body: unitPatchBody,
        response: { 200: unitSchema, ...problems },
      },
    },
    async (req) => unitToApi(await organisation.updateUnit(req.ctx, req.params.id, req.body)),
  );
}
