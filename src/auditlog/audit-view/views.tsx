import { ErrorSummary, SelectField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { compareText, formatNumber, type Translate } from "../../platform/i18n.ts";
import { Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import {
  type AuditFilter,
  actionLabel,
  auditFilterParams,
  EXPORT_MAX_ROWS,
  pageCount,
  parseSubjectRef,
  queryString,
  recordTypeLabel,
  subjectRefValue,
} from "../model.ts";
import { FilterActions, type FormValues, LogTime, Pagination, PeriodFields, ResultCount, ScopeNote, Tabs } from "../parts.tsx";
import { paths } from "./paths.ts";
import type { AuditEntryRow, AuditLogPage, FilterOptions } from "./service.ts";

function userOptions(view: View, options: FilterOptions, value: (id: string) => string) {
  const { t } = view;
  const cmp = compareText(view.locale);
  const sorted = [...options.users].sort((a, b) => cmp(a.displayName, b.displayName) || cmp(a.username, b.username));
  return [
    { value: "", label: t("auditlog.filter.all") },
    ...sorted.map((u) => ({
      value: value(u.id),
      label: t(u.active ? "auditlog.filter.userOption" : "auditlog.filter.inactiveUserOption", {
        name: u.displayName,
        username: u.username,
      }),
    })),
  ];
}

/** The users, and the family member asked about (by id only: the log review names no family member). */
function personOptions(view: View, options: FilterOptions, chosen: string | undefined) {
  const users = userOptions(view, options, (id) => subjectRefValue({ kind: "user", id }));
  const person = chosen ? parseSubjectRef(chosen) : null;
  if (person?.kind !== "person") return users;
  return [...users, { value: subjectRefValue(person), label: view.t("auditlog.filter.personOption", { id: person.id }) }];
}

function AuditFilterForm(props: { view: View; values: FormValues; options: FilterOptions; errors: Record<string, string> }) {
  const { view, values, options, errors } = props;
  const { t } = view;
  const cmp = compareText(view.locale);
  const actionOptions = [
    { value: "", label: t("auditlog.filter.all") },
    ...options.actions.map((a) => ({ value: a, label: actionLabel(t, a) })).sort((a, b) => cmp(a.label, b.label)),
  ];
  return (
    <form method="get" action={paths.audit.href()} novalidate aria-labelledby="filter-h" class="sofia-section">
      <h2 id="filter-h" class="ds-heading" data-size="sm">
        {t("auditlog.filter.heading")}
      </h2>
      <div class="sofia-filters">
        <SelectField
          name="person"
          label={t("auditlog.filter.person")}
          hint={t("auditlog.filter.personHint")}
          value={values.person ?? ""}
          options={personOptions(view, options, values.person)}
          error={errors.person}
        />
        <SelectField
          name="user"
          label={t("auditlog.filter.user")}
          hint={t("auditlog.filter.userHint")}
          value={values.user ?? ""}
          options={userOptions(view, options, (id) => id)}
          error={errors.user}
        />
        <PeriodFields view={view} values={values} errors={errors} />
        <SelectField
          name="action"
          label={t("auditlog.filter.action")}
          value={values.action ?? ""}
          options={actionOptions}
          error={errors.action}
        />
      </div>
      <FilterActions view={view} resetHref={paths.audit.href()} />
    </form>
  );
}

function ActorCell({ view, e }: { view: View; e: AuditEntryRow }) {
  const { t } = view;
  if (!e.actorUserId && !e.actorUsername) return <>{t("auditlog.noActor")}</>;
  return (
    <>
      {e.actorDisplayName ?? t("auditlog.unknownUser")}
      {e.actorUsername && <span class="sofia-auditlog-sub">{e.actorUsername}</span>}
      {e.apiTokenId && <span class="sofia-auditlog-sub">{t("auditlog.viaApi")}</span>}
    </>
  );
}

/** Whom a row is about: its single subject, or the users and the number of family members a view showed (decision 0051). */
export function subjectText(t: Translate, e: AuditEntryRow): string {
  if (e.subjectUserId) return e.subjectDisplayName ?? t("auditlog.userId", { id: e.subjectUserId });
  if (e.subjectPersonId) return t("auditlog.personId", { id: e.subjectPersonId });
  const many = [...e.subjectUserNames];
  if (e.subjectPersonIds.length > 0) many.push(t("auditlog.persons", { n: e.subjectPersonIds.length }));
  return many.join(", ");
}

/** The ids of whom a row is about, for the export: the single subject or every one a view showed. */
export const subjectIds = (e: AuditEntryRow): string =>
  [e.subjectUserId, e.subjectPersonId, ...e.subjectUserIds, ...e.subjectPersonIds].filter((id) => id !== null).join(" ");

function AuditTable({ view, data }: { view: View; data: AuditLogPage }) {
  const { t } = view;
  const { filter } = data;
  return (
    <ScrollRegion labelledBy="auditlog-caption">
      <table class="ds-table sofia-auditlog-table" data-border>
        <caption id="auditlog-caption">{t("auditlog.result.caption", { from: filter.from, to: filter.to })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("auditlog.col.time")}</th>
            <th scope="col">{t("auditlog.col.user")}</th>
            <th scope="col">{t("auditlog.col.roles")}</th>
            <th scope="col">{t("auditlog.col.action")}</th>
            <th scope="col">{t("auditlog.col.record")}</th>
            <th scope="col">{t("auditlog.col.person")}</th>
            <th scope="col">{t("auditlog.col.address")}</th>
            <th scope="col">{t("auditlog.col.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {data.entries.map((e) => (
            <tr>
              <td class="sofia-nowrap">
                <LogTime view={view} at={e.at} />
              </td>
              <td>
                <ActorCell view={view} e={e} />
              </td>
              <td>{e.actorRoles.map((r) => t(`role.${r}`)).join(", ")}</td>
              <td>{actionLabel(t, e.action)}</td>
              <td>
                {recordTypeLabel(t, e.recordType)}
                {e.recordId && <span class="sofia-auditlog-sub sofia-auditlog-id">{e.recordId}</span>}
              </td>
              <td>{subjectText(t, e)}</td>
              <td class="sofia-nowrap">{e.ip ?? ""}</td>
              <td>{e.reason ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function ExportSection({ view, filter, total }: { view: View; filter: AuditFilter; total: number }) {
  const { t, locale } = view;
  const params = auditFilterParams(filter);
  return (
    <section aria-labelledby="export-h" class="sofia-section">
      <h2 id="export-h" class="ds-heading" data-size="sm">
        {t("auditlog.export.heading")}
      </h2>
      <p class="ds-paragraph">{t("auditlog.export.hint", { max: formatNumber(locale, EXPORT_MAX_ROWS) })}</p>
      {total > EXPORT_MAX_ROWS && (
        <div class="ds-alert" data-color="warning">
          <p class="ds-paragraph">
            {t("auditlog.export.tooMany", { total: formatNumber(locale, total), max: formatNumber(locale, EXPORT_MAX_ROWS) })}
          </p>
        </div>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href={`${paths.export.href()}?${queryString(params)}`}>
          {t("auditlog.export.link")}
        </a>
      </p>
    </section>
  );
}

export function AuditLogView(props: {
  view: View;
  options: FilterOptions;
  values: FormValues;
  errors?: Record<string, string>;
  data?: AuditLogPage;
}) {
  const { view, data } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("auditlog.title")}>
      <PageHeading>{t("auditlog.title")}</PageHeading>
      <Tabs view={view} current="audit" />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("auditlog.intro")}</p>
      <ScopeNote view={view} />
      <AuditFilterForm view={view} values={props.values} options={props.options} errors={errors} />
      {data && (
        <>
          <section aria-labelledby="result-h" class="sofia-section">
            <h2 id="result-h" class="ds-heading" data-size="sm">
              {t("auditlog.result.heading")}
            </h2>
            <ResultCount view={view} total={data.total} page={data.filter.page} pageSize={data.filter.pageSize} />
            {data.entries.length > 0 && <AuditTable view={view} data={data} />}
            <Pagination
              view={view}
              base={paths.audit.href()}
              page={data.filter.page}
              pages={pageCount(data.total, data.filter.pageSize)}
              params={(p) => auditFilterParams(data.filter, p)}
            />
          </section>
          <ExportSection view={view} filter={data.filter} total={data.total} />
        </>
      )}
    </Layout>
  );
}

/** The values the form shows after a successful search: the normalised filter, dates filled in. */
export function filterValues(filter: AuditFilter): FormValues {
  return auditFilterParams(filter);
}
