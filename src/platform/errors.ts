/** Errors a service may throw; the HTTP layer turns each into a page or a problem+json answer. */
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
