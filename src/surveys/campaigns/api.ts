/** The annual survey campaigns over the JSON API: list, create, read, send links, remind, close. */
import { z } from "zod";
import { problem, problems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { campaignAudiences } from "./model.ts";
import { baseUrlOf, type CampaignDeps } from "./pages.tsx";
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
  opensOn: z.string().describe("Första dagen (ÅÅÅÅ-MM-DD)"),
  closesOn: z.string().describe("Sista dagen (ÅÅÅÅ-MM-DD); länkarna fungerar till slutet av dagen, svensk tid"),
  status: z.enum(["planned", "open", "closed"]),
  invited: z.number().int().describe("Antal länkar (inbjudna)"),
  answered: z.number().int().describe("Antal som har svarat; aldrig vilka"),
  rate: z.number().int().nullable().describe("Svarsfrekvens i hela procent; null när ingen är inbjuden"),
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
    .describe("ÅÅÅÅ-MM-DD (även 20/12 2026 tas emot), samma dag eller senare än opensOn och inte passerad"),
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
