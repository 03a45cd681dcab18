/** Pure rules of the organisation: units, users, their roles and units, and who may see whom. No I/O. */
import type { Role } from "../platform/auth-types.ts";
import type { FieldErrors } from "../platform/errors.ts";
import type { Scope } from "../platform/permissions.ts";

/** The kinds of unit; the same values as the database enum `unit_kind` (a test keeps them equal). */
export const unitKinds = [
  "child_youth",
  "addiction_adult",
  "intake",
  "financial_aid",
  "domestic_violence",
  "social_psychiatry",
  "disability",
  "other",
] as const;
export type UnitKind = (typeof unitKinds)[number];

export const NAME_MAX = 200;
export const USERNAME_MIN = 3;
export const USERNAME_MAX = 64;
export const EMAIL_MAX = 254;
export const USERNAME_PATTERN = /^[a-z0-9._-]+$/;
/** Kommunkod: four digits (SCB), or empty when not known. */
export const MUNICIPALITY_CODE_PATTERN = /^(\d{4})?$/;
/** The wait limit: a wait (request → Sofiamöte → assignment → first family meeting) longer than this many days is flagged. */
export const WAIT_LIMIT_MIN = 1;
export const WAIT_LIMIT_MAX = 365;
/** Survey results and statistics show ".." for a group smaller than this. */
export const MIN_GROUP_SIZE_MIN = 2;
export const MIN_GROUP_SIZE_MAX = 50;

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Ids come from URLs; anything that is not a UUID cannot name a record. */
export const isUuid = (value: string) => UUID_PATTERN.test(value);

/** Roles whose work is tied to a unit: they must belong to at least one. */
export const rolesNeedingUnit: readonly Role[] = ["caseworker", "unit_manager"];

export function needsUnit(roles: readonly Role[]): boolean {
  return roles.some((r) => rolesNeedingUnit.includes(r));
}

/** Problems with a user's roles and units, as field → message key. Empty when the combination is allowed. */
export function assignmentProblems(input: { roles: readonly Role[]; unitIds: readonly string[] }): FieldErrors {
  const errors: FieldErrors = {};
  if (input.roles.length === 0) errors.roles = "org.user.rolesRequired";
  else if (needsUnit(input.roles) && input.unitIds.length === 0) errors.unitIds = "org.user.unitsRequired";
  return errors;
}

/**
 * An administrator cannot lock themself out: not deactivate their own account, nor remove their
 * own administrator role.
 */
export function selfChangeProblems(
  actor: { id: string; roles: readonly Role[] },
  targetId: string,
  change: { active?: boolean; roles?: readonly Role[] },
): FieldErrors {
  if (actor.id !== targetId) return {};
  const errors: FieldErrors = {};
  if (change.active === false) errors.active = "org.user.cannotDeactivateSelf";
  if (change.roles && actor.roles.includes("administrator") && !change.roles.includes("administrator")) {
    errors.roles = "org.user.cannotRemoveOwnAdmin";
  }
  return errors;
}

/**
 * Whether a record tied to `targetUnitIds` is within the actor's scope for an action:
 * the whole municipality, the units the actor belongs to, or only the actor's own record.
 */
export function withinScope(
  scope: Scope,
  actor: { id: string; unitIds: readonly string[] },
  target: { id: string; unitIds: readonly string[] },
): boolean {
  if (scope === "municipality") return true;
  if (scope === "unit") return target.unitIds.some((u) => actor.unitIds.includes(u));
  if (scope === "own") return target.id === actor.id;
  return false;
}

/**
 * Whether a unit is within the reader's scope. A unit holds no personal data, so every scope that
 * may read the organisation sees all units, except a unit-scoped reader, who sees their own.
 */
export function unitWithinScope(scope: Scope, actorUnitIds: readonly string[], unitId: string): boolean {
  return scope === "unit" ? actorUnitIds.includes(unitId) : true;
}

export type Change = { from: unknown; to: unknown };

/** What differs between a record before and after an edit, for the audit log. Arrays compare as sets. */
export function changes<T extends Record<string, unknown>>(before: T, after: Partial<T>): Record<string, Change> {
  const out: Record<string, Change> = {};
  for (const [key, to] of Object.entries(after)) {
    if (to === undefined) continue;
    const from = before[key];
    if (!sameValue(from, to)) out[key] = { from, to };
  }
  return out;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
  }
  return a === b;
}

/** Unit ids a user may be given: units of the municipality that are active, or that the user already has. */
export function unknownUnitIds(
  requested: readonly string[],
  available: ReadonlyArray<{ id: string; active: boolean }>,
  current: readonly string[] = [],
): string[] {
  const allowed = new Set(available.filter((u) => u.active || current.includes(u.id)).map((u) => u.id));
  return requested.filter((id) => !allowed.has(id));
}
