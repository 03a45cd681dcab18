/** The implementation pages: the activity list with counts per kind, the activity form, one activity, and participation per unit. */

import { Suppressed } from "../platform/charts.tsx";
import type { FieldErrors } from "../platform/errors.ts";
import { many, one } from "../platform/form-pages.ts";
import { CheckboxGroup, DateField, ErrorSummary, RadioGroup, SelectField, TextAreaField, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { formatDay, formatNumber } from "../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice, NumHeader } from "../platform/page-parts.tsx";
import { scopeFor } from "../platform/permissions.ts";
import { activityKinds, activityStatuses, NOTES_MAX, REASON_MAX, type YearChoice } from "./model.ts";
import { paths } from "./paths.ts";
import type * as implementation from "./service.ts";

export type Values = Record<string, string | string[]>;
export interface Failure {
  status: number;
  errors: FieldErrors;
  conflict?: string;
}

const canManage = (view: View) => !!view.actor && !!scopeFor(view.actor.roles, "implementation.manage");

const oneDecimal = {
  sv: new Intl.NumberFormat("sv-SE", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
  en: new Intl.NumberFormat("en-GB", { minimumFractionDigits: 1, maximumFractionDigits: 1 }),
};
const percent = {
  sv: new Intl.NumberFormat("sv-SE", { style: "percent", maximumFractionDigits: 0 }),
  en: new Intl.NumberFormat("en-GB", { style: "percent", maximumFractionDigits: 0 }),
};

/** The year as it reads inside a sentence ("2026", "alla år"). */
const yearLabel = (t: View["t"], year: YearChoice) => (year === "all" ? t("implementation.filter.allYearsInText") : String(year));
const yearParam = (year: YearChoice) => (year === "all" ? "alla" : String(year));

function yearOptions(t: View["t"], years: number[]) {
  return [...years.map((y) => ({ value: String(y), label: String(y) })), { value: "alla", label: t("implementation.filter.allYears") }];
}

function StatusText({ view, activity }: { view: View; activity: Pick<implementation.Activity, "status" | "cancelReason"> }) {
  const { t } = view;
  if (activity.status !== "cancelled") return <>{t(`implementation.status.${activity.status}`)}</>;
  return (
    <>
      {t("implementation.status.cancelled")}
      {activity.cancelReason && <span class="sofia-hint">{`: ${activity.cancelReason}`}</span>}
    </>
  );
}

const unitNames = (view: View, a: implementation.Activity) =>
  a.units.length === 0 ? view.t("implementation.units.none") : a.units.map((u) => u.name).join(", ");

// ---- List ----

export function ActivityListPage(props: { view: View; list: implementation.ActivityList; notice?: string; errors?: FieldErrors }) {
  const { view, list } = props;
  const { t, locale } = view;
  const errors = props.errors ?? {};
  const year = yearLabel(t, list.year);
  const statusOptions = [
    { value: "", label: t("implementation.filter.allStatuses") },
    ...activityStatuses.map((s) => ({ value: s, label: t(`implementation.status.${s}`) })),
  ];
  const n = (x: number) => formatNumber(locale, x);
  return (
    <Layout view={view} title={t("implementation.list.title")}>
      <PageHeading>{t("implementation.list.title")}</PageHeading>
      <Notice text={props.notice && t(props.notice)} />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("implementation.list.intro")}</p>
      <p class="ds-paragraph sofia-actions">
        {canManage(view) && (
          <a class="ds-button" data-variant="primary" href={paths.newActivity.href()}>
            {t("implementation.list.new")}
          </a>
        )}
        <a class="ds-link" href={paths.participation.href({ ar: yearParam(list.year) })}>
          {t("implementation.participation.title")}
        </a>
      </p>
      <form method="get" action={paths.list.href()} class="sofia-results-form" novalidate>
        <fieldset class="ds-fieldset">
          <legend class="ds-label">{t("implementation.filter.legend")}</legend>
          <div class="sofia-filters">
            <SelectField
              name="ar"
              label={t("implementation.filter.year")}
              value={yearParam(list.year)}
              options={yearOptions(t, list.years)}
              error={errors.ar}
            />
            <SelectField
              name="status"
              label={t("implementation.filter.status")}
              value={list.status ?? ""}
              options={statusOptions}
              error={errors.status}
            />
          </div>
          <button type="submit" class="ds-button" data-variant="secondary">
            {t("implementation.filter.show")}
          </button>
        </fieldset>
      </form>

      <h2 class="ds-heading sofia-section" data-size="sm">
        {t("implementation.summary.heading")}
      </h2>
      <ScrollRegion labelledBy="kinds-caption">
        <table class="ds-table" data-border id="kinds-table">
          <caption id="kinds-caption">{t("implementation.summary.caption", { year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("implementation.col.kind")}</th>
              <NumHeader>{t("implementation.col.planned")}</NumHeader>
              <NumHeader>{t("implementation.col.held")}</NumHeader>
              <NumHeader>{t("implementation.col.cancelled")}</NumHeader>
              <NumHeader>{t("implementation.col.heldParticipants")}</NumHeader>
            </tr>
          </thead>
          <tbody>
            {list.summary.kinds.map((k) => (
              <tr>
                <th scope="row">{t(`implementation.kind.${k.kind}`)}</th>
                <td class="sofia-num">{n(k.planned)}</td>
                <td class="sofia-num">{n(k.held)}</td>
                <td class="sofia-num">{n(k.cancelled)}</td>
                <td class="sofia-num">{n(k.participants)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("implementation.col.total")}</th>
              <td class="sofia-num">{n(list.summary.total.planned)}</td>
              <td class="sofia-num">{n(list.summary.total.held)}</td>
              <td class="sofia-num">{n(list.summary.total.cancelled)}</td>
              <td class="sofia-num">{n(list.summary.total.participants)}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>

      <h2 class="ds-heading sofia-section" data-size="sm">
        {t("implementation.list.heading")}
      </h2>
      {list.activities.length === 0 ? (
        <p class="ds-paragraph">{t("implementation.list.none")}</p>
      ) : (
        <ScrollRegion labelledBy="activities-caption">
          <table class="ds-table" data-border id="activities-table">
            <caption id="activities-caption">
              {list.status
                ? t("implementation.list.captionStatus", { year, status: t(`implementation.status.${list.status}`) })
                : t("implementation.list.caption", { year })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("implementation.col.date")}</th>
                <th scope="col">{t("implementation.col.kind")}</th>
                <th scope="col">{t("implementation.col.theme")}</th>
                <th scope="col">{t("implementation.col.units")}</th>
                <th scope="col">{t("implementation.col.status")}</th>
                <NumHeader>{t("implementation.col.participants")}</NumHeader>
              </tr>
            </thead>
            <tbody>
              {list.activities.map((a) => (
                <tr>
                  <td>{formatDay(locale, a.activityDate)}</td>
                  <td>{t(`implementation.kind.${a.kind}`)}</td>
                  <td>
                    <a class="ds-link" href={paths.activity.href({ id: a.id })}>
                      {a.theme}
                    </a>
                  </td>
                  <td>{unitNames(view, a)}</td>
                  <td>
                    <StatusText view={view} activity={a} />
                  </td>
                  <td class="sofia-num">
                    {a.participants === null
                      ? "–"
                      : a.status === "held"
                        ? n(a.participants)
                        : t("implementation.list.expected", { n: n(a.participants) })}
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

// ---- Form ----

export function activityValues(a: implementation.Activity): Values {
  return {
    activityDate: a.activityDate,
    kind: a.kind,
    theme: a.theme,
    unitIds: a.units.map((u) => u.id),
    status: a.status,
    participants: a.participants === null ? "" : String(a.participants),
    cancelReason: a.cancelReason ?? "",
    notes: a.notes ?? "",
  };
}

export function ActivityFormPage(props: {
  view: View;
  activity?: implementation.Activity;
  units: implementation.UnitRow[];
  values?: Values;
  failure?: Failure;
}) {
  const { view, activity } = props;
  const { t } = view;
  const errors = props.failure?.errors ?? {};
  const values = props.values ?? (activity ? activityValues(activity) : { status: "planned" });
  const title = activity ? t("implementation.form.editTitle") : t("implementation.form.newTitle");
  const action = activity ? paths.editActivity.href({ id: activity.id }) : paths.newActivity.href();
  const back = activity ? paths.activity.href({ id: activity.id }) : paths.list.href();
  const kinds = [
    { value: "", label: t("implementation.form.chooseKind") },
    ...activityKinds.map((k) => ({ value: k, label: t(`implementation.kind.${k}`) })),
  ];
  return (
    <Layout view={view} title={title}>
      <div class="sofia-narrow">
        <BackLink href={back} text={t(activity ? "implementation.backToActivity" : "implementation.backToList")} />
        <PageHeading>{title}</PageHeading>
        <ErrorSummary errors={errors} t={t} />
        <ConflictAlert message={props.failure?.conflict} reloadHref={action} t={t} />
        <p class="ds-paragraph">{t("implementation.form.intro")}</p>
        <form method="post" action={action} novalidate>
          <CsrfField view={view} />
          {activity && <input type="hidden" name="version" value={String(activity.version)} />}
          <DateField
            t={t}
            locale={view.locale}
            name="activityDate"
            label={t("implementation.form.date")}
            value={one(values.activityDate)}
            error={errors.activityDate}
          />
          <SelectField name="kind" label={t("implementation.form.kind")} value={one(values.kind)} options={kinds} error={errors.kind} />
          <TextField
            name="theme"
            label={t("implementation.form.theme")}
            hint={t("implementation.form.themeHint")}
            value={one(values.theme)}
            error={errors.theme}
          />
          {props.units.length > 0 ? (
            <CheckboxGroup
              name="unitIds"
              label={t("implementation.form.units")}
              hint={t("implementation.form.unitsHint")}
              values={many(values.unitIds)}
              options={props.units.map((u) => ({ value: u.id, label: u.name }))}
              error={errors.unitIds}
            />
          ) : (
            <p class="ds-paragraph">{t("implementation.form.noUnits")}</p>
          )}
          <RadioGroup
            name="status"
            legend={t("implementation.form.status")}
            value={one(values.status)}
            options={activityStatuses.map((s) => ({ value: s, label: t(`implementation.status.${s}`) }))}
            error={errors.status}
          />
          <TextField
            name="participants"
            label={t("implementation.form.participants")}
            hint={t("implementation.form.participantsHint")}
            value={one(values.participants)}
            inputMode="numeric"
            error={errors.participants}
          />
          <TextAreaField
            name="cancelReason"
            label={t("implementation.form.cancelReason")}
            hint={t("implementation.form.cancelReasonHint")}
            value={one(values.cancelReason)}
            rows={2}
            maxLength={REASON_MAX}
            error={errors.cancelReason}
          />
          <TextAreaField
            name="notes"
            label={t("implementation.form.notes")}
            hint={t("implementation.form.notesHint")}
            value={one(values.notes)}
            rows={4}
            maxLength={NOTES_MAX}
            error={errors.notes}
          />
          <div class="sofia-actions">
            <button type="submit" class="ds-button" data-variant="primary">
              {t(activity ? "implementation.form.save" : "implementation.form.create")}
            </button>
            <a class="ds-link" href={back}>
              {t("form.cancel")}
            </a>
          </div>
        </form>
      </div>
    </Layout>
  );
}

// ---- One activity ----

export function ActivityPage({ view, activity, notice }: { view: View; activity: implementation.Activity; notice?: string }) {
  const { t, locale } = view;
  const title = `${t(`implementation.kind.${activity.kind}`)}: ${activity.theme}`;
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.list.href({ ar: activity.activityDate.slice(0, 4) })} text={t("implementation.backToList")} />
      <PageHeading>{title}</PageHeading>
      <Notice text={notice && t(notice)} />
      <dl class="sofia-wm-facts" id="activity-facts">
        <dt>{t("implementation.col.date")}</dt>
        <dd>{formatDay(locale, activity.activityDate)}</dd>
        <dt>{t("implementation.col.kind")}</dt>
        <dd>{t(`implementation.kind.${activity.kind}`)}</dd>
        <dt>{t("implementation.col.theme")}</dt>
        <dd>{activity.theme}</dd>
        <dt>{t("implementation.col.units")}</dt>
        <dd>{unitNames(view, activity)}</dd>
        <dt>{t("implementation.col.status")}</dt>
        <dd>{t(`implementation.status.${activity.status}`)}</dd>
        {activity.status === "cancelled" && (
          <>
            <dt>{t("implementation.col.cancelReason")}</dt>
            <dd>{activity.cancelReason}</dd>
          </>
        )}
        <dt>{t(activity.status === "held" ? "implementation.col.participants" : "implementation.col.expectedParticipants")}</dt>
        <dd>{activity.participants === null ? t("implementation.notGiven") : formatNumber(locale, activity.participants)}</dd>
        <dt>{t("implementation.col.notes")}</dt>
        <dd>{activity.notes ?? t("implementation.notGiven")}</dd>
      </dl>
      {canManage(view) && (
        <p class="ds-paragraph sofia-actions">
          <a class="ds-button" data-variant="secondary" href={paths.editActivity.href({ id: activity.id })}>
            {t("implementation.activity.edit")}
          </a>
        </p>
      )}
    </Layout>
  );
}

// ---- Participation per unit ----

export function ParticipationPage(props: { view: View; data: implementation.Participation; errors?: FieldErrors }) {
  const { view, data } = props;
  const { t, locale } = view;
  const errors = props.errors ?? {};
  const year = yearLabel(t, data.year);
  const count = (n: number | null) =>
    n === null ? <Suppressed text={t("implementation.participation.suppressed")} /> : formatNumber(locale, n);
  const hidden = (v: string | null) => (v === null ? <Suppressed text={t("implementation.participation.suppressed")} /> : v);
  return (
    <Layout view={view} title={t("implementation.participation.title")}>
      <BackLink href={paths.list.href({ ar: yearParam(data.year) })} text={t("implementation.backToList")} />
      <PageHeading>{t("implementation.participation.title")}</PageHeading>
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("implementation.participation.intro")}</p>
      <p class="ds-paragraph">{t("implementation.participation.suppression", { min: data.minGroupSize })}</p>
      <form method="get" action={paths.participation.href()} class="sofia-results-form" novalidate>
        <div class="sofia-filters">
          <SelectField
            name="ar"
            label={t("implementation.participation.period")}
            hint={t("implementation.participation.periodHint")}
            value={yearParam(data.year)}
            options={yearOptions(t, data.years)}
            error={errors.ar}
          />
        </div>
        <button type="submit" class="ds-button" data-variant="secondary">
          {t("implementation.filter.show")}
        </button>
      </form>
      {data.units.length === 0 ? (
        <p class="ds-paragraph">{t("implementation.participation.noUnits")}</p>
      ) : (
        <ScrollRegion labelledBy="participation-caption">
          <table class="ds-table" data-border id="participation-table">
            <caption id="participation-caption">{t("implementation.participation.caption", { year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("implementation.col.unit")}</th>
                <NumHeader>{t("implementation.col.caseworkers")}</NumHeader>
                <NumHeader>{t("implementation.col.participating")}</NumHeader>
                <NumHeader>{t("implementation.col.share")}</NumHeader>
                <NumHeader>{t("implementation.col.meanFamilies")}</NumHeader>
                <NumHeader>{t("implementation.col.rangeFamilies")}</NumHeader>
                <NumHeader>{t("implementation.col.heldActivities")}</NumHeader>
                <NumHeader>{t("implementation.col.heldParticipants")}</NumHeader>
              </tr>
            </thead>
            <tbody>
              {data.units.map((u) => {
                const range = u.minFamilies === null || u.maxFamilies === null ? null : `${u.minFamilies}–${u.maxFamilies}`;
                const none = u.participating === 0;
                return (
                  <tr>
                    <th scope="row">{u.unitName}</th>
                    <td class="sofia-num">{count(u.caseworkers)}</td>
                    <td class="sofia-num">{count(u.participating)}</td>
                    <td class="sofia-num">{u.share === null ? (u.suppressed ? hidden(null) : "–") : percent[locale].format(u.share)}</td>
                    <td class="sofia-num">
                      {u.meanFamilies === null ? (none ? "–" : hidden(null)) : oneDecimal[locale].format(u.meanFamilies)}
                    </td>
                    <td class="sofia-num sofia-nowrap">{range === null ? (none ? "–" : hidden(null)) : range}</td>
                    <td class="sofia-num">{formatNumber(locale, u.heldActivities)}</td>
                    <td class="sofia-num">{formatNumber(locale, u.heldParticipants)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p class="ds-paragraph" data-size="sm">
        {t("implementation.participation.explained")}
      </p>
    </Layout>
  );
}
