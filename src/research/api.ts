/** The research export over the JSON API: make one (the ZIP with CSV and codebook, the same as the page's download) and read the log. */
import { z } from "zod";
import { problems } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import { paths } from "./paths.ts";
import { exportBody } from "./schemas.ts";
import * as research from "./service.ts";

const tags = ["Forskningsuttag"];

const logSchema = z
  .object({
    exports: z.array(
      z.object({
        id: z.uuid(),
        createdAt: z.iso.datetime(),
        createdBy: z.string().describe("Vem som gjorde uttaget (visningsnamn)"),
        purpose: z.string(),
        from: z.string().nullable().describe("Periodens första dag, ÅÅÅÅ-MM-DD"),
        to: z.string().nullable().describe("Periodens sista dag, ÅÅÅÅ-MM-DD"),
        exactDates: z.boolean(),
        caseTypeAndHousehold: z.boolean(),
        families: z.number().int().nullable().describe("Antal familjer i uttaget"),
        rowCount: z.number().int().describe("Antal rader i CSV-filen (utöver rubrikraden)"),
      }),
    ),
  })
  .describe("Kommunens forskningsuttag, det senaste först");

export function researchApi(app: App): void {
  app.post(
    paths.apiExports.pattern,
    {
      config: { permission: "research.export" },
      schema: {
        tags,
        summary: "Gör ett pseudonymiserat forskningsuttag",
        description:
          "Svarar med en ZIP-fil (application/zip) med forskningsuttag.csv (långt format: familj; person; svar; variabel; varde, UTF-8 med BOM, semikolon) och kodbok.md (kodboken: syfte, period, val, datum, antal rader, varje kolumn och variabel). Familjerna är kommunens familjer vars förfrågan kom in i perioden. Pseudonymerna slumpas för varje uttag. Namn, personnummer, födelsedatum, fritext och personalens identitet ingår aldrig; datum anges som ÅÅÅÅ-MM om inte exactDates är true. Uttaget loggas (vem, syfte, period, val, antal rader) i samma transaktion.",
        body: exportBody,
        response: {
          200: z.any().describe("ZIP-filen (application/zip) med forskningsuttag.csv och kodbok.md"),
          400: problems[400],
          401: problems[401],
          403: problems[403],
        },
      },
    },
    async (req, reply) => {
      const made = await research.makeExport(req.ctx, req.body);
      return reply
        .header("content-type", "application/zip")
        .header("content-disposition", `attachment; filename="${made.fileName}"`)
        .header("cache-control", "no-store")
        .send(made.zip);
    },
  );

  app.get(
    paths.apiExports.pattern,
    {
      config: { permission: "research.export" },
      schema: {
        tags,
        summary: "Gjorda forskningsuttag",
        description: "Loggen över kommunens forskningsuttag: när, av vem, syfte, period, val och antal rader.",
        response: { 200: logSchema, 401: problems[401], 403: problems[403] },
      },
    },
    async (req) => {
      const log = await research.listExports(req.ctx);
      return { exports: log.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })) };
    },
  );
}
