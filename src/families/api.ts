/** Requests (förfrågningar) over the JSON API, through the same services as the pages. Identity numbers are masked. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import { decideRequest } from "./decision.ts";
import { describeCaseType, describeCaseTypeChange } from "./model.ts";
import { paths } from "./paths.ts";
import {
  attitudes,
  contactInput,
  custodies,
  decisionInput,
  genders,
  guardianGenders,
  households,
  openStatusInput,
  relations,
  requestInput,
  requestStatuses,
  stopReasons,
  substanceAnswers,
} from "./schemas.ts";
import * as requests from "./service.ts";

const tags = ["Förfrågningar"];
const params = z.object({ id: z.string().describe("Förfrågans id (UUID)") });
const caseTypeValue = z
  .union([z.literal(1), z.literal(2), z.literal(3)])
  .nullable()
  .describe("Ärendetyp 1, 2 eller 3; null när den inte kan bestämmas");

const summary = z.object({
  id: z.uuid(),
  requestDate: z.iso.date(),
  status: z.enum(requestStatuses).describe("new: ny; continued: fortsätter, process startad; stopped: fortsätter inte"),
  caseType: caseTypeValue,
  children: z.number().int().describe("Antal barn"),
});

const caseType = z.object({
  caseType: caseTypeValue,
  label: z.string(),
  reason: z.string().describe("Varför ärendet har den ärendetypen, i ord"),
});

const unit = z.object({ id: z.uuid(), name: z.string() }).nullable();
const person = {
  id: z.uuid(),
  name: z.string().nullable().describe("null i enhetschefens begränsade vy"),
  maskedIdentityNumber: z.string().nullable().describe("ÅÅÅÅMMDD-****; hela numret visas aldrig i API:t; null i den begränsade vyn"),
  birthDate: z.iso.date().nullable().describe("null i den begränsade vyn"),
  ageOnRequestDate: z.number().int(),
  unit,
};

const detail = z.object({
  id: z.uuid(),
  requestDate: z.iso.date(),
  household: z.enum(households),
  custody: z.enum(custodies),
  custodyHolder: z.string().nullable(),
  reason: z.string().nullable().describe("Skälet till förfrågan; null i den begränsade vyn"),
  status: z.enum(requestStatuses),
  minimal: z
    .boolean()
    .describe("Enhetschefens begränsade vy: inga namn, personnummer, födelsedatum, svar om missbruk, skäl eller kontaktuppgifter"),
  decision: z
    .object({
      meetingDate: z.iso.date().describe("Sofiamötets datum"),
      waitDays: z.number().int().describe("Dagar från förfrågan till Sofiamötet"),
      reason: z.enum(stopReasons).nullable().describe("Skälet när familjen inte går vidare"),
      reasonText: z.string().nullable(),
      processId: z.uuid().nullable().describe("Processen som startades, när familjen går vidare"),
    })
    .nullable()
    .describe("Sofiamötets beslut; null medan förfrågan är ny"),
  caseType,
  caseFileNumber: z.string().nullable().describe("Akt- eller diarienumret i journalsystemet, normaliserat; null när det saknas"),
  contactPhone: z.string().nullable().describe("Familjens telefonnummer; null när det saknas"),
  contactEmail: z.string().nullable().describe("Familjens e-postadress; null när den saknas"),
  interpreterNeeded: z.boolean().describe("Familjen behöver tolk"),
  interpreterLanguage: z.string().nullable().describe("Tolkspråket; null när tolk inte behövs"),
  familyLanguage: z.string().nullable().describe("Familjens språk för enkäterna (sv-x-ll, en, ar, fa, so, fi); null för svenska"),
  version: z.number().int().describe("Radens version: skicka med vid ändring (optimistisk låsning)"),
  guardians: z.array(
    z.object({
      ...person,
      gender: z
        .enum(guardianGenders)
        .nullable()
        .describe("woman (kvinna), man, other (annat) eller not_stated (vill inte uppge); null när könet inte är registrerat"),
      relation: z.enum(relations),
      substanceProblem: z.enum(substanceAnswers).nullable().describe("null i den begränsade vyn"),
      attitude: z.enum(attitudes).nullable().describe("null i den begränsade vyn"),
      applied: z.boolean(),
      contactPerson: z.boolean().describe("Familjens kontaktperson"),
    }),
  ),
  children: z.array(z.object({ ...person, gender: z.enum(genders), investigationOpened: z.boolean(), ageConfirmed: z.boolean() })),
});

const updated = z.object({
  version: z.number().int(),
  caseType,
  change: z.string().nullable().describe("Hur ärendetypen ändrades, i ord; null om den är densamma"),
});

const decided = z.object({
  version: z.number().int(),
  processId: z.uuid().nullable().describe("Processen som startades; null när familjen inte går vidare"),
});

const conflict = problem("Förfrågan har ändrats av någon annan sedan du läste den (inaktuell version); ingenting ändrades");

export function familiesApi(app: App): void {
  app.get(
    paths.apiRequests.pattern,
    {
      config: { permission: "requests.view" },
      schema: {
        tags,
        summary: "Lista förfrågningar",
        description: "Förfrågningar som användaren får se, nyaste först. Innehåller inga personuppgifter.",
        response: { 200: z.array(summary), 401: commonProblems[401], 403: commonProblems[403] },
      },
    },
    async (req) => (await requests.listRequests(req.ctx)).items as z.output<typeof summary>[],
  );

  app.post(
    paths.apiRequests.pattern,
    {
      config: { permission: "requests.create" },
      schema: {
        tags,
        summary: "Registrera en förfrågan",
        description:
          "Vårdnadshavare och barn med personnummer, samordningsnummer eller födelsedatum. Vårdnadshavarens kön är frivilligt. Ärendetypen räknas fram. Ett barn utanför 0–12 år kräver confirmAge: true.",
        body: requestInput,
        response: { 201: detail, ...commonProblems },
      },
    },
    async (req, reply) => {
      const created = await requests.createRequest(req.ctx, req.body);
      const data = await requests.getRequest(req.ctx, created.id);
      return reply.code(201).send(toApi(data, req.t));
    },
  );

  app.get(
    paths.apiRequest.pattern,
    {
      config: { permission: "requests.view" },
      schema: {
        tags,
        summary: "Visa en förfrågan",
        description: "Familjen med maskerade personnummer och ärendetypen med skäl. Varje visad person loggas.",
        params,
        response: { 200: detail, 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] },
      },
    },
    async (req) => toApi(await requests.getRequest(req.ctx, req.params.id), req.t),
  );

  app.patch(
    paths.apiRequest.pattern,
    {
      config: { permission: "requests.update" },
      schema: {
        tags,
        summary: "Ändra var familjen är aktuell",
        description:
          "Enheter, ansökan på beroendeenhet och utredning efter anmälan per person, och vårdnadshavarnas kön (utelämnat kön lämnas som det är); ärendetypen räknas om.",
        params,
        body: openStatusInput,
        response: { 200: updated, ...commonProblems, 409: conflict },
      },
    },
    async (req) => {
      const result = await requests.updateOpenStatus(req.ctx, req.params.id, req.body);
      return {
        version: result.version,
        caseType: caseTypeToApi(result.caseType, req.t),
        change: result.change ? describeCaseTypeChange(result.change, req.t) : null,
      };
    },
  );

  app.put(
    paths.apiContact.pattern,
    {
      config: { permission: "requests.update" },
      schema: {
        tags,
        summary: "Ändra aktnummer och kontaktuppgifter",
        description:
          "Aktnumret i journalsystemet, familjens telefon och e-post, tolkbehov och kontaktperson (en av vårdnadshavarna, eller null). Ändringen loggas utan värdena.",
        params,
        body: contactInput,
        response: { 200: z.object({ version: z.number().int() }), ...commonProblems, 409: conflict },
      },
    },
    async (req) => requests.updateContact(req.ctx, req.params.id, req.body),
  );

  app.post(
    paths.apiDecision.pattern,
    {
      config: { permission: "requests.decide" },
      schema: {
        tags,
        summary: "Registrera Sofiamötets beslut",
        description:
          "Sofiamötets datum (inte i framtiden, inte före förfrågan) och beslutet. continue startar en process med kommunens publicerade version av Sofiamodellen; stop kräver ett skäl (other kräver fritext). Ett beslut per förfrågan.",
        params,
        body: decisionInput,
        response: {
          201: decided,
          ...commonProblems,
          409: problem("Beslutet är redan registrerat, eller förfrågan har ändrats sedan du läste den; ingenting ändrades"),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await decideRequest(req.ctx, req.params.id, req.body)),
  );
}

type Translate = Parameters<typeof describeCaseType>[1];

function caseTypeToApi(result: requests.RequestDetail["caseType"], t: Translate) {
  const described = describeCaseType(result, t);
  return { caseType: result.caseType, label: described.label, reason: described.reason };
}

function toApi(data: requests.RequestDetail, t: Translate): z.output<typeof detail> {
  return {
    id: data.id,
    requestDate: data.requestDate,
    household: data.household as z.output<typeof detail>["household"],
    custody: data.custody as z.output<typeof detail>["custody"],
    custodyHolder: data.custodyHolder,
    reason: data.reason,
    status: data.status as (typeof requestStatuses)[number],
    minimal: data.minimal,
    decision: data.decision && { ...data.decision, reason: data.decision.reason as (typeof stopReasons)[number] | null },
    caseType: caseTypeToApi(data.caseType, t),
    caseFileNumber: data.caseFileNumber,
    contactPhone: data.contactPhone,
    contactEmail: data.contactEmail,
    interpreterNeeded: data.interpreterNeeded,
    interpreterLanguage: data.interpreterLanguage,
    familyLanguage: data.familyLanguage,
    version: data.version,
    guardians: data.guardians.map((g) => ({
      ...g,
      gender: g.gender as (typeof guardianGenders)[number] | null,
      relation: g.relation as (typeof relations)[number],
      substanceProblem: g.substanceProblem as (typeof substanceAnswers)[number] | null,
      attitude: g.attitude as (typeof attitudes)[number] | null,
    })),
    children: data.children.map((c) => ({ ...c, gender: c.gender as (typeof genders)[number] })),
  };
}
