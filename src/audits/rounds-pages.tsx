/** The audit rounds' pages: routes that parse the form, call the service and render (no JavaScript needed). */
import { ConflictError, ValidationError } from "../platform/errors.ts";
import { type ParseResult, parseInput } from "../platform/forms.tsx";
import type { App } from "../platform/http.ts";
import type { Translate } from "../platform/i18n.ts";
import * as rounds from "./rounds.ts";
import { roundCreateForm, roundUpdateForm, versionForm } from "./rounds-model.ts";
import { type Failure, ROUNDS_HREF, RoundFormPage, RoundPage, RoundsPage, roundHref, type Values } from "./rounds-view.tsx";

type Params = { Params: { id: string } };

const notices: Record<string, string> = {
  skapad: "audits.notice.created",
  sparad: "audits.notice.saved",
  stangd: "audits.notice.closed",
  dokument: "audits.notice.documentSaved",
};

export function noticeFrom(query: unknown): string | undefined {
  const key = (query as Record<string, unknown> | undefined)?.klart;
  return typeof key === "string" ? notices[key] : undefined;
}

/** A refusal of the service as the form shows it: field errors (400), or a conflict (409) above the form. */
export function formFailure(e: unknown, t: Translate): Failure {
  if (e instanceof ValidationError)
    return { status: 400, errors: Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k, t(v)])) };
  if (e instanceof ConflictError && e.field) return { status: 400, errors: { [e.field]: t(e.messageKey) } };
  if (e instanceof ConflictError) return { status: 409, errors: {}, conflict: t(e.messageKey) };
  throw e;
}

export type Submitted<R> = { ok: true; result: R } | { ok: false; failure: Failure };

export async function submit<T, R>(parsed: ParseResult<T>, t: Translate, work: (data: T) => Promise<R>): Promise<Submitted<R>> {
  if (!parsed.ok) return { ok: false, failure: { status: 400, errors: parsed.errors } };
  try {
    return { ok: true, result: await work(parsed.data) };
  } catch (e) {
    return { ok: false, failure: formFailure(e, t) };
  }
}

/** What the user sent, to show it again. */
export function posted(body: unknown): Values {
  const out: Values = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" || Array.isArray(v)) out[k] = v as string | string[];
  return out;
}

export function roundsPages(app: App): void {
  // The landing page of everyone who manages, reviews or reads results; the service refuses the others.
  app.get(ROUNDS_HREF, { config: { permission: "authenticated" } }, async (req, reply) => {
    const landing = await rounds.landing(req.ctx);
    return reply.page(<RoundsPage view={req.view} landing={landing} notice={noticeFrom(req.query)} />);
  });

  app.get(`${ROUNDS_HREF}/ny`, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const options = await rounds.roundOptions(req.ctx);
    return reply.page(<RoundFormPage view={req.view} options={options} />);
  });

  app.post(`${ROUNDS_HREF}/ny`, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const parsed = parseInput(roundCreateForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => rounds.createRound(req.ctx, data));
    if (done.ok) return reply.redirect(`${roundHref(done.result.id)}?klart=skapad`, 303);
    const options = await rounds.roundOptions(req.ctx);
    return reply.page(
      <RoundFormPage view={req.view} options={options} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });

  app.get<Params>(`${ROUNDS_HREF}/:id`, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const detail = await rounds.getRound(req.ctx, req.params.id);
    return reply.page(<RoundPage view={req.view} detail={detail} notice={noticeFrom(req.query)} />);
  });

  app.get<Params>(`${ROUNDS_HREF}/:id/andra`, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const { detail, options } = await rounds.editRound(req.ctx, req.params.id);
    if (detail.status !== "open") return reply.redirect(roundHref(detail.id), 303);
    return reply.page(<RoundFormPage view={req.view} options={options} detail={detail} />);
  });

  app.post<Params>(`${ROUNDS_HREF}/:id/andra`, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const parsed = parseInput(roundUpdateForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => rounds.updateRound(req.ctx, req.params.id, data));
    if (done.ok) return reply.redirect(`${roundHref(req.params.id)}?klart=sparad`, 303);
    const { detail, options } = await rounds.editRound(req.ctx, req.params.id);
    return reply.page(
      <RoundFormPage view={req.view} options={options} detail={detail} values={posted(req.body)} failure={done.failure} />,
      done.failure.status,
    );
  });

  app.post<Params>(`${ROUNDS_HREF}/:id/stang`, { config: { permission: "audits.manage" } }, async (req, reply) => {
    const parsed = parseInput(versionForm, req.body, req.locale, req.t);
    const done = await submit(parsed, req.t, (data) => rounds.closeRound(req.ctx, req.params.id, data));
    if (done.ok) return reply.redirect(`${roundHref(req.params.id)}?klart=stangd`, 303);
    const detail = await rounds.getRound(req.ctx, req.params.id);
    const failure = done.failure.conflict ? done.failure : { ...done.failure, status: 409, conflict: req.t("error.stale") };
    return reply.page(<RoundPage view={req.view} detail={detail} failure={failure} />, failure.status);
  });
}
