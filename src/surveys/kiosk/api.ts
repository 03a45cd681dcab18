/** One meeting's survey response rate over the JSON API (the kiosk itself is a browser thing). Counts only. */
import { z } from "zod";
import { problems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { paths } from "./paths.ts";
import { meetingSurveyRate } from "./service.ts";

const params = z.object({
  id: z.string().describe("Processens id (UUID)"),
  meetingId: z.string().describe("Mötets id (UUID)"),
});

const meetingRate = z.object({
  meetingId: z.uuid(),
  meetingTypeKey: z.string(),
  meetingTypeName: z.string(),
  status: z.string().describe("planned, held eller cancelled"),
  attended: z.number().int().describe("Familjemedlemmar som var närvarande vid mötet (0 innan mötet är registrerat som hållet)"),
  responses: z.number().int().describe("Enkätsvar för mötet, alla sätt att svara (surfplatta, länk, papper)"),
});

export function kioskApi(app: App): void {
  app.get(
    paths.apiMeetingRate.pattern,
    {
      config: { permission: "processes.view" },
      schema: {
        tags: ["Enkäter"],
        summary: "Svarsfrekvens för ett möte",
        description: "Närvarande familjemedlemmar och antal enkätsvar för ett möte. Bara antal, aldrig svar eller vem som svarade.",
        params,
        response: { 200: meetingRate, 401: problems[401], 403: problems[403], 404: problems[404] },
      },
    },
    async (req) => meetingSurveyRate(req.ctx, req.params.id, req.params.meetingId),
  );
}
