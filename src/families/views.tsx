/** The read side: the list of requests and one request with its family and case type. */
import type { View } from "../platform/http.ts";
import { Layout, PageHeading, ScrollRegion } from "../platform/layout.tsx";
import { Notice } from "../platform/page-parts.tsx";
import { scopeFor } from "../platform/permissions.ts";
import { ContactFacts } from "./contact-view.tsx";
import { caseTypeLabelKey, describeCaseType, familyName } from "./model.ts";
import { FamilyNameLine } from "./name-view.tsx";
import { paths } from "./paths.ts";
import type { RequestDetail, RequestSummary } from "./service.ts";

const requestHref = (id: string) => paths.request.href({ id });

export function ListPage({ view, requests }: { view: View; requests: RequestSummary[] }) {
  const { t, actor } = view;
  const canCreate = !!actor && !!scopeFor(actor.roles, "requests.create");
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
      {requests.length === 0 ? (
        <p class="ds-paragraph">{t("families.list.empty")}</p>
      ) : (
        <table class="ds-table" data-border>
          <caption>{t("families.list.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("families.col.family")}</th>
              <th scope="col">{t("families.col.date")}</th>
              <th scope="col">{t("families.col.caseType")}</th>
              <th scope="col" class="sofia-num">
                {t("families.col.children")}
              </th>
              <th scope="col">{t("families.col.status")}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr>
                <th scope="row">
                  <a class="ds-link" href={requestHref(r.id)}>
                    {r.family ? familyName(r.family, t).name : r.requestDate}
                  </a>
                  {r.family && <FamilyNameLine family={r.family} t={t} />}
                </th>
                <td>{r.requestDate}</td>
                <td>{t(caseTypeLabelKey(r.caseType))}</td>
                <td class="sofia-num">{r.children}</td>
                <td>
                  {t(`families.status.${r.status}`)}
                  {r.stopReason ? ` (${t(`families.stopReason.${r.stopReason}`)})` : ""}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}

export function DetailPage({ view, data, notice, change }: { view: View; data: RequestDetail; notice?: string; change?: string }) {
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
          <dt>{t("families.field.reason")}</dt>
          <dd class="sofia-fam-reason">{data.reason}</dd>
          <dt>{t("families.detail.registeredBy")}</dt>
          <dd>{data.registeredByName}</dd>
        </dl>
        <ContactFacts view={view} contact={{ ...data, contactPersonName: data.guardians.find((g) => g.contactPerson)?.name ?? null }} />
        {canEdit && (
          <p class="ds-paragraph">
            <a class="ds-link" href={paths.editContact.href({ id: data.id })}>
              {t("families.contact.edit")}
            </a>
          </p>
        )}
        <p class="ds-paragraph" data-size="sm">
          {t("families.detail.masked")}
        </p>
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
                <th scope="col">{t("families.col.identity")}</th>
                <th scope="col">{t("families.field.gender")}</th>
                <th scope="col">{t("families.field.relation")}</th>
                <th scope="col">{t("families.field.substanceProblem")}</th>
                <th scope="col">{t("families.field.attitude")}</th>
                <th scope="col">{t("families.field.addictionUnit")}</th>
                <th scope="col">{t("families.field.applied")}</th>
              </tr>
            </thead>
            <tbody>
              {data.guardians.map((g) => (
                <tr>
                  <th scope="row">{g.name}</th>
                  <td>{g.maskedIdentityNumber ?? g.birthDate}</td>
                  <td>{t(g.gender ? `families.guardianGender.${g.gender}` : "families.guardianGender.none")}</td>
                  <td>{t(`families.relation.${g.relation}`)}</td>
                  <td>{t(`families.substance.${g.substanceProblem}`)}</td>
                  <td>{t(`families.attitude.${g.attitude}`)}</td>
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
              <th scope="col">{t("families.col.identity")}</th>
              <th scope="col">{t("families.col.birthDate")}</th>
              <th scope="col">{t("families.field.gender")}</th>
              <th scope="col">{t("families.field.childUnit")}</th>
              <th scope="col">{t("families.field.investigationOpened")}</th>
            </tr>
          </thead>
          <tbody>
            {data.children.map((c) => (
              <tr>
                <th scope="row">{c.name}</th>
                <td>{c.maskedIdentityNumber ?? "–"}</td>
                <td>
                  {c.birthDate} ({t("families.detail.age", { age: c.ageOnRequestDate })})
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
