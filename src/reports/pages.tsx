/**
 * The interim report pages: routes that decode the form by the service's input schema (the API's
 * body; decision 0035), call the service and render; the files are sent as downloads.
 */
import multipart from "@fastify/multipart";
import type { FastifyReply, FastifyRequest } from "fastify";
import { NotFoundError } from "../platform/errors.ts";
import { type FailedForm, formFailure, handleForm, noticeFrom } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import { readMultipartForm } from "../platform/upload.ts";
import { textSections } from "./model.ts";
import { paths } from "./paths.ts";
import { reportBody, reportPutBody } from "./schemas.ts";
import * as reports from "./service.ts";
import { LOGO_MAX_BYTES, templateSections } from "./template.ts";
import * as templates from "./template-service.ts";
import { PreviewPage, ReportFormPage, ReportListPage, TemplatePage } from "./views.tsx";

interface TemplateUpload {
  _csrf?: string;
  fields: Record<string, string | string[]>;
  logo: Buffer | null;
  tooLarge: boolean;
}

/**
 * The template's form: multipart, read in preValidation (so that the CSRF check, which reads `_csrf`
 * from the body, sees it); the logo kept in memory up to 1 MB and one byte, a larger one marked.
 */
async function readTemplateForm(req: FastifyRequest): Promise<TemplateUpload> {
  const form = await readMultipartForm(req, "logo");
  return { _csrf: form._csrf, fields: form.fields, logo: form.files.logo?.data ?? null, tooLarge: form.tooLarge };
}

const list = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

type Params = { Params: { id: string } };
type FileParams = { Params: { id: string; file: string } };

const notices: Record<string, string> = {
  skapad: "reports.notice.created",
  sparad: "reports.notice.saved",
  version: "reports.notice.generated",
  mall: "reports.template.saved",
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

  app.get(paths.template.pattern, { config: { permission: "reports.manage" } }, async (req, reply) => {
    const template = await templates.getTemplate(req.ctx);
    return reply.page(<TemplatePage view={req.view} template={template} notice={noticeFrom(req.query, notices)} />);
  });

  app.get(paths.templateLogo.pattern, { config: { permission: "reports.view" } }, async (req, reply) => {
    const logo = await templates.templateLogo(req.ctx);
    if (!logo) throw new NotFoundError();
    // An SVG is shown as an image only: no script of it runs, even opened on its own.
    return reply
      .header("content-type", logo.type)
      .header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox")
      .header("x-content-type-options", "nosniff")
      .header("cache-control", "private, no-cache")
      .send(logo.data);
  });

  // The template's form is the only multipart form of the module: the parser is registered for its route only.
  app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: LOGO_MAX_BYTES + 1, files: 1, fields: 40, fieldSize: 20_000, parts: 42 },
    });
    scope.addHook("preValidation", async (req) => {
      if (req.isMultipart()) (req as { body: unknown }).body = await readTemplateForm(req);
    });
    scope.post(paths.template.pattern, { config: { permission: "reports.manage" } }, async (req, reply) => {
      const body = (req.body ?? { fields: {}, logo: null, tooLarge: false }) as TemplateUpload;
      const f = body.fields;
      const one = (k: string) => (Array.isArray(f[k]) ? (f[k][0] ?? "") : (f[k] ?? ""));
      const values: Record<string, string | string[]> = {
        introduction: one("introduction"),
        contact: one("contact"),
        sections: list(f.sections),
        removeLogo: one("removeLogo"),
      };
      let failed: FailedForm;
      if (body.tooLarge) failed = { status: 400, errors: { logo: req.t("reports.template.error.logoTooLarge") }, values };
      else {
        try {
          await templates.saveTemplate(
            req.ctx,
            {
              introduction: one("introduction"),
              contact: one("contact"),
              sections: list(f.sections).filter((s): s is (typeof templateSections)[number] =>
                (templateSections as readonly string[]).includes(s),
              ),
              logo: one("removeLogo") === "yes" && !body.logo ? null : undefined,
              version: Number(one("version")) || 0,
            },
            body.logo,
          );
          return reply.redirect(paths.template.href({ klart: "mall" }), 303);
        } catch (e) {
          failed = { ...formFailure(e, req.t), values };
        }
      }
      const template = await templates.getTemplate(req.ctx);
      return reply.page(<TemplatePage view={req.view} template={template} values={failed.values} failure={failed} />, failed.status);
    });
  });

  app.get<Params>(paths.preview.pattern, { config: { permission: "reports.manage" } }, async (req, reply) => {
    const preview = await reports.previewReport(req.ctx, req.params.id);
    return reply.page(<PreviewPage view={req.view} {...preview} />);
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
