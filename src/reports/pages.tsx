/** The interim report pages: routes that parse the form, call the service and render; the files are sent as downloads. */
import type { FastifyReply } from "fastify";
import { NotFoundError } from "../platform/errors.ts";
import { noticeFrom, posted, submit } from "../platform/form-pages.ts";
import { parseInput } from "../platform/forms.tsx";
import type { App } from "../platform/http.ts";
import { paths } from "./paths.ts";
import { reportEditForm, reportForm } from "./schemas.ts";
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

export function reportsPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "reports.view" } }, async (req, reply) => {
    return reply.page(<ReportListPage view={req.view} reports={await reports.listReports(req.ctx)} />);
  });

  app.get(paths.newReport.pattern, { config: { permission: "reports.manage" } }, async (req, reply) => {
    return reply.page(<ReportFormPage view={req.view} />);
  });

  app.post(paths.newReport.pattern, { config: { permission: "reports.manage" } }, async (req, reply) => {
    const parsed = parseInput(reportForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => reports.createReport(req.ctx, data));
    if (done.ok) return reply.redirect(paths.report.href({ id: done.result.id }, { klart: "skapad" }), 303);
    return reply.page(<ReportFormPage view={req.view} values={posted(req.body)} failure={done.failure} />, done.failure.status);
  });

  app.get<Params>(paths.report.pattern, { config: { permission: "reports.manage" } }, async (req, reply) => {
    const report = await reports.getReport(req.ctx, req.params.id);
    return reply.page(<ReportFormPage view={req.view} report={report} notice={noticeFrom(req.query, notices)} />);
  });

  app.post<Params>(paths.report.pattern, { config: { permission: "reports.manage" } }, async (req, reply) => {
    const parsed = parseInput(reportEditForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => reports.updateReport(req.ctx, req.params.id, data));
    if (done.ok) return reply.redirect(paths.report.href({ id: done.result.id }, { klart: "sparad" }), 303);
    const report = await reports.getReport(req.ctx, req.params.id);
    return reply.page(
      <ReportFormPage view={req.view} report={report} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });

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
