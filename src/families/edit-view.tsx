/** The page that records who is open where; the case type is recomputed on save. */
import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { ErrorSummary, fieldId, SelectField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { Checkbox, guardianGenderChoices, unitChoices } from "./fields.tsx";
import type { FormValues } from "./form.ts";
import { paths } from "./paths.ts";
import type { RequestDetail, RequestOptions } from "./service.ts";

interface Props {
  view: View;
  data: RequestDetail;
  options: RequestOptions;
  values: FormValues;
  errors?: FieldErrors;
  conflict?: string;
}

export function EditOpenStatusPage({ view, data, options, values, errors = {}, conflict }: Props) {
  const { t } = view;
  const v = (name: string) => one(values[name]);
  return (
    <Layout view={view} title={t("families.edit.title")}>
      <PageHeading>{t("families.edit.title")}</PageHeading>
      {conflict && (
        <div class="ds-alert" data-color="danger" role="alert" id={fieldId("_form")}>
          <p class="ds-paragraph">{conflict}</p>
          <p class="ds-paragraph">
            <a class="ds-link" href={paths.editOpenStatus.href({ id: data.id })}>
              {t("families.edit.cancel")}
            </a>
          </p>
        </div>
      )}
      <ErrorSummary errors={errors} t={t} />
      <p class="ds-paragraph">{t("families.edit.intro")}</p>
      <form method="post" action={paths.editOpenStatus.href({ id: data.id })} novalidate>
        <CsrfField view={view} />
        <input type="hidden" name="version" value={v("version")} />
        {data.guardians.map((g) => (
          <fieldset class="ds-fieldset sofia-section sofia-fam-block">
            <legend class="ds-heading" data-size="xs">
              {g.name}
            </legend>
            <SelectField
              name={`${g.id}.unitId`}
              label={t("families.field.addictionUnit")}
              value={v(`${g.id}.unitId`)}
              options={unitChoices(t, options.addictionUnits)}
              error={errors[`${g.id}.unitId`]}
            />
            <Checkbox name={`${g.id}.applied`} label={t("families.field.applied")} checked={v(`${g.id}.applied`) === "on"} />
            <SelectField
              name={`${g.id}.gender`}
              label={t("families.field.gender")}
              hint={t("families.field.guardianGender.hint")}
              value={v(`${g.id}.gender`)}
              options={guardianGenderChoices(t)}
              error={errors[`${g.id}.gender`]}
            />
          </fieldset>
        ))}
        {data.children.map((c) => (
          <fieldset class="ds-fieldset sofia-section sofia-fam-block">
            <legend class="ds-heading" data-size="xs">
              {c.name}
            </legend>
            <SelectField
              name={`${c.id}.unitId`}
              label={t("families.field.childUnit")}
              value={v(`${c.id}.unitId`)}
              options={unitChoices(t, options.childUnits)}
              error={errors[`${c.id}.unitId`]}
            />
            <Checkbox
              name={`${c.id}.investigationOpened`}
              label={t("families.field.investigationOpened")}
              checked={v(`${c.id}.investigationOpened`) === "on"}
            />
          </fieldset>
        ))}
        <button class="ds-button" data-variant="primary" type="submit">
          {t("families.edit.submit")}
        </button>{" "}
        <a class="ds-link" href={paths.request.href({ id: data.id })}>
          {t("families.edit.cancel")}
        </a>
      </form>
    </Layout>
  );
}
