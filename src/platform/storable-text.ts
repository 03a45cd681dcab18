/**
 * Text that PostgreSQL cannot store (issue 17 item 1): a NUL character (U+0000), which no text or
 * jsonb value may hold, and a lone UTF-16 surrogate, which is no character at all (jsonb refuses
 * its escape, text would keep a replacement character in its place). Every body and query a
 * request brings is checked here once, before any validation, and a value that holds one is
 * refused as its field's error (`error.unstorableText`), so that nothing is changed.
 */
import type { FieldErrors } from "./errors.ts";

export const UNSTORABLE_TEXT = "error.unstorableText";

/** A NUL, a high surrogate without its low half, or a low one without its high half (matched by UTF-16 code unit). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what it looks for
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Whether a string can be stored as it is: no NUL and no lone surrogate. */
export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/**
 * The fields (paths joined with dots, as the schemas' errors name them: `grants.0.note`) whose
 * text, or whose name, cannot be stored; empty when all can.
 */
export function unstorableFields(value: unknown, prefix = ""): FieldErrors {
  const errors: FieldErrors = {};
  const visit = (node: unknown, path: string): void => {
    if (typeof node === "string") {
      if (!isStorableText(node)) errors[path || "_form"] ??= UNSTORABLE_TEXT;
    } else if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) visit(item, path ? `${path}.${i}` : String(i));
    } else if (node && typeof node === "object" && !Buffer.isBuffer(node)) {
      for (const [key, item] of Object.entries(node)) {
        // A name that cannot be stored is named without its bad characters.
        const name = isStorableText(key) ? key : key.replace(new RegExp(UNSTORABLE.source, "g"), "");
        const at = path ? `${path}.${name}` : name;
        if (name !== key) errors[at || "_form"] ??= UNSTORABLE_TEXT;
        visit(item, at);
      }
    }
  };
  visit(value, prefix);
  return errors;
}
