/** The search page: a search form and its hits, each linked to the family's process or request. */
import { familyPaths } from "../../families/index.ts";
import { ErrorSummary, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BreakGlassOffer } from "../break-glass/index.ts";
import { processHref } from "../views.tsx";
import { paths } from "./paths.ts";
import type { SearchHit } from "./service.ts";

export function SearchPage({
  view,
  query,
  hits,
  error,
  breakGlassFor = null,
}: {
  view: View;
  query: string;
  hits: SearchHit[] | null;
  error?: string;
  /** The identity number to offer break-glass for, when the search found no family one works with. */
  breakGlassFor?: string | null;
}) {
  const { t } = view;
  return (
    <Layout view={view} title={t("processes.search.title")}>
      <PageHeading>{t("processes.search.title")}</PageHeading>
      <ErrorSummary errors={error ? { q: error } : {}} t={t} />
      <p class="ds-paragraph">{t("processes.search.intro")}</p>
      {/* POST: a name or an identity number never goes into a URL. */}
      <form method="post" action={paths.search.href()} novalidate>
        <CsrfField view={view} />
        <TextField
          name="q"
          label={t("processes.search.label")}
          hint={t("processes.search.hint")}
          value={query}
          error={error}
          autocomplete="off"
        />
        <p class="ds-paragraph">
          <button type="submit" class="ds-button" data-variant="primary">
            {t("processes.search.submit")}
          </button>
        </p>
      </form>
      {hits !== null && (
        <section aria-labelledby="hits-h" class="sofia-section">
          <h2 id="hits-h" class="ds-heading" data-size="sm">
            {t("processes.search.hits", { count: hits.length })}
          </h2>
          {hits.length === 0 ? (
            <p class="ds-paragraph">{t("processes.search.none")}</p>
          ) : (
            <ScrollRegion labelledBy="hits-h">
              <table class="ds-table" data-border>
                <caption class="ds-sr-only">{t("processes.search.title")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("processes.col.name")}</th>
                    <th scope="col">{t("processes.col.identity")}</th>
                    <th scope="col">{t("processes.col.about")}</th>
                    <th scope="col">{t("processes.requestDate")}</th>
                    <th scope="col">{t("processes.statusLabel")}</th>
                  </tr>
                </thead>
                <tbody>
                  {hits.map((h) => (
                    <tr>
                      <th scope="row">
                        <a class="ds-link" href={h.processId ? processHref(h.processId) : familyPaths.request.href({ id: h.requestId })}>
                          {h.name}
                        </a>
                      </th>
                      <td>{h.maskedIdentityNumber ?? t("processes.person.noNumber", { date: h.birthDate })}</td>
                      <td>{t(`processes.person.${h.kind}`)}</td>
                      <td>{h.requestDate}</td>
                      <td>
                        {h.status
                          ? `${t(`processes.status.${h.status}`)}, ${t(`processes.phase.${h.phase}`)}`
                          : t("processes.search.noProcess")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </section>
      )}
      {breakGlassFor !== null && <BreakGlassOffer view={view} identityNumber={breakGlassFor} />}
    </Layout>
  );
}
