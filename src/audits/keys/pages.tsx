/** Pages of the review keys: the list, one version, and (process leaders, administrators) draft, edit and publish. */
import { handleForm, noticeFrom, postedVersion } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { publishFields, versionNumber, withEdits } from "../../platform/versioned.ts";
import { EditPage } from "./edit-views.tsx";
import { editedFields, fieldOf, formValues } from "./form.ts";
import { paths } from "./paths.ts";
import { reviewKeyDocuments as keys } from "./service.ts";
import { ListPage, PublishPage, VersionPage } from "./views.tsx";

type Params = { Params: { key: string; n: string } };

const notices: Record<string, string> = {
  sparat: "reviewkeys.notice.saved",
  publicerad: "reviewkeys.notice.published",
};

export function reviewKeysPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "reviewkeys.view" } }, async (req, reply) => {
    const list = await keys.list(req.ctx);
    const notice = noticeFrom(req.query, notices);
    return reply.page(<ListPage view={req.view} keys={list} notice={notice && req.t(notice)} />);
  });

  app.post<{ Params: { key: string } }>(paths.draft.pattern, { config: { permission: "reviewkeys.manage" } }, async (req, reply) => {
    const draft = await keys.createDraft(req.ctx, req.params.key);
    return reply.redirect(paths.editVersion.href({ key: draft.document.key, n: draft.number }), 303);
  });

  app.get<Params>(paths.version.pattern, { config: { permission: "reviewkeys.view" } }, async (req, reply) => {
    const data = await keys.getVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    const notice = noticeFrom(req.query, notices);
    return reply.page(<VersionPage view={req.view} data={data} notice={notice && req.t(notice)} />);
  });

  app.get<Params>(paths.editVersion.pattern, { config: { permission: "reviewkeys.manage" } }, async (req, reply) => {
    const data = await keys.getEditableVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    return reply.page(<EditPage view={req.view} data={data} values={formValues(data.content)} />);
  });

  app.post<Params>(paths.editVersion.pattern, { config: { permission: "reviewkeys.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    const data = await keys.getEditableVersion(req.ctx, req.params.key, number);
    return handleForm(req, reply, {
      schema: editedFields,
      run: (edits) =>
        keys.updateDraft(req.ctx, req.params.key, number, {
          version: postedVersion(req.body),
          content: withEdits(editedFields, data.content, edits),
        }),
      redirect: () => paths.version.href({ key: data.document.key, n: number }, { klart: "sparat" }),
      render: (failed) => <EditPage view={req.view} data={data} values={failed.values} errors={failed.errors} conflict={failed.conflict} />,
      rename: fieldOf,
    });
  });

  app.get<Params>(paths.publish.pattern, { config: { permission: "reviewkeys.manage" } }, async (req, reply) => {
    const data = await keys.getEditableVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    return reply.page(<PublishPage view={req.view} data={data} />);
  });

  app.post<Params>(paths.publish.pattern, { config: { permission: "reviewkeys.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    return handleForm(req, reply, {
      schema: publishFields,
      run: () => keys.publishDraft(req.ctx, req.params.key, number, { version: postedVersion(req.body) }),
      redirect: (published) => paths.version.href({ key: published.document.key, n: number }, { klart: "publicerad" }),
      render: async (failed) => (
        <VersionPage
          view={req.view}
          data={await keys.getVersion(req.ctx, req.params.key, number)}
          conflict={failed.conflict ?? Object.values(failed.errors)[0]}
        />
      ),
    });
  });
}
