/** The results of an audit round over the JSON API: the same figures as the page; a hidden figure is null with suppressed: true. */
import { z } from "zod";
import type { App } from "../../platform/http.ts";
import { idParams, problems, roundStatuses, tags } from "../rounds/index.ts";
import { paths } from "./paths.ts";
import * as results from "./service.ts";

const hidden = z.boolean().describe("true: för få dokument av typen, eller antalet skulle kunna räknas fram ur totalen; siffrorna är null");
const count = z.number().int().nullable();
const fraction = z.number().nullable();

const resultsSchema = z
  .object({
    round: z.object({
      id: z.uuid(),
      name: z.string(),
      status: z.enum(roundStatuses),
      reviewKey: z.object({ name: z.string(), version: z.number().int() }),
      families: z.number().int().describe("Antal fokusfamiljer"),
    }),
    minGroupSize: z.number().int().describe("Kommunens minsta gruppstorlek"),
    total: count.describe("Granskade dokument totalt"),
    totalSuppressed: hidden,
    kinds: z
      .array(
        z.object({
          key: z.string(),
          label: z.string(),
          n: count.describe("Granskade dokument av typen"),
          suppressed: hidden,
          questions: z.array(
            z.object({
              key: z.string(),
              text: z.string(),
              counts: z
                .object({ yes: z.number().int(), partly: z.number().int(), no: z.number().int(), not_applicable: z.number().int() })
                .nullable()
                .describe("Antal svar per alternativ"),
              applicable: count.describe("Dokument där frågan var tillämplig (ja + delvis + nej)"),
              yesShare: fraction.describe("Andel ja av de tillämpliga (0–1)"),
              partlyShare: fraction.describe("Andel delvis av de tillämpliga (0–1)"),
              suppressed: hidden,
            }),
          ),
          ratings: z.array(z.object({ key: z.string(), label: z.string(), n: count })).describe("Helhetsbedömningarna"),
          comments: z.array(z.string()).describe("Kommentarerna, utan familj, namn eller granskare; tom när typen är dold"),
        }),
      )
      .describe("Nyckelns dokumenttyper i nyckelns ordning"),
  })
  .describe("Resultatet av en aktgranskning");

export function resultsApi(app: App): void {
  app.get(
    paths.apiResults.pattern,
    {
      config: { permission: "audits.results" },
      schema: {
        tags,
        summary: "Resultatet av en aktgranskning",
        description:
          "Per dokumenttyp: antal dokument, svar per fråga med andel ja och delvis, helhetsbedömningar och kommentarer. En typ med färre dokument än kommunens minsta gruppstorlek, eller som kan räknas fram ur totalen, är null med suppressed: true. Loggas som en statistikvisning.",
        params: idParams,
        response: { 200: resultsSchema, 401: problems[401], 403: problems[403], 404: problems[404] },
      },
    },
    async (req) => {
      const r = await results.roundResults(req.ctx, req.params.id);
      return {
        round: {
          id: r.round.id,
          name: r.round.name,
          status: r.round.status,
          reviewKey: { name: r.round.keyName, version: r.round.keyVersion },
          families: r.round.families,
        },
        minGroupSize: r.minGroupSize,
        total: r.total,
        totalSuppressed: r.totalSuppressed,
        kinds: r.kinds,
      };
    },
  );
}
