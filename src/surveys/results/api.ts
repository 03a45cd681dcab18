/** Survey results over the JSON API: the same figures as the results page; a hidden figure is null with suppressed: true. */
import { z } from "zod";
import { problems as commonProblems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import type { Locale } from "../../platform/i18n.ts";
import { formatMean, formatShare, type Precision } from "../../platform/precision.ts";
import { SUPPRESSED } from "../../platform/suppression.ts";
import { paths } from "./paths.ts";
import * as results from "./service.ts";

const tags = ["Enkäter"];

const resultsQuery = z.object({
  instrument: z.string().optional().describe("Enkätinstrumentets nyckel, t.ex. sofia-4q-parent"),
  from: z.string().optional().describe("Periodens första dag, ÅÅÅÅ-MM-DD (utelämnad: 1 januari i år)"),
  to: z.string().optional().describe("Periodens sista dag, ÅÅÅÅ-MM-DD (utelämnad: 31 december i år)"),
});

const hidden = z.boolean().describe("true: gruppen är för liten, eller siffran skulle kunna räknas fram ur en summa; siffrorna är null");
const count = z.number().int().nullable();
const fraction = z.number().nullable();

const itemSchema = z.object({
  key: z.string(),
  text: z.string().describe("Frågan på svenska (eller engelska med Accept-Language: en)"),
  counts: z.array(z.number().int()).nullable().describe("Antal svar per värde på skalan, i skalans ordning"),
  dontKnow: count.describe("Antal vet inte / vill inte svara"),
  answered: count.describe("Antal som besvarade frågan, vet inte medräknat"),
  mean: fraction.describe("Medelvärde på skalan, exakt; vet inte räknas inte med"),
  meanText: z
    .string()
    .describe('Medelvärdet som det visas: avrundat uppåt vid 5 med kommunens decimaler ("3,25"); ".." när det döljs, "–" utan svar'),
  dontKnowShare: fraction.describe("Andel vet inte (0–1), exakt"),
  suppressed: hidden,
});

const groupSchema = z.object({
  key: z
    .string()
    .describe("all, en svarsroll (parent_with_problem, parent_without_problem, child, staff, parent) eller ett barns åldersgrupp"),
  kind: z.enum(["all", "role", "band"]),
  n: count.describe("Antal svar"),
  suppressed: hidden,
  items: z.array(itemSchema),
});

const rateSchema = z.object({
  meetingTypeKey: z.string(),
  meetingTypeName: z.string(),
  meetings: z.number().int().describe("Hållna möten i perioden som följs av enkäten"),
  invited: count.describe("Närvarande familjemedlemmar vid de mötena"),
  responses: count.describe("Svar för de mötena"),
  rate: fraction.describe("Svarsfrekvens (0–1), exakt"),
  rateText: z.string().describe('Svarsfrekvensen som den visas, med kommunens decimaler ("43 %"); ".." när den döljs, "–" utan inbjudna'),
  suppressed: hidden,
});

const resultsSchema = z
  .object({
    instrument: z.object({
      key: z.string(),
      name: z.string(),
      version: z.number().int().describe("Versionen vars frågor och skala används"),
    }),
    period: z.object({ from: z.iso.date(), to: z.iso.date() }),
    minGroupSize: z.number().int().describe("Kommunens minsta gruppstorlek"),
    scale: z.array(z.object({ value: z.number().int(), label: z.string() })),
    groups: z.array(groupSchema).describe("Alla svarande först, sedan per roll (om fler än en) och barnens åldersgrupper"),
    responseRate: z.object({
      types: z.array(rateSchema),
      total: z.object({ invited: count, responses: count, rate: fraction, rateText: z.string(), suppressed: hidden }),
    }),
    paired: z
      .object({
        pairs: count.describe("Familjer (processer) som svarat både före och efter"),
        suppressed: hidden,
        items: z.array(z.object({ key: z.string(), text: z.string(), before: fraction, after: fraction, suppressed: hidden })),
      })
      .nullable()
      .describe("Bara för enkäter före och efter samtalsserien"),
    years: z
      .array(
        z.object({
          year: z.number().int(),
          n: count,
          suppressed: hidden,
          items: z.array(z.object({ key: z.string(), text: z.string(), mean: fraction, suppressed: hidden })),
        }),
      )
      .nullable()
      .describe("Bara för årliga enkäter: periodens sista år och de fyra åren före"),
  })
  .describe("Enkätresultat för ett instrument och en period");

/** A figure as shown: ".." when hidden, "–" when there is nothing to compute, else written with the municipality's precision. */
const shown = (value: number | null, suppressed: boolean, write: (v: number) => string) =>
  value !== null ? write(value) : suppressed ? SUPPRESSED : "–";

function toApi(r: results.SurveyResults, locale: Locale): z.output<typeof resultsSchema> {
  const p: Precision = r.precision;
  const rateText = (x: { rate: number | null; suppressed: boolean }) => shown(x.rate, x.suppressed, (v) => formatShare(v * 100, p, locale));
  const scale = [...r.instrument.content.scale.options].sort((a, b) => a.value - b.value);
  return {
    instrument: { key: r.instrument.key, name: r.instrument.name, version: r.instrument.version },
    period: r.period,
    minGroupSize: r.minGroupSize,
    scale: scale.map((o, i) => ({ value: o.value, label: r.scaleLabels[i] ?? "" })),
    groups: r.groups.map((g) => ({
      ...g,
      items: g.items.map((i) => ({ ...i, meanText: shown(i.mean, i.suppressed, (v) => formatMean(v, p, locale)) })),
    })),
    responseRate: {
      types: r.rates.map((x) => ({ ...x, rateText: rateText(x) })),
      total: { ...r.rateTotal, rateText: rateText(r.rateTotal) },
    },
    paired: r.paired,
    years: r.years,
  };
}

export function resultsApi(app: App): void {
  app.get(
    paths.apiResults.pattern,
    {
      config: { permission: "surveys.results" },
      schema: {
        tags,
        summary: "Enkätresultat för ett instrument och en period",
        description:
          "Antal svar, svarsfrekvens per mötestyp, medelvärde och svarsfördelning per fråga för alla och per roll, före och efter samtalsserien och år mot år. En grupp under kommunens minsta gruppstorlek, eller en siffra som kan räknas fram ur en summa, är null med suppressed: true. Aldrig en person eller en fritext. Loggas som en statistikvisning.",
        querystring: resultsQuery,
        response: { 200: resultsSchema, 400: commonProblems[400], 401: commonProblems[401], 403: commonProblems[403] },
      },
    },
    async (req) => toApi(await results.surveyResults(req.ctx, req.query, req.locale), req.locale),
  );
}
