/** The log review by client over the API: the search text in the body, the person by id. */
import { z } from "zod";
import { problems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { actionLabel } from "../model.ts";
import { assignmentText } from "./model.ts";
import { paths } from "./paths.ts";
import { personLog, searchClients } from "./service.ts";

const hit = z.object({
  personId: z.uuid(),
  kind: z.enum(["guardian", "child"]),
  name: z.string(),
  maskedIdentityNumber: z.string().nullable(),
  birthDate: z.iso.date(),
  requestDate: z.iso.date(),
});

const access = z.object({
  id: z.number().int(),
  at: z.string().describe("Tidpunkt, ISO 8601 i UTC"),
  actor: z.object({ userId: z.string().nullable(), username: z.string().nullable(), displayName: z.string().nullable() }),
  action: z.string(),
  actionLabel: z.string(),
  assignment: z.string().describe("Tilldelningen i familjens process den dagen, eller ”Ingen tilldelning” med användarens enheter"),
  reason: z.string().nullable(),
});

export function clientViewApi(app: App): void {
  app.post(
    paths.apiClientSearch.pattern,
    {
      config: { permission: "audit.review" },
      schema: {
        tags: ["Logguppföljning"],
        summary: "Sök klient i logguppföljningen",
        description:
          "Kommunens granskare (administratör) söker en familjemedlem på namn eller personnummer. Söktexten skickas i kroppen och sparas inte; träffarna loggas som `audit.client_search`.",
        body: z.object({ query: z.string().max(100).describe("Minst två bokstäver av ett namn, eller 8, 10 eller 12 siffror") }),
        response: { 200: z.object({ hits: z.array(hit) }), 400: problems[400], 401: problems[401], 403: problems[403] },
      },
    },
    async (req, reply) => {
      reply.header("cache-control", "no-store");
      const hits = await searchClients(req.ctx, req.body.query);
      return { hits: hits.map((h) => ({ ...h })) };
    },
  );

  app.get(
    paths.apiPersonLog.pattern,
    {
      config: { permission: "audit.review" },
      schema: {
        tags: ["Logguppföljning"],
        summary: "Alla åtkomster till en klients uppgifter",
        description:
          "Vem, när, vad och under vilken tilldelning, nyast först (högst 200). Läsningen loggas som `audit.person_log` med personen som subjekt.",
        params: z.object({ personId: z.string() }),
        response: {
          200: z.object({
            person: hit.omit({ personId: true }).extend({ id: z.uuid() }),
            total: z.number().int(),
            accesses: z.array(access),
          }),
          401: problems[401],
          403: problems[403],
          404: problems[404],
        },
      },
    },
    async (req, reply) => {
      reply.header("cache-control", "no-store");
      const log = await personLog(req.ctx, req.params.personId);
      const t = req.t;
      return {
        person: log.person,
        total: log.total,
        accesses: log.rows.map((r) => ({
          id: r.id,
          at: r.at.toISOString(),
          actor: { userId: r.actorUserId, username: r.actorUsername, displayName: r.actorDisplayName },
          action: r.action,
          actionLabel: actionLabel(t, r.action),
          assignment: assignmentText(t, r),
          reason: r.reason,
        })),
      };
    },
  );
}
