/**
 * The interim report pages: routes that decode the form by the service's input schema (the API's
 * body; decision 0035), call the service and render; the files are sent as downloads.
 */
import type { FastifyReply } from "fastify";
import { NotFoundError } from "../platform/errors.ts";
import { handleForm, noticeFrom } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import { textSections } from "./model.ts";
import { paths } from "./paths.ts";
import { reportBody, reportPutBody } from "./schemas.ts";
import * as reports from "./service.ts";
import { ReportFormPage, ReportListPage } from "./views.tsx";

type Params = { Params: { id: string } };
type FileParams = { Params: { id: string; file: string } };

const notices: Record<string, string> = {
  skapad: "reports.notice.created",
  sparad: "reports.notice.saved",
  version: "reports.notice.generated",
};

/** "3.pdf" → version 3 as PDF (or docx, or its tables as xlsx or csv); anything else is not found. */
export function parseFileName(file: string): { number: number; format: reports.Format } | null {
  const m = /^([1-9]\d{0,5})\.(pdf|docx|xlsx|csv)$/.exec(file);
  if (!m) return null;
  return { number: Number(m[1]), format: m[2] as reports.Format };
}

/** A version's file as a download that no cache keeps. */
export function sendFile(reply: FastifyReply, file: reports.Download) {
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.fileName}"`)
    .header("cache-control", "no-store")
    .send(file.body);
}

/** The form names each text by its section (`summary`); the schema has them under `texts`. */
function inSchemaNames(body: unknown): Record<string, unknown> {
  const fields = (body ?? {}) as Record<string, unknown>;
  return { ...fields, texts: Object.fromEntries(textSections.map((key) => [key, fields[key]])) };
}

/** An error of a text (`texts.summary`) belongs to its field (`summary`). */
const textField = (field: string) => field.replace(/^texts\./, "");

export function reportsPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "reports.view" } }, async (req, reply) => {
    return reply.page(<ReportListPage view={req.view} reports={await reports.listReports(req.ctx)} />);
  });

  app.get(paths.newReport.pattern, { config: { permission: "reports.manage" } }, async (req, reply) => {
    return reply.page(<ReportFormPage view={req.view} />);
  });

  app.post(paths.newReport.pattern, { config: { permission: "reports.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: reportBody,
      body: inSchemaNames(req.body),
      run: (input) => reports.createReport(req.ctx, input),
      redirect: ({ id }) => paths.report.href({ id }, { klart: "skapad" }),
      rename: textField,
      conflict: "field",
      render: (failed) => <ReportFormPage view={req.view} values={failed.values} failure={failed} />,
    }),
  );

  app.get<Params>(paths.report.pattern, { config: { permission: "reports.manage" } }, async (req, reply) => {
    const report = await reports.getReport(req.ctx, req.params.id);
    return reply.page(<ReportFormPage view={req.view} report={report} notice={noticeFrom(req.query, notices)} />);
  });

  app.post<Params>(paths.report.pattern, { config: { permission: "reports.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: reportPutBody,
      body: inSchemaNames(req.body),
      run: (input) => reports.updateReport(req.ctx, req.params.id, input),
      redirect: ({ id }) => paths.report.href({ id }, { klart: "sparad" }),
      rename: textField,
      conflict: "field",
      render: async (failed) => {
        const report = await reports.getReport(req.ctx, req.params.id);
        return <ReportFormPage view={req.view} report={report} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.post<Params>(paths.versions.pattern, { config: { permission: "reports.manage" } }, async (req, reply) => {
    await reports.generateVersion(req.ctx, req.params.id);
    return reply.redirect(`${paths.report.href(req.params, { klart: "version" })}#versions-heading`, 303);
  });

  app.get<FileParams>(paths.file.pattern, { config: { permission: "reports.view" } }, async (req, reply) => {
    const wanted = parseFileName(req.params.file);
    if (!wanted) throw new NotFoundError();
    return sendFile(reply, await reports.downloadVersion(req.ctx, req.params.id, wanted.number, wanted.format));
  });
}
