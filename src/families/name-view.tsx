/** The family's name on a page: under a heading that names the family, or under one that names a meeting or a form. */
import type { Translate } from "../platform/i18n.ts";
import { familyName, type NamedFamily } from "./model.ts";

/**
 * A line under the page heading. `full`: the whole name (a page whose heading names a meeting or a
 * form); otherwise the children with their ages and the case-file number (the heading is the name).
 */
export function FamilyNameLine({ family, t, full = false }: { family: NamedFamily; t: Translate; full?: boolean }) {
  const name = familyName(family, t);
  const text = full ? name.full : [name.children, name.caseFile].filter((x) => x !== "").join(" · ");
  if (text === "") return null;
  return (
    <p class="ds-paragraph sofia-family-line" data-size="sm">
      {text}
    </p>
  );
}
