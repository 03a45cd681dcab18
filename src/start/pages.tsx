import type { App, View } from "../platform/http.ts";
import { compareText } from "../platform/i18n.ts";
import { Layout, PageHeading } from "../platform/layout.tsx";
import { type Action, scopeFor } from "../platform/permissions.ts";
import { type Worklist, WorklistSections } from "../worklists/index.ts";
import { paths } from "./paths.ts";
import { type StartPage, startPage } from "./service.ts";

const tasks: Array<{ href: string; label: string; permission: Action }> = [
  { href: "/forfragningar", label: "families.task", permission: "requests.view" },
  { href: "/processer", label: "processes.task", permission: "processes.view" },
  { href: "/sok", label: "search.task", permission: "persons.search" },
  { href: "/organisation", label: "start.task.organisation", permission: "organisation.manage" },
  { href: "/anvandare", label: "start.task.users", permission: "users.view" },
  { href: "/logguppfoljning", label: "start.task.audit", permission: "audit.review" },
  { href: "/arbetsmodeller", label: "workmodels.task", permission: "workmodels.view" },
  { href: "/enkater", label: "surveys.task", permission: "surveys.view" },
  { href: "/konto", label: "start.task.account", permission: "account.manage_own" },
  { href: "/api-dokumentation", label: "start.task.api", permission: "account.manage_own" },
];

function StartView({ view, data, work }: { view: View; data: StartPage; work: Worklist }) {
  const { t, actor } = view;
  if (!actor) return null;
  const cmp = compareText(view.locale);
  const unitName = new Map(data.units.map((u) => [u.id, u.name]));
  const colleagues = [...data.colleagues].sort((a, b) => cmp(a.displayName, b.displayName));
  return (
    <Layout view={view} title={t("start.title")}>
      <PageHeading>{t("start.welcome", { name: actor.displayName })}</PageHeading>
      <p class="ds-paragraph">{t("start.yourRoles", { roles: data.roles.map((r) => t(`role.${r}`)).join(", ") })}</p>
      <WorklistSections view={view} data={work} />

      <section aria-labelledby="tasks-h" class="sofia-section">
        <h2 id="tasks-h" class="ds-heading" data-size="sm">
          {t("start.tasks")}
        </h2>
        <ul class="sofia-cards">
          {tasks
            .filter((task) => scopeFor(actor.roles, task.permission))
            .map((task) => (
              <li>
                <a class="ds-card sofia-card-link" href={task.href}>
                  {t(task.label)}
                </a>
              </li>
            ))}
        </ul>
      </section>

      <section aria-labelledby="units-h" class="sofia-section">
        <h2 id="units-h" class="ds-heading" data-size="sm">
          {t("start.yourUnits")}
        </h2>
        {data.units.length === 0 ? (
          <p class="ds-paragraph">{t("start.noUnits")}</p>
        ) : (
          <ul class="ds-list">
            {[...data.units]
              .sort((a, b) => cmp(a.name, b.name))
              .map((u) => (
                <li>
                  {u.name} ({t(`unitKind.${u.kind}`)})
                </li>
              ))}
          </ul>
        )}
      </section>

      {data.units.length > 0 && (
        <section aria-labelledby="colleagues-h" class="sofia-section">
          <h2 id="colleagues-h" class="ds-heading" data-size="sm">
            {t("start.colleagues")}
          </h2>
          {colleagues.length === 0 ? (
            <p class="ds-paragraph">{t("start.noColleagues")}</p>
          ) : (
            <table class="ds-table" data-border>
              <thead>
                <tr>
                  <th scope="col">{t("start.col.name")}</th>
                  <th scope="col">{t("start.col.unit")}</th>
                  <th scope="col">{t("start.col.roles")}</th>
                </tr>
              </thead>
              <tbody>
                {colleagues.map((c) => (
                  <tr>
                    <td>{c.displayName}</td>
                    <td>{unitName.get(c.unitId)}</td>
                    <td>{c.roles.map((r) => t(`role.${r}`)).join(", ")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}

      {data.unitCounts && data.roleCounts && (
        <section aria-labelledby="overview-h" class="sofia-section">
          <h2 id="overview-h" class="ds-heading" data-size="sm">
            {t("start.overview")}
          </h2>
          <div class="sofia-grid-2">
            <table class="ds-table" data-border>
              <caption>{t("start.unitsByKind")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("start.col.kind")}</th>
                  <th scope="col" class="sofia-num">
                    {t("start.col.count")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.unitCounts.map((c) => (
                  <tr>
                    <th scope="row">{t(`unitKind.${c.kind}`)}</th>
                    <td class="sofia-num">{c.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table class="ds-table" data-border>
              <caption>{t("start.usersByRole")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("start.col.role")}</th>
                  <th scope="col" class="sofia-num">
                    {t("start.col.count")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.roleCounts.map((c) => (
                  <tr>
                    <th scope="row">{t(`role.${c.role}`)}</th>
                    <td class="sofia-num">{c.n}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </Layout>
  );
}

export function startPages(app: App): void {
  app.get(paths.start.pattern, { config: { permission: "start.view" } }, async (req, reply) => {
    const data = await startPage(req.ctx);
    return reply.page(<StartView view={req.view} data={data} work={data.work} />);
  });
}
