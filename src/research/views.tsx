/** The research export pages: the form with the log of past exports, and the confirmation with the counts and the download button. */
import type { FieldErrors } from "../platform/errors.ts";
import { Checkbox, DateField, ErrorSummary, TextAreaField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { formatDateTime, formatNumber } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { NumHeader } from "../platform/page-parts.tsx";
import { PURPOSE_MAX } from "./model.ts";
import { paths } from "./paths.ts";
import type { ExportInput } from "./schemas.ts";
import type { LoggedExport, Preview } from "./service.ts";

/** What the form shows: what the user typed, or the defaults (exact dates off, case type and household on). */
export interface FormValues {
  purpose: string;
  from: string;
  to: string;
  exactDates: boolean;
  caseTypeAndHousehold: boolean;
}

/** The form's values from a posted body: texts as typed, a checkbox ticked when sent. */
export function postedValues(body: unknown): FormValues {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const text = (k: string) => (typeof b[k] === "string" ? (b[k] as string) : "");
  return {
    purpose: text("purpose"),
    from: text("from"),
    to: text("to"),
    exactDates: b.exactDates === "on",
    caseTypeAndHousehold: b.caseTypeAndHousehold === "on",
  };
}

function optionsText(view: View, o: { exactDates: boolean; caseTypeAndHousehold: boolean }): string {
  const { t } = view;
  return [
    t(o.exactDates ? "research.options.exactDates" : "research.options.monthOnly"),
    t(o.caseTypeAndHousehold ? "research.options.withCaseType" : "research.options.withoutCaseType"),
  ].join(", ");
}

function ExportLog({ view, log }: { view: View; log: LoggedExport[] }) {
  const { t, locale } = view;
  return (
    <>
      <h2 class="ds-heading sofia-section" data-size="sm" id="log-heading">
        {t("research.log.heading")}
      </h2>
      {log.length === 0 ? (
        <p class="ds-paragraph">{t("research.log.none")}</p>
      ) : (
        <ScrollRegion labelledBy="log-caption">
          <table class="ds-table" data-border id="research-log">
            <caption id="log-caption">{t("research.log.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("research.col.date")}</th>
                <th scope="col">{t("research.col.by")}</th>
                <th scope="col">{t("research.col.purpose")}</th>
                <th scope="col">{t("research.col.period")}</th>
                <th scope="col">{t("research.col.options")}</th>
                <NumHeader>{t("research.col.rows")}</NumHeader>
              </tr>
            </thead>
            <tbody>
              {log.map((e) => (
                <tr>
                  <td>{formatDateTime(locale, e.createdAt)}</td>
                  <td>{e.createdBy}</td>
                  <td>{e.purpose}</td>
                  <td>{e.from && e.to ? t("research.period.value", { from: e.from, to: e.to }) : "–"}</td>
                  <td>{optionsText(view, e)}</td>
                  <td class="sofia-num">{formatNumber(locale, e.rowCount)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </>
  );
}

export function ExportFormPage(props: { view: View; values: FormValues; log: LoggedExport[]; errors?: FieldErrors }) {
  const { view, values } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("research.title")}>
      <PageHeading>{t("research.title")}</PageHeading>
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("research.intro")}</p>
      <h2 class="ds-heading sofia-section" data-size="sm">
        {t("research.form.heading")}
      </h2>
      <form method="post" action={paths.exportForm.href()} novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="step" value="review" />
        <TextAreaField
          name="purpose"
          label={t("research.purpose")}
          hint={t("research.purpose.hint")}
          value={values.purpose}
          rows={3}
          maxLength={PURPOSE_MAX}
          required
          error={errors.purpose}
        />
        <fieldset class="ds-fieldset sofia-field">
          <legend class="ds-label">{t("research.period.legend")}</legend>
          <div class="sofia-filters">
            <DateField t={t} locale={view.locale} name="from" label={t("research.from")} value={values.from} required error={errors.from} />
            <DateField t={t} locale={view.locale} name="to" label={t("research.to")} value={values.to} required error={errors.to} />
          </div>
        </fieldset>
        <fieldset class="ds-fieldset sofia-field">
          <legend class="ds-label">{t("research.options.legend")}</legend>
          <Checkbox name="exactDates" label={t("research.exactDates")} checked={values.exactDates} error={errors.exactDates} />
          <Checkbox
            name="caseTypeAndHousehold"
            label={t("research.caseTypeAndHousehold")}
            checked={values.caseTypeAndHousehold}
            error={errors.caseTypeAndHousehold}
          />
        </fieldset>
        <button type="submit" class="ds-button" data-variant="primary">
          {t("research.form.submit")}
        </button>
      </form>
      <ExportLog view={view} log={props.log} />
    </Layout>
  );
}

/** The hidden copy of the reviewed input, sent again with Download or Change. */
function HiddenInput({ input }: { input: ExportInput }) {
  return (
    <>
      <input type="hidden" name="purpose" value={input.purpose} />
      <input type="hidden" name="from" value={input.from} />
      <input type="hidden" name="to" value={input.to} />
      {input.exactDates && <input type="hidden" name="exactDates" value="on" />}
      {input.caseTypeAndHousehold && <input type="hidden" name="caseTypeAndHousehold" value="on" />}
    </>
  );
}

export function ConfirmPage({ view, preview }: { view: View; preview: Preview }) {
  const { t, locale } = view;
  const { input } = preview;
  const n = (x: number) => formatNumber(locale, x);
  return (
    <Layout view={view} title={t("research.confirm.title")}>
      <PageHeading>{t("research.confirm.title")}</PageHeading>
      <p class="ds-paragraph">{t("research.confirm.intro")}</p>
      <dl class="sofia-wm-facts" id="research-summary">
        <dt>{t("research.purpose")}</dt>
        <dd>{input.purpose}</dd>
        <dt>{t("research.col.period")}</dt>
        <dd>{t("research.period.value", { from: input.from, to: input.to })}</dd>
        <dt>{t("research.col.options")}</dt>
        <dd>{optionsText(view, input)}</dd>
        <dt>{t("research.confirm.families")}</dt>
        <dd>{n(preview.families)}</dd>
        <dt>{t("research.confirm.rows")}</dt>
        <dd>{n(preview.rows)}</dd>
      </dl>
      {preview.families === 0 && <p class="ds-paragraph">{t("research.confirm.noFamilies")}</p>}
      <form method="post" action={paths.exportForm.href()} class="sofia-actions">
        <CsrfField view={view} />
        <HiddenInput input={input} />
        <button type="submit" class="ds-button" data-variant="primary" name="step" value="download">
          {t("research.confirm.download")}
        </button>
        <button type="submit" class="ds-button" data-variant="secondary" name="step" value="change">
          {t("research.confirm.change")}
        </button>
      </form>
      <div class="sofia-section">
        <p class="ds-paragraph">
          {t("research.confirm.after")}{" "}
          <a class="ds-link" href={paths.exportForm.href()}>
            {t("research.confirm.back")}
          </a>
        </p>
      </div>
    </Layout>
  );
}
