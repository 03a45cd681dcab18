/** Pages of the work models: the list, one version, and (administrators) draft, edit and publish. */
import { handleForm, noticeFrom, postedVersion } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import { publishFields, versionNumber, withEdits } from "../platform/versioned.ts";
import { EditPage } from "./edit-view.tsx";
import { editedFields, fieldOf, formBody, formValues } from "./form.ts";
import { localContent, withoutStaleEnglish } from "./model.ts";
import { paths } from "./paths.ts";
import * as workmodels from "./service.ts";
import { ListPage, VersionPage } from "./views.tsx";

type Params = { Params: { id: string; n: string } };

const notices: Record<string, string> = {
  sparat: "workmodels.notice.saved",
  publicerad: "workmodels.notice.published",
};

export function workmodelsPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "workmodels.view" } }, async (req, reply) => {
    const models = await workmodels.listWorkModels(req.ctx);
    const notice = noticeFrom(req.query, notices);
    return reply.page(<ListPage view={req.view} models={models} notice={notice && req.t(notice)} />);
  });

  app.post<{ Params: { id: string } }>(paths.newDraft.pattern, { config: { permission: "workmodels.manage" } }, async (req, reply) => {
    const draft = await workmodels.createDraft(req.ctx, req.params.id);
    return reply.redirect(paths.editVersion.href({ id: draft.document.id, n: draft.number }), 303);
  });

  app.get<Params>(paths.version.pattern, { config: { permission: "workmodels.view" } }, async (req, reply) => {
    const data = await workmodels.getVersion(req.ctx, req.params.id, versionNumber(req.params.n));
    const notice = noticeFrom(req.query, notices);
    return reply.page(
      <VersionPage view={req.view} data={{ ...data, content: localContent(data.content, req.locale) }} notice={notice && req.t(notice)} />,
    );
  });

  app.get<Params>(paths.editVersion.pattern, { config: { permission: "workmodels.manage" } }, async (req, reply) => {
    const data = await workmodels.getEditableVersion(req.ctx, req.params.id, versionNumber(req.params.n));
    return reply.page(<EditPage view={req.view} data={data} values={formValues(data.content)} />);
  });

  app.post<Params>(paths.editVersion.pattern, { config: { permission: "workmodels.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    const data = await workmodels.getEditableVersion(req.ctx, req.params.id, number);
    return handleForm(req, reply, {
      schema: editedFields,
      body: formBody(req.body),
      run: (edits) =>
        workmodels.updateDraft(req.ctx, req.params.id, number, {
          version: postedVersion(req.body),
          content: withoutStaleEnglish(data.content, withEdits(editedFields, data.content, edits)),
        }),
      redirect: () => paths.version.href({ id: data.document.id, n: number }, { klart: "sparat" }),
      render: (failed) => <EditPage view={req.view} data={data} values={failed.values} errors={failed.errors} conflict={failed.conflict} />,
      rename: fieldOf,
    });
  });

  app.post<Params>(paths.publishVersion.pattern, { config: { permission: "workmodels.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    return handleForm(req, reply, {
      schema: publishFields,
      run: () => workmodels.publishDraft(req.ctx, req.params.id, number, { version: postedVersion(req.body) }),
      redirect: (published) => paths.version.href({ id: published.document.id, n: number }, { klart: "publicerad" }),
      render: async (failed) => (
        <VersionPage
          view={req.view}
          data={
            await workmodels
              .getVersion(req.ctx, req.params.id, number)
              .then((d) => ({ ...d, content: localContent(d.content, req.locale) }))
          }
          conflict={failed.conflict ?? Object.values(failed.errors)[0]}
        />
      ),
    });
  });
}
