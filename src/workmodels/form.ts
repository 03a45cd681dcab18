/**
 * The draft's edit form, as pure functions: which fields it has (named by their path in the
 * content, so that zod's issue paths name the fields), how posted values change the content, and
 * how the content fills the form.
 */
import type { Content } from "./model.ts";

export type FormValues = Record<string, string | string[]>;

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

/** One checklist item per line; blank lines dropped. */
export const linesOf = (v: string | string[] | undefined) =>
  text(v)
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** A whole number as typed, or NaN (which the schema refuses with the field's message). */
const wholeNumber = (v: string | string[] | undefined) => (/^\s*\d{1,4}\s*$/.test(text(v)) ? Number(text(v)) : Number.NaN);

/** The content with the form's editable fields taken from the posted values; keys and order stay. */
export function applyForm(content: Content, body: FormValues): Content {
  return {
    meetingTypes: content.meetingTypes.map((m, i) => ({
      ...m,
      name: text(body[`meetingTypes.${i}.name`]),
      purpose: text(body[`meetingTypes.${i}.purpose`]),
      checklist: linesOf(body[`meetingTypes.${i}.checklist`]),
      minChildAge: m.scope === "child" ? wholeNumber(body[`meetingTypes.${i}.minChildAge`]) : null,
    })),
    stops: content.stops.map((s, i) => ({
      ...s,
      name: text(body[`stops.${i}.name`]),
      purpose: text(body[`stops.${i}.purpose`]),
      checklist: linesOf(body[`stops.${i}.checklist`]),
      due: { ...s.due, days: wholeNumber(body[`stops.${i}.due.days`]) },
    })),
  };
}

/** The form's values for a content. */
export function formValues(content: Content): FormValues {
  const values: FormValues = {};
  content.meetingTypes.forEach((m, i) => {
    values[`meetingTypes.${i}.name`] = m.name;
    values[`meetingTypes.${i}.purpose`] = m.purpose;
    values[`meetingTypes.${i}.checklist`] = m.checklist.join("\n");
    if (m.minChildAge !== null) values[`meetingTypes.${i}.minChildAge`] = String(m.minChildAge);
  });
  content.stops.forEach((s, i) => {
    values[`stops.${i}.name`] = s.name;
    values[`stops.${i}.purpose`] = s.purpose;
    values[`stops.${i}.checklist`] = s.checklist.join("\n");
    values[`stops.${i}.due.days`] = String(s.due.days);
  });
  return values;
}

/**
 * The form field an error belongs to: the service names content paths (`content.meetingTypes.0.
 * checklist.2`); the form has one field per checklist, so an item's error goes to its list.
 */
export function fieldOf(path: string): string {
  const p = path.replace(/^content\./, "");
  return p.replace(/\.checklist\.\d+$/, ".checklist");
}
