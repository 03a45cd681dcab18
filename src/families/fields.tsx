/** Small form pieces of the request pages: the option lists (and the platform's checkbox). */
export { Checkbox } from "../platform/forms.tsx";

import type { Translate } from "../platform/i18n.ts";
import { guardianGenders } from "./schemas.ts";
import type { UnitOption } from "./service.ts";

/** Options with a first "Välj" entry, labels from the catalog. */
export const choices = (t: Translate, prefix: string, values: readonly string[]) => [
  { value: "", label: t("families.choose") },
  ...values.map((value) => ({ value, label: t(`${prefix}.${value}`) })),
];

/** A guardian's gender: optional, so the first entry is "not filled in" rather than "Välj". */
export const guardianGenderChoices = (t: Translate) => [
  { value: "", label: t("families.guardianGender.none") },
  ...guardianGenders.map((value) => ({ value, label: t(`families.guardianGender.${value}`) })),
];

export const unitChoices = (t: Translate, units: UnitOption[]) => [
  { value: "", label: t("families.unit.none") },
  ...units.map((u) => ({ value: u.id, label: u.name })),
];
