/** The economy's pages: routes that parse the form, call the service and render (no JavaScript needed). */
import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FieldErrors } from "../platform/errors.ts";
import { formFailure, noticeFrom, posted, submit } from "../platform/form-pages.ts";
import { parseInput } from "../platform/forms.tsx";
import type { App } from "../platform/http.ts";
import type { AccountMapping } from "./import.ts";
import { isCostCategory } from "./import.ts";
import { paths } from "./paths.ts";
import {
  costForm,
  deleteForm,
  mappingForm,
  nestRows,
  projectEditForm,
  projectForm,
  savingsForm,
  unitCostEditForm,
  unitCostForm,
} from "./schemas.ts";
import * as economy from "./service.ts";
import {
  CostsPage,
  ImportPreviewPage,
  ImportUploadPage,
  ProjectFormPage,
  ProjectListPage,
  ProjectPage,
  SavingsPage,
  UnitCostsPage,
  unitCostPrefix,
} from "./views.tsx";

type Params = { Params: { id: string } };

const notices: Record<string, string> = {
  skapat: "economy.notice.created",
  sparat: "economy.notice.saved",
  kostnad: "economy.notice.costAdded",
  borttagen: "economy.notice.costDeleted",
  importerad: "economy.notice.imported",
  styckkostnad: "economy.notice.unitCostSaved",
  besparing: "economy.notice.savingsSaved",
};

/** The import preview's chosen category per account. */
function chosenMapping(body: unknown): Record<string, AccountMapping | undefined> {
  const parsed = mappingForm.safeParse(nestRows(body, ["mapping"]));
  if (!parsed.success) return {};
  const out: Record<string, AccountMapping | undefined> = {};
  for (const m of parsed.data.mapping) {
    const category = (m.category ?? "").trim();
    if (isCostCategory(category)) out[m.account] = { category, label: (m.label ?? "").trim().slice(0, 120) || null };
  }
  return out;
}

interface UploadBody {
  _csrf?: string;
  file?: { fileName: string; data: Buffer } | null;
  tooLarge?: boolean;
}

/**
 * The import's upload: a multipart form read in preValidation (so that the CSRF check, which reads
 * `_csrf` from the body, sees it), the file kept in memory up to 5 MB, a larger one marked as such.
 */
async function readMultipart(req: FastifyRequest): Promise<UploadBody> {
  const out: UploadBody = { file: null };
  if (!req.isMultipart()) return out;
  for await (const part of req.parts()) {
    if (part.type === "file") {
      const data = await part.toBuffer();
      if (part.file.truncated) out.tooLarge = true;
      else if (part.fieldname === "file" && data.length > 0) out.file = { fileName: part.filename || "export", data };
    } else if (part.fieldname === "_csrf" && typeof part.value === "string") out._csrf = part.value;
  }
  return out;
}

export function economyPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "economy.view" } }, async (req, reply) => {
    const projects = await economy.listProjects(req.ctx);
    return reply.page(<ProjectListPage view={req.view} projects={projects} notice={noticeFrom(req.query, notices)} />);
  });

  app.get(paths.newProject.pattern, { config: { permission: "economy.manage" } }, async (req, reply) =>
    reply.page(<ProjectFormPage view={req.view} />),
  );

  app.post(paths.newProject.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const parsed = parseInput(projectForm, nestRows(req.body, ["grants", "repayments"]), req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => economy.createProject(req.ctx, data));
    if (done.ok) return reply.redirect(paths.project.href({ id: done.result.id }, { klart: "skapat" }), 303);
    return reply.page(<ProjectFormPage view={req.view} values={posted(req.body)} failure={done.failure} />, done.failure.status);
  });

  app.get(paths.unitCosts.pattern, { config: { permission: "economy.view" } }, async (req, reply) => {
    const unitCosts = await economy.listUnitCosts(req.ctx);
    return reply.page(<UnitCostsPage view={req.view} unitCosts={unitCosts} notice={noticeFrom(req.query, notices)} />);
  });

  app.post(paths.unitCosts.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const parsed = parseInput(unitCostForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => economy.createUnitCost(req.ctx, data));
    if (done.ok) return reply.redirect(paths.unitCosts.href({ klart: "styckkostnad" }), 303);
    const unitCosts = await economy.listUnitCosts(req.ctx);
    return reply.page(
      <UnitCostsPage view={req.view} unitCosts={unitCosts} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });

  app.post<Params>(paths.unitCost.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const prefix = unitCostPrefix(req.params.id);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const input = { label: body[`${prefix}.label`], unit: body[`${prefix}.unit`], amount: body[`${prefix}.amount`], version: body.version };
    const parsed = parseInput(unitCostEditForm, input, req.locale, req.t);
    const rename = (f: string) => (f === "_form" || f === "version" ? f : `${prefix}.${f}`);
    const done = await submit(parsed, req.t, (data) => economy.updateUnitCost(req.ctx, req.params.id, data), rename);
    if (done.ok) return reply.redirect(paths.unitCosts.href({ klart: "styckkostnad" }), 303);
    const unitCosts = await economy.listUnitCosts(req.ctx);
    return reply.page(
      <UnitCostsPage view={req.view} unitCosts={unitCosts} values={posted(req.body)} failure={done.failure} editing={req.params.id} />,
      done.failure.status,
    );
  });

  app.get<Params>(paths.project.pattern, { config: { permission: "economy.view" } }, async (req, reply) => {
    const detail = await economy.getProject(req.ctx, req.params.id);
    return reply.page(<ProjectPage view={req.view} detail={detail} notice={noticeFrom(req.query, notices)} />);
  });

  app.get<Params>(paths.editProject.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const detail = await economy.getProject(req.ctx, req.params.id);
    return reply.page(<ProjectFormPage view={req.view} detail={detail} />);
  });

  app.post<Params>(paths.editProject.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const parsed = parseInput(projectEditForm, nestRows(req.body, ["grants", "repayments"]), req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => economy.updateProject(req.ctx, req.params.id, data));
    if (done.ok) return reply.redirect(paths.project.href({ id: done.result.id }, { klart: "sparat" }), 303);
    const detail = await economy.getProject(req.ctx, req.params.id);
    return reply.page(
      <ProjectFormPage view={req.view} detail={detail} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });

  app.get<Params>(paths.costs.pattern, { config: { permission: "economy.view" } }, async (req, reply) => {
    const detail = await economy.getProject(req.ctx, req.params.id);
    const year = (req.query as Record<string, unknown> | undefined)?.ar;
    return reply.page(
      <CostsPage
        view={req.view}
        detail={detail}
        notice={noticeFrom(req.query, notices)}
        year={typeof year === "string" ? year : undefined}
      />,
    );
  });

  app.post<Params>(paths.costs.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const parsed = parseInput(costForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => economy.addCost(req.ctx, req.params.id, { ...data, label: data.label || null }));
    if (done.ok) return reply.redirect(paths.costs.href(req.params, { klart: "kostnad", ar: done.result.year }), 303);
    const detail = await economy.getProject(req.ctx, req.params.id);
    return reply.page(<CostsPage view={req.view} detail={detail} values={posted(req.body)} failure={done.failure} />, done.failure.status);
  });

  app.post<{ Params: { id: string; costId: string } }>(
    paths.deleteCost.pattern,
    { config: { permission: "economy.manage" } },
    async (req, reply) => {
      const parsed = parseInput(deleteForm, req.body, req.locale, req.t);
      const done = await submit(parsed, req.t, (data) => economy.deleteCost(req.ctx, req.params.id, req.params.costId, data.version));
      if (done.ok) return reply.redirect(paths.costs.href({ id: req.params.id }, { klart: "borttagen" }), 303);
      const detail = await economy.getProject(req.ctx, req.params.id);
      return reply.page(<CostsPage view={req.view} detail={detail} failure={done.failure} />, done.failure.status);
    },
  );

  app.get<Params>(paths.importUpload.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const { project } = await economy.getProject(req.ctx, req.params.id);
    return reply.page(<ImportUploadPage view={req.view} project={project} />);
  });

  // The upload is the only multipart form: the parser is registered for this route's scope only.
  app.register(async (scope) => {
    await scope.register(multipart, {
      throwFileSizeLimit: false,
      limits: { fileSize: economy.UPLOAD_MAX_BYTES, files: 1, fields: 5, fieldSize: 1024, parts: 6 },
    });
    scope.addHook("preValidation", async (req) => {
      if (req.isMultipart()) (req as { body: unknown }).body = await readMultipart(req);
    });
    scope.post<Params>(paths.importUpload.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
      const body = (req.body ?? {}) as UploadBody;
      let errors: FieldErrors = {};
      if (body.tooLarge) errors = { file: req.t("economy.import.fileTooLarge") };
      else {
        try {
          const uploadId = await economy.uploadImport(req.ctx, req.params.id, body.file ?? null);
          return reply.redirect(paths.importPreview.href({ id: req.params.id, uploadId }), 303);
        } catch (e) {
          errors = formFailure(e, req.t).errors;
        }
      }
      const { project } = await economy.getProject(req.ctx, req.params.id);
      return reply.page(<ImportUploadPage view={req.view} project={project} errors={errors} />, 400);
    });
  });

  app.get<{ Params: { id: string; uploadId: string } }>(
    paths.importPreview.pattern,
    { config: { permission: "economy.manage" } },
    async (req, reply) => {
      const preview = await economy.previewImport(req.ctx, req.params.id, req.params.uploadId);
      return reply.page(<ImportPreviewPage view={req.view} preview={preview} />);
    },
  );

  app.post<{ Params: { id: string; uploadId: string } }>(
    paths.importPreview.pattern,
    { config: { permission: "economy.manage" } },
    async (req, reply) => {
      const chosen = chosenMapping(req.body);
      const action = (req.body as Record<string, unknown> | undefined)?.action === "confirm" ? "confirm" : "preview";
      if (action === "confirm") {
        try {
          await economy.confirmImport(req.ctx, req.params.id, req.params.uploadId, chosen);
          return reply.redirect(paths.project.href({ id: req.params.id }, { klart: "importerad" }), 303);
        } catch (e) {
          if (!(e instanceof economy.ImportRejectedError)) throw e;
          const preview = await economy.previewImport(req.ctx, req.params.id, req.params.uploadId, chosen);
          return reply.page(<ImportPreviewPage view={req.view} preview={preview} status="refused" />, 400);
        }
      }
      const preview = await economy.previewImport(req.ctx, req.params.id, req.params.uploadId, chosen);
      return reply.page(<ImportPreviewPage view={req.view} preview={preview} />);
    },
  );

  app.get<Params>(paths.savings.pattern, { config: { permission: "economy.view" } }, async (req, reply) => {
    const data = await economy.getSavings(req.ctx, req.params.id);
    return reply.page(<SavingsPage view={req.view} data={data} notice={noticeFrom(req.query, notices)} />);
  });

  app.post<Params>(paths.savings.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const parsed = parseInput(savingsForm, nestRows(req.body, ["assumptions"]), req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => economy.saveSavings(req.ctx, req.params.id, data));
    if (done.ok) return reply.redirect(paths.savings.href(req.params, { klart: "besparing" }), 303);
    const data = await economy.getSavings(req.ctx, req.params.id);
    return reply.page(<SavingsPage view={req.view} data={data} values={posted(req.body)} failure={done.failure} />, done.failure.status);
  });
}
