/** Small form pieces of the request pages: a single checkbox and the option lists. */
import { fieldId } from "../platform/forms.tsx";
import type { Translate } from "../platform/i18n.ts";
import type { UnitOption } from "./service.ts";

export function Checkbox({ name, label, checked, error }: { name: string; label: string; checked: boolean; error?: string }) {
  const id = fieldId(name);
  return (
    <div class="ds-field sofia-checkbox">
      <input
        class="ds-input"
        type="checkbox"
        id={id}
        name={name}
        checked={checked}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label class="ds-label" data-weight="regular" for={id}>
        {label}
      </label>
      {error && (
        <div class="ds-validation-message" data-color="danger" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}

/** Options with a first "Välj" entry, labels from the catalog. */
export const choices = (t: Translate, prefix: string, values: readonly string[]) => [
  { value: "", label: t("families.choose") },
  ...values.map((value) => ({ value, label: t(`${prefix}.${value}`) })),
];

export const unitChoices = (t: Translate, units: UnitOption[]) => [
  { value: "", label: t("families.unit.none") },
  ...units.map((u) => ({ value: u.id, label: u.name })),
];
