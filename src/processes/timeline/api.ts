/** The family's timeline over the JSON API, through the same service as the page. */
import { z } from "zod";
import { problems as commonProblems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { assignmentRoles, meetingStatuses, phases, processStatuses, waitSteps } from "../model.ts";
import { eventKinds, supportSteps } from "./model.ts";
import { paths } from "./paths.ts";
import { getTimeline } from "./service.ts";

const tags = ["Processer"];
const params = z.object({ id: z.string().describe("Processens id (UUID)") });

const person = z
  .object({
    kind: z.enum(["guardian", "child"]),
    position: z.number().int().describe("Vårdnadshavare 1, 2 … eller barn 1, 2 … i förfrågans ordning"),
    name: z.string().nullable().describe("null i den begränsade vyn"),
  })
  .nullable();

const timelineEvent = z.object({
  kind: z.enum(eventKinds),
  on: z.iso.date(),
  role: z.enum(assignmentRoles).nullable().describe("assignment: rollen"),
  staffName: z.string().nullable().describe("assignment: den tilldelade"),
  waitDays: z.number().int().nullable().describe("assignment: dagar från Sofiamötet för rollens första tilldelning; null för en ersättare"),
  meetingId: z.uuid().nullable(),
  meetingTypeName: z.string().nullable(),
  status: z.enum(meetingStatuses).nullable().describe("meeting: planerat, hållet, inställt eller familjen kom inte"),
  reason: z.string().nullable().describe("meeting: skälet till inställt; interruption: skälet till avbrottet"),
  reasonText: z.string().nullable().describe("interruption: fritexten; null i den begränsade vyn"),
  person,
  consent: z.enum(["given", "refused"]).nullable(),
  stopName: z.string().nullable().describe("consultation: hållplatsen"),
  joint: z.boolean().nullable().describe("impact_analysis: båda handläggarna deltog"),
  ratedBy: z.string().nullable().describe("safety_rating: child, guardian, child_caseworker eller adult_caseworker"),
  score: z.number().int().nullable().describe("safety_rating: 0–10"),
  supportStep: z.enum(supportSteps).nullable(),
  supportKind: z.string().nullable(),
  supportKindText: z.string().nullable(),
  phase: z.enum(phases).nullable(),
  survey: z
    .object({ attended: z.number().int(), responses: z.number().int() })
    .nullable()
    .describe("meeting: familjemedlemmar som deltog och antal enkätsvar; bara antal, svaren är anonyma"),
});

const timeline = z.object({
  id: z.uuid(),
  requestDate: z.iso.date(),
  status: z.enum(processStatuses),
  phase: z.enum(phases),
  minimal: z
    .boolean()
    .describe("Begränsad vy för enhetschef som inte är tilldelad: inga namn, möten, analyser, skattningar eller enkätsvar"),
  waits: z.array(
    z.object({
      step: z.enum(waitSteps),
      from: z.iso.date(),
      to: z.iso.date().nullable(),
      days: z.number().int(),
      ongoing: z.boolean(),
      overLimit: z.boolean(),
    }),
  ),
  events: z.array(timelineEvent).describe("Äldst först; samma dag i arbetets ordning"),
  next: z
    .object({ id: z.uuid(), meetingTypeName: z.string(), plannedDate: z.iso.date(), plannedTime: z.string().nullable() })
    .nullable()
    .describe("Nästa planerade möte; null i den begränsade vyn"),
});

export function timelineApi(app: App): void {
  app.get(
    paths.apiTimeline.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Familjens tidslinje",
        description:
          "Allt som hänt familjen i datumordning: förfrågan, Sofiamötet, tilldelningar, möten, samtycken, samråd, barnkonsekvensanalyser, trygghetsskattningar, fortsatt stöd, faser, avbrott och antal enkätsvar per möte. Visningen loggas per person.",
        params,
        response: { 200: timeline, 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] },
      },
    },
    async (req, reply) => {
      reply.header("Cache-Control", "no-store");
      const data = await getTimeline(req.ctx, req.params.id);
      return {
        id: data.id,
        requestDate: data.requestDate,
        status: data.status,
        phase: data.phase,
        minimal: data.minimal,
        waits: data.waits,
        events: data.events,
        next: data.next,
      };
    },
  );
}
