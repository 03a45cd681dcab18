/** The search over the JSON API: the text in the body, never in the address. */
import { z } from "zod";
import { problems as commonProblems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { phases, processStatuses } from "../model.ts";
import { paths } from "./paths.ts";
import * as service from "./service.ts";

export function searchApi(app: App): void {
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
