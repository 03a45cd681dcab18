/**
 * The survey kiosk's pages. The staff member's start page is in the app frame and names the
 * respondents; every page of the kiosk itself is a RespondentLayout page: no navigation, no names,
 * no case data, no link into the app.
 */

import type { FieldErrors } from "../../platform/errors.ts";
import { Checkbox, ErrorSummary, fieldId, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import { meetingHref, rateText } from "../../processes/index.ts";
import { RespondentLayout, respondentView } from "../answer/index.ts";
import { htmlLang } from "../languages.ts";
import { paths } from "./paths.ts";
import { chosenField, type KioskForm, orderField, type Progress } from "./service.ts";

export type StartValues = Record<string, string>;

/** The values of a fresh start form: everyone who has not answered ticked, numbered in the default order (parents first). */
export function defaultStartValues(form: KioskForm): StartValues {
  const out: StartValues = {};
  form.respondents
    .filter((r) => !r.answered)
    .forEach((r, i) => {
      out[chosenField(r.personId)] = "on";
      out[orderField(r.personId)] = String(i + 1);
    });
  return out;
}

/** The staff member's page: who answers now and in which order, then start. Names are shown here only. */
export function KioskStartPage({
  view,
  form,
  values,
  errors = {},
  conflict,
}: {
  view: View;
  form: KioskForm;
  values: StartValues;
  errors?: FieldErrors;
  conflict?: string;
}) {
  const { t } = view;
  const title = t("kiosk.start.title", { meeting: form.meetingTypeName });
  const self = paths.start.href({ id: form.processId, meetingId: form.meetingId });
  return (
    <Layout view={view} title={title}>
      <BackLink href={meetingHref(form.processId, form.meetingId)} text={t("kiosk.start.back")} />
      <PageHeading>{title}</PageHeading>
      <ConflictAlert message={conflict} reloadHref={self} t={t} />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("kiosk.start.date", { date: form.date })}</p>
      <p class="ds-paragraph">{t("kiosk.start.intro")}</p>
      <p class="ds-paragraph">{rateText(t, form.rate)}</p>
      {form.respondents.length > 0 && form.respondents.every((r) => r.answered) && (
        <p class="ds-paragraph">{t("kiosk.start.allAnswered")}</p>
      )}
      {form.respondents.length === 0 ? (
        <p class="ds-paragraph">{t("kiosk.start.none")}</p>
      ) : (
        <form method="post" action={self} novalidate class="sofia-narrow">
          <CsrfField view={view} />
          <section aria-labelledby="kiosk-who-h" class="sofia-section" id={fieldId("respondents")} tabIndex={-1}>
            <h2 id="kiosk-who-h" class="ds-heading" data-size="sm">
              {t("kiosk.start.respondents")}
            </h2>
            <p class="ds-paragraph sofia-hint" data-size="sm">
              {t("kiosk.start.respondentsHint")}
            </p>
            {errors.respondents && (
              <div class="ds-validation-message" data-color="danger">
                {errors.respondents}
              </div>
            )}
            {form.respondents.map((r) => {
              const role = r.role === "child" ? t("kiosk.start.childRole", { band: r.ageBand ?? "" }) : t(`responses.role.${r.role}`);
              if (r.answered) {
                // Answered after this meeting (kiosk, link or paper): shown, not choosable.
                return (
                  <div class="sofia-field" data-respondent data-answered>
                    <p class="ds-paragraph">
                      <strong>{`${r.name} – ${role}`}</strong>
                    </p>
                    <p class="ds-paragraph">{t("kiosk.start.answered")}</p>
                  </div>
                );
              }
              return (
                <fieldset class="ds-fieldset sofia-field" data-respondent>
                  <legend class="ds-label">{`${r.name} – ${role}`}</legend>
                  <Checkbox
                    name={chosenField(r.personId)}
                    label={t("kiosk.start.col.answers")}
                    checked={values[chosenField(r.personId)] === "on"}
                  />
                  <TextField
                    name={orderField(r.personId)}
                    label={t("kiosk.start.col.order")}
                    value={values[orderField(r.personId)] ?? ""}
                    inputMode="numeric"
                    error={errors[orderField(r.personId)]}
                  />
                </fieldset>
              );
            })}
          </section>
          <p class="ds-paragraph sofia-actions">
            <button type="submit" class="ds-button" data-variant="primary">
              {t("kiosk.start.submit")}
            </button>
          </p>
        </form>
      )}
    </Layout>
  );
}

/** The password form that ends the kiosk, when everyone is done. */
function ExitForm({ view, error }: { view: View; error?: string }) {
  const { t } = view;
  return (
    <form method="post" action={paths.exit.href()} novalidate class="sofia-narrow">
      <CsrfField view={view} />
      <TextField name="password" type="password" label={t("kiosk.exit.password")} autocomplete="current-password" error={error} />
      <p class="ds-paragraph sofia-actions">
        <button type="submit" class="ds-button" data-variant="secondary">
          {t("kiosk.exit.submit")}
        </button>
      </p>
    </form>
  );
}

/**
 * The page between respondents. With a turn left, it speaks to the family: "Nu är det din tur",
 * the next one's role (parent or child, never a name), how many have answered after the meeting
 * (the meeting page's figure) and one big button; the staff controls are behind the staff unlock
 * (a small link to the staff page). When all are done: thanks and the exit form.
 */
export function HandBackPage({
  view,
  progress,
  noticeKey,
}: {
  view: View;
  progress: Progress;
  noticeKey?: "kiosk.handback.saved" | "kiosk.handback.skipped";
}) {
  const { t } = view;
  const next = progress.next;
  const title = next ? t("kiosk.handback.yourTurn") : t("kiosk.handback.done");
  const rate = t("kiosk.handback.progress", { answered: progress.rate.responses, total: progress.rate.attended });
  if (!next) {
    const notice = noticeKey && t(noticeKey);
    return (
      <RespondentLayout view={view} title={title}>
        <div>
          <h1 class="ds-heading" data-size="lg">
            {title}
          </h1>
          <Notice text={notice} />
          <p class="ds-paragraph" data-size="lg">
            {rate}
          </p>
          <section aria-labelledby="kiosk-exit-h" class="sofia-section">
            <h2 id="kiosk-exit-h" class="ds-heading" data-size="sm">
              {t("kiosk.exit.title")}
            </h2>
            <p class="ds-paragraph">{t("kiosk.exit.intro")}</p>
            <ExitForm view={view} />
          </section>
        </div>
      </RespondentLayout>
    );
  }
  // The family's words in the next turn's language (decision 0042); the staff link in the staff's.
  const family = respondentView(view, next.language).t;
  const familyTitle = family("kiosk.handback.yourTurn");
  return (
    <RespondentLayout view={view} title={familyTitle} lang={next.language}>
      <div class="sofia-kiosk-turn">
        <Notice text={noticeKey && family(noticeKey)} />
        <h1 class="ds-heading" data-size="xl">
          {familyTitle}
        </h1>
        <p class="ds-paragraph sofia-kiosk-turn__role" data-size="xl" data-kiosk-role>
          {family("kiosk.handback.role", { role: family(`kiosk.audience.${next.audience}`) })}
        </p>
        <p class="ds-paragraph sofia-actions">
          <a class="ds-button sofia-kiosk-turn__start" data-variant="primary" data-size="lg" href={paths.next.href()}>
            {family("kiosk.handback.start")}
          </a>
        </p>
        <p class="ds-paragraph" data-size="lg">
          {family("kiosk.handback.progress", { answered: progress.rate.responses, total: progress.rate.attended })}
        </p>
        <p class="ds-paragraph sofia-section" lang={htmlLang(view.locale)} dir="ltr">
          <a class="ds-link" href={paths.exit.href()}>
            {t("kiosk.handback.staffLink")}
          </a>
        </p>
      </div>
    </RespondentLayout>
  );
}

/**
 * The staff page (the staff unlock): the staff member's password, then skip the next person or end
 * the kiosk. A wrong password is refused, throttled and logged, and the kiosk stays locked.
 */
export function StaffPage({ view, progress, error }: { view: View; progress: Progress | null; error?: string }) {
  const { t } = view;
  const title = t("kiosk.staff.title");
  const errors: FieldErrors = error ? { password: error } : {};
  const next = progress?.next ?? null;
  return (
    <RespondentLayout view={view} title={title}>
      <div>
        <h1 class="ds-heading" data-size="lg">
          {title}
        </h1>
        <ErrorSummary errors={errors} t={t} />
        <p class="ds-paragraph">{t("kiosk.staff.intro")}</p>
        <form method="post" action={paths.exit.href()} novalidate class="sofia-narrow">
          <CsrfField view={view} />
          {next && <input type="hidden" name="position" value={String(next.position)} />}
          <TextField name="password" type="password" label={t("kiosk.exit.password")} autocomplete="current-password" error={error} />
          <p class="ds-paragraph sofia-actions">
            <button type="submit" class="ds-button" data-variant="secondary">
              {t("kiosk.exit.submit")}
            </button>
            {next && (
              <button type="submit" class="ds-button" data-variant="secondary" formaction={paths.skip.href()}>
                {t("kiosk.staff.skip", { role: t(`kiosk.audience.${next.audience}`) })}
              </button>
            )}
          </p>
        </form>
        <p class="ds-paragraph sofia-section">
          <a class="ds-link" href={paths.home.href()}>
            {t("kiosk.exit.back")}
          </a>
        </p>
      </div>
    </RespondentLayout>
  );
}
