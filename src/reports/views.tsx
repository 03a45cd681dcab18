/** The interim report pages: the list with the versions and their files, and the report's form with "Ta fram ny version". */

import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { ErrorSummary, TextAreaField, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { formatDateTime, formatNumber, type Locale } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../platform/page-parts.tsx";
import { scopeFor } from "../platform/permissions.ts";
import { TEXT_MAX, textSections } from "./model.ts";
import { fileHref, paths } from "./paths.ts";
import type { Report, VersionSummary } from "./service.ts";

export type Values = Record<string, string | string[]>;
export interface Failure {
  status: number;
  errors: FieldErrors;
  conflict?: string;
}

const canManage = (view: View) => !!view.actor && !!scopeFor(view.actor.roles, "reports.manage");

const dateFormats = {
  sv: new Intl.DateTimeFormat("sv-SE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
  en: new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }),
};
const formatDay = (locale: Locale, iso: string) => dateFormats[locale].format(new Date(`${iso}T00:00:00Z`));
const periodOf = (view: View, r: Pick<Report, "periodFrom" | "periodTo">) =>
  view.t("reports.periodText", { from: formatDay(view.locale, r.periodFrom), to: formatDay(view.locale, r.periodTo) });

/** "245 kB" */
function size(locale: Locale, bytes: number): string {
  return `${formatNumber(locale, Math.max(1, Math.round(bytes / 1024)))} kB`;
}

function VersionFiles({ view, reportId, v }: { view: View; reportId: string; v: VersionSummary }) {
  const { t, locale } = view;
  return (
    <span class="sofia-actions">
      <a class="ds-link" href={fileHref(reportId, v.number, "pdf")} download>
        {t("reports.version.pdf", { n: v.number, size: size(locale, v.pdfBytes) })}
      </a>
      <a class="ds-link" href={fileHref(reportId, v.number, "docx")} download>
        {t("reports.version.docx", { n: v.number, size: size(locale, v.docxBytes) })}
      </a>
      <a class="ds-link" href={fileHref(reportId, v.number, "xlsx")} download>
        {t("reports.version.xlsx", { n: v.number })}
      </a>
      <a class="ds-link" href={fileHref(reportId, v.number, "csv")} download>
        {t("reports.version.csv", { n: v.number })}
      </a>
    </span>
  );
}

function VersionsTable({ view, report, captionId }: { view: View; report: Report; captionId: string }) {
  const { t, locale } = view;
  if (report.versions.length === 0) return <p class="ds-paragraph">{t("reports.list.noVersions")}</p>;
  return (
    <ScrollRegion labelledBy={captionId}>
      <table class="ds-table" data-border>
        <caption id={captionId}>{t("reports.version.caption", { title: report.title })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.col.number")}</th>
            <th scope="col">{t("reports.col.generatedAt")}</th>
            <th scope="col">{t("reports.col.generatedBy")}</th>
            <th scope="col">{t("reports.col.files")}</th>
          </tr>
        </thead>
        <tbody>
          {report.versions.map((v) => (
            <tr>
              <th scope="row">{t("reports.version.label", { n: v.number })}</th>
              <td>{formatDateTime(locale, v.generatedAt)}</td>
              <td>{v.generatedBy ?? t("reports.unknownUser")}</td>
              <td>
                <VersionFiles view={view} reportId={report.id} v={v} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

// ---- List ----

export function ReportListPage({ view, reports }: { view: View; reports: Report[] }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("reports.list.title")}>
      <PageHeading>{t("reports.list.title")}</PageHeading>
      <p class="ds-paragraph">{t("reports.list.intro")}</p>
      {canManage(view) && (
        <p class="ds-paragraph sofia-actions">
          <a class="ds-button" data-variant="primary" href={paths.newReport.href()}>
            {t("reports.list.new")}
          </a>
        </p>
      )}
      {reports.length === 0 && <p class="ds-paragraph">{t("reports.list.none")}</p>}
      {reports.map((r, i) => (
        <section class="sofia-section" aria-labelledby={`report-${i}`}>
          <h2 class="ds-heading" data-size="sm" id={`report-${i}`}>
            {canManage(view) ? (
              <a class="ds-link" href={paths.report.href({ id: r.id })}>
                {r.title}
              </a>
            ) : (
              r.title
            )}
          </h2>
          <p class="ds-paragraph">{periodOf(view, r)}</p>
          <VersionsTable view={view} report={r} captionId={`versions-${i}`} />
        </section>
      ))}
    </Layout>
  );
}

// ---- Form ----

export function reportValues(r: Report): Values {
  return { title: r.title, periodFrom: r.periodFrom, periodTo: r.periodTo, ...r.texts };
}

export function ReportFormPage(props: { view: View; report?: Report; values?: Values; failure?: Failure; notice?: string }) {
  const { view, report } = props;
  const { t } = view;
  const errors = props.failure?.errors ?? {};
  const values = props.values ?? (report ? reportValues(report) : {});
  const title = report ? report.title : t("reports.form.newTitle");
  const action = report ? paths.report.href({ id: report.id }) : paths.newReport.href();
  return (
    <Layout view={view} title={title}>
      <div class="sofia-narrow">
        <BackLink href={paths.list.href()} text={t("reports.backToList")} />
        <PageHeading>{title}</PageHeading>
        <Notice text={props.notice && t(props.notice)} />
        <ErrorSummary errors={errors} t={t} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        <p class="ds-paragraph">{t("reports.form.intro")}</p>
        <form method="post" action={action} novalidate>
          <CsrfField view={view} />
          {report && <input type="hidden" name="version" value={String(report.version)} />}
          <TextField
            name="title"
            label={t("reports.form.title")}
            hint={t("reports.form.titleHint")}
            value={one(values.title)}
            error={errors.title}
          />
          <TextField
            name="periodFrom"
            label={t("reports.form.periodFrom")}
            hint={t("reports.form.dateHint")}
            value={one(values.periodFrom)}
            inputMode="numeric"
            error={errors.periodFrom}
          />
          <TextField
            name="periodTo"
            label={t("reports.form.periodTo")}
            hint={t("reports.form.dateHint")}
            value={one(values.periodTo)}
            inputMode="numeric"
            error={errors.periodTo}
          />
          <h2 class="ds-heading sofia-section" data-size="sm">
            {t("reports.form.textsHeading")}
          </h2>
          {textSections.map((key) => (
            <TextAreaField
              name={key}
              label={t(`reports.section.${key}`)}
              hint={t("reports.form.textHint")}
              value={one(values[key])}
              rows={key === "summary" || key === "model" ? 8 : 6}
              maxLength={TEXT_MAX}
              error={errors[key]}
            />
          ))}
          <div class="sofia-actions">
            <button type="submit" class="ds-button" data-variant="primary">
              {t(report ? "reports.form.save" : "reports.form.create")}
            </button>
            <a class="ds-link" href={paths.list.href()}>
              {t("form.cancel")}
            </a>
          </div>
        </form>
        {report && (
          <section class="sofia-section" aria-labelledby="versions-heading">
            <h2 class="ds-heading" data-size="sm" id="versions-heading">
              {t("reports.generate.heading")}
            </h2>
            <p class="ds-paragraph">{t("reports.generate.intro")}</p>
            <form method="post" action={paths.versions.href({ id: report.id })}>
              <CsrfField view={view} />
              <button type="submit" class="ds-button" data-variant="secondary">
                {t("reports.generate.button")}
              </button>
            </form>
            <VersionsTable view={view} report={report} captionId="versions-caption" />
          </section>
        )}
      </div>
    </Layout>
  );
}
