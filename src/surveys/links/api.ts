/** Survey links per respondent over the JSON API: made for a meeting and returned once. */
import { z } from "zod";
import { problem, problems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { linkUrl } from "./pages.tsx";
import { paths } from "./paths.ts";
import { createLinks } from "./service.ts";

const params = z.object({ id: z.string().describe("Processens id (UUID)"), meetingId: z.string().describe("Mötets id (UUID)") });

const created = z.object({
  links: z.array(
    z.object({
      url: z.string().describe("Länken att ge till den som svarar; visas bara nu (bara dess hash sparas)"),
      role: z.string().describe("parent_with_problem, parent_without_problem eller child"),
      ageBand: z.string().nullable().describe("Barnets åldersgrupp på mötesdagen; null för föräldrar"),
      instrumentKey: z.string(),
      expiresAt: z.string().describe("När länken slutar fungera (ISO 8601)"),
    }),
  ),
});

export function linksApi(app: App): void {
  app.post(
    paths.apiLinks.pattern,
    {
      config: { permission: "processes.work" },
      schema: {
        tags: ["Enkäter"],
        summary: "Skapa enkätlänkar efter ett möte",
        description:
          "En länk per familjemedlem som var med på ett hållet möte (eller är kallad till ett planerat möte i dag eller tidigare), till enkäten för deras roll. Länken fungerar en gång och i 14 dagar. Länkarna visas bara i det här svaret. Svaret namnger ingen.",
        params,
        response: {
          201: created,
          ...problems,
          409: problem("Mötet är inte hållet eller ingen i familjen har en enkät att svara på; ingenting skapades"),
        },
      },
    },
    async (req, reply) => {
      const { links } = await createLinks(req.ctx, req.params.id, req.params.meetingId);
      return reply
        .code(201)
        .header("cache-control", "no-store")
        .send({
          links: links.map((l) => ({
            url: linkUrl(req, l.path),
            role: l.role,
            ageBand: l.ageBand,
            instrumentKey: l.instrumentKey,
            expiresAt: l.expiresAt.toISOString(),
          })),
        });
    },
  );
}
