import { createPasswordLink, issuePasswordLink } from "../auth/index.ts";
import { type AuditEntry, audit, audits } from "../platform/audit.ts";
import type { Role } from "../platform/auth-types.ts";
import { type Authorized, authorize, logSecurityEvent, type ServiceContext } from "../platform/context.ts";
import type { Tx } from "../platform/database.ts";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../platform/errors.ts";
import { compareText } from "../platform/i18n.ts";
import type { Action } from "../platform/permissions.ts";
import type { SessionStore } from "../platform/sessions.ts";
import { assignmentProblems, changes, isUuid, selfChangeProblems, unitWithinScope, unknownUnitIds, withinScope } from "./model.ts";
import type { MunicipalityPatch, UnitInput, UnitPatch, UserCreateInput, UserPatch } from "./schemas.ts";
import * as store from "./store.ts";

export type Municipality = NonNullable<Awaited<ReturnType<typeof store.municipality>>>;
export type Unit = store.UnitRow;
export type User = store.UserRow;

const byName = compareText("sv");
const sortUnits = (list: Unit[]) => list.sort((a, b) => byName(a.name, b.name));
const sortUsers = (list: User[]) => list.sort((a, b) => byName(a.displayName, b.displayName) || byName(a.username, b.username));

/** Unique indexes → the field and message a duplicate gets. */
const duplicates: Record<string, [field: string, messageKey: string]> = {
  units_name_unique: ["name", "org.unit.nameTaken"],
  users_username_unique: ["username", "org.user.usernameTaken"],
};

/** Runs a write; a broken unique index becomes a field-linked conflict instead of a server error. */
async function refusingDuplicates<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (e) {
    const known = duplicates[store.uniqueViolation(e) ?? ""];
    if (known) throw new ConflictError(known[1], known[0]);
    throw e;
  }
}

// ---- Municipality and units ----

export interface OrganisationOverview {
  municipality: Municipality;
  units: Unit[];
}

/** The municipality and the units the reader may see (a unit-scoped reader: their own), with active user counts. */
export async function organisationOverview(ctx: ServiceContext): Promise<OrganisationOverview> {
  const { actor, scope } = await authorize(ctx, "organisation.view");
  const municipality = await store.municipality(ctx.db, actor.municipalityId);
  if (!municipality) throw new NotFoundError();
  const units = await store.unitsOf(ctx.db, actor.municipalityId, scope === "unit" ? actor.unitIds : undefined);
  return { municipality, units: sortUnits(units) };
}

export async function listUnits(ctx: ServiceContext): Promise<Unit[]> {
  return (await organisationOverview(ctx)).units;
}

/** The municipality's own details (no personal data), for anyone who may read the organisation. */
export async function getMunicipality(ctx: ServiceContext): Promise<Municipality> {
  const { actor } = await authorize(ctx, "organisation.view");
  const found = await store.municipality(ctx.db, actor.municipalityId);
  if (!found) throw new NotFoundError();
  return found;
}

/** Edits the name, kommunkod, wait limit and minimum group size, all or some; refused when `version` is stale. */
export async function updateMunicipality(ctx: ServiceContext, patch: MunicipalityPatch): Promise<Municipality> {
  const { actor } = await authorize(ctx, "organisation.manage");
  return ctx.db.transaction(async (tx) => {
    const current = await store.municipality(tx, actor.municipalityId);
    if (!current) throw new NotFoundError();
    if (current.version !== patch.version) throw new ConflictError();
    const values = { name: patch.name, code: patch.code, waitLimitDays: patch.waitLimitDays, minGroupSize: patch.minGroupSize };
    const diff = changes(current, values);
    if (Object.keys(diff).length === 0) return current;
    if (!(await store.updateMunicipality(tx, current.id, patch.version, values))) throw new ConflictError();
    await audit(tx, ctx, { action: "municipality.update", recordType: "municipality", recordId: current.id, detail: { changes: diff } });
    return (await store.municipality(tx, current.id)) as Municipality;
  });
}

export async function getUnit(ctx: ServiceContext, id: string): Promise<Unit> {
  const { actor, scope } = await authorize(ctx, "organisation.view");
  const found = isUuid(id) ? await store.unit(ctx.db, actor.municipalityId, id) : undefined;
  if (!found || !unitWithinScope(scope, actor.unitIds, found.id)) throw new NotFoundError();
  return found;
}

export async function createUnit(ctx: ServiceContext, input: UnitInput): Promise<Unit> {
  const { actor } = await authorize(ctx, "organisation.manage");
  return refusingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      const { id } = await store.insertUnit(tx, { municipalityId: actor.municipalityId, name: input.name, kind: input.kind });
      await audit(tx, ctx, { action: "unit.create", recordType: "unit", recordId: id, detail: { name: input.name, kind: input.kind } });
      return (await store.unit(tx, actor.municipalityId, id)) as Unit;
    }),
  );
}

/** Renames, changes the kind, deactivates or reactivates a unit; refused when `version` is stale. */
export async function updateUnit(ctx: ServiceContext, id: string, patch: UnitPatch): Promise<Unit> {
  const { actor } = await authorize(ctx, "organisation.manage");
  if (!isUuid(id)) throw new NotFoundError();
  return refusingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      const current = await store.unit(tx, actor.municipalityId, id);
      if (!current) throw new NotFoundError();
      if (current.version !== patch.version) throw new ConflictError();
      const diff = changes(current, { name: patch.name, kind: patch.kind, active: patch.active });
      if (Object.keys(diff).length === 0) return current;
      const values = { name: patch.name, kind: patch.kind, active: patch.active };
      if (!(await store.updateUnit(tx, id, patch.version, values))) throw new ConflictError();
      const { active, ...edits } = diff;
      const entries: AuditEntry[] = [];
      if (Object.keys(edits).length > 0)
        entries.push({ action: "unit.update", recordType: "unit", recordId: id, detail: { changes: edits } });
      if (active) entries.push({ action: patch.active ? "unit.reactivate" : "unit.deactivate", recordType: "unit", recordId: id });
      await audits(tx, ctx, entries);
      return (await store.unit(tx, actor.municipalityId, id)) as Unit;
    }),
  );
}

// ---- Users ----

export interface UserFilter {
  unitId?: string;
  role?: Role;
  /** Undefined: both active and inactive. */
  active?: boolean;
}

/** Asking for a user outside one's scope: a refusal that names the user for the security log. */
class OutOfScope extends ForbiddenError {
  constructor(
    action: Action,
    readonly userId: string,
  ) {
    super(action);
  }
}

/** A user within the actor's scope for the action, read in `tx`; a refusal is logged after the transaction. */
async function userInScope(tx: Tx, { actor, scope }: Authorized, action: Action, id: string): Promise<User> {
  const found = isUuid(id) ? await store.user(tx, actor.municipalityId, id) : undefined;
  if (!found) throw new NotFoundError();
  if (!withinScope(scope, actor, { id: found.id, unitIds: found.units.map((u) => u.id) })) throw new OutOfScope(action, id);
  return found;
}

/** Runs a use case on one user; asking for someone outside one's scope is refused and goes to the security log. */
async function onUser<T>(ctx: ServiceContext, work: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await ctx.db.transaction(work);
  } catch (e) {
    if (e instanceof OutOfScope) await logSecurityEvent(ctx, "scope_denied", e.action, { userId: e.userId });
    throw e;
  }
}

/** Users the reader may see, sorted by name in Swedish order; every user shown is an audited disclosure. */
export async function listUsers(ctx: ServiceContext, filter: UserFilter = {}): Promise<User[]> {
  const { actor, scope } = await authorize(ctx, "users.view");
  if (filter.unitId && !isUuid(filter.unitId)) return [];
  return ctx.db.transaction(async (tx) => {
    const rows = await store.usersOf(tx, actor.municipalityId, {
      ...filter,
      sharingUnitIds: scope === "unit" ? actor.unitIds : undefined,
    });
    const shown = sortUsers(rows.filter((u) => withinScope(scope, actor, { id: u.id, unitIds: u.units.map((x) => x.id) })));
    await audits(
      tx,
      ctx,
      shown.map((u) => ({ action: "user.view", recordType: "user", recordId: u.id, subjectUserId: u.id, detail: { via: "list" } })),
    );
    return shown;
  });
}

/** One user's details, for someone allowed to see them; audited. */
export async function getUser(ctx: ServiceContext, id: string): Promise<User> {
  const authorized = await authorize(ctx, "users.view");
  return onUser(ctx, async (tx) => {
    const found = await userInScope(tx, authorized, "users.view", id);
    await audit(tx, ctx, {
      action: "user.view",
      recordType: "user",
      recordId: found.id,
      subjectUserId: found.id,
      detail: { via: "detail" },
    });
    return found;
  });
}

async function checkUnits(tx: Tx, municipalityId: string, unitIds: readonly string[], current: readonly string[] = []) {
  const available = await store.unitsOf(tx, municipalityId);
  if (unknownUnitIds(unitIds, available, current).length > 0) throw new ValidationError({ unitIds: "org.user.unitUnknown" });
}

export interface CreatedUser {
  user: User;
  /** The one-time link's secret: shown once, never stored in clear. */
  passwordLink: { token: string; expiresAt: Date };
}

/** Adds a user with roles and units, then makes the one-time link with which they choose a password. */
export async function createUser(ctx: ServiceContext, input: UserCreateInput): Promise<CreatedUser> {
  const { actor } = await authorize(ctx, "users.manage");
  const problems = assignmentProblems(input);
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
  const created = await refusingDuplicates(() =>
    ctx.db.transaction(async (tx) => {
      await checkUnits(tx, actor.municipalityId, input.unitIds);
      const { id } = await store.insertUser(tx, {
        municipalityId: actor.municipalityId,
        username: input.username,
        displayName: input.displayName,
        email: input.email,
      });
      await store.replaceRoles(tx, id, input.roles);
      await store.replaceUnits(tx, id, input.unitIds);
      await audit(tx, ctx, {
        action: "user.create",
        recordType: "user",
        recordId: id,
        subjectUserId: id,
        detail: {
          username: input.username,
          displayName: input.displayName,
          email: input.email,
          roles: input.roles,
          unitIds: input.unitIds,
        },
      });
      const passwordLink = await issuePasswordLink(tx, ctx, actor.id, id);
      return { user: (await store.user(tx, actor.municipalityId, id)) as User, passwordLink };
    }),
  );
  return created;
}

/**
 * Edits a user, all or some fields, refused when `version` is stale. Deactivating ends every
 * session of the user, revokes their API tokens and voids open password links, in the same transaction.
 */
export async function updateUser(ctx: ServiceContext, sessions: SessionStore, id: string, patch: UserPatch): Promise<User> {
  const authorized = await authorize(ctx, "users.manage");
  const { actor } = authorized;
  return onUser(ctx, async (tx) => {
    const current = await userInScope(tx, authorized, "users.manage", id);
    if (current.version !== patch.version) throw new ConflictError();
    const currentUnitIds = current.units.map((u) => u.id);
    const problems = {
      ...(patch.roles || patch.unitIds
        ? assignmentProblems({ roles: patch.roles ?? current.roles, unitIds: patch.unitIds ?? currentUnitIds })
        : {}),
      ...selfChangeProblems(actor, id, patch),
    };
    if (Object.keys(problems).length > 0) throw new ValidationError(problems);
    if (patch.unitIds) await checkUnits(tx, actor.municipalityId, patch.unitIds, currentUnitIds);

    const before = {
      displayName: current.displayName,
      email: current.email,
      roles: current.roles,
      unitIds: currentUnitIds,
      active: current.active,
    };
    const diff = changes(before, {
      displayName: patch.displayName,
      email: patch.email,
      roles: patch.roles,
      unitIds: patch.unitIds,
      active: patch.active,
    });
    if (Object.keys(diff).length === 0) return current;

    const values = { displayName: patch.displayName, email: patch.email, active: patch.active };
    if (!(await store.updateUser(tx, id, patch.version, values))) throw new ConflictError();
    if (diff.roles && patch.roles) await store.replaceRoles(tx, id, patch.roles);
    if (diff.unitIds && patch.unitIds) await store.replaceUnits(tx, id, patch.unitIds);

    const { active, ...edits } = diff;
    const entries: AuditEntry[] = [];
    const subject = { recordType: "user", recordId: id, subjectUserId: id } as const;
    if (Object.keys(edits).length > 0) entries.push({ action: "user.update", ...subject, detail: { changes: edits } });
    if (active && patch.active === false) {
      await sessions.endAllForUser(tx, id);
      const revoked = await store.revokeApiTokens(tx, id, ctx.clock.now());
      await store.expirePasswordLinks(tx, id, ctx.clock.now());
      entries.push({ action: "user.deactivate", ...subject, detail: { sessionsEnded: true, apiTokensRevoked: revoked } });
    } else if (active) {
      entries.push({ action: "user.reactivate", ...subject });
    }
    await audits(tx, ctx, entries);
    return (await store.user(tx, actor.municipalityId, id)) as User;
  });
}

/** A new one-time password link for an active user; earlier links stop working. */
export async function resetPassword(ctx: ServiceContext, id: string): Promise<{ user: User; token: string; expiresAt: Date }> {
  const authorized = await authorize(ctx, "users.manage");
  const target = await onUser(ctx, (tx) => userInScope(tx, authorized, "users.manage", id));
  if (!target.active) throw new ConflictError("org.user.inactiveNoLink");
  const link = await createPasswordLink(ctx, target.id);
  return { user: target, ...link };
}
