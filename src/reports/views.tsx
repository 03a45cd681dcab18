/** The interim report pages: the list with the versions and their files, and the report's form with "Ta fram ny version". */

import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { Checkbox, CheckboxGroup, ErrorSummary, FileField, TextAreaField, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { formatDateTime, formatDay, formatNumber, type Locale } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../platform/page-parts.tsx";
import { scopeFor } from "../platform/permissions.ts";
import type { Block, ReportDocument } from "./document.ts";
import { TEXT_MAX, textSections } from "./model.ts";
import { fileHref, paths } from "./paths.ts";
import type { Report, VersionSummary } from "./service.ts";
import { TEMPLATE_TEXT_MAX, type Template, templateSections } from "./template.ts";

export type Values = Record<string, string | string[]>;
export interface Failure {
  status: number;
  errors: FieldErrors;
  conflict?: string;
}

const canManage = (view: View) => !!view.actor && !!scopeFor(view.actor.roles, "reports.manage");

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
          <a class="ds-link" href={paths.template.href()}>
            {t("reports.template.link")}
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
  return { title: r.title, periodFrom: r.periodFrom, periodTo: r.periodTo, diaryNumber: r.diaryNumber, author: r.author, ...r.texts };
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
          <TextField
            name="diaryNumber"
            label={t("reports.form.diaryNumber")}
            hint={t("reports.form.diaryNumberHint")}
            value={one(values.diaryNumber)}
            error={errors.diaryNumber}
          />
          <TextField
            name="author"
            label={t("reports.form.author")}
            hint={t("reports.form.authorHint")}
            value={one(values.author)}
            error={errors.author}
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
            <p class="ds-paragraph">
              <a class="ds-link" href={paths.preview.href({ id: report.id })}>
                {t("reports.preview.link")}
              </a>
            </p>
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

// ---- Template ----

export function TemplatePage(props: { view: View; template: Template; values?: Values; failure?: Failure; notice?: string }) {
  const { view, template } = props;
  const { t, locale } = view;
  const errors = props.failure?.errors ?? {};
  const values: Values = props.values ?? {
    introduction: template.introduction,
    contact: template.contact,
    sections: [...template.sections],
  };
  const chosen = Array.isArray(values.sections) ? values.sections : values.sections ? [values.sections] : [];
  const action = paths.template.href();
  return (
    <Layout view={view} title={t("reports.template.title")}>
      <div class="sofia-narrow">
        <BackLink href={paths.list.href()} text={t("reports.backToList")} />
        <PageHeading>{t("reports.template.title")}</PageHeading>
        <Notice text={props.notice && t(props.notice)} />
        <ErrorSummary errors={errors} t={t} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        <p class="ds-paragraph">{t("reports.template.intro")}</p>
        <form method="post" action={action} enctype="multipart/form-data" novalidate>
          <CsrfField view={view} />
          <input type="hidden" name="version" value={String(template.version)} />
          {template.logo ? (
            <figure class="sofia-section">
              <img src={paths.templateLogo.href()} alt={t("reports.preview.logo")} class="sofia-report-logo" />
              <figcaption class="ds-paragraph" data-size="sm">
                {t("reports.template.logoCurrent", {
                  type: template.logo.type === "image/png" ? "PNG" : "SVG",
                  size: size(locale, template.logo.data.length),
                })}
              </figcaption>
            </figure>
          ) : (
            <p class="ds-paragraph">{t("reports.template.logoNone")}</p>
          )}
          <FileField
            name="logo"
            label={t("reports.template.logo")}
            hint={t("reports.template.logoHint")}
            accept=".png,.svg,image/png,image/svg+xml"
            error={errors.logo}
          />
          {template.logo && (
            <Checkbox name="removeLogo" label={t("reports.template.removeLogo")} checked={one(values.removeLogo) === "yes"} />
          )}
          <TextAreaField
            name="introduction"
            label={t("reports.template.introduction")}
            hint={t("reports.template.introductionHint")}
            value={one(values.introduction)}
            rows={8}
            maxLength={TEMPLATE_TEXT_MAX}
            error={errors.introduction}
          />
          <TextAreaField
            name="contact"
            label={t("reports.template.contact")}
            hint={t("reports.template.contactHint")}
            value={one(values.contact)}
            rows={4}
            maxLength={TEMPLATE_TEXT_MAX}
            error={errors.contact}
          />
          <CheckboxGroup
            name="sections"
            label={t("reports.template.sections")}
            values={chosen}
            options={templateSections.map((k) => ({ value: k, label: t(`reports.section.${k}`) }))}
            error={errors.sections}
          />
          <div class="sofia-actions">
            <button type="submit" class="ds-button" data-variant="primary">
              {t("reports.template.save")}
            </button>
            <a class="ds-link" href={paths.list.href()}>
              {t("form.cancel")}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

// ---- Preview ----

function PreviewBlock({ view, block, id }: { view: View; block: Block; id: string }) {
  switch (block.kind) {
    case "paragraph":
      return (
        <p class="ds-paragraph">
          {block.text.split("\n").map((line, i) => (
            <>
              {i > 0 && <br />}
              {line}
            </>
          ))}
        </p>
      );
    case "note":
      return (
        <p class="ds-paragraph" data-size="sm">
          <em>{block.text}</em>
        </p>
      );
    case "heading":
      return (
        <h3 class="ds-heading" data-size="xs">
          {block.text}
        </h3>
      );
    case "table":
      return (
        <ScrollRegion labelledBy={id}>
          <table class="ds-table" data-border>
            <caption id={id}>{block.caption}</caption>
            <thead>
              <tr>
                {block.head.map((h, i) => (
                  <th scope="col" class={block.numeric[i] ? "sofia-num" : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((r) => (
                <tr>
                  {r.map((c, i) => (i === 0 ? <th scope="row">{c}</th> : <td class={block.numeric[i] ? "sofia-num" : undefined}>{c}</td>))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      );
    case "chart":
      return (
        <figure class="sofia-chart">
          <div role="img" aria-label={block.caption} class="sofia-report-chart" dangerouslySetInnerHTML={{ __html: block.svg }} />
          <figcaption class="ds-paragraph" data-size="sm">
            {block.caption}. {view.t("reports.preview.chartTable")}
          </figcaption>
        </figure>
      );
  }
}

/** The report as it would be made now, as a page: the cover's facts, the contents and every section. */
export function PreviewPage({
  view,
  report,
  document: doc,
  hasLogo,
}: {
  view: View;
  report: Report;
  document: ReportDocument;
  hasLogo: boolean;
}) {
  const { t } = view;
  const title = t("reports.preview.title", { title: report.title });
  let numbered = 0;
  let appendix = 0;
  const titles = doc.sections.map((s) => {
    if (s.appendix) {
      appendix += 1;
      return `Bilaga ${String.fromCharCode(64 + appendix)}. ${s.title}`;
    }
    numbered += 1;
    return `${numbered}. ${s.title}`;
  });
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.report.href({ id: report.id })} text={t("reports.preview.back")} />
      <PageHeading>{title}</PageHeading>
      <p class="ds-paragraph">{t("reports.preview.intro")}</p>
      <div lang="sv">
        <section class="sofia-section" aria-labelledby="preview-cover">
          <h2 class="ds-heading" data-size="sm" id="preview-cover">
            {t("reports.preview.cover")}
          </h2>
          {hasLogo && <img src={paths.templateLogo.href()} alt={t("reports.preview.logo")} class="sofia-report-logo" />}
          <p class="ds-paragraph">{doc.municipality}</p>
          <p class="ds-paragraph">
            <strong>{doc.title}</strong>
          </p>
          <p class="ds-paragraph">{doc.periodText}</p>
          <dl>
            {doc.cover.diaryNumber && (
              <>
                <dt>Diarienummer</dt>
                <dd>{doc.cover.diaryNumber}</dd>
              </>
            )}
            <dt>Datum</dt>
            <dd>{doc.cover.dateText}</dd>
            {doc.cover.author && (
              <>
                <dt>Författare</dt>
                <dd>{doc.cover.author}</dd>
              </>
            )}
          </dl>
        </section>
        <nav class="sofia-section" aria-labelledby="preview-toc">
          <h2 class="ds-heading" data-size="sm" id="preview-toc">
            {t("reports.preview.toc")}
          </h2>
          <ol class="ds-list sofia-report-toc">
            {doc.sections.map((s, i) => (
              <li>
                <a class="ds-link" href={`#avsnitt-${s.key}`}>
                  {titles[i]}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        {doc.sections.map((s, i) => (
          <section class="sofia-section" aria-labelledby={`avsnitt-${s.key}`}>
            <h2 class="ds-heading" data-size="sm" id={`avsnitt-${s.key}`}>
              {titles[i]}
            </h2>
            {s.blocks.map((b, j) => (
              <PreviewBlock view={view} block={b} id={`tabell-${s.key}-${j}`} />
            ))}
          </section>
        ))}
      </div>
    </Layout>
  );
}
