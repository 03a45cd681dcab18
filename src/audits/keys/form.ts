/**
 * The review-key draft's edit form, as pure functions: which fields it has (named by their path in
 * the content, so that zod's issue paths name the fields), how posted values change the content,
 * and how the content fills the form. Keys and order stay as they are; only texts and which kinds
 * of document a question applies to are edited.
 */
import { many } from "../../platform/form-pages.ts";
import type { Content } from "./model.ts";

export type FormValues = Record<string, string | string[]>;

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

/** The form field that holds a question's kinds of document (one checkbox per kind). */
export const kindsField = (i: number) => `questions.${i}.documentKinds`;

/**
 * The kinds a question applies to after the form: those it had and that are still ticked (in their
 * order), then newly ticked ones in the key's order, then anything unknown (which the schema refuses).
 */
function chosenKinds(content: Content, had: string[], posted: string[]): string[] {
  const ticked = new Set(posted);
  const known = content.documentKinds.map((k) => k.key);
  const kept = had.filter((k) => ticked.has(k));
  const added = known.filter((k) => ticked.has(k) && !kept.includes(k));
  const unknown = [...ticked].filter((k) => !known.includes(k));
  return [...kept, ...added, ...unknown];
}

/** The content with the form's editable fields taken from the posted values. */
export function applyForm(content: Content, body: FormValues): Content {
  return {
    ...content,
    name: text(body.name),
    documentKinds: content.documentKinds.map((k, i) => ({ ...k, label: text(body[`documentKinds.${i}.label`]) })),
    questions: content.questions.map((q, i) => ({
      ...q,
      text: text(body[`questions.${i}.text`]),
      documentKinds: chosenKinds(content, q.documentKinds, many(body[kindsField(i)])),
    })),
    overall: {
      question: text(body["overall.question"]),
      options: content.overall.options.map((o, i) => ({ ...o, label: text(body[`overall.options.${i}.label`]) })),
    },
  };
}

/** The form's values for a content. */
export function formValues(content: Content): FormValues {
  const values: FormValues = { name: content.name, "overall.question": content.overall.question };
  content.documentKinds.forEach((k, i) => {
    values[`documentKinds.${i}.label`] = k.label;
  });
  content.questions.forEach((q, i) => {
    values[`questions.${i}.text`] = q.text;
    values[kindsField(i)] = [...q.documentKinds];
  });
  content.overall.options.forEach((o, i) => {
    values[`overall.options.${i}.label`] = o.label;
  });
  return values;
}

/**
 * The form field an error belongs to: the service names content paths (`content.questions.2.
 * documentKinds.1`); a question's kinds are one group of checkboxes, so a kind's error goes to it.
 */
export function fieldOf(path: string): string {
  const p = path.replace(/^content\./, "");
  return p.replace(/^(questions\.\d+\.documentKinds)\.\d+$/, "$1");
}
