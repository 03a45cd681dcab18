/** Pages of the review keys: the list, one version, and (process leaders, administrators) draft, edit and publish. */
import { ConflictError, type FieldErrors, ValidationError } from "../platform/errors.ts";
import type { App } from "../platform/http.ts";
import type { Translate } from "../platform/i18n.ts";
import { versionNumber } from "../platform/versioned.ts";
import { EditPage } from "./key-edit-view.tsx";
import { applyForm, fieldOf, formValues, posted, postedVersion } from "./key-form.ts";
import { reviewKeyDocuments as keys } from "./key-service.ts";
import { keysHref, ListPage, PublishPage, VersionPage, versionHref } from "./key-views.tsx";

type Params = { Params: { key: string; n: string } };

const notices: Record<string, string> = {
  sparat: "reviewkeys.notice.saved",
  publicerad: "reviewkeys.notice.published",
};

function noticeFrom(query: unknown): string | undefined {
  const key = (query as Record<string, unknown> | undefined)?.klart;
  return typeof key === "string" ? notices[key] : undefined;
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

export function reviewKeysPages(app: App): void {
  app.get(keysHref, { config: { permission: "reviewkeys.view" } }, async (req, reply) => {
    const list = await keys.list(req.ctx);
    const notice = noticeFrom(req.query);
    return reply.page(<ListPage view={req.view} keys={list} notice={notice && req.t(notice)} />);
  });

  app.post<{ Params: { key: string } }>(`${keysHref}/:key/utkast`, { config: { permission: "reviewkeys.manage" } }, async (req, reply) => {
    const draft = await keys.createDraft(req.ctx, req.params.key);
    return reply.redirect(`${versionHref(draft.document.key, draft.number)}/andra`, 303);
  });

  app.get<Params>(`${keysHref}/:key/versioner/:n`, { config: { permission: "reviewkeys.view" } }, async (req, reply) => {
    const data = await keys.getVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    const notice = noticeFrom(req.query);
    return reply.page(<VersionPage view={req.view} data={data} notice={notice && req.t(notice)} />);
  });

  app.get<Params>(`${keysHref}/:key/versioner/:n/andra`, { config: { permission: "reviewkeys.manage" } }, async (req, reply) => {
    const data = await keys.getEditableVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    return reply.page(<EditPage view={req.view} data={data} values={formValues(data.content)} />);
  });

  app.post<Params>(`${keysHref}/:key/versioner/:n/andra`, { config: { permission: "reviewkeys.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    const data = await keys.getEditableVersion(req.ctx, req.params.key, number);
    const values = posted(req.body);
    try {
      await keys.updateDraft(req.ctx, req.params.key, number, {
        version: postedVersion(req.body),
        content: applyForm(data.content, values),
      });
      return reply.redirect(`${versionHref(data.document.key, number)}?klart=sparat`, 303);
    } catch (e) {
      const r = refusal(e, req.t);
      return reply.page(<EditPage view={req.view} data={data} values={values} errors={r.errors} conflict={r.conflict} />, r.status);
    }
  });

  app.get<Params>(`${keysHref}/:key/versioner/:n/publicera`, { config: { permission: "reviewkeys.manage" } }, async (req, reply) => {
    const data = await keys.getEditableVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    return reply.page(<PublishPage view={req.view} data={data} />);
  });

  app.post<Params>(`${keysHref}/:key/versioner/:n/publicera`, { config: { permission: "reviewkeys.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    try {
      const published = await keys.publishDraft(req.ctx, req.params.key, number, { version: postedVersion(req.body) });
      return reply.redirect(`${versionHref(published.document.key, number)}?klart=publicerad`, 303);
    } catch (e) {
      const r = refusal(e, req.t);
      const data = await keys.getVersion(req.ctx, req.params.key, number);
      return reply.page(<VersionPage view={req.view} data={data} conflict={r.conflict ?? Object.values(r.errors)[0]} />, r.status);
    }
  });
}
