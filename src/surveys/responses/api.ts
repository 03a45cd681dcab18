/** Survey answers over the JSON API: a paper form typed in by staff, and a process's response rate. Counts only. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../../platform/api-schemas.ts";
import { jsonInput } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { paperInput, recordPaperResponse, surveyRate } from "../paper/index.ts";
import { paths } from "./paths.ts";

const tags = ["Enkäter"];
const processParams = z.object({ id: z.string().describe("Processens id (UUID)") });
const meetingParams = processParams.extend({ meetingId: z.string().describe("Mötets id (UUID)") });

const rate = z.object({
  attended: z.number().int().describe("Familjemedlemmar som var närvarande vid mötet"),
  responses: z.number().int().describe("Enkätsvar för mötet, alla sätt att svara"),
});

const paperBody = paperInput
  .omit({ childId: true })
  .describe(
    "instrumentKey: en enkät som mötestypen följs av (den publicerade versionen används). respondentRole: parent_with_problem, parent_without_problem eller child (ageBand krävs för barn, t.ex. 6–9). submissionKey: en UUID som klienten skapar per formulär; samma nyckel sparas en gång. answers: per fråga ett värde på skalan, eller dontKnow (om skalan tillåter det), eller value null och dontKnow false för obesvarad.",
  );

const rateSection = z.object({
  meetings: z.array(
    rate.extend({
      meetingId: z.uuid(),
      meetingTypeKey: z.string(),
      meetingTypeName: z.string(),
      childId: z.uuid().nullable().describe("Barnet för ett barnmöte; null för familjemöten"),
      heldOn: z.iso.date(),
    }),
  ),
  types: z.array(rate.extend({ meetingTypeKey: z.string(), meetingTypeName: z.string(), meetings: z.number().int() })),
});

const conflict = problem(
  "Mötet är inte hållet, alla närvarande har redan svarat, eller nyckeln användes för ett annat formulär; ingenting sparades",
);

export function responsesApi(app: App): void {
  app.post(
    paths.apiPaperResponses.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags,
        summary: "Registrera en pappersenkät",
        description:
          "Personalen för in en ifylld pappersenkät för ett hållet möte. Svaren är anonyma: bara rollen (och barnets åldersgrupp) sparas, aldrig vem som svarade. 201 när svaret sparades, 200 när samma submissionKey redan var sparad (ingenting sparas två gånger). Fel per fråga som answers.<itemKey>.",
        params: meetingParams,
        body: paperBody,
        response: {
          200: rate.extend({ created: z.boolean() }),
          201: rate.extend({ created: z.boolean() }),
          ...commonProblems,
          409: conflict,
        },
      },
    },
    async (req, reply) => {
      const result = await recordPaperResponse(req.ctx, req.params.id, req.params.meetingId, jsonInput(req.body));
      return reply.code(result.created ? 201 : 200).send({ created: result.created, ...result.rate });
    },
  );

  app.get(
    paths.apiProcessRate.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags,
        summary: "Svarsfrekvens för en process enkäter",
        description:
          "Per hållet möte som följs av en enkät och per mötestyp: närvarande familjemedlemmar och antal svar. Bara antal, aldrig svar.",
        params: processParams,
        response: { 200: rateSection, 401: commonProblems[401], 403: commonProblems[403], 404: commonProblems[404] },
      },
    },
    async (req) => {
      const data = await surveyRate(req.ctx, req.params.id);
      return { meetings: data.meetings, types: data.types };
    },
  );
}
