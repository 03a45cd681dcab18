/** Pages of the indicators: the list, one version's definition, and (indicators.manage) a new indicator, draft, edit and publish. */
import type { ServiceContext } from "../../platform/context.ts";
import { ConflictError, type FieldErrors, ValidationError } from "../../platform/errors.ts";
import { noticeFrom, postedVersion } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import type { Translate } from "../../platform/i18n.ts";
import { versionNumber } from "../../platform/versioned.ts";
import { createIndicator, municipalityMinGroupSize } from "../service.ts";
import { definitionFrom, formErrors, formValues, posted } from "./form.ts";
import { paths } from "./paths.ts";
import { indicatorDocuments as indicators } from "./service.ts";
import { EditPage, type ListedIndicator, ListPage, NewPage, PublishPage, VersionPage } from "./views.tsx";

type Params = { Params: { key: string; n: string } };

const notices: Record<string, string> = {
  sparat: "indicators.notice.saved",
  publicerad: "indicators.notice.published",
  skapad: "indicators.notice.created",
};

type Refusal = { status: number; errors: FieldErrors; conflict?: string };

/** What a refused form shows: field errors (400) or a form-level conflict (409); anything else is rethrown. */
function refusal(e: unknown, t: Translate): Refusal {
  if (e instanceof ValidationError) return { status: 400, errors: formErrors(e.fieldErrors, t) };
  if (e instanceof ConflictError) return { status: 409, errors: {}, conflict: t(e.messageKey) };
  throw e;
}

/** The form's own errors (a target that is no number, JSON that does not parse), translated. */
const translated = (errors: FieldErrors, t: Translate): FieldErrors =>
  Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, t(v)]));

/** The list with each indicator's latest definition (for what it counts and its target). */
async function listed(ctx: ServiceContext): Promise<ListedIndicator[]> {
  const list = await indicators.list(ctx);
  return Promise.all(
    list.map(async (i) => {
      const latest = i.versions.find((v) => v.status === "published") ?? i.versions[i.versions.length - 1];
      const definition = latest ? (await indicators.getVersion(ctx, i.key, latest.number)).content : null;
      return { ...i, definition };
    }),
  );
}

export function indicatorsPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "followup.view" } }, async (req, reply) => {
    const notice = noticeFrom(req.query, notices);
    return reply.page(<ListPage view={req.view} list={await listed(req.ctx)} notice={notice && req.t(notice)} />);
  });

  app.get(paths.newIndicator.pattern, { config: { permission: "indicators.manage" } }, async (req, reply) => {
    const values = formValues({
      name: "",
      description: "",
      unit: "family",
      periodDate: "request_date",
      denominator: [],
      numerator: [],
      display: "percent",
      section: "other",
      measure: null,
      target: null,
      groupBy: null,
      minGroupSize: null,
    });
    return reply.page(<NewPage view={req.view} values={values} />);
  });

  app.post(paths.newIndicator.pattern, { config: { permission: "indicators.manage" } }, async (req, reply) => {
    const values = posted(req.body);
    const { content, errors } = definitionFrom(values);
    if (Object.keys(errors).length > 0)
      return reply.page(<NewPage view={req.view} values={values} errors={translated(errors, req.t)} />, 400);
    try {
      const created = await createIndicator(req.ctx, { key: values.key ?? "", content });
      return reply.redirect(paths.version.href({ key: created.document.key, n: created.number }, { klart: "skapad" }), 303);
    } catch (e) {
      const r = refusal(e, req.t);
      return reply.page(<NewPage view={req.view} values={values} errors={r.errors} />, r.status);
    }
  });

  app.post<{ Params: { key: string } }>(paths.newDraft.pattern, { config: { permission: "indicators.manage" } }, async (req, reply) => {
    const draft = await indicators.createDraft(req.ctx, req.params.key);
    return reply.redirect(paths.editVersion.href({ key: draft.document.key, n: draft.number }), 303);
  });

  const versionPage = async (ctx: ServiceContext, key: string, number: number) => {
    const data = await indicators.getVersion(ctx, key, number);
    const all = (await indicators.list(ctx)).find((i) => i.key === data.document.key);
    const min = await municipalityMinGroupSize(ctx.db, ctx.actor?.municipalityId ?? "");
    return { data, versions: all?.versions ?? [], min };
  };

  app.get<Params>(paths.version.pattern, { config: { permission: "followup.view" } }, async (req, reply) => {
    const { data, versions, min } = await versionPage(req.ctx, req.params.key, versionNumber(req.params.n));
    const notice = noticeFrom(req.query, notices);
    return reply.page(
      <VersionPage view={req.view} data={data} versions={versions} municipalityMin={min} notice={notice && req.t(notice)} />,
    );
  });

  app.get<Params>(paths.editVersion.pattern, { config: { permission: "indicators.manage" } }, async (req, reply) => {
    const data = await indicators.getEditableVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    return reply.page(<EditPage view={req.view} data={data} values={formValues(data.content)} />);
  });

  app.post<Params>(paths.editVersion.pattern, { config: { permission: "indicators.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    const data = await indicators.getEditableVersion(req.ctx, req.params.key, number);
    const values = posted(req.body);
    const { content, errors } = definitionFrom(values, data.content.section, data.content);
    if (Object.keys(errors).length > 0)
      return reply.page(<EditPage view={req.view} data={data} values={values} errors={translated(errors, req.t)} />, 400);
    try {
      await indicators.updateDraft(req.ctx, req.params.key, number, { version: postedVersion(req.body), content });
      return reply.redirect(paths.version.href({ key: data.document.key, n: number }, { klart: "sparat" }), 303);
    } catch (e) {
      const r = refusal(e, req.t);
      return reply.page(<EditPage view={req.view} data={data} values={values} errors={r.errors} conflict={r.conflict} />, r.status);
    }
  });

  app.get<Params>(paths.publishVersion.pattern, { config: { permission: "indicators.manage" } }, async (req, reply) => {
    const data = await indicators.getEditableVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    return reply.page(<PublishPage view={req.view} data={data} />);
  });

  app.post<Params>(paths.publishVersion.pattern, { config: { permission: "indicators.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    try {
      const published = await indicators.publishDraft(req.ctx, req.params.key, number, { version: postedVersion(req.body) });
      return reply.redirect(paths.version.href({ key: published.document.key, n: number }, { klart: "publicerad" }), 303);
    } catch (e) {
      const r = refusal(e, req.t);
      const { data, versions, min } = await versionPage(req.ctx, req.params.key, number);
      return reply.page(
        <VersionPage
          view={req.view}
          data={data}
          versions={versions}
          municipalityMin={min}
          conflict={r.conflict ?? Object.values(r.errors)[0]}
        />,
        r.status,
      );
    }
  });
}
