/** The intake handover's pages (decision 0066): the form, the handover with its team and waits, the team's edit, the list. */
import type { FieldErrors } from "../../platform/errors.ts";
import { type FailedForm, one } from "../../platform/form-pages.ts";
import { DateField, ErrorSummary, SelectField, TextAreaField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import { formatDay, type Translate } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert, Notice } from "../../platform/page-parts.tsx";
import { scopeFor } from "../../platform/permissions.ts";
import { familyName } from "../model.ts";
import { FamilyNameLine } from "../name-view.tsx";
import { paths as familyPaths } from "../paths.ts";
import { handoverRoles, REASON_MAX } from "./model.ts";
import { paths } from "./paths.ts";
import type { HandoverDetail, HandoverFormData, HandoverMember, HandoverSummary, StaffOption } from "./service.ts";

type Values = Record<string, string | string[]>;

/** How many empty rows the team's form offers below the rows already there. */
const EMPTY_ROWS = 2;

function Flag({ t, over }: { t: Translate; over: boolean }) {
  return over ? (
    <span class="sofia-flag" data-color="danger">
      {t("handovers.wait.over")}
    </span>
  ) : (
    t("handovers.wait.within")
  );
}

function staffLabel(s: StaffOption): string {
  return s.unitNames.length > 0 ? `${s.name} (${s.unitNames.join(", ")})` : s.name;
}

/** The rows of a team: a role and a person (or to be assigned) each, with the member's id when editing. */
function TeamRows({ view, staff, values, errors }: { view: View; staff: StaffOption[]; values: Values; errors: FieldErrors }) {
  const { t } = view;
  let rows = 0;
  while (`members.${rows}.role` in values || `members.${rows}.userId` in values) rows++;
  const count = rows + EMPTY_ROWS;
  const roleOptions = [
    { value: "", label: t("handovers.member.noRole") },
    ...handoverRoles.map((r) => ({ value: r, label: t(`handovers.role.${r}`) })),
  ];
  const userOptions = [
    { value: "", label: t("handovers.member.toBeAssigned") },
    ...staff.map((s) => ({ value: s.id, label: staffLabel(s) })),
  ];
  return (
    <fieldset class="ds-fieldset sofia-section">
      <legend class="ds-heading" data-size="xs">
        {t("handovers.team.legend")}
      </legend>
      <p class="ds-paragraph" data-size="sm">
        {t("handovers.team.hint")}
      </p>
      {errors.members && (
        <div class="ds-validation-message" data-color="danger" id="f-members">
          {errors.members}
        </div>
      )}
      {Array.from({ length: count }, (_, i) => (
        <fieldset class="ds-fieldset sofia-fam-block">
          <legend class="ds-label">{t("handovers.member.legend", { n: i + 1 })}</legend>
          {one(values[`members.${i}.id`]) !== "" && <input type="hidden" name={`members.${i}.id`} value={one(values[`members.${i}.id`])} />}
          <SelectField
            name={`members.${i}.role`}
            label={t("handovers.field.role")}
            value={one(values[`members.${i}.role`])}
            options={roleOptions}
            error={errors[`members.${i}.role`]}
          />
          <SelectField
            name={`members.${i}.userId`}
            label={t("handovers.field.person")}
            value={one(values[`members.${i}.userId`])}
            options={userOptions}
            error={errors[`members.${i}.userId`]}
          />
        </fieldset>
      ))}
    </fieldset>
  );
}

export interface NewProps extends Partial<FailedForm> {
  view: View;
  data: HandoverFormData;
  values: Values;
}

export function NewHandoverPage({ view, data, values, errors = {}, conflict }: NewProps) {
  const { t, locale } = view;
  const name = familyName(data.family, t);
  const title = t("handovers.new.title", { family: name.name });
  const choose = { value: "", label: t("handovers.field.choose") };
  return (
    <Layout view={view} title={t("handovers.new.title", { family: name.full })}>
      <BackLink href={familyPaths.request.href({ id: data.requestId })} text={t("handovers.back.request")} />
      <PageHeading>{title}</PageHeading>
      <FamilyNameLine family={data.family} t={t} />
      <ConflictAlert message={conflict} reloadHref={paths.newHandover.href({ id: data.requestId })} t={t} />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("handovers.new.intro")}</p>
      <form method="post" action={paths.newHandover.href({ id: data.requestId })} novalidate>
        <CsrfField view={view} />
        <DateField
          name="handoverDate"
          label={t("handovers.field.date")}
          value={one(values.handoverDate)}
          error={errors.handoverDate}
          t={t}
          locale={locale}
          required
        />
        <SelectField
          name="fromUnitId"
          label={t("handovers.field.fromUnit")}
          hint={t("handovers.field.fromUnit.hint")}
          value={one(values.fromUnitId)}
          options={[choose, ...data.intakeUnits.map((u) => ({ value: u.id, label: u.name }))]}
          error={errors.fromUnitId}
          required
        />
        <SelectField
          name="toUnitId"
          label={t("handovers.field.toUnit")}
          value={one(values.toUnitId)}
          options={[choose, ...data.receivingUnits.map((u) => ({ value: u.id, label: u.name }))]}
          error={errors.toUnitId}
          required
        />
        <SelectField
          name="handedOverBy"
          label={t("handovers.field.handedOverBy")}
          value={one(values.handedOverBy)}
          options={[choose, ...data.staff.map((s) => ({ value: s.id, label: staffLabel(s) }))]}
          error={errors.handedOverBy}
          required
        />
        <TextAreaField
          name="reason"
          label={t("handovers.field.reason")}
          hint={t("handovers.field.reason.hint")}
          value={one(values.reason)}
          error={errors.reason}
          maxLength={REASON_MAX}
          required
        />
        <TeamRows view={view} staff={data.staff} values={values} errors={errors} />
        <button class="ds-button" data-variant="primary" type="submit">
          {t("handovers.new.submit")}
        </button>
      </form>
    </Layout>
  );
}

function memberName(t: Translate, m: Pick<HandoverMember, "userName">): string {
  return m.userName ?? t("handovers.member.toBeAssigned");
}

export interface HandoverPageProps {
  view: View;
  data: HandoverDetail;
  notice?: string;
  /** A refused first contact: the member's form again with its error. */
  contact?: { memberId: string; values: Values; errors: FieldErrors; conflict?: string };
}

export function HandoverPage({ view, data, notice, contact }: HandoverPageProps) {
  const { t, locale } = view;
  const name = familyName(data.family, t);
  const recordable = data.members.filter((m) => m.mayRecordContact);
  return (
    <Layout view={view} title={t("handovers.page.title", { family: name.full })}>
      <BackLink href={paths.list.href()} text={t("handovers.back.list")} />
      <PageHeading>{t("handovers.page.title", { family: name.name })}</PageHeading>
      <FamilyNameLine family={data.family} t={t} />
      <Notice text={notice} />
      {data.minimal && (
        <div class="ds-alert" data-color="info">
          <p class="ds-paragraph">{t("handovers.page.minimal")}</p>
        </div>
      )}
      <section aria-labelledby="handover-h" class="sofia-section">
        <h2 id="handover-h" class="ds-heading" data-size="sm">
          {t("handovers.page.facts")}
        </h2>
        <dl class="sofia-fam-facts">
          <dt>{t("handovers.field.date")}</dt>
          <dd>{formatDay(locale, data.handoverDate)}</dd>
          <dt>{t("handovers.field.fromUnit")}</dt>
          <dd>{data.fromUnit.name}</dd>
          <dt>{t("handovers.field.toUnit")}</dt>
          <dd>{data.toUnit.name}</dd>
          <dt>{t("handovers.field.handedOverBy")}</dt>
          <dd>{data.handedOverBy.name}</dd>
          <dt>{t("handovers.field.workLeader")}</dt>
          <dd>{data.workLeader.name}</dd>
          {data.reason !== null && (
            <>
              <dt>{t("handovers.field.reason")}</dt>
              <dd class="sofia-fam-reason">{data.reason}</dd>
            </>
          )}
        </dl>
        {!data.minimal && (
          <p class="ds-paragraph">
            <a class="ds-link" href={familyPaths.request.href({ id: data.requestId })}>
              {t("handovers.page.request")}
            </a>
          </p>
        )}
      </section>

      <section aria-labelledby="team-h" class="sofia-section">
        <h2 id="team-h" class="ds-heading" data-size="sm">
          {t("handovers.page.team")}
        </h2>
        <p class="ds-paragraph">{t("handovers.wait.caption", { limit: data.waitLimitDays })}</p>
        <ScrollRegion labelledBy="team-h">
          <table class="ds-table" data-border>
            <caption class="ds-sr-only">{t("handovers.page.team")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("handovers.field.role")}</th>
                <th scope="col">{t("handovers.field.person")}</th>
                <th scope="col">{t("handovers.col.firstContact")}</th>
                <th scope="col" class="sofia-num">
                  {t("handovers.col.days")}
                </th>
                <th scope="col">{t("handovers.col.state")}</th>
              </tr>
            </thead>
            <tbody>
              {data.members.map((m) => (
                <tr>
                  <th scope="row">{t(`handovers.role.${m.role}`)}</th>
                  <td>{memberName(t, m)}</td>
                  <td>{m.firstContactOn ? formatDay(locale, m.firstContactOn) : t("handovers.wait.ongoing")}</td>
                  <td class="sofia-num">{m.wait.days}</td>
                  <td>
                    <Flag t={t} over={m.wait.overLimit} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
        {data.mayPlan && (
          <p class="ds-paragraph">
            <a class="ds-button" data-variant="secondary" href={paths.team.href({ id: data.id })}>
              {t("handovers.team.edit")}
            </a>
          </p>
        )}
      </section>

      {recordable.length > 0 && (
        <section aria-labelledby="contact-h" class="sofia-section">
          <h2 id="contact-h" class="ds-heading" data-size="sm">
            {t("handovers.contact.title")}
          </h2>
          <p class="ds-paragraph" data-size="sm">
            {t("handovers.contact.intro")}
          </p>
          {recordable.map((m) => {
            const failed = contact?.memberId === m.id ? contact : undefined;
            const errors = failed?.errors ?? {};
            return (
              <form method="post" action={paths.firstContact.href({ id: data.id })} novalidate class="sofia-fam-block">
                <CsrfField view={view} />
                <input type="hidden" name="version" value={String(data.version)} />
                <input type="hidden" name="memberId" value={m.id} />
                {failed && <ConflictAlert message={failed.conflict} reloadHref={paths.handover.href({ id: data.id })} t={t} />}
                {failed && <ErrorSummary errors={errors} t={t} />}
                <DateField
                  name="firstContactOn"
                  label={t("handovers.contact.label", { role: t(`handovers.role.${m.role}`), person: memberName(t, m) })}
                  value={failed ? one(failed.values.firstContactOn) : (m.firstContactOn ?? "")}
                  error={errors.firstContactOn ?? errors.memberId}
                  t={t}
                  locale={locale}
                />
                <button class="ds-button" data-variant="secondary" type="submit">
                  {t("handovers.contact.submit", { role: t(`handovers.role.${m.role}`) })}
                </button>
              </form>
            );
          })}
        </section>
      )}
    </Layout>
  );
}

export interface TeamProps extends Partial<FailedForm> {
  view: View;
  data: HandoverDetail;
  staff: StaffOption[];
  values: Values;
}

/** The team's form values from the handover as it is now. */
export function teamValues(data: HandoverDetail): Values {
  const values: Values = { version: String(data.version) };
  data.members.forEach((m, i) => {
    values[`members.${i}.id`] = m.id;
    values[`members.${i}.role`] = m.role;
    values[`members.${i}.userId`] = m.userId ?? "";
  });
  return values;
}

export function TeamPage({ view, data, staff, values, errors = {}, conflict }: TeamProps) {
  const { t } = view;
  const name = familyName(data.family, t);
  return (
    <Layout view={view} title={t("handovers.team.title", { family: name.full })}>
      <BackLink href={paths.handover.href({ id: data.id })} text={t("handovers.back.handover")} />
      <PageHeading>{t("handovers.team.title", { family: name.name })}</PageHeading>
      <FamilyNameLine family={data.family} t={t} />
      <ConflictAlert message={conflict} reloadHref={paths.team.href({ id: data.id })} t={t} />
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={paths.team.href({ id: data.id })} novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="version" value={one(values.version)} />
        <TeamRows view={view} staff={staff} values={values} errors={errors} />
        <button class="ds-button" data-variant="primary" type="submit">
          {t("handovers.team.submit")}
        </button>
      </form>
    </Layout>
  );
}

function SummaryTable({ view, handovers, id, withFamily }: { view: View; handovers: HandoverSummary[]; id: string; withFamily: boolean }) {
  const { t, locale } = view;
  return (
    <ScrollRegion labelledBy={id}>
      <table class="ds-table" data-border>
        <thead>
          <tr>
            <th scope="col">{t("handovers.field.date")}</th>
            {withFamily && <th scope="col">{t("handovers.col.family")}</th>}
            <th scope="col">{t("handovers.field.fromUnit")}</th>
            <th scope="col">{t("handovers.field.toUnit")}</th>
            <th scope="col" class="sofia-num">
              {t("handovers.col.unassigned")}
            </th>
            <th scope="col" class="sofia-num">
              {t("handovers.col.overLimit")}
            </th>
          </tr>
        </thead>
        <tbody>
          {handovers.map((h) => (
            <tr>
              <th scope="row">
                <a class="ds-link" href={paths.handover.href({ id: h.id })}>
                  {withFamily ? formatDay(locale, h.handoverDate) : t("handovers.list.open", { date: formatDay(locale, h.handoverDate) })}
                </a>
              </th>
              {withFamily && <td>{familyName(h.family, t).full}</td>}
              <td>{h.fromUnitName}</td>
              <td>{h.toUnitName}</td>
              <td class="sofia-num">{h.unassigned}</td>
              <td class="sofia-num">{h.overLimit}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export function ListPage({ view, handovers }: { view: View; handovers: HandoverSummary[] }) {
  const { t } = view;
  return (
    <Layout view={view} title={t("handovers.list.title")}>
      <PageHeading>{t("handovers.list.title")}</PageHeading>
      <p class="ds-paragraph">{t("handovers.list.intro")}</p>
      {handovers.length === 0 ? (
        <p class="ds-paragraph">{t("handovers.list.none")}</p>
      ) : (
        <section aria-labelledby="handovers-h" class="sofia-section">
          <h2 id="handovers-h" class="ds-sr-only">
            {t("handovers.list.title")}
          </h2>
          <SummaryTable view={view} handovers={handovers} id="handovers-h" withFamily />
        </section>
      )}
    </Layout>
  );
}

/** The request page's section: the family's handovers and, for a work leader, the link to record one. */
export function HandoverSection({ view, requestId, handovers }: { view: View; requestId: string; handovers: HandoverSummary[] }) {
  const { t, actor } = view;
  const mayCreate = !!actor && !!scopeFor(actor.roles, "processes.assign");
  if (handovers.length === 0 && !mayCreate) return null;
  return (
    <section aria-labelledby="handovers-h" class="sofia-section">
      <h2 id="handovers-h" class="ds-heading" data-size="sm">
        {t("handovers.section.title")}
      </h2>
      {handovers.length === 0 ? (
        <p class="ds-paragraph">{t("handovers.section.none")}</p>
      ) : (
        <SummaryTable view={view} handovers={handovers} id="handovers-h" withFamily={false} />
      )}
      {mayCreate && (
        <p class="ds-paragraph">
          <a class="ds-link" href={paths.newHandover.href({ id: requestId })}>
            {t("handovers.section.new")}
          </a>
        </p>
      )}
    </section>
  );
}
