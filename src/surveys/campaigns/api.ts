/** The annual survey campaigns over the JSON API: list, create, read, send links, remind, close. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { importRowsProblem, importRowsProblemBody, problem, problems } from "../../platform/api-schemas.ts";
import { jsonInput } from "../../platform/form-pages.ts";
import { type App, problem as problemReply } from "../../platform/http.ts";
import { compareCampaignYears } from "./comparison.ts";
import { campaignPaperInput, recordCampaignPaper } from "./entry.ts";
import { ImportRefused, importFile } from "./import.ts";
import { campaignAudiences } from "./model.ts";
import { baseUrlOf, type CampaignDeps, registerUpload } from "./pages.tsx";
import { paths } from "./paths.ts";
import type { CampaignDetail } from "./service.ts";
import * as campaigns from "./service.ts";

const TAGS = ["Enkäter"];
const params = z.object({ id: z.string().describe("Kampanjens id (UUID)") });

const summary = z.object({
  id: z.string(),
  name: z.string(),
  instrumentKey: z.string(),
  instrumentName: z.string(),
  audience: z.enum(campaignAudiences).describe("staff (medarbetare, länk per e-post) eller parent_annual (föräldrar, utskrivna länkar)"),
  year: z.number().int().describe("Året enkäten gäller (år mot år-jämförelsens år)"),
  retrospective: z.boolean().describe("Gäller ett tidigare år och perioden är slut: fylls från pappersenkäter och import, inte per e-post"),
  opensOn: z.string().describe("Första dagen (ÅÅÅÅ-MM-DD)"),
  closesOn: z.string().describe("Sista dagen (ÅÅÅÅ-MM-DD); länkarna fungerar till slutet av dagen, svensk tid"),
  status: z.enum(["planned", "open", "closed"]),
  invited: z.number().int().describe("Antal länkar (inbjudna)"),
  answered: z.number().int().describe("Antal som har svarat (länk, kod, papper och import); aldrig vilka"),
  onPaper: z.number().int().describe("Av svaren: införda från pappersenkäter eller importerade"),
  rate: z.number().int().nullable().describe("Besvarade länkar av skapade, i hela procent; null när ingen länk är skapad"),
});

const detail = summary.extend({
  closedAt: z.string().nullable(),
  remindedAt: z.string().nullable(),
  units: z.array(z.object({ id: z.string(), name: z.string() })),
  sent: z.number().int().describe("Medarbetarkampanj: antal skickade e-postmeddelanden (ett per person)"),
  notYetSent: z.number().int().describe("Medarbetarkampanj: medarbetare med e-postadress som ännu inte fått sin länk"),
  withoutEmail: z
    .array(z.object({ id: z.string(), displayName: z.string() }))
    .describe("Medarbetarkampanj: medarbetare i enheterna som saknar e-postadress och inte kan få någon länk"),
  resultsHref: z.string().describe("Resultatsidan för enkäten och perioden"),
});

const createBody = z.object({
  name: z.string({ error: "campaigns.error.nameRequired" }).describe("Kampanjens namn, t.ex. Medarbetarenkät 2026"),
  instrumentKey: z
    .string({ error: "campaigns.error.instrumentRequired" })
    .describe("En årlig enkät med publicerad version: arlig-medarbetarenkat eller arlig-foraldraenkat"),
  opensOn: z.string({ error: "campaigns.error.opensRequired" }).describe("ÅÅÅÅ-MM-DD (även 20/12 2026 och 20 dec 2026 tas emot)"),
  closesOn: z
    .string({ error: "campaigns.error.closesRequired" })
    .describe(
      "ÅÅÅÅ-MM-DD (även 20/12 2026 tas emot), samma dag eller senare än opensOn; en passerad period går bra (fylls från papper och import)",
    ),
  year: z
    .union([z.number(), z.string()], { error: "campaigns.error.yearInvalid" })
    .optional()
    .describe("Året enkäten gäller; utelämnat: året för opensOn. Ett kommande år avvisas"),
  unitIds: z
    .array(z.string(), { error: "campaigns.error.unitsInvalid" })
    .describe("Aktiva enheter vars medarbetare (eller familjer) tillfrågas"),
});

const toApi = (c: CampaignDetail) => ({
  ...c,
  closedAt: c.closedAt?.toISOString() ?? null,
  remindedAt: c.remindedAt?.toISOString() ?? null,
});

const conflict = problem("Kampanjen är stängd, inte öppen än, eller av fel slag för åtgärden; ingenting ändrades");
const noMail = problem("E-post är inte inställd (SMTP_URL saknas); ingenting skickades");

export function campaignsApi(app: App, deps: CampaignDeps): void {
  const { mailer } = deps;

  app.get(
    paths.apiCampaigns.pattern,
    {
      config: { permission: "surveys.campaigns" },
      schema: {
        tags: TAGS,
        summary: "Lista årliga enkätkampanjer",
        response: { 200: z.object({ campaigns: z.array(summary) }), ...problems },
      },
    },
    async (req) => ({ campaigns: await campaigns.listCampaigns(req.ctx) }),
  );

  app.post(
    paths.apiCampaigns.pattern,
    {
      config: { permission: "surveys.campaigns" },
      schema: {
        tags: TAGS,
        summary: "Skapa en årlig enkätkampanj",
        description: "En period, en årlig enkät (dess publicerade version) och de enheter vars medarbetare eller familjer tillfrågas.",
        body: createBody,
        response: { 201: detail, ...problems },
      },
    },
    async (req, reply) => reply.code(201).send(toApi(await campaigns.createCampaign(req.ctx, req.body))),
  );

  app.get(
    paths.apiCampaign.pattern,
    {
      config: { permission: "surveys.campaigns" },
      schema: { tags: TAGS, summary: "En enkätkampanj med antal inbjudna och svar", params, response: { 200: detail, ...problems } },
    },
    async (req) => toApi(await campaigns.getCampaign(req.ctx, req.params.id)),
  );

  app.post(
    paths.apiSend.pattern,
    {
      config: { permission: "surveys.campaigns" },
      schema: {
        tags: TAGS,
        summary: "Skicka länkar per e-post (medarbetarkampanj)",
        description:
          "Ett e-postmeddelande med en personlig länk till varje handläggare och enhetschef med e-postadress i kampanjens enheter, en gång per person. Ett meddelande som inte tas emot lämnar ingenting markerat som skickat; ett nytt anrop skickar bara till dem som inte fått sin länk.",
        params,
        response: {
          200: z.object({
            sent: z.number().int(),
            failed: z.number().int().describe("Meddelanden som e-postservern inte tog emot; försök igen senare"),
            alreadySent: z.number().int(),
            withoutEmail: z.number().int(),
          }),
          ...problems,
          409: conflict,
          503: noMail,
        },
      },
    },
    async (req) => campaigns.sendLinks(req.ctx, mailer, req.params.id, baseUrlOf(req, deps.publicUrl)),
  );

  app.post(
    paths.apiRemind.pattern,
    {
      config: { permission: "surveys.campaigns" },
      schema: {
        tags: TAGS,
        summary: "Skicka påminnelse till dem som inte svarat",
        description:
          "En ny personlig länk till varje mottagare vars länk inte är använd. Den nya länken ersätter den förra (bara länkens hash sparas, så samma länk kan inte skickas igen).",
        params,
        response: { 200: z.object({ reminded: z.number().int(), failed: z.number().int() }), ...problems, 409: conflict, 503: noMail },
      },
    },
    async (req) => campaigns.sendReminder(req.ctx, mailer, req.params.id, baseUrlOf(req, deps.publicUrl)),
  );

  app.post(
    paths.apiClose.pattern,
    {
      config: { permission: "surveys.campaigns" },
      schema: {
        tags: TAGS,
        summary: "Stäng kampanjen",
        description: "Oanvända länkar slutar fungera direkt. Resultaten läses på resultatsidan.",
        params,
        response: { 200: detail, ...problems, 409: problem("Kampanjen är redan stängd") },
      },
    },
    async (req) => toApi(await campaigns.closeCampaign(req.ctx, req.params.id)),
  );
}

/** Paper answers, the import and year against year over the API. */
export function campaignEntryApi(app: App): void {
  app.post(
    paths.apiPaper.pattern,
    {
      config: { permission: "surveys.campaigns" },
      schema: {
        tags: TAGS,
        summary: "För in en pappersenkät i en kampanj",
        description:
          "En svarandes svar, anonymt (ingen identitet sparas), som pappersenkät registrerad av dig. Samma submissionKey sparas en gång.",
        params,
        body: campaignPaperInput,
        response: {
          201: z.object({ created: z.boolean(), answered: z.number().int() }),
          200: z.object({ created: z.boolean(), answered: z.number().int() }),
          ...problems,
          409: problem("Kampanjen är stängd för hand"),
        },
      },
    },
    async (req, reply) => {
      const r = await recordCampaignPaper(req.ctx, req.params.id, jsonInput(req.body));
      return reply.code(r.created ? 201 : 200).send(r);
    },
  );

  app.register(async (scope) => {
    await registerUpload(scope);
    scope.post(
      paths.apiImports.pattern,
      {
        config: { permission: "surveys.campaigns" },
        schema: {
          tags: TAGS,
          summary: "Importera enkätsvar till en kampanj (CSV eller XLSX)",
          description:
            'multipart/form-data med fältet file: en svarande per rad, kolumnrubriker med frågans nyckel (q1) eller nummer (1, Fråga 1), värden på skalan, "vet inte" eller tomt. Högst 2 MB och 2 000 rader. Med dryRun=true kontrolleras filen utan att något sparas. Allt eller inget: en felaktig rad importerar ingenting och varje felaktig rad listas med rad, kolumn och orsak.',
          params,
          querystring: z.object({ dryRun: z.enum(["true", "false"]).optional().describe("true: bara förhandsgranska") }),
          response: {
            200: z.object({ dryRun: z.literal(true), rows: z.number().int().describe("Svarande som skulle importeras") }),
            201: z.object({ dryRun: z.literal(false), rows: z.number().int(), imported: z.number().int() }),
            ...problems,
            400: importRowsProblem.describe(
              "Filen saknas, är för stor, går inte att läsa, eller har felaktiga rader: errors listar varje fel (field: rows.<rad>.<kolumn>), och rows varje felaktig rad med rad, kolumn och orsak; ingenting sparades (application/problem+json)",
            ),
            409: problem("Kampanjen är stängd för hand"),
          },
        },
      },
      async (req, reply) => {
        const body = (req.body ?? {}) as { file?: { fileName: string; data: Buffer } | null; tooLarge?: boolean };
        const { id } = params.parse(req.params);
        const dryRun = (req.query as { dryRun?: string }).dryRun === "true";
        if (body.tooLarge)
          return problemReply(reply, 400, req.t("error.validation"), [{ field: "file", message: req.t("campaigns.import.fileTooLarge") }]);
        try {
          const r = await importFile(req.ctx, id, body.file ?? null, dryRun, randomUUID());
          return dryRun ? reply.code(200).send({ dryRun: true, rows: r.rows }) : reply.code(201).send({ dryRun: false, ...r });
        } catch (e) {
          if (!(e instanceof ImportRefused)) throw e;
          // The column is named as the file's header row names it (or by its letter when it has none).
          const rows = e.errors.map((x) => ({ row: x.row, column: x.column, columnName: x.column, reason: req.t(x.reason, x.params) }));
          return reply
            .code(400)
            .header("content-type", "application/problem+json; charset=utf-8")
            .header("cache-control", "no-store")
            .send(
              importRowsProblemBody(req.t("campaigns.import.refusedApi", { n: new Set(e.errors.map((x) => x.row)).size }), rows, (r) =>
                req.t("campaigns.import.rowError", { row: r.row, column: r.columnName, reason: r.reason }),
              ),
            );
        }
      },
    );
  });

  app.get(
    paths.apiComparison.pattern,
    {
      config: { permission: "surveys.results" },
      schema: {
        tags: TAGS,
        summary: "Jämför två år av en årlig enkät",
        description:
          "Medelvärdet per fråga för två valda år (kampanjernas år), med samma undertryckning som sidan: ett år visas när minst kommunens minsta gruppstorlek har svarat, ett medelvärde när minst så många svarat på skalan; annars null med suppressed. Utan år: de två senaste åren med kampanjer.",
        querystring: z.object({
          instrument: z.string().optional().describe("Enkätens nyckel; utelämnad: den första med kampanjer"),
          first: z.string().optional().describe("Det första året (ÅÅÅÅ)"),
          second: z.string().optional().describe("Det andra året (ÅÅÅÅ)"),
        }),
        response: {
          200: z.object({
            instrument: z.object({ key: z.string(), name: z.string() }),
            minGroupSize: z.number().int(),
            years: z.array(z.object({ year: z.number().int(), n: z.number().int().nullable(), suppressed: z.boolean() })),
            items: z.array(
              z.object({
                key: z.string(),
                text: z.string(),
                means: z.array(z.number().nullable()).describe("Exakta medelvärden per år; null när dolt eller inga svar"),
                shown: z.array(z.string()).describe('Medelvärdena som de skrivs (".." när dolt, "–" utan svar)'),
                change: z.string().nullable().describe("Förändringen som den skrivs; null när något av åren saknas"),
              }),
            ),
          }),
          ...problems,
        },
      },
    },
    async (req) => {
      const q = req.query as { instrument?: string; first?: string; second?: string };
      const c = await compareCampaignYears(req.ctx, q, req.locale ?? "sv");
      return { instrument: c.instrument, minGroupSize: c.minGroupSize, years: c.years, items: c.items };
    },
  );
}
