/** Pages of the work models: the list, one version, and (administrators) draft, edit and publish. */
import { ConflictError, type FieldErrors, ValidationError } from "../platform/errors.ts";
import type { App } from "../platform/http.ts";
import type { Translate } from "../platform/i18n.ts";
import { versionNumber } from "../platform/versioned.ts";
import { EditPage } from "./edit-view.tsx";
import { applyForm, type FormValues, fieldOf, formValues } from "./form.ts";
import * as workmodels from "./service.ts";
import { ListPage, VersionPage, versionHref } from "./views.tsx";

type Params = { Params: { id: string; n: string } };

const notices: Record<string, string> = {
  sparat: "workmodels.notice.saved",
  publicerad: "workmodels.notice.published",
};

function noticeFrom(query: unknown): string | undefined {
  const key = (query as Record<string, unknown> | undefined)?.klart;
  return typeof key === "string" ? notices[key] : undefined;
}

function posted(body: unknown): FormValues {
  const out: FormValues = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

function postedVersion(body: unknown): number {
  const v = (body as Record<string, unknown> | undefined)?.version;
  return typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : -1;
}

type Refusal = { status: number; errors: FieldErrors; conflict?: string };

/** What a refused form shows: field errors (400) or a form-level conflict (409); anything else is rethrown. */
function refusal(e: unknown, t: Translate): Refusal {
  if (e instanceof ValidationError) {
    const errors: FieldErrors = {};
    for (const [path, key] of Object.entries(e.fieldErrors)) {
      const field = fieldOf(path);
      if (!(field in errors)) errors[field] = t(key);
    }
    return { status: 400, errors };
  }
  if (e instanceof ConflictError) return { status: 409, errors: {}, conflict: t(e.messageKey) };
  throw e;
}

export function workmodelsPages(app: App): void {
  app.get("/arbetsmodeller", { config: { permission: "workmodels.view" } }, async (req, reply) => {
    const models = await workmodels.listWorkModels(req.ctx);
    const notice = noticeFrom(req.query);
    return reply.page(<ListPage view={req.view} models={models} notice={notice && req.t(notice)} />);
  });

  app.post<{ Params: { id: string } }>(
    "/arbetsmodeller/:id/utkast",
    { config: { permission: "workmodels.manage" } },
    async (req, reply) => {
      const draft = await workmodels.createDraft(req.ctx, req.params.id);
      return reply.redirect(`${versionHref(draft.document.id, draft.number)}/andra`, 303);
    },
  );

  app.get<Params>("/arbetsmodeller/:id/versioner/:n", { config: { permission: "workmodels.view" } }, async (req, reply) => {
    const data = await workmodels.getVersion(req.ctx, req.params.id, versionNumber(req.params.n));
    const notice = noticeFrom(req.query);
    return reply.page(<VersionPage view={req.view} data={data} notice={notice && req.t(notice)} />);
  });

  app.get<Params>("/arbetsmodeller/:id/versioner/:n/andra", { config: { permission: "workmodels.manage" } }, async (req, reply) => {
    const data = await workmodels.getEditableVersion(req.ctx, req.params.id, versionNumber(req.params.n));
    return reply.page(<EditPage view={req.view} data={data} values={formValues(data.content)} />);
  });

  app.post<Params>("/arbetsmodeller/:id/versioner/:n/andra", { config: { permission: "workmodels.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    const data = await workmodels.getEditableVersion(req.ctx, req.params.id, number);
    const values = posted(req.body);
    try {
      await workmodels.updateDraft(req.ctx, req.params.id, number, {
        version: postedVersion(req.body),
        content: applyForm(data.content, values),
      });
      return reply.redirect(`${versionHref(data.document.id, number)}?klart=sparat`, 303);
    } catch (e) {
      const r = refusal(e, req.t);
      return reply.page(<EditPage view={req.view} data={data} values={values} errors={r.errors} conflict={r.conflict} />, r.status);
    }
  });

  app.post<Params>("/arbetsmodeller/:id/versioner/:n/publicera", { config: { permission: "workmodels.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    try {
      const published = await workmodels.publishDraft(req.ctx, req.params.id, number, { version: postedVersion(req.body) });
      return reply.redirect(`${versionHref(published.document.id, number)}?klart=publicerad`, 303);
    } catch (e) {
      const r = refusal(e, req.t);
      const data = await workmodels.getVersion(req.ctx, req.params.id, number);
      return reply.page(<VersionPage view={req.view} data={data} conflict={r.conflict ?? Object.values(r.errors)[0]} />, r.status);
    }
  });
}
