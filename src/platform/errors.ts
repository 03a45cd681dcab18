/** Errors a service may throw; the HTTP layer turns each into a page or a problem+json answer. */
import type { z } from "zod";
export class AppError extends Error {
  constructor(
    readonly status: number,
    /** Message key in the catalog; the text shown to the user. */
    readonly messageKey: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageKey);
  }
}

export class NotFoundError extends AppError {
  constructor() {
    super(404, "error.notFound");
  }
}

export class ForbiddenError extends AppError {
  constructor(readonly action?: string) {
    super(403, "error.forbidden");
  }
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super(401, "error.unauthenticated");
  }
}

/** An optimistic-concurrency or uniqueness conflict: nothing was changed. */
export class ConflictError extends AppError {
  constructor(
    messageKey = "error.stale",
    readonly field?: string,
  ) {
    super(409, messageKey);
  }
}

export type FieldErrors = Record<string, string>;

/** Bad input, field by field; values are message keys or already translated texts. */
export class ValidationError extends AppError {
  constructor(readonly fieldErrors: FieldErrors) {
    super(400, "error.validation");
  }
}

/** Where an issue of a schema belongs on a form: its path joined with dots, the form itself when empty. */
export const issueField = (path: readonly PropertyKey[]): string => path.map(String).join(".") || "_form";

/** The first message of each field of a failed schema (messages are catalog keys). */
export function issueErrors(issues: ReadonlyArray<{ path: readonly PropertyKey[]; message: string }>, fieldOf = issueField): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = fieldOf(issue.path);
    if (!(field in errors)) errors[field] = issue.message;
  }
  return errors;
}

/** Validates with a schema: its output, or a ValidationError naming each field's first message. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, fieldOf = issueField): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw new ValidationError(issueErrors(parsed.error.issues, fieldOf));
}

/**
 * What the log may say about an error (issue 17 item 2): its class, its code (a PostgreSQL
 * SQLSTATE, a Node or Fastify code) and the same of its cause, never its message, its query, its
 * parameters or the driver's detail, which carry the values a query was given (a searched name,
 * an identity number).
 */
export function errorSummary(error: unknown): { class: string; code?: string; cause?: { class: string; code?: string } } {
  const one = (e: unknown) => {
    const code = e && typeof e === "object" && "code" in e ? (e as { code: unknown }).code : undefined;
    return {
      class: e instanceof Error ? e.constructor.name : typeof e,
      ...(typeof code === "string" || typeof code === "number" ? { code: String(code).slice(0, 40) } : {}),
    };
  };
  const cause = error instanceof Error ? error.cause : undefined;
  return { ...one(error), ...(cause !== undefined ? { cause: one(cause) } : {}) };
}
