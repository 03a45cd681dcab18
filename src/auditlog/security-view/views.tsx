import { ErrorSummary, SelectField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { compareText } from "../../platform/i18n.ts";
import { Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { knownSecurityEvents, pageCount, type SecurityFilter, securityEventLabel, securityFilterParams } from "../model.ts";
import { FilterActions, type FormValues, LogTime, Pagination, PeriodFields, ResultCount, ScopeNote, Tabs } from "../parts.tsx";
import { paths } from "./paths.ts";
import type { SecurityLogPage } from "./service.ts";

function SecurityFilterForm(props: { view: View; values: FormValues; errors: Record<string, string> }) {
  const { view, values, errors } = props;
  const { t } = view;
  const cmp = compareText(view.locale);
  const eventOptions = [
    { value: "", label: t("auditlog.filter.all") },
    ...knownSecurityEvents.map((e) => ({ value: e, label: securityEventLabel(t, e) })).sort((a, b) => cmp(a.label, b.label)),
  ];
  return (
    <form method="get" action={paths.security.href()} novalidate aria-labelledby="filter-h" class="sofia-section">
      <h2 id="filter-h" class="ds-heading" data-size="sm">
        {t("auditlog.filter.heading")}
      </h2>
      <div class="sofia-filters">
        <PeriodFields view={view} values={values} errors={errors} />
        <SelectField
          name="event"
          label={t("auditlog.filter.event")}
          value={values.event ?? ""}
          options={eventOptions}
          error={errors.event}
        />
      </div>
      <FilterActions view={view} resetHref={paths.security.href()} />
    </form>
  );
}

function SecurityTable({ view, data }: { view: View; data: SecurityLogPage }) {
  const { t } = view;
  return (
    <ScrollRegion labelledBy="security-caption">
      <table class="ds-table sofia-auditlog-table" data-border>
        <caption id="security-caption">{t("auditlog.security.caption", { from: data.filter.from, to: data.filter.to })}</caption>
        <thead>
          <tr>
            <th scope="col">{t("auditlog.col.time")}</th>
            <th scope="col">{t("auditlog.col.user")}</th>
            <th scope="col">{t("auditlog.col.event")}</th>
            <th scope="col">{t("auditlog.col.permission")}</th>
            <th scope="col">{t("auditlog.col.request")}</th>
            <th scope="col">{t("auditlog.col.address")}</th>
          </tr>
        </thead>
        <tbody>
          {data.entries.map((e) => (
            <tr>
              <td class="sofia-nowrap">
                <LogTime view={view} at={e.at} />
              </td>
              <td>
                {e.userId ? (
                  <>
                    {e.displayName ?? t("auditlog.unknownUser")}
                    {e.username && <span class="sofia-auditlog-sub">{e.username}</span>}
                  </>
                ) : e.username ? (
                  t("auditlog.security.typedUsername", { username: e.username })
                ) : (
                  t("auditlog.noActor")
                )}
              </td>
              <td>{securityEventLabel(t, e.event)}</td>
              <td>{e.action ?? ""}</td>
              <td>{[e.method, e.route].filter(Boolean).join(" ")}</td>
              <td class="sofia-nowrap">{e.ip ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function SecurityLogView(props: { view: View; values: FormValues; errors?: Record<string, string>; data?: SecurityLogPage }) {
  const { view, data } = props;
  const { t } = view;
  const errors = props.errors ?? {};
  return (
    <Layout view={view} title={t("auditlog.security.title")}>
      <PageHeading>{t("auditlog.title")}</PageHeading>
      <Tabs view={view} current="security" />
      <ErrorSummary errors={errors} t={t} />
      <h2 class="ds-heading" data-size="md">
        {t("auditlog.security.heading")}
      </h2>
      <p class="ds-paragraph">{t("auditlog.security.intro")}</p>
      <ScopeNote view={view} />
      <SecurityFilterForm view={view} values={props.values} errors={errors} />
      {data && (
        <section aria-labelledby="result-h" class="sofia-section">
          <h2 id="result-h" class="ds-heading" data-size="sm">
            {t("auditlog.result.heading")}
          </h2>
          <ResultCount view={view} total={data.total} page={data.filter.page} pageSize={data.filter.pageSize} />
          {data.entries.length > 0 && <SecurityTable view={view} data={data} />}
          <Pagination
            view={view}
            base={paths.security.href()}
            page={data.filter.page}
            pages={pageCount(data.total, data.filter.pageSize)}
            params={(p) => securityFilterParams(data.filter, p)}
          />
        </section>
      )}
    </Layout>
  );
}

export function securityValues(filter: SecurityFilter): FormValues {
  return securityFilterParams(filter);
}
