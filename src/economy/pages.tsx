/**
 * The economy's pages: routes that decode the form by the service's input schema (the API's body;
 * decision 0035), call the service (the one validation) and render (no JavaScript needed).
 */

import multipart from "@fastify/multipart";
import type { FastifyRequest } from "fastify";
import type { FieldErrors } from "../platform/errors.ts";
import { decodeForm, unflatten } from "../platform/form-decode.ts";
import { formFailure, handleForm, noticeFrom } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import { readMultipartForm } from "../platform/upload.ts";
import type { AccountMapping } from "./import.ts";
import { isCostCategory } from "./import.ts";
import { paths } from "./paths.ts";
import {
  budgetBody,
  costBody,
  deleteCostInput,
  mappingForm,
  projectBody,
  projectPatchBody,
  savingsBody,
  unitCostBody,
  unitCostPatchBody,
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
  budget: "economy.notice.budgetSaved",
};

/**
 * The import preview's chosen category per account. Not a use case's input: a choice to preview
 * with, in which a category not (yet) chosen or unknown is simply the guess again.
 */
function chosenMapping(body: unknown): Record<string, AccountMapping | undefined> {
  const parsed = mappingForm.safeParse(decodeForm(mappingForm, body));
  if (!parsed.success) return {};
  const out: Record<string, AccountMapping | undefined> = {};
  for (const m of parsed.data.mapping) {
    const category = (m.category ?? "").trim();
    if (isCostCategory(category)) out[m.account] = { category, label: (m.label ?? "").trim().slice(0, 120) || null };
  }
  return out;
}

const blank = (v: unknown) => typeof v !== "string" || v.trim() === "";

/**
 * The form's fixed rows of lists (`grants.3.year`), without the rows left blank, in the schema's
 * names; and, for each list, where its rows are on the form, so that an error goes back to its row.
 */
function filledRows(body: unknown, lists: Record<string, (row: Record<string, unknown>) => boolean>) {
  const nested = unflatten(body);
  const places: Record<string, number[]> = {};
  for (const [list, filled] of Object.entries(lists)) {
    const groups = nested[list];
    const kept: Array<[number, Record<string, unknown>]> = [];
    if (groups && typeof groups === "object" && !Array.isArray(groups)) {
      for (const [key, row] of Object.entries(groups)) {
        if (/^\d{1,4}$/.test(key) && row && typeof row === "object" && filled(row as Record<string, unknown>))
          kept.push([Number(key), row as Record<string, unknown>]);
      }
    }
    kept.sort(([a], [b]) => a - b);
    nested[list] = kept.map(([, row]) => row);
    places[list] = kept.map(([at]) => at);
  }
  const rename = (field: string) => {
    const m = /^(\w+)\.(\d+)(\..*)?$/.exec(field);
    const at = m ? places[m[1] as string]?.[Number(m[2])] : undefined;
    return m && at !== undefined ? `${m[1]}.${at}${m[3] ?? ""}` : field;
  };
  return { body: nested, rename };
}

/** A year and amount row counts when either is filled in. */
const yearAmountFilled = (row: Record<string, unknown>) => !blank(row.year) || !blank(row.amount);
/** An assumption counts when its unit cost is there and the avoided units are filled in (blank: not assumed). */
const assumptionFilled = (row: Record<string, unknown>) => !blank(row.unitCostId) && !blank(row.avoidedPerYear);

/** A budget line counts when its amount is filled in, or a free category's name. */
const budgetLineFilled = (row: Record<string, unknown>) => !blank(row.amount) || (row.category === "other" && !blank(row.label));

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
  const form = await readMultipartForm(req, "export");
  return { _csrf: form._csrf, file: form.files.file ?? null, tooLarge: form.tooLarge };
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
    const rows = filledRows(req.body, { grants: yearAmountFilled, repayments: yearAmountFilled });
    return handleForm(req, reply, {
      schema: projectBody,
      body: rows.body,
      run: (input) => economy.createProject(req.ctx, input),
      redirect: ({ id }) => paths.project.href({ id }, { klart: "skapat" }),
      rename: rows.rename,
      conflict: "field",
      render: (failed) => <ProjectFormPage view={req.view} values={failed.values} failure={failed} />,
    });
  });

  app.get(paths.unitCosts.pattern, { config: { permission: "economy.view" } }, async (req, reply) => {
    const unitCosts = await economy.listUnitCosts(req.ctx);
    return reply.page(<UnitCostsPage view={req.view} unitCosts={unitCosts} notice={noticeFrom(req.query, notices)} />);
  });

  app.post(paths.unitCosts.pattern, { config: { permission: "economy.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: unitCostBody,
      run: (input) => economy.createUnitCost(req.ctx, input),
      redirect: () => paths.unitCosts.href({ klart: "styckkostnad" }),
      conflict: "field",
      render: async (failed) => {
        const unitCosts = await economy.listUnitCosts(req.ctx);
        return <UnitCostsPage view={req.view} unitCosts={unitCosts} values={failed.values} failure={failed} />;
      },
    }),
  );

  // Each unit cost's row is a form of its own; its fields are named by the unit cost (`uc<id>.label`).
  app.post<Params>(paths.unitCost.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const prefix = unitCostPrefix(req.params.id);
    const fields = (req.body ?? {}) as Record<string, unknown>;
    return handleForm(req, reply, {
      schema: unitCostPatchBody,
      body: { ...(unflatten(fields)[prefix] as object | undefined), version: fields.version },
      run: (input) => economy.updateUnitCost(req.ctx, req.params.id, input),
      redirect: () => paths.unitCosts.href({ klart: "styckkostnad" }),
      rename: (f) => (f === "_form" || f === "version" ? f : `${prefix}.${f}`),
      conflict: "field",
      render: async (failed) => {
        const unitCosts = await economy.listUnitCosts(req.ctx);
        return <UnitCostsPage view={req.view} unitCosts={unitCosts} values={failed.values} failure={failed} editing={req.params.id} />;
      },
    });
  });

  app.get<Params>(paths.project.pattern, { config: { permission: "economy.view" } }, async (req, reply) => {
    const detail = await economy.getProject(req.ctx, req.params.id);
    return reply.page(<ProjectPage view={req.view} detail={detail} notice={noticeFrom(req.query, notices)} />);
  });

  // The form's address read again (a reload after a refused form): the project page, where the form is.
  app.get<Params>(paths.budget.pattern, { config: { permission: "economy.view" } }, async (req, reply) =>
    reply.redirect(paths.project.href(req.params), 303),
  );

  // The budget per year and cost category: the same use case as the API's PUT; a blank amount is no line.
  app.post<Params>(paths.budget.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const rows = filledRows(req.body, { lines: budgetLineFilled });
    return handleForm(req, reply, {
      schema: budgetBody,
      body: rows.body,
      run: (input) => economy.saveBudget(req.ctx, req.params.id, input),
      redirect: () => paths.project.href(req.params, { klart: "budget" }),
      // A category given twice can only be a free one named twice: its name is the field to correct.
      rename: (field) => rows.rename(field).replace(/^(lines\.\d+)\.category$/, "$1.label"),
      conflict: "field",
      render: async (failed) => {
        const detail = await economy.getProject(req.ctx, req.params.id);
        return <ProjectPage view={req.view} detail={detail} values={failed.values} failure={failed} />;
      },
    });
  });

  app.get<Params>(paths.editProject.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const detail = await economy.getProject(req.ctx, req.params.id);
    return reply.page(<ProjectFormPage view={req.view} detail={detail} />);
  });

  app.post<Params>(paths.editProject.pattern, { config: { permission: "economy.manage" } }, async (req, reply) => {
    const rows = filledRows(req.body, { grants: yearAmountFilled, repayments: yearAmountFilled });
    return handleForm(req, reply, {
      schema: projectPatchBody,
      body: rows.body,
      run: (input) => economy.updateProject(req.ctx, req.params.id, input),
      redirect: ({ id }) => paths.project.href({ id }, { klart: "sparat" }),
      rename: rows.rename,
      conflict: "field",
      render: async (failed) => {
        const detail = await economy.getProject(req.ctx, req.params.id);
        return <ProjectFormPage view={req.view} detail={detail} values={failed.values} failure={failed} />;
      },
    });
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

  app.post<Params>(paths.costs.pattern, { config: { permission: "economy.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: costBody,
      run: (input) => economy.addCost(req.ctx, req.params.id, input),
      redirect: (cost) => paths.costs.href(req.params, { klart: "kostnad", ar: cost.year }),
      conflict: "field",
      render: async (failed) => {
        const detail = await economy.getProject(req.ctx, req.params.id);
        return <CostsPage view={req.view} detail={detail} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.post<{ Params: { id: string; costId: string } }>(
    paths.deleteCost.pattern,
    { config: { permission: "economy.manage" } },
    async (req, reply) =>
      handleForm(req, reply, {
        schema: deleteCostInput,
        run: (input) => economy.deleteCost(req.ctx, req.params.id, req.params.costId, input),
        redirect: () => paths.costs.href({ id: req.params.id }, { klart: "borttagen" }),
        conflict: "field",
        render: async (failed) => {
          const detail = await economy.getProject(req.ctx, req.params.id);
          return <CostsPage view={req.view} detail={detail} failure={failed} />;
        },
      }),
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
    const rows = filledRows(req.body, { assumptions: assumptionFilled });
    return handleForm(req, reply, {
      schema: savingsBody,
      body: rows.body,
      run: (input) => economy.saveSavings(req.ctx, req.params.id, input),
      redirect: () => paths.savings.href(req.params, { klart: "besparing" }),
      rename: rows.rename,
      conflict: "field",
      render: async (failed) => {
        const data = await economy.getSavings(req.ctx, req.params.id);
        return <SavingsPage view={req.view} data={data} values={failed.values} failure={failed} />;
      },
    });
  });
}
