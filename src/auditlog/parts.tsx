import { DateField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { formatNumber } from "../platform/i18n.ts";
import { scopeFor } from "../platform/permissions.ts";
import { auditViewPaths } from "./audit-view/index.ts";
import { clientViewPaths } from "./client-view/index.ts";
import { flagsPaths } from "./flags/index.ts";
import { formatLogTime, queryString } from "./model.ts";
import { securityViewPaths } from "./security-view/index.ts";

/** What the audit-log and security-log pages share: addresses, tabs, counts, paging. */

/** The form's fields as typed, for showing them again next to their errors. */
export type FormValues = Partial<Record<"from" | "to" | "user" | "person" | "action" | "event", string>>;

export function rawValues(query: unknown): FormValues {
  const q = (query && typeof query === "object" ? query : {}) as Record<string, unknown>;
  const values: FormValues = {};
  for (const key of ["from", "to", "user", "person", "action", "event"] as const) {
    if (typeof q[key] === "string") values[key] = q[key];
  }
  return values;
}

export function Tabs({ view, current }: { view: View; current: "audit" | "security" | "client" | "flags" }) {
  const { t } = view;
  // The search by client and the flags are for the municipality's reviewers (decision 0058).
  const whole = !!view.actor && scopeFor(view.actor.roles, "audit.review") === "municipality";
  const tabs = [
    { href: auditViewPaths.audit.href(), id: "audit", label: t("auditlog.tab.audit") },
    ...(whole ? [{ href: clientViewPaths.client.href(), id: "client", label: t("auditlog.tab.client") }] : []),
    ...(whole ? [{ href: flagsPaths.flags.href(), id: "flags", label: t("auditlog.tab.flags") }] : []),
    { href: securityViewPaths.security.href(), id: "security", label: t("auditlog.tab.security") },
  ];
  return (
    <nav aria-label={t("auditlog.tabs")} class="sofia-auditlog-tabs">
      <ul>
        {tabs.map((tab) => (
          <li>
            <a href={tab.href} aria-current={tab.id === current ? "page" : undefined}>
              {tab.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ScopeNote({ view }: { view: View }) {
  const scope = view.actor ? scopeFor(view.actor.roles, "audit.review") : null;
  return <p class="ds-paragraph sofia-muted">{view.t(scope === "municipality" ? "auditlog.scope.municipality" : "auditlog.scope.unit")}</p>;
}

/** Pages around the current one, with the first and the last; the links keep the filter. */
export function Pagination(props: {
  view: View;
  base: string;
  page: number;
  pages: number;
  params: (page: number) => Record<string, string>;
}) {
  const { view, base, page, pages, params } = props;
  const { t } = view;
  if (pages <= 1) return null;
  const href = (p: number) => {
    const qs = queryString(params(p));
    return qs ? `${base}?${qs}` : base;
  };
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav aria-label={t("auditlog.pagination.label")} class="sofia-pagination">
      <p class="ds-paragraph" data-size="sm">
        {t("auditlog.pagination.status", { page: formatNumber(view.locale, page), pages: formatNumber(view.locale, pages) })}
      </p>
      <ul>
        {page > 1 && (
          <li>
            <a class="ds-link" href={href(page - 1)} rel="prev">
              {t("auditlog.pagination.previous")}
            </a>
          </li>
        )}
        {shown.map((p, i) => (
          <>
            {i > 0 && p - (shown[i - 1] ?? p) > 1 && (
              <li aria-hidden="true" class="sofia-pagination__gap">
                …
              </li>
            )}
            <li>
              <a
                class="ds-link"
                href={href(p)}
                aria-current={p === page ? "page" : undefined}
                aria-label={t("auditlog.pagination.page", { page: formatNumber(view.locale, p) })}
              >
                {formatNumber(view.locale, p)}
              </a>
            </li>
          </>
        ))}
        {page < pages && (
          <li>
            <a class="ds-link" href={href(page + 1)} rel="next">
              {t("auditlog.pagination.next")}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

export function ResultCount({ view, total, page, pageSize }: { view: View; total: number; page: number; pageSize: number }) {
  const { t, locale } = view;
  if (total === 0) return <p class="ds-paragraph">{t("auditlog.result.none")}</p>;
  const first = Math.min((page - 1) * pageSize + 1, total + 1);
  const last = Math.min(page * pageSize, total);
  return (
    <p class="ds-paragraph" role="status">
      {t("auditlog.result.count", {
        total: formatNumber(locale, total),
        first: formatNumber(locale, first),
        last: formatNumber(locale, Math.max(last, first - 1)),
      })}
    </p>
  );
}

export const LogTime = ({ view, at }: { view: View; at: Date }) => (
  <time dateTime={at.toISOString()}>{formatLogTime(view.locale, at)}</time>
);

/** The period of both logs' filters: from and to, as dates. */
export function PeriodFields({ view, values, errors }: { view: View; values: FormValues; errors: Record<string, string> }) {
  const { t } = view;
  return (
    <>
      <DateField
        t={t}
        locale={view.locale}
        name="from"
        label={t("auditlog.filter.from")}
        hint={t("auditlog.filter.dateHint")}
        value={values.from}
        error={errors.from}
      />
      <DateField
        t={t}
        locale={view.locale}
        name="to"
        label={t("auditlog.filter.to")}
        hint={t("auditlog.filter.dateHint")}
        value={values.to}
        error={errors.to}
      />
    </>
  );
}

export function FilterActions({ view, resetHref }: { view: View; resetHref: string }) {
  const { t } = view;
  return (
    <div class="sofia-actions">
      <button type="submit" class="ds-button" data-variant="primary">
        {t("auditlog.filter.submit")}
      </button>
      <a class="ds-link" href={resetHref}>
        {t("auditlog.filter.reset")}
      </a>
    </div>
  );
}
