/**
 * The audit rounds' pages: routes that decode the form by the service's input schema, call the
 * service (the one validation) and render (no JavaScript needed; decision 0035).
 */
import { handleForm, noticeFrom } from "../../platform/form-pages.ts";
import type { App } from "../../platform/http.ts";
import { roundCloseInput, roundCreateInput, roundUpdateInput } from "./model.ts";
import { paths } from "./paths.ts";
import * as rounds from "./service.ts";
import { RoundFormPage, RoundPage, RoundsPage } from "./views.tsx";

type Params = { Params: { id: string } };

export const roundNotices: Record<string, string> = {
  skapad: "audits.notice.created",
  sparad: "audits.notice.saved",
  stangd: "audits.notice.closed",
  dokument: "audits.notice.documentSaved",
};

export function roundsPages(app: App): void {
  // The landing page of everyone who manages, reviews or reads results; the service refuses the others.
  app.get(paths.list.pattern, { config: { permission: "authenticated" } }, async (req, reply) => {
    const landing = await rounds.landing(req.ctx);
    return reply.page(<RoundsPage view={req.view} landing={landing} notice={noticeFrom(req.query, roundNotices)} />);
  });

  app.get(paths.newRound.pattern, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const options = await rounds.roundOptions(req.ctx);
    return reply.page(<RoundFormPage view={req.view} options={options} />);
  });

  app.post(paths.newRound.pattern, { config: { permission: "audits.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: roundCreateInput,
      run: (input) => rounds.createRound(req.ctx, input),
      redirect: ({ id }) => paths.round.href({ id }, { klart: "skapad" }),
      conflict: "field",
      render: async (failed) => {
        const options = await rounds.roundOptions(req.ctx);
        return <RoundFormPage view={req.view} options={options} values={failed.values} failure={failed} />;
      },
    }),
  );

  app.get<Params>(paths.round.pattern, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const detail = await rounds.getRound(req.ctx, req.params.id);
    return reply.page(<RoundPage view={req.view} detail={detail} notice={noticeFrom(req.query, roundNotices)} />);
  });

  app.get<Params>(paths.editRound.pattern, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const { detail, options } = await rounds.editRound(req.ctx, req.params.id);
    if (detail.status !== "open") return reply.redirect(paths.round.href({ id: detail.id }), 303);
    return reply.page(<RoundFormPage view={req.view} options={options} detail={detail} />);
  });

  app.post<Params>(paths.editRound.pattern, { config: { permission: "audits.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: roundUpdateInput,
      run: (input) => rounds.updateRound(req.ctx, req.params.id, input),
      redirect: () => paths.round.href(req.params, { klart: "sparad" }),
      conflict: "field",
      render: async (failed) => {
        const { detail, options } = await rounds.editRound(req.ctx, req.params.id);
        return <RoundFormPage view={req.view} options={options} detail={detail} values={failed.values} failure={failed} />;
      },
    }),
  );

  // The close button posts only the version: a refused one (missing, unreadable, stale, or the round closed meanwhile) is the conflict alert.
  app.post<Params>(paths.closeRound.pattern, { config: { permission: "audits.manage" } }, async (req, reply) =>
    handleForm(req, reply, {
      schema: roundCloseInput,
      run: (input) => rounds.closeRound(req.ctx, req.params.id, input),
      redirect: () => paths.round.href(req.params, { klart: "stangd" }),
      render: async (failed) => {
        const detail = await rounds.getRound(req.ctx, req.params.id);
        const conflict = failed.conflict ?? req.t("error.stale");
        return <RoundPage view={req.view} detail={detail} failure={{ ...failed, conflict }} />;
      },
    }),
  );
}
