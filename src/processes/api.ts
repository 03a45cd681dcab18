/** Processes over the JSON API: show, interrupt, resume, show a full identity number (the list, the team and the search have their own). */
import { z } from "zod";
import { problems as commonProblems, problem } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import { assignmentRoles, interruptReasons, meetingStatuses, phases, processStatuses, waitSteps } from "./model.ts";
import { paths } from "./paths.ts";
import { interruptInput, resumeInput } from "./schemas.ts";
import * as service from "./service.ts";

export const tags = ["Processer"];
export const params = z.object({ id: z.string().describe("Processens id (UUID)") });
export const conflict = problem("Processen har ändrats sedan du läste den, eller är avbruten eller genomförd; ingenting ändrades");

export const wait = z.object({
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

export const changed = z.object({ version: z.number().int() });

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
}
