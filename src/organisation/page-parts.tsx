/** Small pieces shared by the organisation's pages: form failures, notices, the conflict alert. */
import { ConflictError, type FieldErrors, ValidationError } from "../platform/errors.ts";
import type { ParseResult } from "../platform/forms.tsx";
import type { Translate } from "../platform/i18n.ts";

export interface FormFailure {
  status: number;
  errors: FieldErrors;
  /** A form-level message (a stale version): shown as an alert, not tied to a field. */
  conflict?: string;
}

/**
 * What a refused form gets: field errors (400, also for a duplicate name, which belongs to a field)
 * or a stale-version conflict (409). Anything else is not the form's fault and is rethrown.
 */
export function formFailure(e: unknown, t: Translate): FormFailure {
  if (e instanceof ValidationError) {
    return { status: 400, errors: Object.fromEntries(Object.entries(e.fieldErrors).map(([k, v]) => [k, t(v)])) };
  }
  if (e instanceof ConflictError && e.field) return { status: 400, errors: { [e.field]: t(e.messageKey) } };
  if (e instanceof ConflictError) return { status: 409, errors: {}, conflict: t(e.messageKey) };
  throw e;
}

export type Submitted<R> = { ok: true; result: R } | { ok: false; failure: FormFailure };

/** Runs the form's use case when the form parsed; a refusal comes back as a failure to show on the form. */
export async function submit<T, R>(parsed: ParseResult<T>, t: Translate, work: (data: T) => Promise<R>): Promise<Submitted<R>> {
  if (!parsed.ok) return { ok: false, failure: { status: 400, errors: collapse(parsed.errors) } };
  try {
    return { ok: true, result: await work(parsed.data) };
  } catch (e) {
    return { ok: false, failure: formFailure(e, t) };
  }
}

/** A list field's errors arrive per item (`roles.0`); the page links the whole group. */
export function collapse(errors: FieldErrors): FieldErrors {
  const out: FieldErrors = {};
  for (const [key, message] of Object.entries(errors)) {
    const field = key.split(".")[0] ?? key;
    if (!(field in out)) out[field] = message;
  }
  return out;
}

/** The form as posted, for showing it again; only strings and lists of strings. */
export function posted(body: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body)) {
    if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string");
  }
  return out;
}

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
export const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** A success message named by the `klart` query parameter; unknown values show nothing. */
export function noticeFrom(query: unknown, table: Record<string, string>): string | undefined {
  const key = (query as Record<string, unknown> | undefined)?.klart;
  return typeof key === "string" ? table[key] : undefined;
}
