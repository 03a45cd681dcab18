/** The audit log view's routes: the page with its filter, and the filtered log as CSV. */
import type { FastifyRequest } from "fastify";
import { csvLine } from "../../platform/csv.ts";
import { ValidationError } from "../../platform/errors.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import type { Translate } from "../../platform/i18n.ts";
import { actionLabel, csvStart, exportFileName, formatLogTime, recordTypeLabel } from "../model.ts";
import { rawValues } from "../parts.tsx";
import { paths } from "./paths.ts";
import { type AuditEntryRow, auditLogFilterOptions, auditLogPage, exportAuditLog } from "./service.ts";
import { AuditLogView, filterValues, subjectIds, subjectText } from "./views.tsx";

/** The page shows a fixed number of rows; only the API lets the client choose. */
function withoutPageSize(query: unknown): Record<string, unknown> {
  const { pageSize: _pageSize, ...rest } = (query && typeof query === "object" ? query : {}) as Record<string, unknown>;
  return rest;
}

// ---------------------------------------------------------------- the CSV export

function csvHeader(t: Translate): string[] {
  return [
    "time",
    "user",
    "username",
    "roles",
    "viaApi",
    "action",
    "actionCode",
    "recordType",
    "recordId",
    "person",
    "personId",
    "address",
    "reason",
    "detail",
  ].map((k) => t(`auditlog.csv.${k}`));
}

function csvRow(t: Translate, e: AuditEntryRow): Array<string | null> {
  return [
    formatLogTime("sv", e.at),
    e.actorDisplayName,
    e.actorUsername,
    e.actorRoles.map((r) => t(`role.${r}`)).join(", "),
    e.apiTokenId ? t("form.yes") : "",
    actionLabel(t, e.action),
    e.action,
    recordTypeLabel(t, e.recordType),
    e.recordId,
    subjectText(t, e),
    subjectIds(e),
    e.ip,
    e.reason,
    e.detail === null || e.detail === undefined ? "" : JSON.stringify(e.detail),
  ];
}

// ---------------------------------------------------------------- routes

/** A wrong filter is shown on the page beside its field (400); nothing of the log is read. */
async function auditLogWithErrors(req: FastifyRequest, error: ValidationError) {
  const options = await auditLogFilterOptions(req.ctx, req.query);
  return (
    <AuditLogView view={req.view} options={options} values={rawValues(req.query)} errors={translateErrors(error.fieldErrors, req.t)} />
  );
}

export function auditViewPages(app: App): void {
  app.get(paths.audit.pattern, { config: { permission: "audit.review" } }, async (req, reply) => {
    try {
      const data = await auditLogPage(req.ctx, withoutPageSize(req.query));
      return reply.page(<AuditLogView view={req.view} options={data.options} values={filterValues(data.filter)} data={data} />);
    } catch (error) {
      if (error instanceof ValidationError) return reply.page(await auditLogWithErrors(req, error), 400);
      throw error;
    }
  });

  app.get(paths.export.pattern, { config: { permission: "audit.review" } }, async (req, reply) => {
    const t = req.t;
    const parts = [csvStart(csvHeader(t))];
    try {
      await exportAuditLog(req.ctx, withoutPageSize(req.query), (rows) => {
        parts.push(rows.map((e) => csvLine(csvRow(t, e))).join(""));
      });
    } catch (error) {
      if (error instanceof ValidationError) return reply.page(await auditLogWithErrors(req, error), 400);
      throw error;
    }
    return reply
      .header("content-type", "text/csv; charset=utf-8")
      .header("content-disposition", `attachment; filename="${exportFileName(new Date())}"`)
      .header("cache-control", "no-store")
      .send(parts.join(""));
  });
}
