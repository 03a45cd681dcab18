/** The list of processes over the JSON API. */
import { z } from "zod";
import { problems as commonProblems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { tags, wait } from "../api.ts";
import { phases, processStatuses } from "../model.ts";
import { paths } from "./paths.ts";
import * as service from "./service.ts";

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

export function listApi(app: App): void {
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
}
