/**
 * The draft's edit form, as pure functions: its fields are named by their path in the content
 * (name.sv, items.0.texts.en, scale.options.2.labels.sv) so that zod's issue paths name the fields;
 * keys, order, scale values and everything else stay as they are.
 */
import type { Content, Texts } from "./model.ts";

export type FormValues = Record<string, string | string[]>;

const text = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

function textsFrom(body: FormValues, path: string, languages: string[]): Texts {
  return Object.fromEntries(languages.map((lang) => [lang, text(body[`${path}.${lang}`])]));
}

/** The content with the form's texts taken from the posted values, in every declared language. */
export function applyForm(content: Content, body: FormValues): Content {
  const { languages } = content;
  return {
    ...content,
    name: textsFrom(body, "name", languages),
    items: content.items.map((item, i) => ({ ...item, texts: textsFrom(body, `items.${i}.texts`, languages) })),
    scale: {
      ...content.scale,
      options: content.scale.options.map((o, i) => ({ ...o, labels: textsFrom(body, `scale.options.${i}.labels`, languages) })),
    },
  };
}

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
