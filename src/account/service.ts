import { audit } from "../platform/audit.ts";
import type { Role } from "../platform/auth-types.ts";
import { authorize, logSecurityEvent, type ServiceContext } from "../platform/context.ts";
import { ForbiddenError, NotFoundError, parseOrThrow, UnauthenticatedError, ValidationError } from "../platform/errors.ts";
import type { Action } from "../platform/permissions.ts";
import { API_TOKEN_PREFIX, randomToken, sha256 } from "../platform/sessions.ts";
import {
  grantableScopes,
  isTokenId,
  type NewToken,
  newTokenInput,
  normaliseScopes,
  tokenExpiry,
  tokenPrefix,
  ungrantableScopes,
} from "./model.ts";
import * as store from "./store.ts";

export type { ListedToken } from "./store.ts";

export interface AccountOverview {
  user: { id: string; username: string; displayName: string; roles: Role[] };
  units: Array<{ id: string; name: string; kind: string }>;
  tokens: store.ListedToken[];
  /** What a new token may be allowed to do: what the user's roles allow. */
  grantable: Action[];
  /** The clock's instant the overview was made at: a token past it is shown as expired. */
  now: Date;
}

/** The signed-in user's own account: who they are, where they work, their tokens. Their own data: not audited. */
export async function accountOverview(ctx: ServiceContext): Promise<AccountOverview> {
  const { actor } = await authorize(ctx, "account.manage_own");
  const [units, tokens] = await Promise.all([store.unitsByIds(ctx.db, actor.unitIds), store.tokensOfUser(ctx.db, actor.id)]);
  return {
    user: { id: actor.id, username: actor.username, displayName: actor.displayName, roles: actor.roles },
    units,
    tokens,
    grantable: grantableScopes(actor.roles),
    now: ctx.clock.now(),
  };
}

export async function listTokens(ctx: ServiceContext): Promise<store.ListedToken[]> {
  const { actor } = await authorize(ctx, "account.manage_own");
  return store.tokensOfUser(ctx.db, actor.id);
}

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  unitIds: string[];
  /** The scopes of the token the request came with; null for a browser session. */
  scopes: string[] | null;
}

/**
 * Who is asking. Open to every valid token whatever its scopes, so that an integration can check
 * its token: it tells the caller only about themselves.
 */
export async function whoAmI(ctx: ServiceContext): Promise<Me> {
  const actor = ctx.actor;
  if (!actor) {
    await logSecurityEvent(ctx, "unauthenticated");
    throw new UnauthenticatedError();
  }
  return {
    id: actor.id,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    unitIds: actor.unitIds,
    scopes: actor.apiToken ? actor.apiToken.scopes : null,
  };
}

/**
 * A new personal access token, limited to what the user's roles allow. The secret is returned
 * once and stored only as its SHA-256. A token cannot mint tokens: only a browser session can.
 */
export async function createToken(ctx: ServiceContext, posted: NewToken): Promise<{ token: string; created: store.ListedToken }> {
  const { actor } = await authorize(ctx, "account.manage_own");
  if (actor.apiToken) {
    await logSecurityEvent(ctx, "token_create_denied", "account.manage_own");
    throw new ForbiddenError("account.manage_own");
  }
  const input = parseOrThrow(newTokenInput, posted);
  if (ungrantableScopes(actor.roles, input.scopes).length > 0) throw new ValidationError({ scopes: "account.token.scopeNotAllowed" });
  const scopes = normaliseScopes(input.scopes);
  if (scopes.length === 0) throw new ValidationError({ scopes: "account.token.scopesRequired" });

  const token = API_TOKEN_PREFIX + randomToken();
  const now = ctx.clock.now();
  return ctx.db.transaction(async (tx) => {
    const created = await store.insertToken(tx, {
      userId: actor.id,
      name: input.name,
      tokenHash: sha256(token),
      prefix: tokenPrefix(token),
      scopes,
      expiresAt: tokenExpiry(now, input.expiresInDays),
      createdAt: now,
    });
    await audit(tx, ctx, {
      action: "api_token.create",
      recordType: "api_token",
      recordId: created.id,
      subjectUserId: actor.id,
      detail: { prefix: created.prefix, scopes, expiresAt: created.expiresAt?.toISOString() ?? null },
    });
    return { token, created };
  });
}

/**
 * Revokes one of the user's own tokens. Another user's token, or an id that names none, is not
 * found and nothing changes. Revoking a revoked token changes nothing and is not audited again.
 */
export async function revokeToken(ctx: ServiceContext, id: string): Promise<void> {
  const { actor } = await authorize(ctx, "account.manage_own");
  if (!isTokenId(id)) throw new NotFoundError();
  await ctx.db.transaction(async (tx) => {
    const token = await store.ownToken(tx, actor.id, id);
    if (!token) throw new NotFoundError();
    if (!(await store.revokeToken(tx, actor.id, id, ctx.clock.now()))) return;
    await audit(tx, ctx, {
      action: "api_token.revoke",
      recordType: "api_token",
      recordId: id,
      subjectUserId: actor.id,
      detail: { prefix: token.prefix },
    });
  });
}
