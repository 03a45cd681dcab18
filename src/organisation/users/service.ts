/** The users: listing and reading them (audited), adding, editing, deactivating, password links. */
import { createPasswordLink, issuePasswordLink } from "../../auth/index.ts";
import { type AuditEntry, audit, audits, auditView } from "../../platform/audit.ts";
import type { Role } from "../../platform/auth-types.ts";
import { type Authorized, authorize, logSecurityEvent, type ServiceContext } from "../../platform/context.ts";
import type { Tx } from "../../platform/database.ts";
import { ConflictError, ForbiddenError, NotFoundError, parseOrThrow, ValidationError } from "../../platform/errors.ts";
import { compareText } from "../../platform/i18n.ts";
import type { Action } from "../../platform/permissions.ts";
import type { SessionStore } from "../../platform/sessions.ts";
import { assignmentProblems, changes, isUuid, selfChangeProblems, unknownUnitIds, withinScope } from "../model.ts";
import { type UserCreateInput, type UserPatch, userCreateBody, userPatchBody } from "../schemas.ts";
import * as store from "../store.ts";

export type User = store.UserRow;

const byName = compareText("sv");
const sortUsers = (list: User[]) => list.sort((a, b) => byName(a.displayName, b.displayName) || byName(a.username, b.username));

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
    // One row for the list, naming every user shown (decision 0051).
    await auditView(tx, ctx, { action: "user.view", recordType: "user", subjectUserIds: shown.map((u) => u.id), detail: { via: "list" } });
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
export async function createUser(ctx: ServiceContext, posted: UserCreateInput): Promise<CreatedUser> {
  const { actor } = await authorize(ctx, "users.manage");
  const { email = null, ...rest } = parseOrThrow(userCreateBody, posted);
  const input = { ...rest, email };
  const problems = assignmentProblems(input);
  if (Object.keys(problems).length > 0) throw new ValidationError(problems);
  const created = await store.refusingDuplicates(() =>
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
export async function updateUser(ctx: ServiceContext, sessions: SessionStore, id: string, input: UserPatch): Promise<User> {
  const authorized = await authorize(ctx, "users.manage");
  const patch = parseOrThrow(userPatchBody, input);
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
