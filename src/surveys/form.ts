/**
 * The draft's edit form: its fields are named by their path in the content (name.sv,
 * items.0.texts.en, scale.options.2.labels.sv), so that the content schema decodes them and zod's
 * issue paths name them (decision 0035); keys, order, scale values and everything else stay
 * as they are.
 */
import { z } from "zod";
import { type Content, itemSchema, optionSchema, type Texts, textsSchema } from "./model.ts";

export type FormValues = Record<string, string | string[]>;

/** The fields the form edits, as the content schema has them: the texts in every language; the rest stays (`withEdits`). */
export const editedFields = z.object({
  name: textsSchema,
  items: z.array(itemSchema.pick({ texts: true })),
  scale: z.object({ options: z.array(optionSchema.pick({ labels: true })) }),
});

/** The form's values for a content. */
export function formValues(content: Content): FormValues {
  const values: FormValues = {};
  const put = (path: string, texts: Texts) => {
    for (const lang of content.languages) values[`${path}.${lang}`] = texts[lang] ?? "";
  };
  put("name", content.name);
  for (const [i, item] of content.items.entries()) put(`items.${i}.texts`, item.texts);
  for (const [i, o] of content.scale.options.entries()) put(`scale.options.${i}.labels`, o.labels);
  return values;
}

/** The form field an error belongs to: the service names content paths (`content.items.0.texts.sv`). */
export function fieldOf(path: string): string {
  return path.replace(/^content\./, "");
}
