/** Pages of the survey instruments: the list, one version, and (administrators) draft, edit and publish. */
import { ConflictError, type FieldErrors, ValidationError } from "../platform/errors.ts";
import type { App } from "../platform/http.ts";
import type { Translate } from "../platform/i18n.ts";
import { versionNumber } from "../platform/versioned.ts";
import { EditPage } from "./edit-view.tsx";
import { applyForm, type FormValues, fieldOf, formValues } from "./form.ts";
import * as surveys from "./service.ts";
import { ListPage, VersionPage, versionHref } from "./views.tsx";

type Params = { Params: { key: string; n: string } };

const notices: Record<string, string> = {
  sparat: "surveys.notice.saved",
  publicerad: "surveys.notice.published",
};

function query(q: unknown, name: string): string | undefined {
  const v = (q as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : undefined;
}

const noticeFrom = (q: unknown) => notices[query(q, "klart") ?? ""];

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

export function surveysPages(app: App): void {
  app.get("/enkater", { config: { permission: "surveys.view" } }, async (req, reply) => {
    const instruments = await surveys.listInstruments(req.ctx);
    const notice = noticeFrom(req.query);
    return reply.page(<ListPage view={req.view} instruments={instruments} notice={notice && req.t(notice)} />);
  });

  app.post<{ Params: { key: string } }>("/enkater/:key/utkast", { config: { permission: "surveys.manage" } }, async (req, reply) => {
    const draft = await surveys.createDraft(req.ctx, req.params.key);
    return reply.redirect(`${versionHref(draft.document.key, draft.number)}/andra`, 303);
  });

  app.get<Params>("/enkater/:key/:n", { config: { permission: "surveys.view" } }, async (req, reply) => {
    const { data, meetingNames } = await surveys.getVersionPage(req.ctx, req.params.key, versionNumber(req.params.n));
    const notice = noticeFrom(req.query);
    return reply.page(
      <VersionPage
        view={req.view}
        data={data}
        meetingNames={meetingNames}
        lang={query(req.query, "sprak")}
        notice={notice && req.t(notice)}
      />,
    );
  });

  app.get<Params>("/enkater/:key/:n/andra", { config: { permission: "surveys.manage" } }, async (req, reply) => {
    const data = await surveys.getEditableVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    return reply.page(<EditPage view={req.view} data={data} values={formValues(data.content)} />);
  });

  app.post<Params>("/enkater/:key/:n/andra", { config: { permission: "surveys.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    const data = await surveys.getEditableVersion(req.ctx, req.params.key, number);
    const values = posted(req.body);
    try {
      await surveys.updateDraft(req.ctx, req.params.key, number, {
        version: postedVersion(req.body),
        content: applyForm(data.content, values),
      });
      return reply.redirect(`${versionHref(data.document.key, number)}?klart=sparat`, 303);
    } catch (e) {
      const r = refusal(e, req.t);
      return reply.page(<EditPage view={req.view} data={data} values={values} errors={r.errors} conflict={r.conflict} />, r.status);
    }
  });

  app.post<Params>("/enkater/:key/:n/publicera", { config: { permission: "surveys.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    try {
      const published = await surveys.publishDraft(req.ctx, req.params.key, number, { version: postedVersion(req.body) });
      return reply.redirect(`${versionHref(published.document.key, number)}?klart=publicerad`, 303);
    } catch (e) {
      const r = refusal(e, req.t);
      const { data, meetingNames } = await surveys.getVersionPage(req.ctx, req.params.key, number);
      return reply.page(
        <VersionPage view={req.view} data={data} meetingNames={meetingNames} conflict={r.conflict ?? Object.values(r.errors)[0]} />,
        r.status,
      );
    }
  });
}
