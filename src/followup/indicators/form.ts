/**
 * The indicator's edit form. Name, description, display, target and minimum group size are fields of
 * their own, decoded by the content schema's own fields (`definitionSchema`, which the API declares
 * and the service validates, decision 0035); what is counted and the conditions are one JSON text,
 * laid under them as JSON gives them. The service validates the whole definition once. A schema
 * issue's path (content.…) names the form field it belongs to, and for the JSON its place in words;
 * the JSON field shows every problem in it. The section is not a form field: an edit keeps the one
 * of the version it edits.
 */
import { z } from "zod";
import type { FieldErrors } from "../../platform/errors.ts";
import type { ErrorPlaces } from "../../platform/form-pages.ts";
import type { Translate } from "../../platform/i18n.ts";
import { createBody } from "./api.ts";
import { type Definition, definitionSchema, type Section } from "./model.ts";

export type FormValues = Record<string, string>;

const own = definitionSchema.shape;

/** A draft's fields of their own, in the API's shape (`content`), as the content schema has them. */
export const editFields = z.object({
  content: z.object({
    name: own.name,
    description: own.description,
    display: own.display,
    target: own.target,
    minGroupSize: own.minGroupSize,
  }),
});

/** A new indicator's: its key too, as the API's body has it. */
export const newFields = editFields.extend({ key: createBody.shape.key });

/** The definition's parts that are fields of their own (or not on the form): never taken from the JSON. */
const ownParts = ["name", "description", "display", "target", "minGroupSize", "section", "en"];

/** The posted form as the service takes it: the fields of their own, to decode, and the JSON text read. */
export interface ReadForm {
  /** The fields of their own under the schema's names (a target left empty is none), for `decodeForm`. */
  fields: Record<string, unknown>;
  /** What is counted and the conditions as the JSON gives them; none when it is no JSON object, which the schema refuses. */
  conditions: Record<string, unknown>;
  /** The JSON field's own message (a catalog key) when its text is no JSON object. */
  unreadable?: string;
}

const text = (v: unknown) => (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "");

export function readForm(body: unknown): ReadForm {
  const b = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  let conditions: Record<string, unknown> = {};
  let unreadable: string | undefined;
  try {
    const parsed: unknown = JSON.parse(text(b.definition));
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed))
      conditions = Object.fromEntries(Object.entries(parsed).filter(([k]) => !ownParts.includes(k)));
    else unreadable = "indicators.error.jsonObject";
  } catch {
    unreadable = "indicators.error.json";
  }
  const target = text(b.targetValue).trim() === "" ? null : { value: b.targetValue, direction: b.targetDirection };
  const content = { name: b.name, description: b.description, display: b.display, target, minGroupSize: b.minGroupSize };
  return { fields: { key: b.key, content }, conditions, unreadable };
}

/**
 * The definition for the service: the conditions with the decoded fields of their own and, for an
 * edit, the section it keeps and the English it keeps (`englishKept`).
 */
export const definitionOf = (form: ReadForm, fields: OwnFields, section?: Section, stored?: Definition): Record<string, unknown> => ({
  ...form.conditions,
  ...fields,
  ...(section ? { section } : {}),
  ...englishKept(fields, stored),
});

type OwnFields = { name?: unknown; description?: unknown };

/**
 * The form edits the Swedish only: a draft keeps the English name and description of its version
 * (decision 0043) as long as their Swedish is unchanged, and loses a translation of a text it changed.
 */
function englishKept(fields: OwnFields, stored: Definition | undefined): { en?: Definition["en"] } {
  const en = stored?.en;
  if (!stored || !en) return {};
  const same = (typed: unknown, was: string) => String(typed ?? "").trim() === was;
  const kept = {
    ...(en.name !== undefined && same(fields.name, stored.name) ? { name: en.name } : {}),
    ...(en.description !== undefined && same(fields.description, stored.description) ? { description: en.description } : {}),
  };
  return Object.keys(kept).length > 0 ? { en: kept } : {};
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

/** Where the service's errors show: each at its field, the JSON's each with its place, all of them in the JSON field. */
export const errorPlaces = (t: Translate): ErrorPlaces => ({
  rename: fieldOf,
  message: (path, message) => {
    const place = placeOf(path, t);
    return place ? `${place}: ${message}` : message;
  },
  joined: ["definition"],
});

/** The errors to show: where the JSON text could not be read, its own message instead of what is missing from it. */
export const withUnreadable = (errors: FieldErrors, form: ReadForm, t: Translate): FieldErrors =>
  form.unreadable ? { ...errors, definition: t(form.unreadable) } : errors;
