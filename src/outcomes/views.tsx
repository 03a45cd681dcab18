/** Long-term outcomes' pages: the follow-ups to record, the entry form, imports with preview, comparison groups and the side-by-side results. */
import { maskIdentityNumber } from "../families/index.ts";
import { barChartSvg } from "../platform/echarts.ts";
import type { FieldErrors } from "../platform/errors.ts";
import {
  DateField,
  ErrorSummary,
  FileField,
  RadioGroup,
  SelectField,
  SPREADSHEET_ACCEPT,
  TextAreaField,
  TextField,
} from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { formatDateTime, formatNumber } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice, NumHeader } from "../platform/page-parts.tsx";
import { scopeFor } from "../platform/permissions.ts";
import { defaultPrecision, formatShare } from "../platform/precision.ts";
import { SUPPRESSED } from "../platform/suppression.ts";
import { fieldSpecs, horizons, measures, type RowError } from "./model.ts";
import { paths } from "./paths.ts";
import type * as outcomes from "./service.ts";
import type { GroupRow } from "./store.ts";

export type Values = Record<string, string>;
export interface Failure {
  status: number;
  errors: FieldErrors;
  conflict?: string;
}

const can = (view: View, action: Parameters<typeof scopeFor>[1]) => !!view.actor && !!scopeFor(view.actor.roles, action);
const horizonText = (t: View["t"], n: number) => t("outcomes.horizon", { n });
const yesNo = (t: View["t"], v: boolean | null) => (v === null ? "–" : t(v ? "outcomes.yes" : "outcomes.no"));

function OutcomeLinks({ view }: { view: View }) {
  const { t } = view;
  const links = [
    can(view, "outcomes.import") && { href: paths.importUpload.href(), text: t("outcomes.links.import") },
    can(view, "comparison.manage") && { href: paths.groups.href(), text: t("outcomes.links.groups") },
    can(view, "followup.view") && { href: paths.results.href(), text: t("outcomes.links.results") },
  ].filter((l): l is { href: string; text: string } => !!l);
  if (links.length === 0) return null;
  return (
    <ul class="ds-list">
      {links.map((l) => (
        <li>
          <a class="ds-link" href={l.href}>
            {l.text}
          </a>
        </li>
      ))}
    </ul>
  );
}

export function DueListPage({ view, items, notice }: { view: View; items: outcomes.DueItem[]; notice?: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("outcomes.title")}>
      <PageHeading>{t("outcomes.title")}</PageHeading>
      <Notice text={notice ? t(notice) : undefined} />
      <p class="ds-paragraph">{t("outcomes.intro")}</p>
      <OutcomeLinks view={view} />
      {items.length === 0 ? (
        <p class="ds-paragraph">{t("outcomes.due.none")}</p>
      ) : (
        <ScrollRegion labelledBy="due-caption">
          <table class="ds-table" data-border>
            <caption id="due-caption">{t("outcomes.due.caption", { n: items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("outcomes.col.family")}</th>
                <th scope="col">{t("outcomes.col.horizon")}</th>
                <th scope="col">{t("outcomes.col.completedOn")}</th>
                <th scope="col">{t("outcomes.col.dueOn")}</th>
                <th scope="col">{t("outcomes.col.action")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr>
                  <td>{i.familyName}</td>
                  <td>{horizonText(t, i.horizon)}</td>
                  <td>{i.completedOn ?? "–"}</td>
                  <td>{i.dueOn}</td>
                  <td>
                    <a class="ds-link" href={paths.followup.href({ id: i.id })}>
                      {t("outcomes.recordFor", { name: i.familyName })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

export function FollowupPage({
  view,
  detail,
  values,
  failure,
}: {
  view: View;
  detail: outcomes.FollowupDetail;
  values?: Values;
  failure?: Failure;
}) {
  const { t } = view;
  const f = detail.followup;
  const errors = failure?.errors ?? {};
  const boolValue = (key: string, stored: boolean | null) => values?.[key] ?? (stored === null ? "" : stored ? "yes" : "no");
  const outcome = values?.outcome ?? (f.status === "open" ? "" : f.status);
  const yesNoOptions = [
    { value: "yes", label: t("outcomes.yes") },
    { value: "no", label: t("outcomes.no") },
  ];
  const title = t("outcomes.form.title", { horizon: horizonText(t, f.horizon) });
  return (
    <Layout view={view} title={title}>
      <div class="sofia-narrow">
        <BackLink href={paths.list.href()} text={t("outcomes.backToList")} />
        <PageHeading>{title}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <ConflictAlert message={failure?.conflict} reloadHref={paths.followup.href({ id: f.id })} t={t} />
        <dl class="sofia-wm-facts">
          <dt>{t("outcomes.form.guardians")}</dt>
          <dd>{detail.guardians.map((p) => p.name).join(", ") || "–"}</dd>
          <dt>{t("outcomes.form.children")}</dt>
          <dd>{detail.children.map((p) => p.name).join(", ") || "–"}</dd>
          <dt>{t("outcomes.form.completedOn")}</dt>
          <dd>{detail.process.completedOn ?? "–"}</dd>
          <dt>{t("outcomes.form.dueOn")}</dt>
          <dd>{f.dueOn}</dd>
          <dt>{t("outcomes.form.status")}</dt>
          <dd>
            {t(`outcomes.status.${f.status}`)}
            {f.recordedAt && f.source ? ` (${t(`outcomes.source.${f.source}`)}, ${formatDateTime(view.locale, f.recordedAt)})` : ""}
          </dd>
        </dl>
        <form method="post" action={paths.followup.href({ id: f.id })} novalidate>
          <CsrfField view={view} />
          <input type="hidden" name="version" value={String(f.version)} />
          <RadioGroup
            name="outcome"
            legend={t("outcomes.form.outcome")}
            value={outcome}
            error={errors.outcome}
            options={[
              { value: "recorded", label: t("outcomes.form.outcome.recorded") },
              { value: "not_possible", label: t("outcomes.form.outcome.not_possible") },
            ]}
          />
          <RadioGroup
            name="emergencyPlacement"
            legend={t("outcomes.form.emergencyPlacement")}
            value={boolValue("emergencyPlacement", f.emergencyPlacement)}
            error={errors.emergencyPlacement}
            options={yesNoOptions}
          />
          <RadioGroup
            name="reReferral"
            legend={t("outcomes.form.reReferral")}
            value={boolValue("reReferral", f.reReferral)}
            error={errors.reReferral}
            options={yesNoOptions}
          />
          <RadioGroup
            name="schoolConsent"
            legend={t("outcomes.form.schoolConsent")}
            value={values?.schoolConsent ?? (f.status === "recorded" ? (f.schoolConsent ? "yes" : "no") : "")}
            error={errors.schoolConsent}
            options={yesNoOptions}
          />
          <RadioGroup
            name="schoolAttendance"
            legend={t("outcomes.form.schoolAttendance")}
            hint={t("outcomes.form.schoolAttendanceHint")}
            value={values?.schoolAttendance ?? f.schoolAttendance ?? ""}
            error={errors.schoolAttendance}
            options={[
              { value: "", label: t("outcomes.notAsked") },
              { value: "kept", label: t("outcomes.school.kept") },
              { value: "not_kept", label: t("outcomes.school.not_kept") },
            ]}
          />
          <TextAreaField
            name="notPossibleReason"
            label={t("outcomes.form.notPossibleReason")}
            hint={t("outcomes.form.notPossibleHint")}
            value={values?.notPossibleReason ?? f.notPossibleReason ?? ""}
            error={errors.notPossibleReason}
            maxLength={500}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            {t("outcomes.form.save")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

/** The upload of an extract of outcomes (kind "outcomes") or of a comparison group (choose records or aggregates). */
export function UploadPage({
  view,
  group,
  errors = {},
  values = {},
}: {
  view: View;
  group: boolean;
  errors?: FieldErrors;
  values?: Values;
}) {
  const { t } = view;
  const title = t(group ? "outcomes.groups.newTitle" : "outcomes.import.title");
  return (
    <Layout view={view} title={title}>
      <div class="sofia-narrow">
        <BackLink
          href={group ? paths.groups.href() : paths.list.href()}
          text={t(group ? "outcomes.links.groups" : "outcomes.backToList")}
        />
        <PageHeading>{title}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <p class="ds-paragraph">{t(group ? "outcomes.groups.intro" : "outcomes.import.intro")}</p>
        {!group && <p class="ds-paragraph">{t("outcomes.import.columnsHint")}</p>}
        <form method="post" action={group ? paths.newGroup.href() : paths.importUpload.href()} enctype="multipart/form-data" novalidate>
          <CsrfField view={view} />
          {group && (
            <RadioGroup
              name="kind"
              legend={t("outcomes.groups.kindLegend")}
              value={values.kind ?? ""}
              error={errors.kind}
              options={[
                { value: "comparison_records", label: `${t("outcomes.groups.kind.records")}: ${t("outcomes.groups.kindHint.records")}` },
                {
                  value: "comparison_aggregates",
                  label: `${t("outcomes.groups.kind.aggregate")}: ${t("outcomes.groups.kindHint.aggregate")}`,
                },
              ]}
            />
          )}
          <FileField
            name="file"
            label={t("outcomes.import.file")}
            hint={t("outcomes.import.fileHint")}
            accept={SPREADSHEET_ACCEPT}
            error={errors.file}
          />
          <button type="submit" class="ds-button" data-variant="primary">
            {t("outcomes.import.upload")}
          </button>
        </form>
      </div>
    </Layout>
  );
}

export function rowErrorText(t: View["t"], e: RowError): string {
  return t("outcomes.import.rowError", { row: e.row, column: t(`outcomes.import.column.${e.column}`), reason: t(e.messageKey, e.params) });
}

type PreviewRow = { row: number };

const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function cellOf(t: View["t"], key: string, v: unknown): string {
  if (v === null || v === undefined) return "–";
  if (key === "identityNumber") return maskIdentityNumber(String(v));
  if (typeof v === "boolean") return yesNo(t, v);
  if (key === "schoolAttendance") return t(`outcomes.school.${v}`);
  if (key === "measure") return t(`outcomes.measure.${v}`);
  return String(v);
}

export function PreviewPage({
  view,
  preview,
  status,
  values = {},
  errors = {},
}: {
  view: View;
  preview: outcomes.Preview<PreviewRow>;
  status?: "refused";
  values?: Values;
  errors?: FieldErrors;
}) {
  const { t } = view;
  const kind = preview.kind;
  const group = kind !== "outcomes";
  const specs = fieldSpecs[kind];
  const rowErrors = preview.errors;
  const columnOptions = [
    { value: "", label: t("outcomes.import.notInFile") },
    ...preview.header.map((h, i) => ({ value: String(i), label: h || String(i + 1) })),
  ];
  return (
    <Layout view={view} title={t("outcomes.import.previewTitle")}>
      <BackLink
        href={group ? paths.newGroup.href() : paths.importUpload.href()}
        text={t(group ? "outcomes.groups.newTitle" : "outcomes.import.title")}
      />
      <PageHeading>{t("outcomes.import.previewTitle")}</PageHeading>
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("outcomes.import.previewIntro", { file: preview.fileName })}</p>
      {rowErrors.length > 0 ? (
        <div class="ds-alert" data-color="danger" role={status ? "alert" : undefined} id="import-errors">
          <h2 class="ds-heading" data-size="xs">
            {t(status ? "outcomes.import.refused" : "outcomes.import.errorsTitle", { n: rowErrors.length })}
          </h2>
          <ul class="ds-list">
            {rowErrors.map((e) => (
              <li>{rowErrorText(t, e)}</li>
            ))}
          </ul>
        </div>
      ) : (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">{t("outcomes.import.ready", { n: preview.rows.length })}</p>
        </div>
      )}
      <form
        method="post"
        action={(kind === "outcomes" ? paths.importPreview : paths.groupImportPreview).href({ uploadId: preview.uploadId })}
        novalidate
      >
        <CsrfField view={view} />
        {group && <input type="hidden" name="kind" value={kind} />}
        {group && (
          <section aria-labelledby="group-h" class="sofia-section sofia-narrow">
            <h2 id="group-h" class="ds-heading" data-size="sm">
              {t("outcomes.groups.groupHeading")}
            </h2>
            <TextField name="name" label={t("outcomes.group.name")} value={values.name ?? ""} error={errors.name} />
            <TextAreaField
              name="description"
              label={t("outcomes.group.description")}
              value={values.description ?? ""}
              error={errors.description}
              maxLength={1000}
            />
          </section>
        )}
        <section aria-labelledby="mapping-h" class="sofia-section">
          <h2 id="mapping-h" class="ds-heading" data-size="sm">
            {t("outcomes.import.mappingHeading")}
          </h2>
          <div class="sofia-filters">
            {specs.map((s) => (
              <SelectField
                name={`map.${s.key}`}
                label={capitalised(t(`outcomes.import.column.${s.key}`))}
                value={preview.mapping[s.key] === undefined ? "" : String(preview.mapping[s.key])}
                options={columnOptions}
              />
            ))}
          </div>
          <button type="submit" class="ds-button" data-variant="secondary" name="action" value="preview">
            {t("outcomes.import.updatePreview")}
          </button>
        </section>
        <section aria-labelledby="rows-h" class="sofia-section">
          <h2 id="rows-h" class="ds-heading" data-size="sm">
            {t("outcomes.import.rowsHeading")}
          </h2>
          <ScrollRegion labelledBy="rows-caption">
            <table class="ds-table" data-border>
              <caption id="rows-caption">{t("outcomes.import.rowsCaption", { n: preview.rows.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("outcomes.import.column.row")}</th>
                  {specs.map((s) => (
                    <th scope="col">
                      {s.key === "identityNumber" ? t("outcomes.import.identityShown") : capitalised(t(`outcomes.import.column.${s.key}`))}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr>
                    <td>{String(r.row)}</td>
                    {specs.map((s) => (
                      <td>{cellOf(t, s.key, (r as Record<string, unknown>)[s.key])}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </section>
        <button type="submit" class="ds-button" data-variant="primary" name="action" value="confirm">
          {t(group ? "outcomes.group.importConfirm" : "outcomes.import.confirm")}
        </button>
      </form>
    </Layout>
  );
}

export function GroupsPage({ view, groups, notice }: { view: View; groups: GroupRow[]; notice?: string }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("outcomes.groups.title")}>
      <BackLink
        href={can(view, "outcomes.record") ? paths.list.href() : paths.results.href()}
        text={t(can(view, "outcomes.record") ? "outcomes.backToList" : "outcomes.links.results")}
      />
      <PageHeading>{t("outcomes.groups.title")}</PageHeading>
      <Notice text={notice ? t(notice) : undefined} />
      <p class="ds-paragraph">{t("outcomes.groups.intro")}</p>
      <p class="ds-paragraph">
        <a class="ds-link" href={paths.newGroup.href()}>
          {t("outcomes.groups.new")}
        </a>
        {can(view, "followup.view") && (
          <>
            {" · "}
            <a class="ds-link" href={paths.results.href()}>
              {t("outcomes.links.results")}
            </a>
          </>
        )}
      </p>
      {groups.length === 0 ? (
        <p class="ds-paragraph">{t("outcomes.groups.none")}</p>
      ) : (
        <ScrollRegion labelledBy="groups-caption">
          <table class="ds-table" data-border>
            <caption id="groups-caption">{t("outcomes.groups.caption", { n: groups.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("outcomes.groups.col.name")}</th>
                <th scope="col">{t("outcomes.groups.col.kind")}</th>
                <NumHeader>{t("outcomes.groups.col.rows")}</NumHeader>
                <th scope="col">{t("outcomes.groups.col.created")}</th>
                <th scope="col">{t("outcomes.col.action")}</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr>
                  <td>
                    {g.name}
                    {g.description && (
                      <div class="sofia-hint" data-size="sm">
                        {g.description}
                      </div>
                    )}
                  </td>
                  <td>{t(`outcomes.groups.kind.${g.kind}`)}</td>
                  <td class="sofia-num">{formatNumber(view.locale, g.rows)}</td>
                  <td>{formatDateTime(view.locale, g.createdAt)}</td>
                  <td>
                    <form method="post" action={paths.deleteGroup.href({ id: g.id })}>
                      <CsrfField view={view} />
                      <button
                        type="submit"
                        class="ds-button"
                        data-variant="secondary"
                        data-size="sm"
                        aria-label={t("outcomes.groups.delete", { name: g.name })}
                      >
                        {t("outcomes.groups.deleteConfirm")}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </Layout>
  );
}

const scalable = (svg: string) => svg.replace(/^(<svg [^>]*?)width="\d+" height="\d+"/, '$1class="sofia-chart__svg"');

const shown = (view: View, v: number | null, suffix = "") => (v === null ? SUPPRESSED : `${formatNumber(view.locale, v)}${suffix}`);

/** Where Sofia's figure of emergency placement came from: the placement records or the follow-ups (issue 18). */
function EmergencySources({ view, sources }: { view: View; sources: outcomes.EmergencySources | undefined }) {
  if (!sources) return null;
  return (
    <p class="ds-paragraph">
      {view.t("outcomes.results.emergencySources", {
        placements: shown(view, sources.placements),
        followups: shown(view, sources.followups),
      })}
    </p>
  );
}

export function ResultsPage({
  view,
  data,
  values,
  errors = {},
}: {
  view: View;
  data: outcomes.OutcomeComparison | null;
  values: { from: string; to: string };
  errors?: FieldErrors;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t("outcomes.results.title")}>
      <PageHeading>{t("outcomes.results.title")}</PageHeading>
      <ErrorSummary errors={errors} t={t} />
      <div class="ds-alert" data-color="warning">
        <p class="ds-paragraph">
          <strong>{t("outcomes.results.notRandomised")}</strong>
        </p>
      </div>
      <p class="ds-paragraph">{t("outcomes.results.intro")}</p>
      <OutcomeLinks view={view} />
      <form method="get" action={paths.results.href()} class="sofia-filters" novalidate>
        <DateField t={t} locale={view.locale} name="fran" label={t("outcomes.results.from")} value={values.from} error={errors.fran} />
        <DateField t={t} locale={view.locale} name="till" label={t("outcomes.results.to")} value={values.to} error={errors.till} />
        <button type="submit" class="ds-button" data-variant="secondary">
          {t("outcomes.results.show")}
        </button>
      </form>
      {data && (
        <>
          <p class="ds-paragraph">{t("outcomes.results.suppressionNote", { min: data.minGroupSize })}</p>
          {data.groups.length === 0 && <p class="ds-paragraph">{t("outcomes.results.noGroups")}</p>}
          {horizons.map((h) => {
            const rows = data.rows.filter((r) => r.horizon === h);
            const sources = rows[0]?.figures ?? [];
            const svg = barChartSvg({
              label: t("outcomes.results.chartLabel", { horizon: horizonText(t, h) }),
              categories: measures.map((m) => t(`outcomes.measureShort.${m}`)),
              series: sources.map((s, i) => ({
                name: s.source === "sofia" ? t("outcomes.results.sofia") : s.label,
                values: measures.map((m) => rows.find((r) => r.measure === m)?.figures[i]?.percent ?? null),
              })),
              percent: true,
              precision: data.precision ?? defaultPrecision,
              locale: view.locale,
            });
            return (
              <section aria-labelledby={`h${h}`} class="sofia-section">
                <h2 id={`h${h}`} class="ds-heading" data-size="md">
                  {horizonText(t, h)}
                </h2>
                <div class="sofia-chart__figure" dangerouslySetInnerHTML={{ __html: scalable(svg) }} />
                <ScrollRegion labelledBy={`t-${h}`}>
                  <table class="ds-table" data-border>
                    <caption id={`t-${h}`}>{t("outcomes.results.horizonCaption", { horizon: horizonText(t, h) })}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("outcomes.results.col.measure")}</th>
                        <th scope="col">{t("outcomes.results.col.source")}</th>
                        <NumHeader>{t("outcomes.results.col.n")}</NumHeader>
                        <NumHeader>{t("outcomes.results.col.total")}</NumHeader>
                        <NumHeader>{t("outcomes.results.col.percent")}</NumHeader>
                      </tr>
                    </thead>
                    <tbody>
                      {rows.flatMap((r) =>
                        r.figures.map((f, i) => (
                          <tr>
                            {i === 0 && (
                              <th scope="rowgroup" rowSpan={r.figures.length}>
                                {t(`outcomes.measure.${r.measure}`)}
                              </th>
                            )}
                            <th scope="row">{f.source === "sofia" ? t("outcomes.results.sofia") : f.label}</th>
                            <td class="sofia-num">{shown(view, f.n)}</td>
                            <td class="sofia-num">{shown(view, f.total)}</td>
                            <td class="sofia-num sofia-nowrap">
                              {f.n === null
                                ? SUPPRESSED
                                : f.percent === null
                                  ? "–"
                                  : formatShare(f.percent, data.precision ?? defaultPrecision, view.locale)}
                            </td>
                          </tr>
                        )),
                      )}
                    </tbody>
                  </table>
                </ScrollRegion>
                <EmergencySources view={view} sources={data.emergencySources?.find((x) => x.horizon === h)} />
              </section>
            );
          })}
        </>
      )}
    </Layout>
  );
}
