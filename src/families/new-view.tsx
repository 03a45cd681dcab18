/** The page that registers a request: fixed guardian and child blocks, each a fieldset. */

import { readDate } from "../platform/date-input.ts";
import type { FieldErrors } from "../platform/errors.ts";
import { one } from "../platform/form-pages.ts";
import { DateField, ErrorSummary, fieldId, inFieldOrder, SelectField, TextField } from "../platform/forms.tsx";
import type { View } from "../platform/http.ts";
import { CsrfField, Layout, PageHeading } from "../platform/layout.tsx";
import { Notice } from "../platform/page-parts.tsx";
import { ContactFields } from "./contact-view.tsx";
import { Checkbox, choices, guardianGenderChoices, unitChoices } from "./fields.tsx";
import { type BlockKind, blockCounts, blockOf, type FormValues, MAX_BLOCKS } from "./form.ts";
import { paths } from "./paths.ts";
import { childAgeCheck } from "./request.ts";
import { attitudes, custodies, genders, households, relations, substanceAnswers } from "./schemas.ts";
import type { RequestOptions } from "./service.ts";

interface Props {
  view: View;
  options: RequestOptions;
  values: FormValues;
  errors?: FieldErrors;
  /** The name field of a block just added, to put the cursor in. */
  focus?: string;
  /** The block just removed, said in a notice. */
  removed?: { kind: BlockKind; n: number };
}

const legendKey = { guardians: "families.guardian.legend", children: "families.child.legend" } as const;

/** A button that changes the blocks of the form (nothing is saved). */
function BlockButton({ action, label, variant }: { action: string; label: string; variant: "secondary" | "tertiary" }) {
  return (
    <button class="ds-button" data-variant={variant} data-size="sm" type="submit" name="action" value={action}>
      {label}
    </button>
  );
}

export function NewRequestPage({ view, options, values, errors = {}, focus, removed }: Props) {
  const { t } = view;
  const v = (name: string) => one(values[name]);
  const text = (name: string, label: string, hint?: string) => (
    <TextField name={name} label={t(label)} hint={hint && t(hint)} value={v(name)} error={errors[name]} autofocus={name === focus} />
  );
  const counts = blockCounts(values);
  const select = (name: string, label: string, options: Array<{ value: string; label: string }>) => (
    <SelectField name={name} label={t(label)} value={v(name)} options={options} error={errors[name]} />
  );
  const requestDate = readDate(v("requestDate"));
  // Whose field an error is: "Barn 2: Personnumret har fel kontrollsiffra."
  const labels: Record<string, string> = {};
  for (const field of Object.keys(errors)) {
    const block = blockOf(field);
    if (block) labels[field] = t(legendKey[block.kind], { n: block.n });
  }
  const form = (
    <form method="post" action={paths.newRequest.href()} novalidate>
      <CsrfField view={view} />
      {/* The first submit button is the one Enter presses: saving, not adding or removing a block. */}
      <button class="sofia-sr-only" type="submit" name="action" value="save" tabIndex={-1} aria-hidden="true">
        {t("families.new.submit")}
      </button>
      <DateField
        t={t}
        locale={view.locale}
        name="requestDate"
        label={t("families.field.requestDate")}
        hint={t("families.field.requestDate.hint")}
        value={v("requestDate")}
        required
        error={errors.requestDate}
      />
      {[...Array(counts.guardians).keys()].map((i) => {
        const p = `guardians.${i}`;
        return (
          <fieldset class="ds-fieldset sofia-section sofia-fam-block">
            <legend class="ds-heading" data-size="xs">
              {t("families.guardian.legend", { n: i + 1 })}
            </legend>
            {text(`${p}.name`, "families.field.name")}
            {text(`${p}.identityNumber`, "families.field.identityNumber", "families.field.identityNumber.hint")}
            {text(`${p}.birthDate`, "families.field.birthDate", "families.field.birthDate.hint")}
            <SelectField
              name={`${p}.gender`}
              label={t("families.field.gender")}
              hint={t("families.field.guardianGender.hint")}
              value={v(`${p}.gender`)}
              options={guardianGenderChoices(t)}
              error={errors[`${p}.gender`]}
            />
            {select(`${p}.relation`, "families.field.relation", choices(t, "families.relation", relations))}
            {select(`${p}.substanceProblem`, "families.field.substanceProblem", choices(t, "families.substance", substanceAnswers))}
            {select(`${p}.attitude`, "families.field.attitude", choices(t, "families.attitude", attitudes))}
            {select(`${p}.unitId`, "families.field.addictionUnit", unitChoices(t, options.addictionUnits))}
            <Checkbox name={`${p}.applied`} label={t("families.field.applied")} checked={v(`${p}.applied`) === "on"} />
            <Checkbox
              name={`${p}.contactPerson`}
              label={t("families.field.contactPerson")}
              checked={v(`${p}.contactPerson`) === "on"}
              error={errors[`${p}.contactPerson`]}
            />
            {counts.guardians > 1 && (
              <BlockButton action={`remove:guardians:${i}`} label={t("families.block.removeGuardian", { n: i + 1 })} variant="tertiary" />
            )}
          </fieldset>
        );
      })}
      {counts.guardians < MAX_BLOCKS.guardians && (
        <p class="ds-paragraph sofia-actions">
          <BlockButton action="add:guardians" label={t("families.block.addGuardian")} variant="secondary" />
        </p>
      )}
      {[...Array(counts.children).keys()].map((i) => {
        const p = `children.${i}`;
        const age = requestDate ? childAgeCheck(v(`${p}.identityNumber`), v(`${p}.birthDate`), requestDate) : null;
        const warning = age?.warning ?? null;
        const confirmable = warning !== null && (errors[`${p}.confirmAge`] !== undefined || v(`${p}.confirmAge`) === "on");
        return (
          <fieldset class="ds-fieldset sofia-section sofia-fam-block">
            <legend class="ds-heading" data-size="xs">
              {t("families.child.legend", { n: i + 1 })}
            </legend>
            {text(`${p}.name`, "families.field.name")}
            {text(`${p}.identityNumber`, "families.field.identityNumber", "families.field.identityNumber.hint")}
            {text(`${p}.birthDate`, "families.field.birthDate", "families.field.birthDate.hint")}
            {select(`${p}.gender`, "families.field.gender", choices(t, "families.gender", genders))}
            {select(`${p}.unitId`, "families.field.childUnit", unitChoices(t, options.childUnits))}
            <Checkbox
              name={`${p}.investigationOpened`}
              label={t("families.field.investigationOpened")}
              checked={v(`${p}.investigationOpened`) === "on"}
            />
            {confirmable && warning && (
              <div class="ds-alert" data-color="warning">
                <p class="ds-paragraph">{t(warning.key, warning.params)}</p>
                <Checkbox
                  name={`${p}.confirmAge`}
                  label={t("families.field.confirmAge")}
                  checked={v(`${p}.confirmAge`) === "on"}
                  error={errors[`${p}.confirmAge`]}
                />
              </div>
            )}
            {counts.children > 1 && (
              <BlockButton action={`remove:children:${i}`} label={t("families.block.removeChild", { n: i + 1 })} variant="tertiary" />
            )}
          </fieldset>
        );
      })}
      {counts.children < MAX_BLOCKS.children && (
        <p class="ds-paragraph sofia-actions">
          <BlockButton action="add:children" label={t("families.block.addChild")} variant="secondary" />
        </p>
      )}
      <ContactFields view={view} values={values} errors={errors} />
      {select("household", "families.field.household", choices(t, "families.household", households))}
      {select("custody", "families.field.custody", choices(t, "families.custody", custodies))}
      {text("custodyHolder", "families.field.custodyHolder", "families.field.custodyHolder.hint")}
      <div class="ds-field sofia-field">
        <label class="ds-label" for="f-reason">
          {t("families.field.reason")}
        </label>
        <div class="ds-paragraph sofia-hint" data-size="sm" id="f-reason-hint">
          {t("families.field.reason.hint")}
        </div>
        <textarea
          class="ds-input"
          id="f-reason"
          name="reason"
          rows={5}
          maxLength={2000}
          aria-invalid={errors.reason ? "true" : undefined}
          aria-describedby={errors.reason ? "f-reason-hint f-reason-error" : "f-reason-hint"}
        >
          {v("reason")}
        </textarea>
        {errors.reason && (
          <div class="ds-validation-message" data-color="danger" id="f-reason-error">
            {errors.reason}
          </div>
        )}
      </div>
      <button class="ds-button" data-variant="primary" type="submit" name="action" value="save">
        {t("families.new.submit")}
      </button>
    </form>
  );
  return (
    <Layout view={view} title={t("families.new.title")}>
      <PageHeading>{t("families.new.title")}</PageHeading>
      <Notice
        text={
          removed && t(removed.kind === "guardians" ? "families.block.guardianRemoved" : "families.block.childRemoved", { n: removed.n })
        }
      />
      <ErrorSummary errors={inFieldOrder(errors, form)} t={t} labels={labels} />
      {errors._form && (
        <div class="ds-alert" data-color="danger" id={fieldId("_form")}>
          <p class="ds-paragraph">{errors._form}</p>
        </div>
      )}
      <p class="ds-paragraph">{t("families.new.intro")}</p>
      {form}
    </Layout>
  );
}
