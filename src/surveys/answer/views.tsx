/**
 * The respondents' answer screen, shared by a link and the kiosk: a page frame without the app's
 * navigation, user or case data, and the answer form (one fieldset per question, large touch
 * targets, Sofia's faces on the faces scale). Without JavaScript every question is on one page;
 * /static/js/survey.js turns it into one question per screen with progress and reading aloud.
 */
import type { ComponentChildren } from "preact";
import type { FieldErrors } from "../../platform/errors.ts";
import { ErrorSummary, fieldId } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import type { Translate } from "../../platform/i18n.ts";
import { DocumentHead } from "../../platform/layout.tsx";
import { Face } from "../faces.tsx";
import { dirOf, endonyms, htmlLang, isRespondentLanguage, respondentTranslator, speechLang } from "../languages.ts";
import { type Content, DONT_KNOW, textIn } from "../model.ts";
import { answerField } from "../responses/index.ts";

/** The script of the answer screen, loaded with the page's nonce. */
export const SURVEY_SCRIPT = "/static/js/survey.js";

/**
 * A whole page for respondents: Sofia's stylesheets, a skip link and one main landmark, but no
 * navigation, no user name, no link into the app and no case data.
 */
export function RespondentLayout({
  view,
  title,
  lang,
  children,
}: {
  view: View;
  title: string;
  /** The respondent's language (the family's); the page's own locale when not given. */
  lang?: string;
  children: ComponentChildren;
}) {
  const { t } = view;
  const shown = lang ?? view.locale;
  return (
    <html lang={htmlLang(shown)} dir={dirOf(shown)} data-color-scheme="light">
      <DocumentHead view={view} title={title} scripts={[SURVEY_SCRIPT]} />
      <body class="sofia-respondent">
        <a class="ds-skip-link" href="#main">
          {t("answer.skipLink")}
        </a>
        <header class="sofia-respondent__header">
          <p class="sofia-respondent__name">{t("app.name")}</p>
        </header>
        <main id="main" tabIndex={-1} class="sofia-main sofia-respondent__main">
          {children}
        </main>
      </body>
    </html>
  );
}

export type AnswerValues = Record<string, string>;

/** The query parameter (and hidden form field) of the language a respondent chose. */
export const LANGUAGE_PARAM = "sprak";

/** The page's words in the respondent's language (languages.ts); Swedish and English from the catalogs. */
export function respondentView(view: View, lang: string): View {
  return isRespondentLanguage(lang) ? { ...view, t: respondentTranslator(lang, view.t) } : view;
}

/**
 * The respondent's choice of language: a link per language of the version, each named in itself;
 * a plain link, so it works without JavaScript.
 */
export function LanguageSwitch({
  t,
  languages,
  current,
  hrefFor,
}: {
  t: Translate;
  languages: readonly string[];
  current: string;
  hrefFor: (lang: string) => string;
}) {
  const shown = languages.filter(isRespondentLanguage);
  if (shown.length < 2) return null;
  return (
    <nav class="sofia-answer__languages" aria-label={t("answer.language")}>
      <ul class="sofia-answer__language-list">
        {shown.map((lang) => (
          <li>
            <a
              class="ds-link sofia-answer__language"
              href={hrefFor(lang)}
              lang={htmlLang(lang)}
              dir={dirOf(lang)}
              hreflang={htmlLang(lang)}
              aria-current={lang === current ? "true" : undefined}
            >
              {endonyms[lang]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

interface Choice {
  value: string;
  label: string;
  face: number | null;
}

/** One question: its legend, the scale as large radio cards, the field's error. */
function Question({
  t,
  n,
  total,
  name,
  legend,
  choices,
  value,
  error,
}: {
  t: Translate;
  n: number;
  total: number;
  name: string;
  legend: string;
  choices: Choice[];
  value: string;
  error?: string;
}) {
  const id = fieldId(name);
  const legendId = `${id}-legend`;
  return (
    <fieldset
      class="sofia-answer__item"
      data-survey-item
      data-progress={t("answer.progress", { n, total })}
      aria-describedby={error ? `${id}-error` : undefined}
    >
      <legend class="sofia-answer__legend" id={legendId}>
        {legend}
      </legend>
      {error && (
        <p class="ds-validation-message sofia-answer__error" data-color="danger" id={`${id}-error`}>
          {error}
        </p>
      )}
      <div class="sofia-answer__options" data-survey-options>
        {choices.map((c, i) => {
          const optionId = i === 0 ? id : `${id}-${c.value}`;
          return (
            <div class={`sofia-answer__option${c.face === null ? " sofia-answer__option--plain" : ""}`}>
              <input
                class="sofia-answer__radio"
                type="radio"
                id={optionId}
                name={name}
                value={c.value}
                checked={value === c.value}
                aria-invalid={error ? "true" : undefined}
              />
              <label class="sofia-answer__label" for={optionId}>
                {c.face !== null && <Face value={c.face} />}
                <span class="sofia-answer__text">{c.label}</span>
              </label>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/**
 * The answer form: a plain POST with one fieldset per item, each scale value a radio with its
 * label (and, on the faces scale, one of Sofia's faces), "don't know" when the scale allows it.
 * Errors are linked from the summary to the question's first option. `offlineNext` is where the
 * script moves on to when the answer is kept offline (the kiosk's next turn).
 */
export function AnswerForm({
  t,
  content,
  lang,
  action,
  csrfToken,
  values = {},
  errors = {},
  child,
  offlineNext,
}: {
  t: Translate;
  content: Content;
  /** The language the instrument's texts are shown in. */
  lang: string;
  action: string;
  csrfToken: string;
  values?: AnswerValues;
  errors?: FieldErrors;
  child: boolean;
  offlineNext?: string;
}) {
  const faces = content.scale.kind === "faces4";
  const choices: Choice[] = [
    ...content.scale.options.map((o) => ({ value: String(o.value), label: textIn(o.labels, lang), face: faces ? o.value : null })),
    ...(content.scale.allowDontKnow ? [{ value: DONT_KNOW, label: t("answer.dontKnow"), face: null }] : []),
  ];
  const total = content.items.length;
  return (
    <form
      method="post"
      action={action}
      novalidate
      class={`sofia-answer${child ? " sofia-answer--child" : ""}${faces ? " sofia-answer--faces" : ""}`}
      lang={htmlLang(lang)}
      data-survey-form
      data-offline-next={offlineNext}
      data-next={t("answer.next")}
      data-previous={t("answer.previous")}
      data-read-aloud={t("answer.readAloud")}
      data-saving={t("answer.saving")}
      data-offline={t("answer.offline")}
      data-speech-lang={speechLang(lang)}
    >
      <input type="hidden" name="_csrf" value={csrfToken} />
      <input type="hidden" name={LANGUAGE_PARAM} value={lang} />
      <input type="hidden" name="complete" value="1" />
      <ErrorSummary errors={errors} t={t} />
      <p class="sofia-answer__progress" data-survey-progress aria-live="polite" hidden />
      {content.items.map((item, i) => {
        const name = answerField(item.key);
        return (
          <Question
            t={t}
            n={i + 1}
            total={total}
            name={name}
            legend={textIn(item.texts, lang)}
            choices={choices}
            value={values[name] ?? ""}
            error={errors[name]}
          />
        );
      })}
      <div class="sofia-answer__actions" data-survey-actions>
        <button type="submit" class="ds-button sofia-answer__submit" data-variant="primary" data-survey-submit>
          {t("answer.submit")}
        </button>
      </div>
      <p class="sofia-answer__status" data-survey-status role="status" />
    </form>
  );
}

/** The instrument's page for a respondent: its name, a word on anonymity and time, and the form. */
export function AnswerPage({
  view,
  content,
  lang,
  action,
  values,
  errors,
  offlineNext,
  languageHref,
  unreviewed = [],
}: {
  view: View;
  content: Content;
  lang: string;
  action: string;
  values?: AnswerValues;
  errors?: FieldErrors;
  offlineNext?: string;
  /** The address of this screen in another language; no language switch when not given. */
  languageHref?: (lang: string) => string;
  /** The version's languages still waiting for a native speaker's review. */
  unreviewed?: readonly string[];
}) {
  const { t } = view;
  const child = content.audience === "child";
  const title = textIn(content.name, lang);
  return (
    <RespondentLayout view={view} title={title} lang={lang}>
      {languageHref && <LanguageSwitch t={t} languages={content.languages} current={lang} hrefFor={languageHref} />}
      <h1 class="ds-heading" data-size="lg">
        {title}
      </h1>
      {unreviewed.includes(lang) && (
        <p class="ds-paragraph sofia-hint sofia-answer__unreviewed" data-size="sm">
          {t("answer.unreviewed")}
        </p>
      )}
      <p class="ds-paragraph">{t(child ? "answer.introChild" : "answer.intro")}</p>
      <p class="ds-paragraph">{t("answer.noTimeLimit")}</p>
      <AnswerForm
        t={t}
        content={content}
        lang={lang}
        action={action}
        csrfToken={view.csrfToken}
        values={values}
        errors={errors}
        child={child}
        offlineNext={offlineNext}
      />
    </RespondentLayout>
  );
}

/** After the last answer: thanks, and nothing more to do. */
export function ThanksPage({ view, lang }: { view: View; lang?: string }) {
  const { t } = view;
  const title = t("answer.thanks.title");
  return (
    <RespondentLayout view={view} title={title} lang={lang}>
      <div class="sofia-answer__done">
        <Face value={4} class="sofia-face sofia-face--large" />
        <h1 class="ds-heading" data-size="lg">
          {title}
        </h1>
        <p class="ds-paragraph">{t("answer.thanks.text")}</p>
      </div>
    </RespondentLayout>
  );
}

/** A link that cannot be answered (already used, too late, or never issued): kind words and no form. */
export function RefusedAnswerPage({
  view,
  refusal,
  minutes = 0,
}: {
  view: View;
  refusal: "unknown" | "used" | "expired" | "throttled";
  /** How long an address that guessed too many codes waits. */
  minutes?: number;
}) {
  const { t } = view;
  const title = t(`answer.refused.${refusal}`);
  return (
    <RespondentLayout view={view} title={title}>
      <div class="sofia-answer__done">
        {refusal === "used" && <Face value={4} class="sofia-face sofia-face--large" />}
        <h1 class="ds-heading" data-size="lg">
          {title}
        </h1>
        <p class="ds-paragraph">{t(`answer.refused.${refusal}Text`, { minutes })}</p>
        <p class="ds-paragraph">{t("answer.refused.closeText")}</p>
      </div>
    </RespondentLayout>
  );
}
