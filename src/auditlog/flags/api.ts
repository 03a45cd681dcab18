/** The flags over the API: the open flags with the settings in the query, and a review in the body. */
import { z } from "zod";
import { problem, problems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { actionLabel } from "../model.ts";
import { type FlagKind, flagKinds, flagReason, flagSettingsParams } from "./model.ts";
import { paths } from "./paths.ts";
import { openFlags, reviewFlag } from "./service.ts";

const text = (d: string) => z.string().optional().describe(d);

export function flagsApi(app: App): void {
  app.get(
    paths.apiFlags.pattern,
    {
      config: { permission: "audit.review" },
      schema: {
        tags: ["Logguppföljning"],
        summary: "Öppna flaggor i loggen",
        description:
          "Rader som granskaren bör titta på: visning utanför tilldelning och enheter, många familjer på kort tid, åtkomst utanför arbetstid, visade personnummer och nödåtkomst. Läsningen loggas som `audit.flags_view`.",
        querystring: z.object({
          from: text("Från och med datum (svensk tid). Standard: 30 dagar före `to`."),
          to: text("Till och med datum. Standard: i dag."),
          families: text("Många familjer: minst så många olika familjer … Standard: 30."),
          minutes: text("… inom så många minuter. Standard: 10."),
          dayStart: text("Arbetstiden börjar (timme, vardagar). Standard: 7."),
          dayEnd: text("Arbetstiden slutar (timme). Standard: 19."),
        }),
        response: {
          200: z.object({
            settings: z.record(z.string(), z.string()),
            total: z.number().int(),
            flags: z.array(
              z.object({
                auditLogId: z.number().int(),
                kind: z.enum(flagKinds),
                at: z.string(),
                actor: z.object({ userId: z.string().nullable(), username: z.string().nullable(), displayName: z.string().nullable() }),
                action: z.string(),
                actionLabel: z.string(),
                reason: z.string().describe("Varför raden flaggas, i ord"),
              }),
            ),
          }),
          400: problems[400],
          401: problems[401],
          403: problems[403],
        },
      },
    },
    async (req, reply) => {
      reply.header("cache-control", "no-store");
      const data = await openFlags(req.ctx, req.query);
      const t = req.t;
      return {
        settings: flagSettingsParams(data.settings),
        total: data.total,
        flags: data.flags.map((f) => ({
          auditLogId: f.auditLogId,
          kind: f.kind as FlagKind,
          at: f.at.toISOString(),
          actor: { userId: f.actorUserId, username: f.actorUsername, displayName: f.actorDisplayName },
          action: f.action,
          actionLabel: actionLabel(t, f.action),
          reason: flagReason(t, f.kind as FlagKind, f.n, data.settings),
        })),
      };
    },
  );

  app.post(
    paths.apiReview.pattern,
    {
      config: { permission: "audit.review" },
      schema: {
        tags: ["Logguppföljning"],
        summary: "Markera en flagga som granskad",
        description: "Med en anteckning, som sparas. Loggas som `audit.flag_review`.",
        body: z.object({ logId: z.unknown(), kind: z.unknown(), note: z.unknown() }).describe("logId, kind (flaggans typ) och note"),
        response: {
          204: z.null(),
          400: problems[400],
          401: problems[401],
          403: problems[403],
          404: problems[404],
          409: problem("Flaggan är redan granskad"),
        },
      },
    },
    async (req, reply) => {
      await reviewFlag(req.ctx, req.body);
      return reply.code(204).send(null);
    },
  );
}
