/**
 * A respondent's link (/svar/:token, public): the instrument in the invitation's language, the
 * answer posted as a plain form (303 to the thanks page) or by survey.js (x-sofia-fetch: 1, JSON
 * { next }), and kind words for a link that is used, too old or unknown. The address holds a
 * secret: every answer here is no-store and sends no referrer.
 */
import type { FastifyReply, FastifyRequest } from "fastify";
import { ValidationError } from "../../platform/errors.ts";
import { formInput, postedTexts } from "../../platform/form-pages.ts";
import { translateErrors } from "../../platform/forms.tsx";
import type { App, View } from "../../platform/http.ts";
import { isLocale, translator } from "../../platform/i18n.ts";
import { isRespondentLanguage } from "../languages.ts";
import { type Content, shownLanguage } from "../model.ts";
import { answerField } from "../responses/index.ts";
import { paths } from "./paths.ts";
import { answerLink, type LinkRefusal, openLink } from "./service.ts";
import { AnswerPage, LANGUAGE_PARAM, RefusedAnswerPage, respondentView, ThanksPage } from "./views.tsx";

type Params = { Params: { token: string } };

/** The header survey.js sends with a submission: the answer is JSON ({ next }) instead of a redirect. */
export const FETCH_HEADER = "x-sofia-fetch";

/** No copy anywhere and no referrer: the token in the address is the respondent's only key. */
export async function secretPage(_req: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header("cache-control", "no-store");
  reply.header("referrer-policy", "no-referrer");
}

export const refusalStatus = (refusal: LinkRefusal) => (refusal === "unknown" ? 404 : refusal === "throttled" ? 429 : 410);

/**
 * The page's frame in the respondent's language: Swedish and English from the catalogs, the
 * family's other languages from languages.ts (decision 0042).
 */
function viewIn(view: View, language: string | undefined): View {
  const locale = isLocale(language) ? language : view.locale;
  const base = { ...view, locale, t: translator(locale), path: "/svar" };
  return language ? respondentView(base, language) : base;
}

/**
 * The language a respondent chose (the `sprak` query parameter or form field), when it is one the
 * content has; otherwise the invitation's, which is the family's language (decision 0042).
 */
export function chosenLanguage(source: unknown, content: Content, invitationLang: string): string {
  const v = (source as Record<string, unknown> | undefined)?.[LANGUAGE_PARAM];
  const asked = typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : undefined;
  return asked && content.languages.includes(asked) ? asked : shownLanguage(content, invitationLang);
}

/** The language of the thanks page: the one the respondent answered in. */
const thanksHref = (lang: string) => paths.thanks.href(lang === "sv" ? undefined : { [LANGUAGE_PARAM]: lang });

/** A respondent's errors in plain words: "choose one of the answers", or the form's own message. */
function respondentErrors(errors: Record<string, string>, content: Content, view: View) {
  const items = new Set(content.items.map((i) => answerField(i.key)));
  const out: Record<string, string> = {};
  for (const [field, key] of Object.entries(errors)) {
    const at = items.has(field) ? field : answerField(content.items[0]?.key ?? "");
    if (!(at in out)) out[at] = key === "answer.error.noAnswers" ? key : "answer.error.choose";
  }
  return translateErrors(out, view.t);
}

export function answerPages(app: App): void {
  const wantsJson = (req: FastifyRequest) => req.headers[FETCH_HEADER] === "1";

  app.get(paths.thanks.pattern, { config: { permission: "public" }, onRequest: secretPage }, async (req, reply) => {
    const asked = (req.query as Record<string, unknown> | undefined)?.[LANGUAGE_PARAM];
    const lang = isRespondentLanguage(asked) ? asked : undefined;
    return reply.page(<ThanksPage view={viewIn(req.view, lang)} lang={lang} />);
  });

  app.get<Params>(paths.answer.pattern, { config: { permission: "public" }, onRequest: secretPage }, async (req, reply) => {
    const { token } = req.params;
    const open = await openLink(req.ctx, token);
    if ("refusal" in open)
      return reply.page(<RefusedAnswerPage view={req.view} refusal={open.refusal} minutes={open.minutes} />, refusalStatus(open.refusal));
    const lang = chosenLanguage(req.query, open.content, open.lang);
    return reply.page(
      <AnswerPage
        view={viewIn(req.view, lang)}
        content={open.content}
        lang={lang}
        action={paths.answer.href({ token })}
        languageHref={(l) => paths.answer.href({ token }, { [LANGUAGE_PARAM]: l })}
        unreviewed={open.unreviewed}
      />,
    );
  });

  app.post<Params>(paths.answer.pattern, { config: { permission: "public" }, onRequest: secretPage }, async (req, reply) => {
    const { token } = req.params;
    let errors: Record<string, string>;
    try {
      const result = await answerLink(req.ctx, token, formInput(req.body));
      if (result.refusal) {
        const status = refusalStatus(result.refusal);
        if (wantsJson(req)) return reply.code(status).send({ next: paths.answer.href({ token }), refusal: result.refusal });
        return reply.page(<RefusedAnswerPage view={req.view} refusal={result.refusal} minutes={result.minutes} />, status);
      }
      const posted = (req.body as Record<string, unknown> | undefined)?.[LANGUAGE_PARAM];
      const lang = isRespondentLanguage(posted) ? posted : "sv";
      const thanks = thanksHref(lang);
      if (wantsJson(req)) return reply.send({ next: result.complete ? thanks : null, complete: result.complete });
      return reply.redirect(
        result.complete ? thanks : paths.answer.href({ token }, lang === "sv" ? undefined : { [LANGUAGE_PARAM]: lang }),
        303,
      );
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      errors = e.fieldErrors;
    }
    const open = await openLink(req.ctx, token);
    if ("refusal" in open)
      return reply.page(<RefusedAnswerPage view={req.view} refusal={open.refusal} minutes={open.minutes} />, refusalStatus(open.refusal));
    const lang = chosenLanguage(req.body, open.content, open.lang);
    const view = viewIn(req.view, lang);
    const shown = respondentErrors(errors, open.content, view);
    if (wantsJson(req)) return reply.code(400).send({ errors: Object.entries(shown).map(([field, message]) => ({ field, message })) });
    return reply.page(
      <AnswerPage
        view={view}
        content={open.content}
        lang={lang}
        action={paths.answer.href({ token })}
        values={postedTexts(req.body)}
        errors={shown}
        languageHref={(l) => paths.answer.href({ token }, { [LANGUAGE_PARAM]: l })}
        unreviewed={open.unreviewed}
      />,
      400,
    );
  });
}
