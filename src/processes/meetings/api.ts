/** A process's meetings over the JSON API, through the same services as the pages. */
import { z } from "zod";
import { describeCaseTypeChange } from "../../families/index.ts";
import { problems as commonProblems, problem } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { participantKinds } from "../../workmodels/index.ts";
import { assignmentRoles, meetingStatuses, phases, processStatuses } from "../model.ts";
import { cancelInput, childViewsAnswers, consentAnswers, consentInput, editInput, holdInput, outcomeReasons, planInput } from "./model.ts";
import { paths } from "./paths.ts";
import * as meetings from "./service.ts";

const tags = ["Möten"];
const processParams = z.object({ id: z.string().describe("Processens id (UUID)") });
const meetingParams = processParams.extend({ meetingId: z.string().describe("Mötets id (UUID)") });

const date = z.iso.date().nullable();

const summary = z.object({
  id: z.uuid(),
  meetingTypeKey: z.string().describe("Mötestypens nyckel i processens arbetsmodell, t.ex. familjemote-1"),
  meetingTypeName: z.string(),
  childId: z.uuid().nullable().describe("Barnet för ett barnmöte; null för familjemöten"),
  status: z.enum(meetingStatuses).describe("planned: planerat; held: hållet; cancelled: inställt; not_attended: uteblev"),
  plannedDate: date,
  plannedTime: z.string().nullable().describe("TT:MM, svensk tid"),
  durationMinutes: z.number().int(),
  place: z.string().nullable(),
  heldOn: date,
  version: z.number().int().describe("Mötets version: skicka med vid ändring (optimistisk låsning)"),
});

const detail = summary.extend({
  processId: z.uuid(),
  purpose: z.string(),
  participantsOfType: z.array(z.enum(participantKinds)).describe("Vilka som deltar enligt arbetsmodellen"),
  childName: z.string().nullable(),
  outcomeReason: z.enum(outcomeReasons).nullable().describe("Skälet när mötet ställdes in eller familjen uteblev"),
  outcomeText: z.string().nullable(),
  checklist: z.array(z.object({ index: z.number().int(), item: z.string(), done: z.boolean() })),
  summary: z
    .object({ discussed: z.string(), agreed: z.string(), nextSteps: z.string() })
    .nullable()
    .describe("Kort strukturerad sammanfattning; dokumentationen av ärendet förs i journalen"),
  consent: z
    .object({ consent: z.enum(consentAnswers), by: z.array(z.object({ id: z.uuid(), name: z.string() })), on: date })
    .nullable()
    .describe("Barnmöte: vårdnadshavarnas samtycke till samtal med barnet ensamt"),
  childTold: z.string().nullable(),
  childViews: z.enum(childViewsAnswers).nullable(),
  safetyPlan: z
    .object({ warningSigns: z.string(), childActions: z.string(), adultActions: z.string(), agreedWithFamily: z.boolean() })
    .nullable()
    .describe("Familjemöte 3: återfalls- och trygghetsplanen"),
  participants: z.array(
    z.object({
      personId: z.uuid().nullable(),
      userId: z.uuid().nullable(),
      name: z.string(),
      kind: z.enum(["guardian", "child", "staff"]),
      roles: z.array(z.enum(assignmentRoles)),
      invited: z.boolean(),
      attended: z.boolean().nullable().describe("null tills mötet är hållet"),
    }),
  ),
});

const held = z.object({
  version: z.number().int(),
  phase: z.enum(phases).describe("Processens fas efter mötet (härledd)"),
  processStatus: z.enum(processStatuses),
  caseTypeChange: z
    .string()
    .nullable()
    .describe("Hur ärendetypen ändrades när en vårdnadshavare ansökte vid mötet; null om den är densamma"),
});

const conflict = problem(
  "Mötet har ändrats sedan du läste det, är redan hållet eller inte längre planerat, eller processen är avslutad; ingenting ändrades",
);
const readProblems = { 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] };

function toApi(d: meetings.MeetingDetail): z.output<typeof detail> {
  const plan = d.safetyPlan;
  return {
    id: d.id,
    processId: d.processId,
    meetingTypeKey: d.type.key,
    meetingTypeName: d.type.name,
    purpose: d.type.purpose,
    participantsOfType: d.type.participants,
    childId: d.child?.id ?? null,
    childName: d.child?.name ?? null,
    status: d.status,
    plannedDate: d.plannedDate,
    plannedTime: d.plannedTime,
    durationMinutes: d.durationMinutes,
    place: d.place,
    heldOn: d.heldOn,
    outcomeReason: d.outcomeReason as z.output<typeof detail>["outcomeReason"],
    outcomeText: d.outcomeText,
    checklist: d.type.checklist.map((item, index) => ({ index, item, done: d.checklistDone.includes(index) })),
    summary: d.summary
      ? { discussed: d.summary.discussed ?? "", agreed: d.summary.agreed ?? "", nextSteps: d.summary.nextSteps ?? "" }
      : null,
    consent: d.consent ? { consent: d.consent, by: d.consentBy, on: d.consentOn } : null,
    childTold: d.childTold,
    childViews: d.childViews,
    safetyPlan: plan
      ? {
          warningSigns: String(plan.warningSigns ?? ""),
          childActions: String(plan.childActions ?? ""),
          adultActions: String(plan.adultActions ?? ""),
          agreedWithFamily: plan.agreedWithFamily === true,
        }
      : null,
    participants: d.participants,
    version: d.version,
  };
}

export function meetingsApi(app: App): void {
  app.get(
    paths.apiMeetings.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Lista en process möten",
        description: "Processens möten i datumordning, utan namn (ett barn anges med id). Visningen loggas.",
        params: processParams,
        response: { 200: z.array(summary), ...readProblems },
      },
    },
    async (req) => meetings.listMeetings(req.ctx, req.params.id),
  );

  app.post(
    paths.apiMeetings.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Planera ett möte",
        description:
          "Mötestyp ur processens arbetsmodell (barnmöte: childId för ett barn som har fyllt minimiåldern), datum (inte före Sofiamötet), tid, längd, plats och inbjudna familjemedlemmar och handläggare. Ett planerat eller hållet möte per steg.",
        params: processParams,
        body: planInput,
        response: { 201: detail, ...commonProblems, 409: conflict },
      },
    },
    async (req, reply) => {
      const created = await meetings.planMeeting(req.ctx, req.params.id, req.body);
      return reply.code(201).send(toApi(await meetings.getMeeting(req.ctx, req.params.id, created.id)));
    },
  );

  app.get(
    paths.apiMeeting.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Visa ett möte",
        description: "Planering, inbjudna och närvaro, samtycke, anteckningar. Varje visning loggas.",
        params: meetingParams,
        response: { 200: detail, ...readProblems },
      },
    },
    async (req) => toApi(await meetings.getMeeting(req.ctx, req.params.id, req.params.meetingId)),
  );

  app.patch(
    paths.apiMeeting.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Ändra planeringen eller anteckningarna",
        description:
          "plan medan mötet är planerat; record (checklista, sammanfattning, barnets röst, trygghetsplan) när det är hållet. Med mötets version.",
        params: meetingParams,
        body: editInput,
        response: { 200: detail, ...commonProblems, 409: conflict },
      },
    },
    async (req) => {
      await meetings.editMeeting(req.ctx, req.params.id, req.params.meetingId, req.body);
      return toApi(await meetings.getMeeting(req.ctx, req.params.id, req.params.meetingId));
    },
  );

  app.post(
    paths.apiHold.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Registrera att mötet hölls",
        description:
          "Datum (inte i framtiden, inte före Sofiamötet), närvaro, checklista, sammanfattning. Barnmöte: samtycke måste vara givet; vad barnet fick veta och om barnet kunde uttrycka sina åsikter. Familjemöte 3: trygghetsplanen. appliedGuardianIds: vårdnadshavare som ansökte om stöd på beroendeenheten (ärendetypen räknas om). Fasen räknas om. En gång per möte.",
        params: meetingParams,
        body: holdInput,
        response: { 200: held, ...commonProblems, 409: conflict },
      },
    },
    async (req) => {
      const result = await meetings.holdMeeting(req.ctx, req.params.id, req.params.meetingId, req.body);
      return { ...result, caseTypeChange: result.caseTypeChange ? describeCaseTypeChange(result.caseTypeChange, req.t) : null };
    },
  );

  app.post(
    paths.apiConsent.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Registrera vårdnadshavarnas samtycke till barnmötet",
        description:
          "given eller refused, av vilka vårdnadshavare, datum. refused ställer in barnmötet (skäl consent_refused); det är inget fel.",
        params: meetingParams,
        body: consentInput,
        response: { 200: detail, ...commonProblems, 409: conflict },
      },
    },
    async (req) => {
      await meetings.recordConsent(req.ctx, req.params.id, req.params.meetingId, req.body);
      return toApi(await meetings.getMeeting(req.ctx, req.params.id, req.params.meetingId));
    },
  );

  app.post(
    paths.apiCancel.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Ställ in mötet eller registrera att familjen uteblev",
        description: "Skäl ur listan; other kräver fritext.",
        params: meetingParams,
        body: cancelInput,
        response: { 200: detail, ...commonProblems, 409: conflict },
      },
    },
    async (req) => {
      await meetings.cancelMeeting(req.ctx, req.params.id, req.params.meetingId, req.body);
      return toApi(await meetings.getMeeting(req.ctx, req.params.id, req.params.meetingId));
    },
  );
}
