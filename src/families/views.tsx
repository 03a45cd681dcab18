/** The read side: the list of requests and one request with its family and case type. */
import { SelectField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { Notice } from "../platform/page-parts.tsx";
import { scopeFor } from "../platform/permissions.ts";
import { FilterSubmit, listHref, oneOf, Pager, pageNumber, SortHeader, type SortQuery, sortQuery } from "../platform/sortable-list.tsx";
import { ContactFacts } from "./contact-view.tsx";
import { HandoverSection, type HandoverSummary } from "./handovers/index.ts";
import { caseTypeLabelKey, describeCaseType, familyName } from "./model.ts";
import { FamilyNameLine } from "./name-view.tsx";
import { paths } from "./paths.ts";
import { requestStatuses } from "./schemas.ts";
import type { RequestDetail, RequestList, RequestListFilter, RequestListSort } from "./service.ts";

const requestHref = (id: string) => paths.request.href({ id });

/** The requests list's query in the URL (no personal data: a unit's id, choices and the sort). */
export interface RequestListQuery extends SortQuery {
  status: string;
  enhet: string;
  vantan: string;
  sida: number;
}

const sortKeys: Record<string, RequestListSort> = { datum: "date", namn: "name", enhet: "unit", status: "status", vantan: "wait" };
/** Newest request first by default, as /processer; a header sorts ascending first, the date descending first. */
const sortDefaults = { key: "datum", descendingFirst: ["datum"] };

/** The list's query from the URL; anything unknown is left out. */
export function requestListQuery(q: Record<string, string | undefined>): RequestListQuery {
  return {
    status: oneOf(requestStatuses, q.status),
    enhet: q.enhet && /^[0-9a-f-]{36}$/i.test(q.enhet) ? q.enhet : "",
    vantan: q.vantan === "over" ? "over" : "",
    ...sortQuery(q, Object.keys(sortKeys)),
    sida: pageNumber(q.sida),
  };
}

export function requestListFilter(q: RequestListQuery): RequestListFilter {
  return {
    status: q.status || null,
    unitId: q.enhet || null,
    overLimit: q.vantan === "over",
    sort: sortKeys[q.sortera] ?? "date",
    ...(q.ordning !== "" && { descending: q.ordning === "fallande" }),
    page: q.sida,
  };
}

export function ListPage({
  view,
  requests,
  query: q,
  units,
}: {
  view: View;
  requests: RequestList;
  query: RequestListQuery;
  units: Array<{ id: string; name: string }>;
}) {
  const { t, actor } = view;
  const canCreate = !!actor && !!scopeFor(actor.roles, "requests.create");
  const all = { value: "", label: t("families.list.all") };
  const header = (sortKey: string, label: string) => (
    <SortHeader t={t} q={q} defaults={sortDefaults} sortKey={sortKey} label={label} href={paths.list.href} />
  );
  return (
    <Layout view={view} title={t("families.list.title")}>
      <PageHeading>{t("families.list.title")}</PageHeading>
      {canCreate && (
        <p class="ds-paragraph">
          <a class="ds-button" data-variant="primary" href={paths.newRequest.href()}>
            {t("families.list.new")}
          </a>
        </p>
      )}
      <form method="get" action={paths.list.href()} class="sofia-filters">
        <SelectField
          name="status"
          label={t("families.col.status")}
          value={q.status}
          options={[all, ...requestStatuses.map((s) => ({ value: s, label: t(`families.status.${s}`) }))]}
        />
        <SelectField
          name="enhet"
          label={t("families.list.unit")}
          value={q.enhet}
          options={[all, ...units.map((u) => ({ value: u.id, label: u.name }))]}
        />
        <SelectField
          name="vantan"
          label={t("families.list.wait")}
          value={q.vantan}
          options={[all, { value: "over", label: t("families.list.waitOver") }]}
        />
        <FilterSubmit q={q} label={t("families.list.filter")} />
      </form>
      {requests.total === 0 ? (
        <p class="ds-paragraph">{t("families.list.empty")}</p>
      ) : (
        <ScrollRegion labelledBy="requests-caption">
          <table class="ds-table" data-border>
            <caption id="requests-caption">{t("families.list.count", { count: requests.total })}</caption>
            <thead>
              <tr>
                {header("namn", t("families.col.family"))}
                {header("datum", t("families.col.date"))}
                {header("enhet", t("families.list.units"))}
                <th scope="col">{t("families.col.caseType")}</th>
                <th scope="col" class="sofia-num">
                  {t("families.col.children")}
                </th>
                {header("status", t("families.col.status"))}
                {header("vantan", t("families.list.waitColumn"))}
              </tr>
            </thead>
            <tbody>
              {requests.items.map((r) => (
                <tr>
                  <th scope="row">
                    <a class="ds-link" href={requestHref(r.id)}>
                      {r.family ? familyName(r.family, t).name : r.requestDate}
                    </a>
                    {r.family && <FamilyNameLine family={r.family} t={t} />}
                  </th>
                  <td class="sofia-nowrap">{r.requestDate}</td>
                  <td>{r.units.join(", ")}</td>
                  <td>{t(caseTypeLabelKey(r.caseType))}</td>
                  <td class="sofia-num">{r.children}</td>
                  <td>
                    {t(`families.status.${r.status}`)}
                    {r.stopReason ? ` (${t(`families.stopReason.${r.stopReason}`)})` : ""}
                  </td>
                  <td>
                    {r.wait
                      ? t(
                          r.wait.overLimit
                            ? r.wait.ongoing
                              ? "families.list.waitingOver"
                              : "families.list.waitedOver"
                            : r.wait.ongoing
                              ? "families.list.waiting"
                              : "families.list.waited",
                          { days: r.wait.days },
                        )
                      : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <Pager
        t={t}
        page={requests.page}
        total={requests.total}
        pageSize={requests.pageSize}
        href={(sida) => listHref(paths.list.href, q, { sida })}
      />
    </Layout>
  );
}

export function DetailPage({
  view,
  data,
  notice,
  change,
  handovers = [],
}: {
  view: View;
  data: RequestDetail;
  notice?: string;
  change?: string;
  /** The family's handovers from the intake unit (decision 0066). */
  handovers?: HandoverSummary[];
}) {
  const { t, actor } = view;
  const caseType = describeCaseType(data.caseType, t);
  const canEdit = !!actor && !!scopeFor(actor.roles, "requests.update");
  const canDecide = !!actor && !!scopeFor(actor.roles, "requests.decide");
  const yesNo = (b: boolean) => t(b ? "families.yes" : "families.no");
  return (
    <Layout view={view} title={t("families.detail.title", { family: familyName(data.family, t).full })}>
      <PageHeading>{t("families.detail.title", { family: familyName(data.family, t).name })}</PageHeading>
      <FamilyNameLine family={data.family} t={t} />
      <Notice text={notice} />
      {change && (
        <div class="ds-alert" data-color="info" role="status">
          <p class="ds-paragraph">{change}</p>
        </div>
      )}
      <p class="ds-paragraph">
        <a class="ds-link" href={paths.list.href()}>
          {t("families.detail.back")}
        </a>
      </p>
      {data.minimal && (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">{t("families.detail.minimal")}</p>
        </div>
      )}

      <section aria-labelledby="casetype-h" class="sofia-section">
        <h2 id="casetype-h" class="ds-heading" data-size="sm">
          {t("families.detail.caseType")}: {caseType.label}
        </h2>
        <p class="ds-paragraph">{caseType.reason}</p>
        {canEdit && (
          <p class="ds-paragraph">
            <a class="ds-link" href={paths.editOpenStatus.href({ id: data.id })}>
              {t("families.detail.edit")}
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="decision-h" class="sofia-section">
        <h2 id="decision-h" class="ds-heading" data-size="sm">
          {t("families.decision.title")}
        </h2>
        {data.decision ? (
          <dl class="sofia-fam-facts">
            <dt>{t("families.col.status")}</dt>
            <dd>
              {t(`families.status.${data.status}`)}
              {data.decision.reason ? ` (${t(`families.stopReason.${data.decision.reason}`)})` : ""}
            </dd>
            {data.decision.reasonText && (
              <>
                <dt>{t("families.decision.reasonText")}</dt>
                <dd class="sofia-fam-reason">{data.decision.reasonText}</dd>
              </>
            )}
            <dt>{t("families.decision.meetingDate")}</dt>
            <dd>{data.decision.meetingDate}</dd>
            <dt>{t("families.decision.wait")}</dt>
            <dd>{t("families.decision.waitDays", { days: data.decision.waitDays })}</dd>
          </dl>
        ) : (
          <p class="ds-paragraph">{t("families.decision.none")}</p>
        )}
        {data.decision?.processId && (
          <p class="ds-paragraph">
            <a class="ds-button" data-variant="primary" href={`/processer/${data.decision.processId}`}>
              {t("families.decision.openProcess")}
            </a>
          </p>
        )}
        {canDecide && !data.decision && (
          <p class="ds-paragraph">
            <a class="ds-button" data-variant="primary" href={paths.decision.href({ id: data.id })}>
              {t("families.decision.record")}
            </a>
          </p>
        )}
      </section>

      <HandoverSection view={view} requestId={data.id} handovers={handovers} />

      <section aria-labelledby="family-h" class="sofia-section">
        <h2 id="family-h" class="ds-heading" data-size="sm">
          {t("families.detail.family")}
        </h2>
        <dl class="sofia-fam-facts">
          <dt>{t("families.col.status")}</dt>
          <dd>
            {t(`families.status.${data.status}`)}
            {data.decision?.reason ? ` (${t(`families.stopReason.${data.decision.reason}`)})` : ""}
          </dd>
          <dt>{t("families.field.household")}</dt>
          <dd>{t(`families.household.${data.household}`)}</dd>
          <dt>{t("families.field.custody")}</dt>
          <dd>
            {t(`families.custody.${data.custody}`)}
            {data.custodyHolder ? `: ${data.custodyHolder}` : ""}
          </dd>
          {data.reason !== null && (
            <>
              <dt>{t("families.field.reason")}</dt>
              <dd class="sofia-fam-reason">{data.reason}</dd>
            </>
          )}
          <dt>{t("families.detail.registeredBy")}</dt>
          <dd>{data.registeredByName}</dd>
        </dl>
        {!data.minimal && (
          <ContactFacts view={view} contact={{ ...data, contactPersonName: data.guardians.find((g) => g.contactPerson)?.name ?? null }} />
        )}
        {canEdit && !data.minimal && (
          <p class="ds-paragraph">
            <a class="ds-link" href={paths.editContact.href({ id: data.id })}>
              {t("families.contact.edit")}
            </a>
          </p>
        )}
        {!data.minimal && (
          <p class="ds-paragraph" data-size="sm">
            {t("families.detail.masked")}
          </p>
        )}
      </section>

      <section aria-labelledby="guardians-h" class="sofia-section">
        <h2 id="guardians-h" class="ds-heading" data-size="sm">
          {t("families.detail.guardians")}
        </h2>
        <ScrollRegion labelledBy="guardians-h">
          <table class="ds-table" data-border>
            <thead>
              <tr>
                <th scope="col">{t("families.col.name")}</th>
                {!data.minimal && <th scope="col">{t("families.col.identity")}</th>}
                <th scope="col">{t("families.field.gender")}</th>
                <th scope="col">{t("families.field.relation")}</th>
                {!data.minimal && <th scope="col">{t("families.field.substanceProblem")}</th>}
                {!data.minimal && <th scope="col">{t("families.field.attitude")}</th>}
                <th scope="col">{t("families.field.addictionUnit")}</th>
                <th scope="col">{t("families.field.applied")}</th>
              </tr>
            </thead>
            <tbody>
              {data.guardians.map((g, i) => (
                <tr>
                  <th scope="row">{g.name ?? t("families.guardian.legend", { n: i + 1 })}</th>
                  {!data.minimal && <td>{g.maskedIdentityNumber ?? g.birthDate}</td>}
                  <td>{t(g.gender ? `families.guardianGender.${g.gender}` : "families.guardianGender.none")}</td>
                  <td>{t(`families.relation.${g.relation}`)}</td>
                  {g.substanceProblem !== null && <td>{t(`families.substance.${g.substanceProblem}`)}</td>}
                  {g.attitude !== null && <td>{t(`families.attitude.${g.attitude}`)}</td>}
                  <td>{g.unit?.name ?? t("families.unit.none")}</td>
                  <td>{yesNo(g.applied)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="children-h" class="sofia-section">
        <h2 id="children-h" class="ds-heading" data-size="sm">
          {t("families.detail.children")}
        </h2>
        <table class="ds-table" data-border>
          <thead>
            <tr>
              <th scope="col">{t("families.col.name")}</th>
              {!data.minimal && <th scope="col">{t("families.col.identity")}</th>}
              <th scope="col">{t(data.minimal ? "families.col.age" : "families.col.birthDate")}</th>
              <th scope="col">{t("families.field.gender")}</th>
              <th scope="col">{t("families.field.childUnit")}</th>
              <th scope="col">{t("families.field.investigationOpened")}</th>
            </tr>
          </thead>
          <tbody>
            {data.children.map((c, i) => (
              <tr>
                <th scope="row">{c.name ?? t("families.child.legend", { n: i + 1 })}</th>
                {!data.minimal && <td>{c.maskedIdentityNumber ?? "–"}</td>}
                <td>
                  {c.birthDate === null
                    ? t("families.detail.age", { age: c.ageOnRequestDate })
                    : `${c.birthDate} (${t("families.detail.age", { age: c.ageOnRequestDate })})`}
                  {c.ageConfirmed && <span class="sofia-fam-note">{t("families.detail.ageConfirmed")}</span>}
                </td>
                <td>{t(`families.gender.${c.gender}`)}</td>
                <td>{c.unit?.name ?? t("families.unit.none")}</td>
                <td>{yesNo(c.investigationOpened)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
