/** The list of processes: its filters, its sortable columns and its pages; the query in the URL holds no personal data. */
import { caseTypeLabelKey, familyName } from "../../families/index.ts";
import { SelectField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { Notice } from "../../platform/page-parts.tsx";
import { scopeFor } from "../../platform/permissions.ts";
import {
  FilterSubmit,
  listHref,
  oneOf,
  Pager,
  SortHeader as PlatformSortHeader,
  pageNumber,
  type SortOrder,
  sortQuery,
} from "../../platform/sortable-list.tsx";
import { type Phase, type ProcessStatus, phases, processStatuses } from "../model.ts";
import { teamPaths } from "../team/index.ts";
import { processHref } from "../views.tsx";
import { paths } from "./paths.ts";
import type { ListChoices, ListFilter, ListSort, ProcessList } from "./service.ts";

/** The list's query in the URL (no personal data: ids of staff and units, choices and a page number). */
export interface ListQuery {
  status: string;
  fas: string;
  handlaggare: string;
  enhet: string;
  vantan: string;
  sortera: string;
  ordning: SortOrder;
  sida: number;
}

const sortKeys: Record<string, ListSort> = { datum: "date", namn: "name", handlaggare: "caseworker", fas: "phase", vantan: "wait" };
/** Newest request first by default; a header sorts ascending first, the date descending first. */
const sortDefaults = { key: "datum", descendingFirst: ["datum"] };

/** The list's query from the URL; anything unknown is left out. */
export function listQuery(q: Record<string, string | undefined>): ListQuery {
  const id = (v: string | undefined) => (v && /^[0-9a-f-]{36}$/i.test(v) ? v : "");
  return {
    status: oneOf(processStatuses, q.status),
    fas: oneOf(phases, q.fas),
    handlaggare: id(q.handlaggare),
    enhet: id(q.enhet),
    vantan: q.vantan === "over" ? "over" : "",
    ...sortQuery(q, Object.keys(sortKeys)),
    sida: pageNumber(q.sida),
  };
}

export function listFilter(q: ListQuery): ListFilter {
  return {
    status: (q.status || null) as ProcessStatus | null,
    phase: (q.fas || null) as Phase | null,
    caseworkerId: q.handlaggare || null,
    unitId: q.enhet || null,
    overLimit: q.vantan === "over",
    sort: sortKeys[q.sortera] ?? "date",
    ...(q.ordning !== "" && { descending: q.ordning === "fallande" }),
    page: q.sida,
  };
}

const hrefOf = (q: ListQuery, change: Partial<ListQuery>) => listHref(paths.list.href, q, change);

/** A column header that sorts the list (the platform's, with this list's defaults). */
function SortHeader({ t, q, sortKey, label }: { t: View["t"]; q: ListQuery; sortKey: string; label: string }) {
  return <PlatformSortHeader t={t} q={q} defaults={sortDefaults} sortKey={sortKey} label={label} href={paths.list.href} />;
}

export function ListPage({
  view,
  list,
  query: q,
  choices,
  notice,
}: {
  view: View;
  list: ProcessList;
  query: ListQuery;
  choices: ListChoices;
  notice?: string;
}) {
  const { t } = view;
  const canAssign = view.actor !== null && scopeFor(view.actor.roles, "processes.assign") !== null;
  const all = { value: "", label: t("processes.list.all") };
  return (
    <Layout view={view} title={t("processes.list.title")}>
      <PageHeading>{t("processes.list.title")}</PageHeading>
      <Notice text={notice} />
      {canAssign && (
        <p class="ds-paragraph">
          <a class="ds-link" href={teamPaths.handover.href()}>
            {t("processes.handover.link")}
          </a>
        </p>
      )}
      <form method="get" action={paths.list.href()} class="sofia-filters">
        <SelectField
          name="status"
          label={t("processes.list.status")}
          value={q.status}
          options={[all, ...processStatuses.map((s) => ({ value: s, label: t(`processes.status.${s}`) }))]}
        />
        <SelectField
          name="fas"
          label={t("processes.list.phase")}
          value={q.fas}
          options={[all, ...phases.map((p) => ({ value: p, label: t(`processes.phase.${p}`) }))]}
        />
        <SelectField
          name="handlaggare"
          label={t("processes.list.caseworker")}
          value={q.handlaggare}
          options={[all, ...choices.staff.map((s) => ({ value: s.id, label: s.name }))]}
        />
        <SelectField
          name="enhet"
          label={t("processes.list.unit")}
          value={q.enhet}
          options={[all, ...choices.units.map((u) => ({ value: u.id, label: u.name }))]}
        />
        <SelectField
          name="vantan"
          label={t("processes.list.wait")}
          value={q.vantan}
          options={[all, { value: "over", label: t("processes.list.waitOver") }]}
        />
        <FilterSubmit q={q} label={t("processes.list.filter")} />
      </form>
      {list.items.length === 0 ? (
        <p class="ds-paragraph">{t("processes.list.empty")}</p>
      ) : (
        <ScrollRegion labelledBy="list-caption">
          <table class="ds-table" data-border>
            <caption id="list-caption">{t("processes.list.count", { count: list.total })}</caption>
            <thead>
              <tr>
                <SortHeader t={t} q={q} sortKey="namn" label={t("processes.list.family")} />
                <SortHeader t={t} q={q} sortKey="datum" label={t("processes.requestDate")} />
                <th scope="col">{t("processes.statusLabel")}</th>
                <SortHeader t={t} q={q} sortKey="fas" label={t("processes.phaseLabel")} />
                <th scope="col">{t("processes.caseType")}</th>
                <SortHeader t={t} q={q} sortKey="handlaggare" label={t("processes.role.child_caseworker")} />
                <th scope="col">{t("processes.role.adult_caseworker")}</th>
                <SortHeader t={t} q={q} sortKey="vantan" label={t("processes.list.longestWait")} />
              </tr>
            </thead>
            <tbody>
              {list.items.map((p) => {
                const name = p.family ? familyName(p.family, t) : null;
                return (
                  <tr>
                    <th scope="row">
                      <a class="ds-link" href={processHref(p.id)}>
                        {name?.name ?? p.requestDate}
                      </a>
                      {name && (name.children || name.caseFile) && (
                        <div class="sofia-family-line" data-size="sm">
                          {[name.children, name.caseFile].filter((x) => x !== "").join(" · ")}
                        </div>
                      )}
                    </th>
                    <td class="sofia-nowrap">{p.requestDate}</td>
                    <td>{t(`processes.status.${p.status}`)}</td>
                    <td>{t(`processes.phase.${p.phase}`)}</td>
                    <td>{t(caseTypeLabelKey(p.caseType as 1 | 2 | 3 | null))}</td>
                    <td>{p.childCaseworker ?? t("processes.notAssigned")}</td>
                    <td>{p.adultCaseworker ?? t("processes.notAssigned")}</td>
                    <td>
                      {p.longestWait
                        ? `${t(`processes.wait.${p.longestWait.step}`)}: ${t(p.longestWait.overLimit ? "processes.list.flagged" : "processes.list.days", { days: p.longestWait.days })}`
                        : ""}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pager t={t} page={list.page} total={list.total} pageSize={list.pageSize} href={(sida) => hrefOf(q, { sida })} />
    </Layout>
  );
}
