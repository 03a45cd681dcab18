import type { ComponentChildren } from "preact";
import type { View } from "./http.ts";
import { type Action, scopeFor } from "./permissions.ts";

interface NavItem {
  href: string;
  label: string;
  /** One action, or several of which any one shows the item. */
  permission: Action | Action[];
}

/** A top-level entry: one page, or a group of pages behind one disclosure button. */
type NavEntry = NavItem | { label: string; items: NavItem[] };

/**
 * The main menu (issue 14): at most seven top-level entries for any role. Daily casework is at the
 * top; follow-up, the model's configuration and administration are groups, shown only to whom one of
 * their pages is allowed (no admin entries for caseworkers). Search and the own account sit in the
 * header. A group with one allowed page shows that page directly.
 */
const navEntries: NavEntry[] = [
  { href: "/start", label: "layout.nav.start", permission: "start.view" },
  { href: "/forfragningar", label: "families.nav", permission: "requests.view" },
  { href: "/processer", label: "processes.nav", permission: "processes.view" },
  {
    label: "layout.nav.followup",
    items: [
      { href: "/placeringar", label: "placements.nav", permission: "placements.read" },
      { href: "/uppfoljning", label: "followup.nav", permission: "followup.view" },
      { href: "/rapporter", label: "reports.nav", permission: "reports.view" },
      { href: "/enkater/resultat", label: "results.nav", permission: "surveys.results" },
      { href: "/utfall", label: "outcomes.nav", permission: "outcomes.record" },
      { href: "/implementering", label: "implementation.nav", permission: "implementation.view" },
      { href: "/ekonomi", label: "economy.nav", permission: "economy.view" },
    ],
  },
  { href: "/aktgranskning", label: "audits.nav", permission: ["audits.review", "audits.manage", "audits.results"] },
  {
    label: "layout.nav.model",
    items: [
      { href: "/arbetsmodeller", label: "workmodels.nav", permission: "workmodels.view" },
      { href: "/enkater", label: "surveys.nav", permission: "surveys.view" },
    ],
  },
  {
    label: "layout.nav.administration",
    items: [
      { href: "/organisation", label: "layout.nav.organisation", permission: "organisation.manage" },
      { href: "/anvandare", label: "layout.nav.users", permission: "users.view" },
      { href: "/logguppfoljning", label: "layout.nav.auditLog", permission: "audit.review" },
      { href: "/gallring", label: "layout.nav.retention", permission: "retention.manage" },
    ],
  },
];

/** The model's pages are configuration: caseworkers (who neither assign nor configure) reach what they need of them from their own pages, not the menu. */
const modelInMenu: Action[] = ["workmodels.manage", "processes.assign"];

/** The entries one user sees: allowed pages only, empty groups left out, a group of one shown as its page. */
export function menuFor(roles: Parameters<typeof scopeFor>[0]): NavEntry[] {
  const allowed = (i: NavItem) => [i.permission].flat().some((p) => scopeFor(roles, p));
  const out: NavEntry[] = [];
  for (const entry of navEntries) {
    if (!("items" in entry)) {
      if (allowed(entry)) out.push(entry);
      continue;
    }
    if (entry.label === "layout.nav.model" && !modelInMenu.some((a) => scopeFor(roles, a)) && scopeFor(roles, "processes.work")) continue;
    const items = entry.items.filter(allowed);
    if (items.length === 1 && items[0]) out.push(items[0]);
    else if (items.length > 1) out.push({ label: entry.label, items });
  }
  return out;
}

export function CsrfField({ view }: { view: View }) {
  return <input type="hidden" name="_csrf" value={view.csrfToken} />;
}

/**
 * The document head every page shares: the stylesheets and the scripts, each loaded with this
 * request's nonce. A page outside the app frame (the respondents' survey pages) adds its own script.
 */
export function DocumentHead({ view, title, scripts = [] }: { view: View; title: string; scripts?: string[] }) {
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{`${title} – ${view.t("app.name")}`}</title>
      <link rel="stylesheet" href="/static/ds/theme/designsystemet.css" />
      <link rel="stylesheet" href="/static/ds/src/index.css" />
      <link rel="stylesheet" href="/static/css/sofia.css" />
      <script src="/static/js/app.js" defer nonce={view.nonce} />
      {scripts.map((src) => (
        <script src={src} defer nonce={view.nonce} />
      ))}
    </head>
  );
}

/**
 * The frame of every page: skip link, header with the menu the user's roles allow, one main
 * landmark holding the page's single h1, footer. No inline script: behaviour comes from
 * /static/js/app.js, loaded with this request's nonce.
 */
export function Layout({ view, title, children }: { view: View; title: string; children: ComponentChildren }) {
  const { t, actor } = view;
  const other = view.locale === "sv" ? "en" : "sv";
  const menu = actor ? menuFor(actor.roles) : [];
  const pages = menu.flatMap((e) => ("items" in e ? e.items : [e]));
  const matches = (href: string) => view.path === href || view.path.startsWith(`${href}/`);
  // The most specific page is the current one (/enkater/resultat, not /enkater).
  const current = (i: NavItem) => matches(i.href) && !pages.some((o) => o.href.length > i.href.length && matches(o.href));
  const navLink = (i: NavItem) => (
    <a href={i.href} aria-current={current(i) ? "page" : undefined}>
      {t(i.label)}
    </a>
  );
  return (
    <html lang={view.locale} data-color-scheme="light">
      <DocumentHead view={view} title={title} />
      <body
        data-idle-seconds={actor ? String(view.idleSeconds) : undefined}
        data-warn-seconds={actor ? String(view.warnSeconds) : undefined}
        data-csrf={actor ? view.csrfToken : undefined}
      >
        <a class="ds-skip-link" href="#main">
          {t("layout.skipLink")}
        </a>
        <header class="sofia-header">
          <div class="sofia-header__inner">
            <a class="sofia-logo" href={actor ? "/start" : "/"}>
              <span class="sofia-logo__name">{t("app.name")}</span>
              <span class="sofia-logo__tagline">{t("app.tagline")}</span>
            </a>
            <div class="sofia-header__tools">
              <form method="post" action="/sprak" class="sofia-inline-form">
                <CsrfField view={view} />
                <input type="hidden" name="lang" value={other} />
                <input type="hidden" name="back" value={view.path} />
                <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm" lang={other}>
                  {t(other === "en" ? "layout.switchToEnglish" : "layout.switchToSwedish")}
                </button>
              </form>
              {actor && scopeFor(actor.roles, "persons.search") && (
                <search aria-label={t("layout.search")}>
                  <form method="post" action="/sok" class="sofia-inline-form sofia-header__search">
                    <CsrfField view={view} />
                    <label class="sofia-sr-only" for="header-search">
                      {t("layout.searchLabel")}
                    </label>
                    <input
                      class="ds-input"
                      data-size="sm"
                      id="header-search"
                      name="q"
                      type="search"
                      autocomplete="off"
                      placeholder={t("layout.search")}
                    />
                    <button type="submit" class="ds-button" data-variant="secondary" data-size="sm" aria-label={t("layout.searchButton")}>
                      {t("search.nav")}
                    </button>
                  </form>
                </search>
              )}
              {actor && (
                <>
                  <span class="sofia-header__user">{t("layout.signedInAs", { name: actor.displayName })}</span>
                  <a class="sofia-header__link" href="/konto" aria-current={view.path === "/konto" ? "page" : undefined}>
                    {t("layout.nav.account")}
                  </a>
                  <form method="post" action="/logga-ut" class="sofia-inline-form">
                    <CsrfField view={view} />
                    <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">
                      {t("layout.logout")}
                    </button>
                  </form>
                </>
              )}
            </div>
          </div>
          {menu.length > 0 && (
            <nav class="sofia-nav" aria-label={t("layout.mainNav")} data-menu-label={t("layout.menu")}>
              <ul>
                {menu.map((entry) => {
                  if (!("items" in entry)) return <li>{navLink(entry)}</li>;
                  const open = entry.items.some(current);
                  return (
                    <li>
                      <details class="sofia-nav__group">
                        <summary aria-current={open ? "true" : undefined}>{t(entry.label)}</summary>
                        <ul>
                          {entry.items.map((i) => (
                            <li>{navLink(i)}</li>
                          ))}
                        </ul>
                      </details>
                    </li>
                  );
                })}
              </ul>
            </nav>
          )}
        </header>
        <main id="main" tabIndex={-1} class="sofia-main">
          {children}
        </main>
        <footer class="sofia-footer">
          <p class="ds-paragraph" data-size="sm">
            {t("layout.footer")}
          </p>
        </footer>
        {actor && (
          <dialog id="session-warning" class="ds-dialog" aria-labelledby="session-warning-title">
            <h2 id="session-warning-title" class="ds-heading" data-size="sm">
              {t("session.warningTitle")}
            </h2>
            <p class="ds-paragraph">{t("session.warningText", { minutes: Math.round(view.warnSeconds / 60) })}</p>
            <div class="sofia-actions">
              <form method="post" action="/session/forlang" class="sofia-inline-form">
                <CsrfField view={view} />
                <input type="hidden" name="back" value={view.path} />
                <button type="submit" class="ds-button" data-variant="primary" data-action="extend-session">
                  {t("session.extend")}
                </button>
              </form>
              <form method="post" action="/logga-ut" class="sofia-inline-form">
                <CsrfField view={view} />
                <button type="submit" class="ds-button" data-variant="secondary">
                  {t("session.logoutNow")}
                </button>
              </form>
            </div>
          </dialog>
        )}
      </body>
    </html>
  );
}

export function PageHeading({ children }: { children: ComponentChildren }) {
  return (
    <h1 class="ds-heading" data-size="lg">
      {children}
    </h1>
  );
}

/**
 * A wide table's horizontal scroll box. It takes keyboard focus so that keyboard users can scroll
 * it (axe: scrollable-region-focusable) and is named by the table's caption.
 */
export function ScrollRegion({ labelledBy, children }: { labelledBy: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard (WCAG 2.1.1)
    <section class="sofia-table-wrap" tabIndex={0} aria-labelledby={labelledBy}>
      {children}
    </section>
  );
}
