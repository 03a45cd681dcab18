/** The retention rules over the JSON API: read them with the preview (counts only), and replace them; a rule under its minimum is a 400 problem with the reason. */
import { z } from "zod";
import { problems } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import { retentionKinds, rulesInput } from "./model.ts";
import { paths } from "./paths.ts";
import { retentionPage, saveRules } from "./service.ts";

const counts = z.object(Object.fromEntries(retentionKinds.map((k) => [k, z.number().int().optional()])));

export function retentionApi(app: App): void {
  const allowed = { permission: "retention.manage" as const };
  app.get(
    paths.apiRetention.pattern,
    {
      config: allowed,
      schema: {
        tags: ["Gallring"],
        summary: "Gallringsreglerna och vad de skulle gallra nu (bara antal)",
        response: {
          200: z.object({
            rules: counts,
            jobEnabled: z.boolean(),
            breakGlassMinutes: z.number().int(),
            preview: counts.describe("Antal per slag som skulle gallras om gallringen gjordes nu"),
            keptForPlacement: z
              .number()
              .int()
              .nullable()
              .describe(
                "Familjer som familjeregeln annars skulle gallra men som behålls för att ett barn är placerat utanför hemmet (SoL 12 kap. 2 §); null utan familjeregel",
              ),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const { lastRun: _last, ...page } = await retentionPage(req.ctx);
      return page;
    },
  );

  app.put(
    paths.apiRules.pattern,
    {
      config: allowed,
      schema: {
        tags: ["Gallring"],
        summary: "Ersätt gallringsreglerna",
        description:
          "Regler per slag (null: gallras inte), i slagets enhet (år; sessioner i dagar). En regel kortare än lagens minimum avvisas med skälet i problemets errors.",
        body: rulesInput,
        response: { 204: z.null().describe("Sparade"), ...problems },
      },
    },
    async (req, reply) => {
      await saveRules(req.ctx, req.body);
      return reply.code(204).send(null);
    },
  );
}
