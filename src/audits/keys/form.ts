/**
 * The review-key draft's edit form: its fields are named by their path in the content (`name`,
 * `questions.0.text`, a question's kinds one checkbox each under `questions.0.documentKinds`), so
 * that the content schema decodes them and zod's issue paths name them (decision 0035).
 * Keys and order stay as they are; only texts and which kinds of document a question applies to
 * are edited.
 */
import { z } from "zod";
import { type Content, contentSchema, documentKindSchema, questionSchema, ratingOptionSchema } from "./model.ts";

export type FormValues = Record<string, string | string[]>;

/** The form field that holds a question's kinds of document (one checkbox per kind). */
export const kindsField = (i: number) => `questions.${i}.documentKinds`;

/**
 * The fields the form edits, as the content schema has them; keys, order and the rest stay
 * (`withEdits`). A question's kinds are those ticked, in the form's order (the key's order).
 */
export const editedFields = z.object({
  name: contentSchema.shape.name,
  documentKinds: z.array(documentKindSchema.pick({ label: true })),
  questions: z.array(questionSchema.pick({ text: true, documentKinds: true })),
  overall: z.object({
    question: contentSchema.shape.overall.shape.question,
    options: z.array(ratingOptionSchema.pick({ label: true })),
  }),
});

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
