/**
 * The survey kiosk's routes: the staff member's start page for a meeting (processes.work), and the
 * kiosk's own pages under /kiosk, the only pages a login session locked to a kiosk can reach (see
 * platform/http.ts). The kiosk's answers are no-store and send no referrer; a turn's answer comes
 * as a plain form (303 back to the hand-back page) or from survey.js (x-sofia-fetch: 1, JSON { next }).
 */

import type { FastifyReply, FastifyRequest } from "fastify";
import { ConflictError, ValidationError } from "../../platform/errors.ts";
import { decodeForm } from "../../platform/form-decode.ts";
import { formInput, postedTexts } from "../../platform/form-pages.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App, View } from "../../platform/http.ts";
import { meetingHref } from "../../processes/index.ts";
import { AnswerPage, chosenLanguage, FETCH_HEADER, LANGUAGE_PARAM, respondentView, secretPage } from "../answer/index.ts";
import type { Content } from "../model.ts";
import { SurveyRefusedPage } from "../paper/index.ts";
import { answerField } from "../responses/index.ts";
import { paths } from "./paths.ts";
import {
  answerKioskTurn,
  exitKiosk,
  type KioskForm,
  type KioskTurn,
  kioskForm,
  kioskProgress,
  kioskTurn,
  type StaffRefusal,
  skipInput,
  skipTurn,
  staffInput,
  startInput,
  startKiosk,
} from "./service.ts";
import { defaultStartValues, HandBackPage, KioskStartPage, StaffPage } from "./views.tsx";

type MeetingParams = { Params: { id: string; meetingId: string } };
type TurnParams = { Params: { position: string } };

const position = (text: string) => (/^\d{1,2}$/.test(text) ? Number(text) : 0);
const wantsJson = (req: FastifyRequest) => req.headers[FETCH_HEADER] === "1";

/** A respondent's errors in plain words, on the question they belong to. */
function turnErrors(errors: Record<string, string>, content: Content, view: View) {
  const items = new Set(content.items.map((i) => answerField(i.key)));
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(errors)) {
    const at = items.has(field) ? field : answerField(content.items[0]?.key ?? "");
    if (!(at in out)) out[at] = key === "answer.error.noAnswers" ? key : "answer.error.choose";
  }
  return translateErrors(out, view.t);
}

/**
 * A turn's screen in the respondent's language: the one chosen (`sprak`), else the turn's, which
 * is the family's (decision 0042).
 */
function turnPage(view: View, turn: KioskTurn, asked: unknown, values?: Record<string, string>, errors?: Record<string, string>) {
  const pos = turn.invitation.position ?? 0;
  const lang = chosenLanguage(asked, turn.content, turn.invitation.language);
  return (
    <AnswerPage
      view={respondentView(view, lang)}
      content={turn.content}
      lang={lang}
      action={paths.turn.href({ position: pos })}
      values={values}
      errors={errors}
      offlineNext={paths.home.href()}
      languageHref={(l) => paths.turn.href({ position: pos }, { [LANGUAGE_PARAM]: l })}
      unreviewed={turn.unreviewed}
    />
  );
}

/** Back to the hand-back page: a redirect, or { next } for survey.js. */
function backHome(req: FastifyRequest, reply: FastifyReply, query?: { klart: string }) {
  const next = paths.home.href(query);
  return wantsJson(req) ? reply.send({ next }) : reply.redirect(next, 303);
}

export function kioskPages(app: App): void {
  const startForm = async (req: FastifyRequest<MeetingParams>, reply: FastifyReply): Promise<KioskForm | null> => {
    const { id, meetingId } = req.params;
    try {
      return await kioskForm(req.ctx, id, meetingId);
    } catch (e) {
      if (!(e instanceof ConflictError)) throw e;
      await reply.page(
        <SurveyRefusedPage
          view={req.view}
          processId={id}
          meetingId={meetingId}
          titleKey="kiosk.start.refusedTitle"
          backKey="kiosk.start.back"
          message={req.t(e.messageKey)}
        />,
        409,
      );
      return null;
    }
  };

  app.get<MeetingParams>(paths.start.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const form = await startForm(req, reply);
    if (!form) return reply;
    return reply.page(<KioskStartPage view={req.view} form={form} values={defaultStartValues(form)} />);
  });

  app.post<MeetingParams>(paths.start.pattern, { config: { permission: "processes.work" } }, async (req, reply) => {
    const { id, meetingId } = req.params;
    const values = postedTexts(req.body);
    let failure: { errors: Record<string, string>; conflict?: string; status: number };
    try {
      await startKiosk(req.ctx, req.sessionToken, id, meetingId, decodeForm(startInput, req.body));
      return reply.redirect(paths.home.href(), 303);
    } catch (e) {
      if (e instanceof ValidationError) failure = { errors: translateErrors(e.fieldErrors, req.t), status: 400 };
      else if (e instanceof ConflictError) {
        if (e.messageKey === "kiosk.start.notToday") {
          return reply.page(
            <SurveyRefusedPage
              view={req.view}
              processId={id}
              meetingId={meetingId}
              titleKey="kiosk.start.refusedTitle"
              backKey="kiosk.start.back"
              message={req.t(e.messageKey)}
            />,
            409,
          );
        }
        failure = { errors: {}, conflict: req.t(e.messageKey), status: 409 };
      } else throw e;
    }
    const form = await startForm(req, reply);
    if (!form) return reply;
    return reply.page(
      <KioskStartPage view={req.view} form={form} values={values} errors={failure.errors} conflict={failure.conflict} />,
      failure.status,
    );
  });

  // The kiosk itself. A login session that is not a kiosk has nothing here: back to the start page.
  const kiosk = { config: { permission: "authenticated" as const }, onRequest: secretPage };

  app.get<{ Querystring: { klart?: string } }>(paths.home.pattern, kiosk, async (req, reply) => {
    const progress = await kioskProgress(req.ctx, req.kioskSessionId);
    if (!progress) return reply.redirect("/start", 303);
    const notice =
      req.query.klart === "sparad" ? "kiosk.handback.saved" : req.query.klart === "hoppad" ? "kiosk.handback.skipped" : undefined;
    return reply.page(<HandBackPage view={req.view} progress={progress} noticeKey={notice} />);
  });

  // "Börja" asks for the next open turn when it is tapped, not when the hand-back page was drawn:
  // an answer kept offline by survey.js and resent on that page's load is counted by then.
  app.get(paths.next.pattern, kiosk, async (req, reply) => {
    const progress = await kioskProgress(req.ctx, req.kioskSessionId);
    if (!progress) return reply.redirect("/start", 303);
    return reply.redirect(progress.next ? paths.turn.href({ position: progress.next.position }) : paths.home.href(), 303);
  });

  app.get<TurnParams>(paths.turn.pattern, kiosk, async (req, reply) => {
    if (!req.kioskSessionId) return reply.redirect("/start", 303);
    const turn = await kioskTurn(req.ctx, req.kioskSessionId, position(req.params.position));
    if (!turn) return reply.redirect(paths.home.href(), 303);
    return reply.page(turnPage(req.view, turn, req.query));
  });

  app.post<TurnParams>(paths.turn.pattern, kiosk, async (req, reply) => {
    if (!req.kioskSessionId) return reply.redirect("/start", 303);
    const pos = position(req.params.position);
    let errors: Record<string, string>;
    try {
      const result = await answerKioskTurn(req.ctx, req.kioskSessionId, pos, formInput(req.body));
      if (!result) return backHome(req, reply);
      if (!result.complete) {
        return wantsJson(req) ? reply.send({ next: null, complete: false }) : reply.redirect(paths.turn.href({ position: pos }), 303);
      }
      return backHome(req, reply, { klart: "sparad" });
    } catch (e) {
      // A turn skipped or expired meanwhile: nothing is stored, and the kiosk goes on.
      if (e instanceof ConflictError) return backHome(req, reply);
      if (!(e instanceof ValidationError)) throw e;
      errors = e.fieldErrors;
    }
    const turn = await kioskTurn(req.ctx, req.kioskSessionId, pos);
    if (!turn) return backHome(req, reply);
    const shown = turnErrors(
      errors,
      turn.content,
      respondentView(req.view, chosenLanguage(req.body, turn.content, turn.invitation.language)),
    );
    if (wantsJson(req)) return reply.code(400).send({ errors: Object.entries(shown).map(([field, message]) => ({ field, message })) });
    return reply.page(turnPage(req.view, turn, req.body, postedTexts(req.body), shown), 400);
  });

  /** A refused staff unlock: the staff page again with the reason, the kiosk still locked. */
  const refusedStaff = async (req: FastifyRequest, reply: FastifyReply, refusal: StaffRefusal) => {
    if (refusal.messageKey === "kiosk.exit.notKiosk") return reply.redirect("/start", 303);
    const status = refusal.messageKey === "kiosk.exit.throttled" ? 429 : 401;
    const progress = await kioskProgress(req.ctx, req.kioskSessionId);
    const error = req.t(refusal.messageKey, { minutes: "minutes" in refusal ? (refusal.minutes ?? 0) : 0 });
    return reply.page(<StaffPage view={req.view} progress={progress} error={error} />, status);
  };

  // The staff controls: skip the next person, or end the kiosk; both need the staff member's password.
  app.post(paths.skip.pattern, kiosk, async (req, reply) => {
    const result = await skipTurn(req.ctx, req.kioskSessionId, decodeForm(skipInput, req.body));
    if (!result.ok) return refusedStaff(req, reply, result);
    return reply.redirect(paths.home.href(result.skipped ? { klart: "hoppad" } : undefined), 303);
  });

  app.get(paths.exit.pattern, kiosk, async (req, reply) => {
    const progress = await kioskProgress(req.ctx, req.kioskSessionId);
    if (!progress) return reply.redirect("/start", 303);
    return reply.page(<StaffPage view={req.view} progress={progress} />);
  });

  app.post(paths.exit.pattern, kiosk, async (req, reply) => {
    const result = await exitKiosk(req.ctx, req.sessionToken, req.kioskSessionId, decodeForm(staffInput, req.body));
    if (result.ok) return reply.redirect(meetingHref(result.processId, result.meetingId), 303);
    return refusedStaff(req, reply, result);
  });
}
