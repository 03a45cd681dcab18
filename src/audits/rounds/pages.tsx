/** The audit rounds' pages: routes that parse the form, call the service and render (no JavaScript needed). */
import { noticeFrom, posted, submit } from "../../platform/form-pages.ts";
import { parseInput } from "../../platform/forms.tsx";
import type { App } from "../../platform/http.ts";
import { roundCreateForm, roundUpdateForm, versionForm } from "./model.ts";
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

  app.post(paths.newRound.pattern, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const parsed = parseInput(roundCreateForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => rounds.createRound(req.ctx, data));
    if (done.ok) return reply.redirect(paths.round.href({ id: done.result.id }, { klart: "skapad" }), 303);
    const options = await rounds.roundOptions(req.ctx);
    return reply.page(
      <RoundFormPage view={req.view} options={options} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });

  app.get<Params>(paths.round.pattern, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const detail = await rounds.getRound(req.ctx, req.params.id);
    return reply.page(<RoundPage view={req.view} detail={detail} notice={noticeFrom(req.query, roundNotices)} />);
  });

  app.get<Params>(paths.editRound.pattern, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const { detail, options } = await rounds.editRound(req.ctx, req.params.id);
    if (detail.status !== "open") return reply.redirect(paths.round.href({ id: detail.id }), 303);
    return reply.page(<RoundFormPage view={req.view} options={options} detail={detail} />);
  });

  app.post<Params>(paths.editRound.pattern, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const parsed = parseInput(roundUpdateForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => rounds.updateRound(req.ctx, req.params.id, data));
    if (done.ok) return reply.redirect(paths.round.href(req.params, { klart: "sparad" }), 303);
    const { detail, options } = await rounds.editRound(req.ctx, req.params.id);
    return reply.page(
      <RoundFormPage view={req.view} options={options} detail={detail} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });

  app.post<Params>(paths.closeRound.pattern, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const parsed = parseInput(versionForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => rounds.closeRound(req.ctx, req.params.id, data));
    if (done.ok) return reply.redirect(paths.round.href(req.params, { klart: "stangd" }), 303);
    const detail = await rounds.getRound(req.ctx, req.params.id);
    const failure = done.failure.conflict ? done.failure : { ...done.failure, status: 409, conflict: req.t("error.stale") };
    return reply.page(<RoundPage view={req.view} detail={detail} failure={failure} />, failure.status);
  });
}
