/** Implementation activities and the caseworkers' participation per unit over the JSON API, through the same services as the pages. */
import { z } from "zod";
import { problems as commonProblems, problem } from "../platform/api-schemas.ts";
import type { Clock } from "../platform/clock.ts";
import { ValidationError } from "../platform/errors.ts";
import type { App } from "../platform/http.ts";
import { activityKinds, activityStatuses, parseYearChoice, type YearChoice } from "./model.ts";
import { paths } from "./paths.ts";
import { activityBody, activityPatchBody } from "./schemas.ts";
import * as implementation from "./service.ts";

const tags = ["Implementering"];
const problems = {
  ...commonProblems,
  409: problem("Versionen är inaktuell (någon annan har ändrat aktiviteten); ingenting ändrades"),
};
const readProblems = { 401: problems[401], 403: problems[403], 404: problems[404] };
const listProblems = { 400: problems[400], 401: problems[401], 403: problems[403] };

const idParams = z.object({ id: z.string().describe("Aktivitetens id (UUID)") });
const yearQuery = z.string().optional().describe('Ett år (ÅÅÅÅ) eller "alla" för alla år; utan värde innevarande år');

const unitSchema = z.object({ id: z.uuid(), name: z.string() });
const activitySchema = z
  .object({
    id: z.uuid(),
    activityDate: z.string().describe("Datum, ÅÅÅÅ-MM-DD"),
    kind: z.enum(activityKinds),
    theme: z.string(),
    units: z.array(unitSchema).describe("Enheterna aktiviteten riktar sig till"),
    status: z.enum(activityStatuses).describe("planned (planerad), held (genomförd), cancelled (inställd)"),
    participants: z.number().int().nullable().describe("Genomförd: antal deltagare; planerad: förväntat antal"),
    cancelReason: z.string().nullable().describe("Orsaken till att aktiviteten ställdes in"),
    notes: z.string().nullable(),
    version: z.number().int().describe("Skicka med vid ändring (optimistisk låsning)"),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .describe("En implementeringsaktivitet: utbildning, inspirationsdag, analysseminarium, informationsmöte, konferens eller annat");

const kindCount = z.object({
  planned: z.number().int(),
  held: z.number().int(),
  cancelled: z.number().int(),
  participants: z.number().int().describe("Deltagare i de genomförda aktiviteterna"),
});

const listSchema = z.object({
  year: z.union([z.number().int(), z.literal("all")]).describe("Det valda året, eller all"),
  status: z.enum(activityStatuses).nullable(),
  activities: z.array(activitySchema),
  summary: z
    .object({ kinds: z.array(kindCount.extend({ kind: z.enum(activityKinds) })), total: kindCount })
    .describe("Antal per slag och status för det valda året (oavsett statusfiltret)"),
});

const count = z.number().int().nullable().describe("null när siffran döljs (suppressed: true)");
const participationSchema = z
  .object({
    year: z.union([z.number().int(), z.literal("all")]),
    minGroupSize: z.number().int().describe("Kommunens minsta gruppstorlek"),
    units: z.array(
      z.object({
        unitId: z.uuid(),
        unitName: z.string(),
        caseworkers: count.describe("Aktiva handläggare som är medlemmar i enheten"),
        participating: count.describe("Av dem: tilldelade som barn- eller vuxenhandläggare till minst en familj under perioden"),
        share: z.number().nullable().describe("participating / caseworkers, 0–1"),
        meanFamilies: z.number().nullable().describe("Familjer per deltagande handläggare, medelvärde med en decimal"),
        minFamilies: z.number().int().nullable(),
        maxFamilies: z.number().int().nullable(),
        suppressed: z.boolean().describe("true när någon siffra på raden döljs för att gruppen är för liten"),
        heldActivities: z.number().int().describe("Genomförda implementeringsaktiviteter för enheten under perioden"),
        heldParticipants: z.number().int().describe("Summan av deltagarna i dem"),
      }),
    ),
  })
  .describe("Handläggarnas deltagande per enhet, räknat ur processdata");

const toActivity = (a: implementation.Activity) => ({
  id: a.id,
  activityDate: a.activityDate,
  kind: a.kind,
  theme: a.theme,
  units: a.units.map((u) => ({ id: u.id, name: u.name })),
  status: a.status,
  participants: a.participants,
  cancelReason: a.cancelReason,
  notes: a.notes,
  version: a.version,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

const currentYear = (clock: Clock) => Number(clock.today().slice(0, 4));

function yearOf(value: string | undefined, fallback: YearChoice): YearChoice {
  const year = parseYearChoice(value, fallback);
  if (year === null) throw new ValidationError({ year: "implementation.filter.yearInvalid" });
  return year;
}

export function implementationApi(app: App): void {
  app.get(
    paths.apiActivities.pattern,
    {
      config: { permission: "implementation.view" },
      schema: {
        tags,
        summary: "Lista implementeringsaktiviteterna",
        description:
          "Kommunens aktiviteter under ett år (eller alla år), nyaste först, eventuellt bara en status, med antal per slag och status och summan av deltagarna i de genomförda. Inga personuppgifter.",
        querystring: z.object({
          year: yearQuery,
          status: z
            .enum(activityStatuses, { error: "implementation.filter.statusInvalid" })
            .optional()
            .describe("Bara aktiviteter med denna status"),
        }),
        response: { 200: listSchema, ...listProblems },
      },
    },
    async (req) => {
      const year = yearOf(req.query.year, currentYear(req.ctx.clock));
      const list = await implementation.listActivities(req.ctx, { year, status: req.query.status ?? null });
      return { year: list.year, status: list.status, activities: list.activities.map(toActivity), summary: list.summary };
    },
  );

  app.post(
    paths.apiActivities.pattern,
    {
      config: { permission: "implementation.manage" },
      schema: {
        tags,
        summary: "Registrera en implementeringsaktivitet",
        description:
          "Planerad, genomförd (participants krävs, datum högst i dag) eller inställd (cancelReason krävs och får bara anges då). unitIds är kommunens enheter. Ändringen loggas.",
        body: activityBody,
        response: { 201: activitySchema, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(toActivity(await implementation.createActivity(req.ctx, req.body))),
  );

  app.get(
    paths.apiActivity.pattern,
    {
      config: { permission: "implementation.view" },
      schema: {
        tags,
        summary: "Hämta en implementeringsaktivitet",
        description: "Aktiviteten med enheter, status, deltagare och eventuell orsak till att den ställdes in.",
        params: idParams,
        response: { 200: activitySchema, ...readProblems },
      },
    },
    async (req) => toActivity(await implementation.getActivity(req.ctx, req.params.id)),
  );

  app.put(
    paths.apiActivity.pattern,
    {
      config: { permission: "implementation.manage" },
      schema: {
        tags,
        summary: "Ändra en implementeringsaktivitet",
        description:
          "Ersätter aktivitetens uppgifter och enheter, t.ex. för att markera den som genomförd eller inställd. version måste vara den senast lästa, annars 409. Ändringen loggas.",
        params: idParams,
        body: activityPatchBody,
        response: { 200: activitySchema, ...problems },
      },
    },
    async (req) => toActivity(await implementation.updateActivity(req.ctx, req.params.id, req.body)),
  );

  app.get(
    paths.apiParticipation.pattern,
    {
      config: { permission: "implementation.view" },
      schema: {
        tags,
        summary: "Handläggarnas deltagande per enhet",
        description:
          "Per aktiv enhet: aktiva handläggare, hur många av dem som varit tilldelade minst en familj (som barn- eller vuxenhandläggare, med en tilldelning som överlappar året), andelen, familjer per deltagande handläggare (medel, min, max) och enhetens genomförda implementeringsaktiviteter med deltagare. Räknas ur processdata. En grupp under kommunens minsta gruppstorlek, eller en siffra som kan räknas fram, är null med suppressed: true. Aldrig en person. Loggas som en statistikvisning.",
        querystring: z.object({ year: yearQuery }),
        response: { 200: participationSchema, ...listProblems },
      },
    },
    async (req) => {
      const data = await implementation.participation(req.ctx, yearOf(req.query.year, currentYear(req.ctx.clock)));
      return { year: data.year, minGroupSize: data.minGroupSize, units: data.units };
    },
  );
}
