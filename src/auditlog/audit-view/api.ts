import { z } from "zod";
import { problems } from "../../platform/api-schemas.ts";
import type { App } from "../../platform/http.ts";
import { actionLabel, auditFilterParams, MAX_PAGE_SIZE, PAGE_SIZE, pageCount, recordTypeLabel } from "../model.ts";
import { paths } from "./paths.ts";
import { auditLogPage } from "./service.ts";

const text = (description: string) => z.string().optional().describe(description);

/** Loose on purpose: the service checks each value and answers with field-linked problem+json. */
const auditLogQuery = z.object({
  from: text("Från och med datum, ÅÅÅÅ-MM-DD (svensk tid; även 20/12 2026 och 20 dec 2026 tas emot). Standard: 30 dagar före `to`."),
  to: text("Till och med datum, ÅÅÅÅ-MM-DD (svensk tid; även 20/12 2026 tas emot). Standard: i dag."),
  user: text("Den som läste eller ändrade: användarens id."),
  person: text(
    "Den vars uppgifter visades eller ändrades: en användare som `user:<id>`, en familjemedlem som `person:<id>`. Raden hittas både när personen är radens enda subjekt och när den är en av flera som en vy visade.",
  ),
  action: text("Händelsekod, t.ex. `user.view`."),
  page: text("Sidnummer, från 1."),
  pageSize: text(`Rader per sida, 1–${MAX_PAGE_SIZE}. Standard: ${PAGE_SIZE}.`),
});

const nullableText = z.string().nullable();

const auditLogEntry = z.object({
  id: z.number().int(),
  at: z.string().describe("Tidpunkt, ISO 8601 i UTC"),
  actor: z.object({
    userId: nullableText,
    username: nullableText,
    displayName: nullableText,
    roles: z.array(z.string()),
    apiTokenId: nullableText.describe("Satt när händelsen gjordes med en API-nyckel"),
  }),
  action: z.string(),
  actionLabel: z.string(),
  record: z.object({ type: z.string(), typeLabel: z.string(), id: nullableText }),
  subject: z.object({
    userId: nullableText,
    displayName: nullableText,
    personId: nullableText,
    userIds: z.array(z.string()).describe("Alla användare som en vy visade (en rad för hela vyn); tom för en enskild händelse"),
    personIds: z.array(z.string()).describe("Alla familjemedlemmar som en vy visade (en rad för hela vyn); tom för en enskild händelse"),
  }),
  ip: nullableText,
  reason: nullableText,
  detail: z.unknown().optional(),
});

const auditLogResponse = z.object({
  filter: z.record(z.string(), z.string()).describe("Filtret som användes, med standardvärden ifyllda"),
  page: z.number().int(),
  pageSize: z.number().int(),
  pages: z.number().int(),
  total: z.number().int(),
  entries: z.array(auditLogEntry),
});

export function auditlogApi(app: App): void {
  app.get(
    paths.apiAuditLog.pattern,
    {
      config: { permission: "audit.review" },
      schema: {
        tags: ["Logguppföljning"],
        summary: "Läs granskningsloggen",
        description:
          "Loggrader inom din behörighet (administratör: hela kommunen, enhetschef: rader där användaren eller personen hör till dina enheter), nyast först. Läsningen loggas själv som `audit.view`.",
        querystring: auditLogQuery,
        response: { 200: auditLogResponse, 400: problems[400], 401: problems[401], 403: problems[403] },
      },
    },
    async (req) => {
      const data = await auditLogPage(req.ctx, req.query);
      const t = req.t;
      return {
        filter: auditFilterParams(data.filter),
        page: data.filter.page,
        pageSize: data.filter.pageSize,
        pages: pageCount(data.total, data.filter.pageSize),
        total: data.total,
        entries: data.entries.map((e) => ({
          id: e.id,
          at: e.at.toISOString(),
          actor: {
            userId: e.actorUserId,
            username: e.actorUsername,
            displayName: e.actorDisplayName,
            roles: e.actorRoles,
            apiTokenId: e.apiTokenId,
          },
          action: e.action,
          actionLabel: actionLabel(t, e.action),
          record: { type: e.recordType, typeLabel: recordTypeLabel(t, e.recordType), id: e.recordId },
          subject: {
            userId: e.subjectUserId,
            displayName: e.subjectDisplayName,
            personId: e.subjectPersonId,
            userIds: e.subjectUserIds,
            personIds: e.subjectPersonIds,
          },
          ip: e.ip,
          reason: e.reason,
          detail: e.detail ?? undefined,
        })),
      };
    },
  );
}
