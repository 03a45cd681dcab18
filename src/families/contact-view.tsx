/** The case-file number, the family's contact details and interpreter need: fields on the request form, and a page to change them. */
import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { ErrorSummary, fieldId, RadioGroup, SelectField, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { BackLink } from "../platform/page-parts.tsx";
import { Checkbox } from "./fields.tsx";
import type { FormValues } from "./form.ts";
import { familyName } from "./model.ts";
import { FamilyNameLine } from "./name-view.tsx";
import { paths } from "./paths.ts";
import { familyLanguages } from "./schemas.ts";
import type { RequestDetail } from "./service.ts";

/** The fields both forms share: case-file number, phone, e-mail, interpreter. */
export function ContactFields({ view, values, errors }: { view: View; values: FormValues; errors: FieldErrors }) {
  const { t } = view;
  const v = (name: string) => one(values[name]);
  return (
    <fieldset class="ds-fieldset sofia-section sofia-fam-block">
      <legend class="ds-heading" data-size="xs">
        {t("families.contact.legend")}
      </legend>
      <TextField
        name="caseFileNumber"
        label={t("families.field.caseFileNumber")}
        hint={t("families.field.caseFileNumber.hint")}
        value={v("caseFileNumber")}
        error={errors.caseFileNumber}
        autocomplete="off"
        spellcheck={false}
      />
      <TextField
        name="contactPhone"
        label={t("families.field.contactPhone")}
        hint={t("families.field.contactPhone.hint")}
        value={v("contactPhone")}
        error={errors.contactPhone}
        type="tel"
        autocomplete="off"
      />
      <TextField
        name="contactEmail"
        label={t("families.field.contactEmail")}
        value={v("contactEmail")}
        error={errors.contactEmail}
        type="email"
        autocomplete="off"
        spellcheck={false}
      />
      <Checkbox
        name="interpreterNeeded"
        label={t("families.field.interpreterNeeded")}
        checked={v("interpreterNeeded") === "on"}
        error={errors.interpreterNeeded}
      />
      <TextField
        name="interpreterLanguage"
        label={t("families.field.interpreterLanguage")}
        hint={t("families.field.interpreterLanguage.hint")}
        value={v("interpreterLanguage")}
        error={errors.interpreterLanguage}
      />
      <SelectField
        name="familyLanguage"
        label={t("families.field.familyLanguage")}
        hint={t("families.field.familyLanguage.hint")}
        value={v("familyLanguage") || "sv"}
        error={errors.familyLanguage}
        options={familyLanguages.map((code) => ({ value: code, label: t(`families.language.${code}`) }))}
      />
    </fieldset>
  );
}

/** The contact form's values from the request as it is now. */
export function contactValues(data: RequestDetail): FormValues {
  return {
    version: String(data.version),
    caseFileNumber: data.caseFileNumber ?? "",
    contactPhone: data.contactPhone ?? "",
    contactEmail: data.contactEmail ?? "",
    ...(data.interpreterNeeded && { interpreterNeeded: "on" }),
    interpreterLanguage: data.interpreterLanguage ?? "",
    familyLanguage: data.familyLanguage ?? "sv",
    contactPersonId: data.guardians.find((g) => g.contactPerson)?.id ?? "",
  };
}

interface Props {
  view: View;
  data: RequestDetail;
  values: FormValues;
  errors?: FieldErrors;
  conflict?: string;
}

export function ContactPage({ view, data, values, errors = {}, conflict }: Props) {
  const { t } = view;
  const name = familyName(data.family, t);
  const title = t("families.contact.title", { family: name.name });
  return (
    <Layout view={view} title={title}>
      <BackLink href={paths.request.href({ id: data.id })} text={t("families.edit.cancel")} />
      <PageHeading>{title}</PageHeading>
      <FamilyNameLine family={data.family} t={t} />
      {conflict && (
        <div class="ds-alert" data-color="danger" role="alert" id={fieldId("_form")}>
          <p class="ds-paragraph">{conflict}</p>
        </div>
      )}
      <ErrorSummary errors={errors} t={t} />
      <form method="post" action={paths.editContact.href({ id: data.id })} novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="version" value={one(values.version)} />
        <ContactFields view={view} values={values} errors={errors} />
        <RadioGroup
          name="contactPersonId"
          legend={t("families.field.contactPerson")}
          value={one(values.contactPersonId)}
          error={errors.contactPersonId}
          options={[
            ...data.guardians.map((g) => ({ value: g.id, label: g.name ?? "" })),
            { value: "", label: t("families.field.contactPersonNone") },
          ]}
        />
        <button class="ds-button" data-variant="primary" type="submit">
          {t("families.contact.submit")}
        </button>
      </form>
    </Layout>
  );
}

/** The family's contact details as staff with need-to-know see them (never in the minimal view). */
export interface ContactDetails {
  caseFileNumber: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  interpreterNeeded: boolean;
  interpreterLanguage: string | null;
  /** The family's language for the surveys; null: Swedish. */
  familyLanguage: string | null;
  /** The contact person's name; null when none is chosen. */
  contactPersonName: string | null;
}

/** The contact details as rows of a description list. */
export function ContactFacts({ view, contact }: { view: View; contact: ContactDetails }) {
  const { t } = view;
  const row = (label: string, value: string | null) =>
    value === null ? null : (
      <>
        <dt>{label}</dt>
        <dd>{value}</dd>
      </>
    );
  return (
    <dl class="sofia-fam-facts">
      {row(t("families.field.caseFileNumber"), contact.caseFileNumber)}
      {row(t("families.field.contactPerson"), contact.contactPersonName)}
      {row(t("families.field.contactPhone"), contact.contactPhone)}
      {contact.contactEmail !== null && (
        <>
          <dt>{t("families.field.contactEmail")}</dt>
          <dd>
            <a class="ds-link" href={`mailto:${contact.contactEmail}`}>
              {contact.contactEmail}
            </a>
          </dd>
        </>
      )}
      <dt>{t("families.field.interpreterNeeded")}</dt>
      <dd>
        {contact.interpreterNeeded
          ? t("families.contact.interpreter", { language: contact.interpreterLanguage ?? "" })
          : t("families.contact.noInterpreter")}
      </dd>
      <dt>{t("families.field.familyLanguage")}</dt>
      <dd>{t(`families.language.${contact.familyLanguage ?? "sv"}`)}</dd>
    </dl>
  );
}
