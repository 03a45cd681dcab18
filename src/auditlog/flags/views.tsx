import { ErrorSummary, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatNumber } from "../../platform/i18n.ts";
import { Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { Notice } from "../../platform/page-parts.tsx";
import { actionLabel } from "../model.ts";
import { FilterActions, LogTime, PeriodFields, Tabs } from "../parts.tsx";
import { type FlagKind, type FlagSettings, flagReason } from "./model.ts";
import { paths } from "./paths.ts";
import type { FlagsPage } from "./service.ts";
import type { FlagRow } from "./store.ts";

/** A failed note: which flag, the note as typed and the message. */
export interface ReviewError {
  logId: string;
  kind: string;
  note: string;
  message: string;
}

function SettingsForm({ view, values, errors }: { view: View; values: Record<string, string>; errors: Record<string, string> }) {
  const { t } = view;
  return (
    <form method="get" action={paths.flags.href()} novalidate aria-labelledby="flag-settings-h" class="sofia-section">
      <h2 id="flag-settings-h" class="ds-heading" data-size="sm">
        {t("auditlog.flags.settings")}
      </h2>
      <div class="sofia-filters">
        <PeriodFields view={view} values={values} errors={errors} />
        <TextField
          name="families"
          label={t("auditlog.flags.families")}
          value={values.families}
          error={errors.families}
          inputMode="numeric"
        />
        <TextField name="minutes" label={t("auditlog.flags.minutes")} value={values.minutes} error={errors.minutes} inputMode="numeric" />
        <TextField
          name="dayStart"
          label={t("auditlog.flags.dayStart")}
          value={values.dayStart}
          error={errors.dayStart}
          inputMode="numeric"
        />
        <TextField name="dayEnd" label={t("auditlog.flags.dayEnd")} value={values.dayEnd} error={errors.dayEnd} inputMode="numeric" />
      </div>
      <FilterActions view={view} resetHref={paths.flags.href()} />
    </form>
  );
}

function ReviewForm({ view, flag, error }: { view: View; flag: FlagRow; error?: ReviewError }) {
  const { t } = view;
  const id = `note-${flag.auditLogId}-${flag.kind}`;
  const mine = error && error.logId === String(flag.auditLogId) && error.kind === flag.kind ? error : undefined;
  return (
    <form method="post" action={paths.review.href()} class="sofia-flag-review">
      <input type="hidden" name="_csrf" value={view.csrfToken} />
      <input type="hidden" name="logId" value={String(flag.auditLogId)} />
      <input type="hidden" name="kind" value={flag.kind} />
      <div class="ds-field sofia-field">
        <label class="ds-label" for={id}>
          {t("auditlog.flags.note")}
        </label>
        <textarea
          class="ds-input"
          id={id}
          name="note"
          rows={2}
          maxLength={2000}
          aria-invalid={mine ? "true" : undefined}
          aria-describedby={mine ? `${id}-error` : undefined}
        >
          {mine?.note ?? ""}
        </textarea>
        {mine && (
          <div class="ds-validation-message" data-color="danger" id={`${id}-error`}>
            {mine.message}
          </div>
        )}
      </div>
      <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">
        {t("auditlog.flags.markReviewed")}
      </button>
    </form>
  );
}

export function FlagsPageView(props: {
  view: View;
  values: Record<string, string>;
  errors?: Record<string, string>;
  data?: FlagsPage;
  notice?: string;
  reviewError?: ReviewError;
}) {
  const { view, data, reviewError } = props;
  const { t, locale } = view;
  const errors = props.errors ?? {};
  const summary = reviewError ? { [`note-${reviewError.logId}-${reviewError.kind}`]: reviewError.message } : errors;
  return (
    <Layout view={view} title={t("auditlog.flags.title")}>
      <PageHeading>{t("auditlog.flags.title")}</PageHeading>
      <Tabs view={view} current="flags" />
      <ErrorSummary errors={summary} t={t} />
      <Notice text={props.notice} />
      <p class="ds-paragraph">{t("auditlog.flags.intro")}</p>
      <SettingsForm view={view} values={props.values} errors={errors} />
      {data && (
        <section aria-labelledby="flags-h" class="sofia-section">
          <h2 id="flags-h" class="ds-heading" data-size="sm">
            {t("auditlog.flags.open")}
          </h2>
          <p class="ds-paragraph" role="status">
            {data.total === 0
              ? t("auditlog.flags.none")
              : t("auditlog.flags.count", { total: formatNumber(locale, data.total), shown: formatNumber(locale, data.flags.length) })}
          </p>
          {data.flags.length > 0 && (
            <ScrollRegion labelledBy="flags-h">
              <table class="ds-table sofia-auditlog-table" data-border>
                <thead>
                  <tr>
                    <th scope="col">{t("auditlog.col.time")}</th>
                    <th scope="col">{t("auditlog.col.user")}</th>
                    <th scope="col">{t("auditlog.col.action")}</th>
                    <th scope="col">{t("auditlog.flags.why")}</th>
                    <th scope="col">{t("auditlog.flags.review")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.flags.map((f) => (
                    <tr>
                      <td class="sofia-nowrap">
                        <LogTime view={view} at={f.at} />
                      </td>
                      <td>
                        {f.actorDisplayName ?? t("auditlog.unknownUser")}
                        {f.actorUsername && <span class="sofia-auditlog-sub">{f.actorUsername}</span>}
                      </td>
                      <td>{actionLabel(t, f.action)}</td>
                      <td>{flagReason(t, f.kind as FlagKind, f.n, data.settings)}</td>
                      <td>
                        <ReviewForm view={view} flag={f} error={reviewError} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      )}
    </Layout>
  );
}

export const settingsValues = (s: FlagSettings): Record<string, string> => ({
  from: s.from,
  to: s.to,
  families: String(s.families),
  minutes: String(s.minutes),
  dayStart: String(s.dayStart),
  dayEnd: String(s.dayEnd),
});
