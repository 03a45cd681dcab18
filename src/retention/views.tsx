/** The retention page: the rules with their minimums, the preview in counts, the latest receipt; and the confirmation step. */
import { Checkbox, ErrorSummary, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { ConfirmForm, Notice, NumHeader } from "../platform/page-parts.tsx";
import { type Counts, LEGAL_MINIMUM, retentionKinds } from "./model.ts";
import { paths } from "./paths.ts";
import type { RetentionPage } from "./service.ts";

function CountsTable({ view, counts, caption }: { view: View; counts: Counts; caption: string }) {
  const { t } = view;
  return (
    <table class="ds-table" data-border>
      <caption class="ds-sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t("retention.preview.kind")}</th>
          <NumHeader>{t("retention.preview.count")}</NumHeader>
        </tr>
      </thead>
      <tbody>
        {retentionKinds.flatMap((k) =>
          counts[k] === undefined
            ? []
            : [
                <tr>
                  <th scope="row">{t(`retention.kind.${k}`)}</th>
                  <td class="sofia-num">{counts[k]}</td>
                </tr>,
              ],
        )}
      </tbody>
    </table>
  );
}

export function RetentionPageView({
  view,
  data,
  values,
  errors = {},
  notice,
}: {
  view: View;
  data: RetentionPage;
  values?: Record<string, string | string[]>;
  errors?: Record<string, string>;
  notice?: string;
}) {
  const { t } = view;
  const value = (name: string, fallback: string) => (values ? ([values[name] ?? ""].flat()[0] ?? "") : fallback);
  const hasRules = Object.keys(data.preview).length > 0;
  return (
    <Layout view={view} title={t("retention.title")}>
      <PageHeading>{t("retention.title")}</PageHeading>
      <Notice text={notice} />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("retention.intro")}</p>
      <div class="ds-alert" data-color="info">
        <p class="ds-paragraph">{t("retention.followupNote")}</p>
      </div>
      <section aria-labelledby="rules-h" class="sofia-section">
        <h2 id="rules-h" class="ds-heading" data-size="sm">
          {t("retention.rules.title")}
        </h2>
        <form method="post" action={paths.rules.href()} novalidate>
          <CsrfField view={view} />
          {retentionKinds.map((k) => (
            <TextField
              name={`rules.${k}`}
              label={t(`retention.kind.${k}`)}
              hint={t(`retention.after.${k}`, { min: LEGAL_MINIMUM[k] })}
              value={value(`rules.${k}`, data.rules[k] === undefined ? "" : String(data.rules[k]))}
              error={errors[`rules.${k}`]}
              inputMode="numeric"
              autocomplete="off"
            />
          ))}
          <Checkbox name="jobEnabled" label={t("retention.job")} checked={values ? values.jobEnabled !== undefined : data.jobEnabled} />
          <p class="ds-paragraph sofia-hint" data-size="sm">
            {t("retention.jobHint")}
          </p>
          <TextField
            name="breakGlassMinutes"
            label={t("retention.breakGlassMinutes")}
            hint={t("retention.breakGlassHint")}
            value={value("breakGlassMinutes", String(data.breakGlassMinutes))}
            error={errors.breakGlassMinutes}
            inputMode="numeric"
            autocomplete="off"
          />
          <p class="ds-paragraph">
            <button type="submit" class="ds-button" data-variant="primary">
              {t("retention.save")}
            </button>
          </p>
        </form>
      </section>
      <section aria-labelledby="preview-h" class="sofia-section">
        <h2 id="preview-h" class="ds-heading" data-size="sm">
          {t("retention.preview.title")}
        </h2>
        {hasRules ? (
          <>
            <p class="ds-paragraph">{t("retention.preview.text")}</p>
            <CountsTable view={view} counts={data.preview} caption={t("retention.preview.title")} />
            {data.keptForPlacement !== null && (
              <p class="ds-paragraph" id="kept-for-placement">
                {t("retention.preview.keptForPlacement", { n: data.keptForPlacement })}
              </p>
            )}
            <form method="post" action={paths.run.href()}>
              <CsrfField view={view} />
              <p class="ds-paragraph">
                <button type="submit" class="ds-button" data-variant="secondary" data-color="danger">
                  {t("retention.run")}
                </button>
              </p>
            </form>
          </>
        ) : (
          <p class="ds-paragraph">{t("retention.preview.none")}</p>
        )}
      </section>
      <section aria-labelledby="last-h" class="sofia-section">
        <h2 id="last-h" class="ds-heading" data-size="sm">
          {t("retention.lastRun.title")}
        </h2>
        {data.lastRun ? (
          <>
            <p class="ds-paragraph">
              {t("retention.lastRun.when", {
                date: new Intl.DateTimeFormat(view.locale === "en" ? "en-GB" : "sv-SE", {
                  timeZone: "Europe/Stockholm",
                  dateStyle: "long",
                  timeStyle: "short",
                }).format(data.lastRun.at),
                trigger: t(data.lastRun.trigger === "job" ? "retention.trigger.job" : "retention.trigger.manual"),
              })}
            </p>
            <CountsTable view={view} counts={data.lastRun.counts} caption={t("retention.lastRun.title")} />
          </>
        ) : (
          <p class="ds-paragraph">{t("retention.lastRun.none")}</p>
        )}
      </section>
    </Layout>
  );
}

/** The confirmation step: what would go, in counts, and the danger button. */
export function ConfirmRunView({ view, counts }: { view: View; counts: Counts }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("retention.confirm.title")}>
      <PageHeading>{t("retention.confirm.title")}</PageHeading>
      <ConfirmForm
        action={paths.run.href()}
        csrfToken={view.csrfToken}
        values={{}}
        submit={t("retention.confirm.submit")}
        cancelHref={paths.page.href()}
        cancelText={t("retention.cancel")}
      >
        <p class="ds-paragraph">{t("retention.confirm.text")}</p>
      </ConfirmForm>
      <CountsTable view={view} counts={counts} caption={t("retention.confirm.title")} />
      <p class="ds-paragraph">{t("retention.followupNote")}</p>
    </Layout>
  );
}
