/**
 * The indicator's edit form as pure functions: name, description, display, target and minimum group
 * size are fields of their own; what is counted and the conditions are one JSON text. The form
 * becomes the definition the schema checks (indicators/model.ts); a schema issue's path (content.…)
 * names the form field it belongs to, and for the JSON its place in words. The section is not a form
 * field: an edit keeps the one of the version it edits.
 */
import type { FieldErrors } from "../../platform/errors.ts";
import type { Translate } from "../../platform/i18n.ts";
import type { Definition, Section } from "./model.ts";

export type FormValues = Record<string, string>;

export const formFields = [
  "key",
  "name",
  "description",
  "display",
  "targetValue",
  "targetDirection",
  "minGroupSize",
  "definition",
] as const;

const text = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "");

/** The posted form as field values. */
export function posted(body: unknown): FormValues {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  return Object.fromEntries(formFields.map((f) => [f, text(b[f])]));
}

/** The part of the definition edited as JSON. */
export function conditionsOf(d: Definition) {
  return {
    unit: d.unit,
    periodDate: d.periodDate,
    denominator: d.denominator,
    numerator: d.numerator,
    groupBy: d.groupBy,
    measure: d.measure,
  };
}

/** The form's values for a definition. */
export function formValues(d: Definition, key = ""): FormValues {
  return {
    key,
    name: d.name,
    description: d.description,
    display: d.display,
    targetValue: d.target ? String(d.target.value).replace(".", ",") : "",
    targetDirection: d.target?.direction ?? "at_least",
    minGroupSize: d.minGroupSize === null ? "" : String(d.minGroupSize),
    definition: JSON.stringify(conditionsOf(d), null, 2),
  };
}

const decimal = /^\d{1,3}([.,]\d{1,2})?$/;
const whole = /^\d{1,3}$/;

/**
 * The definition the form describes, for the schema to check; or the form's own errors (catalog keys)
 * where a field cannot even be read (a target that is no number, JSON that does not parse).
 */
export function definitionFrom(values: FormValues, section?: Section, stored?: Definition): { content: unknown; errors: FieldErrors } {
  const errors: FieldErrors = {};
  let conditions: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(values.definition ?? "");
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) conditions = parsed as Record<string, unknown>;
    else errors.definition = "indicators.error.jsonObject";
  } catch {
    errors.definition = "indicators.error.json";
  }
  const targetText = (values.targetValue ?? "").trim();
  let target: unknown = null;
  if (targetText !== "") {
    if (decimal.test(targetText)) target = { value: Number(targetText.replace(",", ".")), direction: values.targetDirection };
    else errors.targetValue = "indicators.error.targetNumber";
  }
  const minText = (values.minGroupSize ?? "").trim();
  let minGroupSize: unknown = null;
  if (minText !== "") {
    if (whole.test(minText)) minGroupSize = Number(minText);
    else errors.minGroupSize = "indicators.error.minGroupSizeNumber";
  }
  const { name: _n, description: _d, display: _s, target: _t, minGroupSize: _m, section: _c, ...rest } = conditions;
  return {
    content: {
      ...rest,
      name: values.name ?? "",
      description: values.description ?? "",
      display: values.display,
      target,
      minGroupSize,
      // The form does not edit the section: a draft keeps its version's, a new indicator gets the default.
      ...(section ? { section } : {}),
      ...englishKept(values, stored),
    },
    errors,
  };
}

/**
 * The form edits the Swedish only: a draft keeps the English name and description of its version
 * (decision 0043) as long as their Swedish is unchanged, and loses a translation of a text it changed.
 */
function englishKept(values: FormValues, stored: Definition | undefined): { en?: Definition["en"] } {
  const en = stored?.en;
  if (!stored || !en) return {};
  const kept = {
    ...(en.name !== undefined && (values.name ?? "").trim() === stored.name ? { name: en.name } : {}),
    ...(en.description !== undefined && (values.description ?? "").trim() === stored.description ? { description: en.description } : {}),
  };
  return Object.keys(kept).length > 0 ? { en: kept } : {};
}

/** The form field of a content path (`content.target.value`, `content.numerator.1.op`, …). */
export function fieldOf(path: string): string {
  const p = path.replace(/^content\./, "").split(".");
  const [head, second] = p;
  if (head === "name" || head === "description" || head === "display" || head === "minGroupSize" || head === "key") return head;
  if (head === "target") return second === "direction" ? "targetDirection" : "targetValue";
  return "definition";
}

/** Where in the JSON a content path points, in words (empty for a field of its own). */
export function placeOf(path: string, t: Translate): string {
  const p = path.replace(/^content\./, "").split(".");
  const [head, index] = p;
  if ((head === "denominator" || head === "numerator") && index !== undefined && /^\d+$/.test(index))
    return t(`indicators.path.${head}`, { n: Number(index) + 1 });
  if (head === "denominator" || head === "numerator") return t("indicators.path.conditions");
  if (head === "groupBy" || head === "unit" || head === "periodDate" || head === "measure") return t(`indicators.path.${head}`);
  return "";
}

/**
 * The service's field errors (content paths to catalog keys) as the form's: one Swedish text per
 * field; the JSON field gathers every problem in it, each with its place.
 */
export function formErrors(fieldErrors: FieldErrors, t: Translate): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, key] of Object.entries(fieldErrors)) {
    const field = fieldOf(path);
    const place = placeOf(path, t);
    const message = place ? `${place}: ${t(key)}` : t(key);
    if (field === "definition" && out.definition) out.definition = `${out.definition} ${message}`;
    else if (!(field in out)) out[field] = message;
  }
  return out;
}
