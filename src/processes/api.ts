/** Processes over the JSON API: list, show, assign, interrupt, resume, show a full identity number. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import { assignmentRoles, interruptReasons, meetingStatuses, phases, processStatuses, waitSteps } from "./model.ts";
import { paths } from "./paths.ts";
import { assignInput, handoverInput, interruptInput, resumeInput, teamInput } from "./schemas.ts";
import * as service from "./service.ts";

const tags = ["Processer"];
const params = z.object({ id: z.string().describe("Processens id (UUID)") });
const conflict = problem("Processen har ändrats sedan du läste den, eller är avbruten eller genomförd; ingenting ändrades");

const wait = z.object({
  step: z.enum(waitSteps),
  from: z.iso.date(),
  to: z.iso.date().nullable().describe("null medan väntan pågår; dagarna räknas då till i dag"),
  days: z.number().int(),
  ongoing: z.boolean(),
  overLimit: z.boolean().describe("Över kommunens gräns för väntetider"),
});

const assignment = z.object({
  role: z.enum(assignmentRoles),
  userId: z.uuid(),
  userName: z.string(),
  assignedOn: z.iso.date(),
  endedOn: z.iso.date().nullable(),
});

const listItem = z.object({
  id: z.uuid(),
  status: z.enum(processStatuses),
  phase: z.enum(phases),
  requestDate: z.iso.date(),
  caseType: z.number().int().nullable(),
  childCaseworker: z.string().nullable(),
  adultCaseworker: z.string().nullable(),
  longestWait: wait.nullable(),
});

const detail = z.object({
  id: z.uuid(),
  requestId: z.uuid(),
  version: z.number().int().describe("Processens version: skicka med vid tilldelning, avbrott och återupptagande"),
  status: z.enum(processStatuses),
  phase: z.enum(phases).describe("Räknas fram av de hållna mötena; skrivs aldrig in"),
  startedOn: z.iso.date().nullable(),
  halfwayOn: z.iso.date().nullable(),
  completedOn: z.iso.date().nullable(),
  workModel: z.object({ name: z.string(), version: z.number().int() }),
  requestDate: z.iso.date(),
  meetingDate: z.iso.date().nullable(),
  caseType: z.number().int().nullable(),
  minimal: z.boolean().describe("Begränsad vy för enhetschef som inte är tilldelad: inga namn eller personnummer"),
  persons: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(["guardian", "child"]),
      name: z.string(),
      maskedIdentityNumber: z.string().nullable(),
      birthDate: z.iso.date(),
      ageToday: z.number().int(),
      unitName: z.string().nullable(),
    }),
  ),
  childAges: z.array(z.number().int()),
  assignments: z.array(assignment).describe("Alla tilldelningar, även avslutade"),
  waits: z.array(wait),
  waitLimitDays: z.number().int(),
  series: z.array(
    z.object({
      meetingTypeKey: z.string(),
      meetingTypeName: z.string(),
      childId: z.uuid().nullable(),
      held: z.boolean(),
      planned: z.boolean(),
      meetings: z.array(
        z.object({ id: z.uuid(), status: z.enum(meetingStatuses), plannedDate: z.iso.date().nullable(), heldOn: z.iso.date().nullable() }),
      ),
    }),
  ),
  interruptions: z.array(
    z.object({
      interruptedOn: z.iso.date(),
      reason: z.enum(interruptReasons),
      reasonText: z.string().nullable(),
      phase: z.enum(phases),
      resumedOn: z.iso.date().nullable(),
    }),
  ),
});

const changed = z.object({ version: z.number().int() });

const candidate = z.object({
  id: z.uuid(),
  name: z.string(),
  ongoing: z.number().int().describe("Antal pågående (inte genomförda) familjer personen är tilldelad"),
});

function toApi(p: service.ProcessPage): z.output<typeof detail> {
  return {
    ...p,
    persons: p.persons.map(({ id, kind, name, maskedIdentityNumber, birthDate, ageToday, unitName }) => ({
      id,
      kind,
      name,
      maskedIdentityNumber,
      birthDate,
      ageToday,
      unitName,
    })),
    series: p.series.map((s) => ({
      meetingTypeKey: s.type.key,
      meetingTypeName: s.type.name,
      childId: s.child?.id ?? null,
      held: s.held,
      planned: s.planned,
      meetings: s.meetings.map(({ id, status, plannedDate, heldOn }) => ({ id, status, plannedDate, heldOn })),
    })),
    interruptions: p.interruptions.map((i) => ({
      ...i,
      reason: i.reason as (typeof interruptReasons)[number],
      phase: i.phase as (typeof phases)[number],
    })),
  };
}

export function processesApi(app: App): void {
  app.get(
    paths.apiProcesses.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Lista processer",
        description:
          "De processer du får se: processledare kommunens, handläggare de tilldelade, enhetschefer de egna enheternas. 50 per sida, nyaste förfrågan först. Inga namn på familjemedlemmar.",
        querystring: z.object({
          status: z.enum(processStatuses).optional(),
          phase: z.enum(phases).optional(),
          page: z.coerce.number().int().min(1).max(10_000).default(1),
        }),
        response: {
          200: z.object({ items: z.array(listItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }),
          ...commonProblems,
        },
      },
    },
    async (req) => service.listProcesses(req.ctx, req.query),
  );

  app.get(
    paths.apiProcess.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Visa en process",
        description: "Familjen, tilldelningar, väntetider, samtalsserien och avbrott. Visningen loggas per person.",
        params,
        response: { 200: detail, ...commonProblems },
      },
    },
    async (req) => toApi(await service.getProcessPage(req.ctx, req.params.id)),
  );

  app.post(
    paths.apiAssignments.pattern,
    {
      config: { permission: "processes.assign" },
      schema: {
        tags,
        summary: "Tilldela en roll: handläggare eller processledare",
        description:
          "Enhetschefer tilldelar barn- och vuxenhandläggare från sina egna enheter; processledare tilldelar alla tre rollerna. Datumet får inte ligga i framtiden eller före Sofiamötet. En ny tilldelning avslutar den tidigare i samma roll.",
        params,
        body: assignInput,
        response: { 200: changed, ...commonProblems, 409: conflict },
      },
    },
    async (req) => service.assign(req.ctx, req.params.id, req.body),
  );

  app.post(
    paths.apiTeam.pattern,
    {
      config: { permission: "processes.assign" },
      schema: {
        tags,
        summary: "Tilldela barnhandläggare, vuxenhandläggare och processledare i ett steg",
        description:
          "Samma som formuläret: varje roll får en person eller null (ingen ändring). Barnhandläggare från en barnenhet, vuxenhandläggare från en beroendeenhet (enhetschefer: de egna enheterna), processledare bara av processledare. Allt i en transaktion med en loggrad per ändrad roll; minst en roll måste ändras. Ersätter inte POST …/assignments, som finns kvar för en roll i taget.",
        params,
        body: teamInput,
        response: { 200: z.object({ version: z.number().int(), changed: z.number().int() }), ...commonProblems, 409: conflict },
      },
    },
    async (req) => service.assignTeam(req.ctx, req.params.id, req.body),
  );

  app.get(
    paths.apiHandoverPreview.pattern,
    {
      config: { permission: "processes.assign" },
      schema: {
        tags,
        summary: "Förhandsgranska en överlämning: en persons pågående familjer",
        description:
          "Personens pågående (inte genomförda) familjer i de roller du tilldelar, med processens version att skicka med vid överlämningen, och kollegorna som kan ta över varje roll med antal pågående familjer. Inga namn på familjemedlemmar. Visningen loggas per familj.",
        params: z.object({ userId: z.string().describe("Användarens id (UUID)") }),
        response: {
          200: z.object({
            from: candidate.nullable().describe("null om du inte kan lämna över personens familjer"),
            families: z.array(
              z.object({
                processId: z.uuid(),
                version: z.number().int(),
                role: z.enum(assignmentRoles),
                status: z.enum(processStatuses),
                phase: z.enum(phases),
                requestDate: z.iso.date(),
                assignedOn: z.iso.date(),
              }),
            ),
            candidates: z.object({
              child_caseworker: z.array(candidate),
              adult_caseworker: z.array(candidate),
              process_leader: z.array(candidate),
            }),
          }),
          ...commonProblems,
        },
      },
    },
    async (req) => {
      const p = await service.handoverPreview(req.ctx, req.params.userId);
      return {
        from: p.from,
        families: p.families.map(({ processId, version, role, status, phase, requestDate, assignedOn }) => ({
          processId,
          version,
          role,
          status,
          phase,
          requestDate,
          assignedOn,
        })),
        candidates: p.candidates,
      };
    },
  );

  app.post(
    paths.apiHandover.pattern,
    {
      config: { permission: "processes.assign" },
      schema: {
        tags,
        summary: "Lämna över en persons familjer till kollegor",
        description:
          "När en handläggare slutar eller är ledig. Per familj (toUserId) eller för alla i en roll (all); en familj utan kollega stannar. Kollegan måste ha rätt roll och enhet, annars ändras ingenting (400 med fältet). Allt i en transaktion med en loggrad per familj; har en familj ändrats sedan förhandsgranskningen (versionen) ändras ingenting (409).",
        body: handoverInput,
        response: { 200: z.object({ moved: z.number().int() }), ...commonProblems, 409: conflict },
      },
    },
    async (req) => service.handover(req.ctx, req.body),
  );

  app.post(
    paths.apiInterrupt.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Avbryt processen",
        description: "Med datum och skäl (other kräver fritext). Fasen då processen avbröts sparas. Planerade möten ställs in.",
        params,
        body: interruptInput,
        response: { 200: changed, ...commonProblems, 409: conflict },
      },
    },
    async (req) => service.interrupt(req.ctx, req.params.id, req.body),
  );

  app.post(
    paths.apiResume.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Återuppta processen",
        description: "Datumet får inte ligga före avbrottet eller i framtiden.",
        params,
        body: resumeInput,
        response: { 200: changed, ...commonProblems, 409: conflict },
      },
    },
    async (req) => service.resume(req.ctx, req.params.id, req.body),
  );

  app.post(
    paths.apiIdentityNumber.pattern,
    {
      config: { permission: "persons.reveal" },
      schema: {
        tags,
        summary: "Visa ett fullständigt personnummer",
        description: "För den som arbetar med familjen. Skälet krävs och loggas med visningen.",
        params: params.extend({ personId: z.string().describe("Personens id (UUID)") }),
        body: z.object({ reason: z.string().max(300).describe("Varför numret behövs, 3–300 tecken") }),
        response: { 200: z.object({ identityNumber: z.string().describe("12 siffror med sekel") }), ...commonProblems, 409: conflict },
      },
    },
    async (req, reply) => {
      reply.header("Cache-Control", "no-store");
      return { identityNumber: await service.revealIdentityNumber(req.ctx, req.params.id, req.params.personId, req.body.reason) };
    },
  );

  app.post(
    paths.apiSearch.pattern,
    {
      config: { permission: "persons.search" },
      schema: {
        tags: ["Sök"],
        summary: "Sök familjemedlemmar på namn eller personnummer",
        description:
          "Bland de familjer du har registrerat eller är tilldelad (processledare: kommunens). Söktexten skickas i kroppen, aldrig i adressen, och sparas inte; varje träff loggas. Högst 50 träffar.",
        body: z.object({ query: z.string().max(100).describe("Minst två bokstäver av ett namn, eller 8, 10 eller 12 siffror") }),
        response: {
          200: z.object({
            hits: z.array(
              z.object({
                personId: z.uuid(),
                kind: z.enum(["guardian", "child"]),
                name: z.string(),
                maskedIdentityNumber: z.string().nullable(),
                birthDate: z.iso.date(),
                requestId: z.uuid(),
                requestDate: z.iso.date(),
                processId: z.uuid().nullable(),
                status: z.enum(processStatuses).nullable(),
                phase: z.enum(phases).nullable(),
              }),
            ),
          }),
          ...commonProblems,
        },
      },
    },
    async (req, reply) => {
      reply.header("Cache-Control", "no-store");
      return { hits: await service.searchFamilies(req.ctx, req.body.query) };
    },
  );
}
