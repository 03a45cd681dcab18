/** Further support (fortsatt stöd): the section of the process page and the form for a measure. */

import { FamilyNameLine, familyName } from "../../families/index.ts";
import type { FieldErrors } from "../../platform/errors.ts";
import { one } from "../../platform/form-pages.ts";
import { DateField, ErrorSummary, SelectField, TextAreaField, TextField } from "../../platform/forms.tsx";
import type { View } from "../../platform/http.ts";
import type { Translate } from "../../platform/i18n.ts";
import { CsrfField, Layout, PageHeading, ScrollRegion } from "../../platform/layout.tsx";
import { BackLink, ConflictAlert } from "../../platform/page-parts.tsx";
import { paths as processPaths } from "../paths.ts";
import { JournalNote } from "../stops/index.ts";
import { KIND_TEXT_MAX, SUPPORT_NOTE_MAX, supportKinds } from "./model.ts";
import { paths } from "./paths.ts";
import type { SupportForm, SupportItem, SupportPerson, SupportSectionData } from "./service.ts";

const processHref = (id: string) => processPaths.process.href({ id });
const newSupportHref = (id: string) => paths.newSupport.href({ id });
const supportHref = (id: string, supportId: string) => paths.support.href({ id, supportId });

export const personLabel = (t: Translate, p: SupportPerson) => p.name ?? t(`support.person.${p.kind}`, { n: p.position });

const kindLabel = (t: Translate, item: Pick<SupportItem, "kind" | "kindText">) =>
  item.kind === "other" && item.kindText ? item.kindText : t(`support.kind.${item.kind}`);

export function SupportSection({
  view,
  processId,
  data,
  canWork,
}: {
  view: View;
  processId: string;
  data: SupportSectionData;
  canWork: boolean;
}) {
  const { t } = view;
  const work = canWork && !data.minimal;
  return (
    <section aria-labelledby="support-h" class="sofia-section" id="fortsatt-stod">
      <h2 id="support-h" class="ds-heading" data-size="sm">
        {t("support.section.title")}
      </h2>
      {data.items.length === 0 ? (
        <p class="ds-paragraph">{t("support.section.none")}</p>
      ) : (
        <ScrollRegion labelledBy="support-caption">
          <table class="ds-table" data-border>
            <caption id="support-caption">{t("support.table.caption")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("support.col.person")}</th>
                <th scope="col">{t("support.col.kind")}</th>
                <th scope="col">{t("support.field.appliedOn")}</th>
                <th scope="col">{t("support.field.grantedOn")}</th>
                <th scope="col">{t("support.field.endedOn")}</th>
                <th scope="col">{t("support.col.state")}</th>
                {!data.minimal && <th scope="col">{t("support.field.note")}</th>}
                {work && <th scope="col">{t("support.col.action")}</th>}
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr>
                  <th scope="row">{personLabel(t, item.person)}</th>
                  <td>{kindLabel(t, item)}</td>
                  <td class="sofia-nowrap">{item.appliedOn ?? t("support.none")}</td>
                  <td class="sofia-nowrap">{item.grantedOn ?? t("support.none")}</td>
                  <td class="sofia-nowrap">{item.endedOn ?? t("support.none")}</td>
                  <td>{t(`support.state.${item.state}`)}</td>
                  {!data.minimal && <td>{item.note ?? ""}</td>}
                  {work && (
                    <td>
                      <a class="ds-link" href={supportHref(processId, item.id)}>
                        {t("support.action.edit", { kind: kindLabel(t, item), person: personLabel(t, item.person) })}
                      </a>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {work && (
        <div class="sofia-actions">
          <a class="ds-link" href={newSupportHref(processId)}>
            {t("support.action.add")}
          </a>
        </div>
      )}
    </section>
  );
}

interface PageProps {
  view: View;
  data: SupportForm;
  values: Record<string, string | string[]>;
  errors?: FieldErrors;
  conflict?: string;
}

export function SupportPage({ view, data, values, errors = {}, conflict }: PageProps) {
  const { t } = view;
  const v = (name: string) => one(values[name]);
  const editing = data.measure;
  const title = editing
    ? t("support.page.editTitle", { kind: kindLabel(t, editing), person: personLabel(t, editing.person) })
    : t("support.page.newTitle");
  const action = editing ? supportHref(data.processId, editing.id) : newSupportHref(data.processId);
  const dateHint = t("support.date.hint");
  return (
    <Layout view={view} title={`${title} – ${familyName(data.family, t).name}`}>
      <BackLink href={processHref(data.processId)} text={t("stops.back", { family: familyName(data.family, t).name })} />
      <PageHeading>{title}</PageHeading>
      <FamilyNameLine family={data.family} t={t} full />
      <ConflictAlert message={conflict} reloadHref={action} t={t} />
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("support.page.intro")}</p>
      <JournalNote t={t} />
      <form method="post" action={action} novalidate>
        <CsrfField view={view} />
        {editing && <input type="hidden" name="version" value={v("version")} />}
        <SelectField
          name="personId"
          label={t("support.field.person")}
          value={v("personId")}
          required
          options={[
            { value: "", label: t("support.field.choosePerson") },
            ...data.persons.map((p) => ({ value: p.id, label: `${personLabel(t, p)} (${t(`support.kindOfPerson.${p.kind}`)})` })),
          ]}
          error={errors.personId}
        />
        <SelectField
          name="kind"
          label={t("support.field.kind")}
          value={v("kind")}
          required
          options={[
            { value: "", label: t("support.field.chooseKind") },
            ...supportKinds.map((k) => ({ value: k, label: t(`support.kind.${k}`) })),
          ]}
          error={errors.kind}
        />
        <TextField
          name="kindText"
          label={t("support.field.kindText")}
          hint={t("support.field.kindTextHint", { max: KIND_TEXT_MAX })}
          value={v("kindText")}
          error={errors.kindText}
        />
        <DateField
          t={t}
          locale={view.locale}
          name="appliedOn"
          label={t("support.field.appliedOn")}
          hint={dateHint}
          value={v("appliedOn")}
          error={errors.appliedOn}
        />
        <DateField
          t={t}
          locale={view.locale}
          name="grantedOn"
          label={t("support.field.grantedOn")}
          hint={dateHint}
          value={v("grantedOn")}
          error={errors.grantedOn}
        />
        <DateField
          t={t}
          locale={view.locale}
          name="endedOn"
          label={t("support.field.endedOn")}
          hint={t("support.field.endedOnHint")}
          value={v("endedOn")}
          error={errors.endedOn}
        />
        <TextAreaField
          name="note"
          label={t("support.field.note")}
          hint={t("stops.note.hint", { max: SUPPORT_NOTE_MAX })}
          value={v("note")}
          maxLength={SUPPORT_NOTE_MAX}
          rows={3}
          error={errors.note}
        />
        <p class="ds-paragraph sofia-actions">
          <button type="submit" class="ds-button" data-variant="primary">
            {t("support.submit")}
          </button>
          <a class="ds-link" href={processHref(data.processId)}>
            {t("stops.cancel")}
          </a>
        </p>
      </form>
    </Layout>
  );
}
