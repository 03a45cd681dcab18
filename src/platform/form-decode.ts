/**
 * A posted form in the shape of the zod schema that the service and the API validate (decision 0035).
 * @fastify/formbody gives strings and lists of strings under flat names (`guardians.0.name`,
 * `summary.agreed`, a checkbox group repeated); the schema says what each one is. This only shapes
 * the values and never validates: the service's parse of the same schema is the one validation, so
 * that its messages and its checks in the transaction come back together.
 */
import type { z } from "zod";

type Def = { type: string } & Record<string, unknown>;
type Schema = { _zod: { def: Def } };

const defOf = (schema: unknown): Def => (schema as Schema)._zod.def;

/** Names that would reach an object's prototype are never followed. */
const unsafe = new Set(["__proto__", "prototype", "constructor"]);

/** Flat names with dots become nested objects; `children.0.name` is `{children: {0: {name}}}` (a list once the schema says so). */
export function unflatten(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!body || typeof body !== "object") return out;
  for (const [name, value] of Object.entries(body)) {
    const path = name.split(".");
    if (path.some((p) => unsafe.has(p))) continue;
    let node = out;
    for (const part of path.slice(0, -1)) {
      const next = node[part];
      if (next && typeof next === "object" && !Array.isArray(next)) node = next as Record<string, unknown>;
      else node = node[part] = {};
    }
    const last = path[path.length - 1] as string;
    if (!(last in node) || typeof node[last] !== "object" || Array.isArray(node[last])) node[last] = value;
  }
  return out;
}

export interface DecodeOptions {
  /**
   * Yes/no questions asked with two radio buttons (`yes`/`no`), by their path: one left unanswered
   * stays undefined, for the schema to refuse with its message. An unticked checkbox is false.
   */
  radios?: readonly string[];
  /**
   * Fields an edit form always shows, by path, where the schema (an API PATCH, which changes only
   * what it is sent) makes them optional: decoded as required ones, so that a text emptied is ""
   * and a number emptied its text "" for the schema to refuse with its message, and a checkbox
   * group with nothing ticked is [] rather than "no change". A number not posted at all stays absent.
   */
  shown?: readonly string[];
}

interface Slot {
  optional: boolean;
  nullable: boolean;
  path: string;
}

/** The first value of a field (a repeated name keeps its first); a nested group has none. */
function text(raw: unknown): string | undefined {
  if (typeof raw === "string") return raw;
  if (Array.isArray(raw) && typeof raw[0] === "string") return raw[0];
  return undefined;
}

/** A field left empty: absent from an optional field, null where null is allowed, else the leaf's own empty value. */
function empty(raw: unknown, slot: Slot, leaf: unknown): unknown {
  if (raw === undefined && slot.optional) return undefined;
  if (slot.nullable) return null;
  if (slot.optional) return undefined;
  return leaf;
}

/**
 * A number as a Swedish user writes it: a decimal comma or point ("0,5", "0.5"), digits in groups of
 * three split by a space ("1 234,5", also a no-break or narrow no-break space), a minus or the
 * typographic minus (−). The value, or undefined for anything else.
 */
export function readNumber(text: string): number | undefined {
  const m = /^([+\-\u2212]?)(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d*)(?:[.,](\d*))?$/.exec(text);
  if (!m) return undefined;
  const [, sign, whole = "", fraction] = m;
  if (whole === "" && !fraction) return undefined;
  return Number(`${sign === "" || sign === "+" ? "" : "-"}${whole.replace(/\D/g, "") || "0"}.${fraction || "0"}`);
}

function decode(schema: unknown, raw: unknown, slot: Slot, options: DecodeOptions): unknown {
  const def = defOf(schema);
  const inner = (key: string, change: Partial<Slot> = {}) => decode(def[key], raw, { ...slot, ...change }, options);
  switch (def.type) {
    case "optional":
    case "default":
    case "prefault":
      return inner("innerType", { optional: !options.shown?.includes(slot.path) });
    case "nullable":
      return inner("innerType", { nullable: true });
    case "readonly":
    case "catch":
    case "nonoptional":
      return inner("innerType");
    case "pipe":
      // A preprocess or a transform in front: shape for what comes out of it, which the pipe then checks.
      return defOf(def.in).type === "transform" ? inner("out") : inner("in");
    case "lazy":
      return decode((def.getter as () => unknown)(), raw, slot, options);
    case "object": {
      const fields = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : undefined;
      if (!fields || Object.keys(fields).length === 0) {
        if (slot.optional) return undefined;
        if (slot.nullable) return null;
      }
      const out: Record<string, unknown> = {};
      const shape = def.shape as Record<string, unknown>;
      for (const [key, field] of Object.entries(shape)) {
        const path = slot.path ? `${slot.path}.${key}` : key;
        const value = decode(field, fields?.[key], { optional: false, nullable: false, path }, options);
        if (value !== undefined) out[key] = value;
      }
      // An object that takes other names too (`catchall`): those are decoded by its schema, for the schema to judge.
      const rest = def.catchall && defOf(def.catchall).type !== "never" ? def.catchall : undefined;
      for (const [key, value] of Object.entries(rest ? (fields ?? {}) : {})) {
        if (Object.hasOwn(shape, key)) continue;
        const path = slot.path ? `${slot.path}.${key}` : key;
        const decoded = decode(rest, value, { optional: false, nullable: false, path }, options);
        if (decoded !== undefined) out[key] = decoded;
      }
      return out;
    }
    case "record": {
      // Fields named `answers.<key>`: each value by the record's value schema.
      if (!raw || typeof raw !== "object" || Array.isArray(raw)) return slot.optional ? undefined : slot.nullable ? null : {};
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(raw)) {
        out[key] = decode(def.valueType, value, { optional: false, nullable: false, path: `${slot.path}.${key}` }, options);
      }
      return out;
    }
    case "array": {
      let items: unknown[];
      if (raw === undefined || raw === "") {
        if (slot.optional) return undefined;
        items = [];
      } else if (Array.isArray(raw)) items = raw;
      else if (typeof raw === "object" && raw !== null) {
        // Numbered groups (`children.0.…`, `children.1.…`) in the order of their numbers.
        const entries = Object.entries(raw).filter(([k]) => /^\d{1,4}$/.test(k));
        items = entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
      } else items = [raw];
      return items.map((item, i) => decode(def.element, item, { optional: false, nullable: false, path: `${slot.path}.${i}` }, options));
    }
    case "boolean": {
      if (typeof raw === "boolean") return raw;
      const value = text(raw);
      if (value === undefined || value === "") {
        if (options.radios?.includes(slot.path)) return slot.nullable ? null : undefined;
        return raw === undefined && slot.optional ? undefined : false;
      }
      if (value === "on" || value === "true" || value === "yes" || value === "1") return true;
      if (value === "false" || value === "no" || value === "off" || value === "0") return false;
      return value;
    }
    case "number": {
      if (typeof raw === "number") return raw;
      const value = text(raw)?.trim();
      if (value === "" && options.shown?.includes(slot.path)) return "";
      if (value === undefined || value === "") return empty(raw, slot, undefined);
      return readNumber(value) ?? value;
    }
    case "union": {
      // One of several kinds, as a scale's answer (a number or "dont_know"): a text that reads as a
      // number is the number when a number is one of the kinds and a free text is not.
      const kinds = (def.options as unknown[]).map((o) => defOf(o).type);
      if (raw !== undefined && raw !== null && typeof raw !== "string" && typeof raw !== "object") return raw;
      const value = text(raw);
      if (value === undefined || value === "") return empty(raw, slot, "");
      const number = kinds.includes("number") && !kinds.includes("string") ? readNumber(value.trim()) : undefined;
      return number ?? value;
    }
    case "date": {
      const value = text(raw)?.trim();
      if (value === undefined || value === "") return empty(raw, slot, undefined);
      const date = new Date(value);
      return Number.isNaN(date.getTime()) ? value : date;
    }
    default: {
      // Strings, enums, literals and anything else a field holds as text; a value the page set itself passes.
      if (raw !== undefined && raw !== null && typeof raw !== "string" && typeof raw !== "object") return raw;
      const value = text(raw);
      if (value === undefined || value === "") return empty(raw, slot, "");
      return value;
    }
  }
}

/**
 * The posted body (flat names, or already nested) in the schema's shape: numbers and dates from
 * their text (a number also with a decimal comma and grouped digits, `readNumber`, and inside a
 * union with a number and no free text), a checkbox as a boolean (`on`, `true`, `yes`, `1`),
 * repeated names and numbered groups as lists, the names an object's `catchall` takes by that
 * schema, and an empty
 * field as absent (optional), null (nullable) or "" (a required text, for its own message).
 * What does not read as the type is passed on as typed, for the schema to refuse.
 */
export function decodeForm<S extends z.ZodType>(schema: S, body: unknown, options: DecodeOptions = {}): z.input<S> {
  return decode(schema, unflatten(body), { optional: false, nullable: false, path: "" }, options) as z.input<S>;
}
