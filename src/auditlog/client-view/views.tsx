import { ErrorSummary, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatNumber } from "../../platform/i18n.ts";
import { Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import type { SearchHit } from "../../processes/index.ts";
import { actionLabel } from "../model.ts";
import { LogTime, Tabs } from "../parts.tsx";
import { actorText, assignmentText } from "./model.ts";
import { paths } from "./paths.ts";
import type { PersonLog } from "./service.ts";

/** The search by client: the text is posted, never in the address; each hit links to the person's log by id. */
export function ClientSearchPage(props: { view: View; query: string; hits: SearchHit[] | null; error?: string }) {
  const { view, hits, error } = props;
  const { t } = view;
  const errors: Record<string, string> = error ? { q: error } : {};
  return (
    <Layout view={view} title={t("auditlog.client.title")}>
      <PageHeading>{t("auditlog.client.title")}</PageHeading>
      <Tabs view={view} current="client" />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("auditlog.client.intro")}</p>
      <form method="post" action={paths.client.href()} novalidate class="sofia-section" aria-labelledby="client-search-h">
        <h2 id="client-search-h" class="ds-heading" data-size="sm">
          {t("auditlog.client.searchHeading")}
        </h2>
        <input type="hidden" name="_csrf" value={view.csrfToken} />
        <TextField name="q" label={t("auditlog.client.query")} hint={t("auditlog.client.queryHint")} value={props.query} error={error} />
        <div class="sofia-actions">
          <button type="submit" class="ds-button" data-variant="primary">
            {t("auditlog.client.submit")}
          </button>
        </div>
      </form>
      {hits && (
        <section aria-labelledby="client-hits-h" class="sofia-section">
          <h2 id="client-hits-h" class="ds-heading" data-size="sm">
            {t("auditlog.client.hits")}
          </h2>
          <p class="ds-paragraph" role="status">
            {hits.length === 0 ? t("auditlog.client.none") : t("auditlog.client.count", { n: formatNumber(view.locale, hits.length) })}
          </p>
          {hits.length > 0 && (
            <ScrollRegion labelledBy="client-hits-h">
              <table class="ds-table" data-border>
                <thead>
                  <tr>
                    <th scope="col">{t("auditlog.client.col.name")}</th>
                    <th scope="col">{t("auditlog.client.col.identity")}</th>
                    <th scope="col">{t("auditlog.client.col.kind")}</th>
                    <th scope="col">{t("auditlog.client.col.requestDate")}</th>
                  </tr>
                </thead>
                <tbody>
                  {hits.map((h) => (
                    <tr>
                      <th scope="row">
                        <a class="ds-link" href={paths.person.href({ personId: h.personId })}>
                          {h.name}
                        </a>
                      </th>
                      <td>{h.maskedIdentityNumber ?? h.birthDate}</td>
                      <td>{t(`auditlog.client.kind.${h.kind}`)}</td>
                      <td>{h.requestDate}</td>
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

/** Every access to one person's data: by whom, when, what and under which assignment, with the extracts. */
export function PersonLogPage({ view, log }: { view: View; log: PersonLog }) {
  const { t, locale } = view;
  const { person } = log;
  const title = t("auditlog.client.personTitle", { name: person.name });
  return (
    <Layout view={view} title={title}>
      <PageHeading>{title}</PageHeading>
      <Tabs view={view} current="client" />
      <p class="ds-paragraph">
        <a class="ds-link" href={paths.client.href()}>
          {t("auditlog.client.back")}
        </a>
      </p>
      <dl class="sofia-fam-facts">
        <dt>{t("auditlog.client.col.identity")}</dt>
        <dd>{person.maskedIdentityNumber ?? person.birthDate}</dd>
        <dt>{t("auditlog.client.col.kind")}</dt>
        <dd>{t(`auditlog.client.kind.${person.kind}`)}</dd>
        <dt>{t("auditlog.client.col.requestDate")}</dt>
        <dd>{person.requestDate}</dd>
      </dl>
      <section aria-labelledby="extract-h" class="sofia-section">
        <h2 id="extract-h" class="ds-heading" data-size="sm">
          {t("auditlog.client.extractHeading")}
        </h2>
        <p class="ds-paragraph">{t("auditlog.client.extractHint")}</p>
        <ul>
          <li>
            <a class="ds-link" href={paths.personPdf.href({ personId: person.id })}>
              {t("auditlog.client.extractPdf")}
            </a>
          </li>
          <li>
            <a class="ds-link" href={paths.personCsv.href({ personId: person.id })}>
              {t("auditlog.client.extractCsv")}
            </a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="accesses-h" class="sofia-section">
        <h2 id="accesses-h" class="ds-heading" data-size="sm">
          {t("auditlog.client.accesses")}
        </h2>
        <p class="ds-paragraph" role="status">
          {log.total === 0
            ? t("auditlog.client.noAccesses")
            : t("auditlog.client.accessCount", {
                total: formatNumber(locale, log.total),
                shown: formatNumber(locale, log.rows.length),
              })}
        </p>
        {log.rows.length > 0 && (
          <ScrollRegion labelledBy="accesses-h">
            <table class="ds-table sofia-auditlog-table" data-border>
              <thead>
                <tr>
                  <th scope="col">{t("auditlog.client.col.time")}</th>
                  <th scope="col">{t("auditlog.client.col.user")}</th>
                  <th scope="col">{t("auditlog.client.col.action")}</th>
                  <th scope="col">{t("auditlog.client.col.assignment")}</th>
                  <th scope="col">{t("auditlog.client.col.reason")}</th>
                </tr>
              </thead>
              <tbody>
                {log.rows.map((r) => (
                  <tr>
                    <td class="sofia-nowrap">
                      <LogTime view={view} at={r.at} />
                    </td>
                    <td>{actorText(t, r)}</td>
                    <td>{actionLabel(t, r.action)}</td>
                    <td>{assignmentText(t, r)}</td>
                    <td>{r.reason ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </Layout>
  );
}
