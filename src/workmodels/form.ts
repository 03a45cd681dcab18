/**
 * The draft's edit form: its fields are named by their path in the content (`meetingTypes.0.name`,
 * `stops.1.due.days`), so that the content schema decodes them and zod's issue paths name them
 * (decision 0035). Which fields it edits, how a content fills it, and its one piece of
 * layout: a checklist is a textarea with one item per line.
 */
import { z } from "zod";
import { type Content, meetingTypeSchema, stopSchema } from "./model.ts";

export type FormValues = Record<string, string | string[]>;

/** The fields the form edits, as the content schema has them; keys, order and the rest stay (`withEdits`). */
export const editedFields = z.object({
  meetingTypes: z.array(meetingTypeSchema.pick({ name: true, purpose: true, minChildAge: true, checklist: true })),
  stops: z.array(
    stopSchema.pick({ name: true, purpose: true, checklist: true }).extend({ due: stopSchema.shape.due.pick({ days: true }) }),
  ),
});

const checklistField = /^(meetingTypes|stops)\.\d{1,4}\.checklist$/;

/** One checklist item per line; blank lines dropped. */
const lines = (v: unknown) =>
  (typeof v === "string" ? v : Array.isArray(v) && typeof v[0] === "string" ? v[0] : "")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);

/** The posted body with each checklist textarea as its list of lines, for decoding by {@link editedFields}. */
export function formBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== "object") return {};
  return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, checklistField.test(name) ? lines(value) : value]));
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
