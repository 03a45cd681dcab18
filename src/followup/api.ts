/** The follow-up's figures over the JSON API: the same service and the same suppression as the page. */
import { z } from "zod";
import { handoverRoles } from "../families/index.ts";
import { problems } from "../platform/api-schemas.ts";
import type { App } from "../platform/http.ts";
import type { Locale } from "../platform/i18n.ts";
import { defaultPrecision, type Precision } from "../platform/precision.ts";
import { figureText } from "./export.ts";
import { type Definition, displays, measuresDays } from "./indicators/index.ts";
import { paths } from "./paths.ts";
import type { ResultRow } from "./results.ts";
import { type FollowupData, followup, sections } from "./service.ts";

const tags = ["Uppföljning"];

const period = z.object({ from: z.string().describe("ÅÅÅÅ-MM-DD"), to: z.string().describe("ÅÅÅÅ-MM-DD") });

const row = z.object({
  group: z.string().nullable().describe("Gruppens värde (fältvärde eller intervall); null utan uppdelning eller när uppgift saknas"),
  numerator: z.number().int().nullable().describe("Täljaren (n); null när den döljs och för ett lägesmått"),
  denominator: z
    .number()
    .int()
    .nullable()
    .describe("Nämnaren (N), för ett lägesmått antalet enheter med värde; null när den döljs eller för ett antal"),
  percent: z
    .number()
    .nullable()
    .describe("Andelen i procent, exakt (oavrundad: 2 av 3 är 66,666…); null när den döljs, saknas eller inte är en andel"),
  value: z
    .number()
    .nullable()
    .describe("Lägesmåttet (medelvärde, median, 90:e percentil, minsta, största), exakt; null när det döljs eller för andra visningar"),
  text: z
    .string()
    .describe(
      'Siffran som den visas för människor: andelen eller lägesmåttet avrundat uppåt vid 5 med kommunens decimaler ("43 %", "3,25"), antalet ("1 234"), ".." när den döljs, "–" när det inte finns något att räkna',
    ),
  met: z.boolean().nullable().describe("Om målet är nått; null utan mål eller när värdet inte visas"),
  suppressed: z.boolean().describe("Någon siffra i raden döljs för att gruppen är för liten"),
});

const indicator = z.object({
  key: z.string(),
  name: z.string(),
  version: z.number().int().describe("Den publicerade version av definitionen som siffrorna räknades med"),
  section: z.enum(sections),
  display: z.enum(displays),
  target: z.object({ value: z.number(), direction: z.enum(["at_least", "at_most"]) }).nullable(),
  minGroupSize: z.number().int(),
  current: z.array(row).describe("Perioden: en rad, eller en per grupp"),
  previous: z.array(row).describe("Föregående period lika lång"),
});

const followupSchema = z.object({
  period,
  previous: period.describe("Perioden lika lång strax före"),
  minGroupSize: z.number().int().describe("Kommunens minsta gruppstorlek"),
  empty: z.boolean().describe("Ingenting räknades i perioden"),
  indicators: z.array(indicator),
  handoverWaits: z
    .array(
      z.object({
        role: z.enum(handoverRoles),
        n: z.number().int().describe("Antal väntetider med första kontakt i perioden"),
        medianDays: z.number().nullable().describe("Medianen i dagar; null när den döljs"),
        withinPercent: z.number().nullable().describe("Andelen inom kommunens gräns i procent, exakt; null när den döljs"),
        suppressed: z.boolean().describe("Gruppen är mindre än kommunens minsta gruppstorlek"),
      }),
    )
    .describe("Väntan från överlämning från mottagningen till varje teammedlems första kontakt, per roll (beslut 0066)"),
});

const query = z.object({
  from: z.string().optional().describe("Periodens första dag (ÅÅÅÅ-MM-DD); utan: innevarande halvår"),
  to: z.string().optional().describe("Periodens sista dag (ÅÅÅÅ-MM-DD)"),
});

const toRow = (definition: Definition, p: Precision, locale: Locale) => (r: ResultRow) => ({
  ...r,
  text: figureText(definition.display, r, p, locale, measuresDays(definition)),
});

/** The follow-up as the API gives it: the exact figures, and beside each the text the municipality's precision writes. */
export function followupToApi(data: FollowupData, p: Precision = defaultPrecision, locale: Locale = "sv"): z.output<typeof followupSchema> {
  return {
    period: data.period,
    previous: data.previous,
    minGroupSize: data.minGroupSize,
    empty: data.empty,
    handoverWaits: data.handoverWaits ?? [],
    indicators: data.indicators.map((i) => ({
      key: i.key,
      name: i.name,
      version: i.version,
      section: i.section,
      display: i.definition.display,
      target: i.definition.target,
      minGroupSize: i.minGroupSize,
      current: i.current.map(toRow(i.definition, p, locale)),
      previous: i.previous.map(toRow(i.definition, p, locale)),
    })),
  };
}

export function followupApi(app: App): void {
  app.get(
    paths.apiFollowup.pattern,
    {
      config: { permission: "followup.view" },
      schema: {
        tags,
        summary: "Uppföljningens siffror för en period",
        description:
          "Varje publicerad indikators siffror för perioden och för perioden lika lång strax före, med små grupper dolda (null och suppressed). Aldrig en person. Loggas som statistikvisning.",
        querystring: query,
        response: { 200: followupSchema, ...problems },
      },
    },
    async (req) => {
      const data = await followup(req.ctx, req.query);
      return followupToApi(data, data.precision, req.ctx.locale ?? "sv");
    },
  );
}
