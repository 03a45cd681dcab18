/** What every form page needs between the request and the service: the posted values, refusals as form failures, the notice after a redirect. */
import type { FastifyReply, FastifyRequest } from "fastify";
import type { VNode } from "preact";
import type { z } from "zod";
import { takeRefusedInput } from "./context.ts";
import { ConflictError, type FieldErrors, ValidationError } from "./errors.ts";
import { type DecodeOptions, decodeForm } from "./form-decode.ts";
import type { Translate } from "./i18n.ts";

export interface FormFailure {
  status: number;
  errors: FieldErrors;
  /** A form-level message (a stale version): shown as an alert, not tied to a field. */
  conflict?: string;
}

/**
 * Where a service's errors show on a form. By default each error path is a field of its own and a
 * field shows its first message.
 */
export interface ErrorPlaces {
  /** Maps a service's error path to the form's field (several paths may share one field). */
  rename?: (path: string) => string;
  /** The text shown for a path's translated message, e.g. with the path's place in words ("Täljaren, villkor 2: …"). */
  message?: (path: string, text: string) => string;
  /** Fields that show every message of their paths, joined with a space in the order of the paths, instead of the first. */
  joined?: readonly string[];
}

/** Field errors (paths to catalog keys) as the form's fields and texts, by `places`. */
export function placeErrors(fieldErrors: FieldErrors, t: Translate, places: ErrorPlaces = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const [path, key] of Object.entries(fieldErrors)) {
    const field = places.rename ? places.rename(path) : path;
    const text = places.message ? places.message(path, t(key)) : t(key);
    if (!(field in errors)) errors[field] = text;
    else if (places.joined?.includes(field)) errors[field] = `${errors[field]} ${text}`;
  }
  return errors;
}

/**
 * What a refused form gets: field errors (400, also for a duplicate name, which belongs to a field)
 * or a stale-version conflict (409). Anything else is not the form's fault and is rethrown.
 * `places` (or just a rename) maps a service's field path to the form's field and its text (the first message per field wins unless the field is `joined`).
 */
export function formFailure(e: unknown, t: Translate, places: ErrorPlaces | ((field: string) => string) = {}): FormFailure {
  const where = typeof places === "function" ? { rename: places } : places;
  if (e instanceof ValidationError) return { status: 400, errors: placeErrors(e.fieldErrors, t, where) };
  if (e instanceof ConflictError && e.field) return { status: 400, errors: placeErrors({ [e.field]: e.messageKey }, t, where) };
  if (e instanceof ConflictError) return { status: 409, errors: {}, conflict: t(e.messageKey) };
  throw e;
}

/** A refused form, to show again: what was posted, every error at once, or the stale-version alert. */
export interface FailedForm extends FormFailure {
  values: Record<string, string | string[]>;
}

interface FormRouteBase<S extends z.ZodType, R> extends ErrorPlaces {
  /** The input schema the service validates (the API's too); the body is decoded by it. */
  schema: S;
  /** The body in the schema's names, where the page's names differ (default: the posted body). */
  body?: unknown;
  decode?: DecodeOptions;
  /** The use case; it validates the input (the one validation) and throws ValidationError / ConflictError. */
  run: (input: z.input<S>) => Promise<R>;
  /** The page again with the form as posted and its errors; called only on a refusal. A `{ redirect }` leaves instead (the form is gone). */
  render: (failed: FailedForm) => VNode | { redirect: string } | Promise<VNode | { redirect: string }>;
  /**
   * How a ConflictError shows. "alert" (the default): the page again with the conflict alert, 409,
   * whatever field it names (a stale version, a state that changed meanwhile). "field": one that
   * names a field is that field's error, 400 (a name already taken). "page": the error page.
   */
  conflict?: "alert" | "field" | "page";
  /**
   * A destructive form's confirmation step (decision 0038). A body without `confirmed=yes` runs
   * this instead of `run`: it checks the input and changes nothing (a refusal shows the form again
   * as for `run`), and its page, which says what will happen, is shown (200) with a form that posts
   * the same values and `confirmed=yes` (`ConfirmFields`). Works without JavaScript.
   */
  confirm?: (input: z.input<S>) => Promise<VNode>;
}

/** Whether the body is the confirmation step's real submit. */
export const isConfirmed = (body: unknown) => (body as Record<string, unknown> | undefined)?.confirmed === "yes";

/**
 * A form that worked either goes on (`redirect`, 303 See Other: post/redirect/get) or, where its
 * result is shown once and must not be in a URL or a page to reload (a new API token, a one-time
 * password link: 201 with the page) or is not a page at all (a file to download), answers itself
 * (`answer`, with the route's reply; pages answer no-store).
 */
export type FormRoute<S extends z.ZodType, R> = FormRouteBase<S, R> &
  ({ redirect: (result: R) => string; answer?: never } | { answer: (result: R) => FastifyReply | Promise<FastifyReply>; redirect?: never });

/**
 * The one way a page handles a form: the body decoded by the input schema, the use case run, a
 * redirect on success (or the route's own answer, `answer`); on a ValidationError the page again with every error at once (400), on a
 * stale version with the conflict alert (409). Anything else goes on to the error handler.
 */
export async function handleForm<S extends z.ZodType, R>(req: FastifyRequest, reply: FastifyReply, form: FormRoute<S, R>) {
  let failure: FormFailure;
  // Text that cannot be stored (found by the platform before the route ran): the fields' errors, nothing run.
  const refused = takeRefusedInput(req.ctx);
  if (refused) return showFailure(req, reply, form, { status: 400, errors: placeErrors(refused, req.t, form) });
  const input = decodeForm(form.schema, form.body ?? req.body, form.decode);
  try {
    if (form.confirm && !isConfirmed(form.body ?? req.body)) return reply.page(await form.confirm(input));
    const result = await form.run(input);
    if (form.answer) return await form.answer(result);
    return reply.redirect(form.redirect(result), 303);
  } catch (e) {
    const conflict = form.conflict ?? "alert";
    if (e instanceof ConflictError && conflict === "page") throw e;
    failure =
      e instanceof ConflictError && conflict === "alert"
        ? { status: 409, errors: {}, conflict: req.t(e.messageKey) }
        : formFailure(e, req.t, { rename: form.rename, message: form.message, joined: form.joined });
  }
  return showFailure(req, reply, form, failure);
}

async function showFailure<S extends z.ZodType, R>(req: FastifyRequest, reply: FastifyReply, form: FormRoute<S, R>, failure: FormFailure) {
  const page = await form.render({ ...failure, values: posted(req.body) });
  if ("redirect" in page) return reply.redirect(page.redirect, 303);
  return reply.page(page, failure.status);
}

/**
 * The input of a form whose fields a stored document defines (a survey's items): the schema is
 * built per request, inside the use case, once it has read the document. The route hands over the
 * body; the use case asks for it in the shape of that schema and validates it with the same schema
 * (the one validation). `formInput` decodes a posted form (`decodeForm`); `jsonInput` is a JSON
 * body, already in the schema's shape, so that the API and the form go through the same schema.
 */
export type FormInput = (schema: z.ZodType) => unknown;
export const formInput =
  (body: unknown, options?: DecodeOptions): FormInput =>
  (schema) =>
    decodeForm(schema, body, options);
export const jsonInput =
  (body: unknown): FormInput =>
  () =>
    body;

/** A list field's errors arrive per item (`roles.0`); the page links the whole group. */
export const listField = (key: string) => key.split(".")[0] ?? key;

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

/** The form as posted, for forms without lists: only its text fields. */
export function postedTexts(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== "object") return out;
  for (const [k, v] of Object.entries(body)) if (typeof v === "string") out[k] = v;
  return out;
}

/** The row version the form was read at; -1 (stale) when missing or not a number. */
export function postedVersion(body: unknown): number {
  const v = (body as Record<string, unknown> | undefined)?.version;
  return typeof v === "string" && /^\d{1,9}$/.test(v) ? Number(v) : -1;
}

export const one = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));
export const many = (v: string | string[] | undefined) => (Array.isArray(v) ? v : v ? [v] : []);

/** A success message named by the `klart` query parameter; unknown values show nothing. */
export function noticeFrom(query: unknown, table: Record<string, string>): string | undefined {
  const key = (query as Record<string, unknown> | undefined)?.klart;
  return typeof key === "string" ? table[key] : undefined;
}
