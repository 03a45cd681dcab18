/** Pages of the indicators: the list, one version's definition, and (indicators.manage) a new indicator, draft, edit and publish. */
import type { ServiceContext } from "../../platform/context.ts";
import { handleForm, noticeFrom, postedTexts, postedVersion } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { publishFields, versionNumber } from "../../platform/versioned.ts";
import { createIndicator, municipalityMinGroupSize } from "../service.ts";
import { definitionOf, editFields, errorPlaces, formValues, newFields, readForm, withUnreadable } from "./form.ts";
import { paths } from "./paths.ts";
import { indicatorDocuments as indicators } from "./service.ts";
import { EditPage, type ListedIndicator, ListPage, NewPage, PublishPage, VersionPage } from "./views.tsx";

type Params = { Params: { key: string; n: string } };

const notices: Record<string, string> = {
  sparat: "indicators.notice.saved",
  publicerad: "indicators.notice.published",
  skapad: "indicators.notice.created",
};

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
    const form = readForm(req.body);
    return handleForm(req, reply, {
      schema: newFields,
      body: form.fields,
      run: (input) => createIndicator(req.ctx, { key: input.key, content: definitionOf(form, input.content) }),
      redirect: (created) => paths.version.href({ key: created.document.key, n: created.number }, { klart: "skapad" }),
      render: (failed) => <NewPage view={req.view} values={postedTexts(req.body)} errors={withUnreadable(failed.errors, form, req.t)} />,
      ...errorPlaces(req.t),
    });
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
    const form = readForm(req.body);
    return handleForm(req, reply, {
      schema: editFields,
      body: form.fields,
      run: (input) =>
        indicators.updateDraft(req.ctx, req.params.key, number, {
          version: postedVersion(req.body),
          content: definitionOf(form, input.content, data.content.section, data.content),
        }),
      redirect: () => paths.version.href({ key: data.document.key, n: number }, { klart: "sparat" }),
      render: (failed) => (
        <EditPage
          view={req.view}
          data={data}
          values={postedTexts(req.body)}
          errors={withUnreadable(failed.errors, form, req.t)}
          conflict={failed.conflict}
        />
      ),
      ...errorPlaces(req.t),
    });
  });

  app.get<Params>(paths.publishVersion.pattern, { config: { permission: "indicators.manage" } }, async (req, reply) => {
    const data = await indicators.getEditableVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    return reply.page(<PublishPage view={req.view} data={data} />);
  });

  app.post<Params>(paths.publishVersion.pattern, { config: { permission: "indicators.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    return handleForm(req, reply, {
      schema: publishFields,
      run: () => indicators.publishDraft(req.ctx, req.params.key, number, { version: postedVersion(req.body) }),
      redirect: (published) => paths.version.href({ key: published.document.key, n: number }, { klart: "publicerad" }),
      render: async (failed) => {
        const { data, versions, min } = await versionPage(req.ctx, req.params.key, number);
        return (
          <VersionPage
            view={req.view}
            data={data}
            versions={versions}
            municipalityMin={min}
            conflict={failed.conflict ?? Object.values(failed.errors)[0]}
          />
        );
      },
    });
  });
}
