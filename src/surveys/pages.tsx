/** Pages of the survey instruments: the list, one version, and (administrators) draft, edit and publish. */
import type { FastifyRequest } from "fastify";
import { type FailedForm, handleForm, noticeFrom, postedVersion } from "../platform/form-pages.ts";
import type { App } from "../platform/http.ts";
import { publishFields, versionNumber, withEdits } from "../platform/versioned.ts";
import { EditPage } from "./edit-view.tsx";
import { editedFields, fieldOf, formValues } from "./form.ts";
import { paths } from "./paths.ts";
import * as surveys from "./service.ts";
import { ListPage, VersionPage } from "./views.tsx";

type Params = { Params: { key: string; n: string } };

const notices: Record<string, string> = {
  sparat: "surveys.notice.saved",
  publicerad: "surveys.notice.published",
  bekraftad: "surveys.notice.translationConfirmed",
};

function query(q: unknown, name: string): string | undefined {
  const v = (q as Record<string, unknown> | undefined)?.[name];
  return typeof v === "string" ? v : undefined;
}

/** The version page again, with what refused a publication or a confirmation at its top. */
async function versionPageRefused(req: FastifyRequest<Params>, number: number, failed: FailedForm) {
  const { data, meetingNames, confirmations } = await surveys.getVersionPage(req.ctx, req.params.key, number);
  return (
    <VersionPage
      view={req.view}
      data={data}
      meetingNames={meetingNames}
      confirmations={confirmations}
      conflict={failed.conflict ?? Object.values(failed.errors)[0]}
    />
  );
}

export function surveysPages(app: App): void {
  app.get(paths.list.pattern, { config: { permission: "surveys.view" } }, async (req, reply) => {
    const instruments = await surveys.listInstruments(req.ctx);
    const notice = noticeFrom(req.query, notices);
    return reply.page(<ListPage view={req.view} instruments={instruments} notice={notice && req.t(notice)} />);
  });

  app.post<{ Params: { key: string } }>(paths.newDraft.pattern, { config: { permission: "surveys.manage" } }, async (req, reply) => {
    const draft = await surveys.createDraft(req.ctx, req.params.key);
    return reply.redirect(paths.editVersion.href({ key: draft.document.key, n: draft.number }), 303);
  });

  app.get<Params>(paths.version.pattern, { config: { permission: "surveys.view" } }, async (req, reply) => {
    const { data, meetingNames, confirmations } = await surveys.getVersionPage(req.ctx, req.params.key, versionNumber(req.params.n));
    const notice = noticeFrom(req.query, notices);
    return reply.page(
      <VersionPage
        view={req.view}
        data={data}
        meetingNames={meetingNames}
        confirmations={confirmations}
        lang={query(req.query, "sprak")}
        notice={notice && req.t(notice)}
      />,
    );
  });

  app.get<Params>(paths.editVersion.pattern, { config: { permission: "surveys.manage" } }, async (req, reply) => {
    const data = await surveys.getEditableVersion(req.ctx, req.params.key, versionNumber(req.params.n));
    return reply.page(<EditPage view={req.view} data={data} values={formValues(data.content)} />);
  });

  app.post<Params>(paths.editVersion.pattern, { config: { permission: "surveys.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    const data = await surveys.getEditableVersion(req.ctx, req.params.key, number);
    return handleForm(req, reply, {
      schema: editedFields,
      run: (edits) =>
        surveys.updateDraft(req.ctx, req.params.key, number, {
          version: postedVersion(req.body),
          content: withEdits(editedFields, data.content, edits),
        }),
      redirect: () => paths.version.href({ key: data.document.key, n: number }, { klart: "sparat" }),
      render: (failed) => <EditPage view={req.view} data={data} values={failed.values} errors={failed.errors} conflict={failed.conflict} />,
      rename: fieldOf,
    });
  });

  app.post<Params>(paths.publishVersion.pattern, { config: { permission: "surveys.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    return handleForm(req, reply, {
      schema: publishFields,
      run: () => surveys.publishDraft(req.ctx, req.params.key, number, { version: postedVersion(req.body) }),
      redirect: (published) => paths.version.href({ key: published.document.key, n: number }, { klart: "publicerad" }),
      render: (failed) => versionPageRefused(req, number, failed),
    });
  });

  // An administrator confirms a translation marked for a native speaker's review (decision 0042).
  app.post<Params>(paths.confirmTranslation.pattern, { config: { permission: "surveys.manage" } }, async (req, reply) => {
    const number = versionNumber(req.params.n);
    return handleForm(req, reply, {
      schema: surveys.confirmTranslationInput,
      run: (input) => surveys.confirmTranslation(req.ctx, req.params.key, number, input),
      redirect: (data) => paths.version.href({ key: data.document.key, n: number }, { klart: "bekraftad" }),
      render: (failed) => versionPageRefused(req, number, failed),
    });
  });
}
