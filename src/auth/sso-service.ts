/**
 * Single sign-on by the municipality's OIDC provider (decision 0059): the authorization code flow
 * with PKCE, state and nonce, by openid-client. A started login lives in the database
 * (`sso_pending`), never in a process's memory, so that any worker may receive the callback; the
 * browser holds the state in a short-lived cookie, which binds the callback to the browser that
 * started it. A login that comes back starts the same session as a local login; every refusal is
 * audited (`auth.sso_refused`) and security-logged with its reason.
 */
import crypto from "node:crypto";
import * as oidc from "openid-client";
import { audit } from "../platform/audit.ts";
import type { Role } from "../platform/auth-types.ts";
import type { Config, OidcConfig } from "../platform/config.ts";
import { logSecurityEvent, type ServiceContext } from "../platform/context.ts";
import { loadActor, type SessionStore, sha256 } from "../platform/sessions.ts";
import { safeReturnPath } from "./model.ts";
import {
  claimText,
  groupsOf,
  insecureAllowed,
  mapsRoles,
  PENDING_MINUTES,
  type RefusalReason,
  reasonOfError,
  rolesFromGroups,
} from "./sso-model.ts";
import * as store from "./sso-store.ts";

/** One provider a login can start at: the installation's (SOFIA_OIDC_*) or a municipality's. */
export interface SsoProvider extends OidcConfig {
  /** "env", or the municipality's id. */
  key: string;
  /** The municipality's name, shown on the login page when there are several providers. */
  name?: string;
  /** Users are found only in this municipality; the installation's provider finds them in any. */
  municipalityId?: string;
}

/** The providers a login can start at: the environment's alone when it is set, else every municipality's settings. */
export async function ssoProviders(ctx: Pick<ServiceContext, "db">, config: Config): Promise<SsoProvider[]> {
  if (config.oidc) return [{ key: "env", ...config.oidc }];
  const rows = await store.municipalityProviders(ctx.db);
  return rows.map((r) => ({
    key: r.municipalityId,
    name: r.name,
    municipalityId: r.municipalityId,
    issuer: r.issuer,
    clientId: r.clientId,
    clientSecret: r.clientSecret,
    userClaim: r.userClaim,
    groupsClaim: r.groupsClaim ?? undefined,
    groupRoles: r.groupRoles,
  }));
}

/**
 * The providers the login page offers (key and name only), kept per database for a few seconds:
 * the login page is the one page anyone may ask for as often as they like, and a setting changes
 * seldom. A change made in this process counts at once (`forgetLoginProviders`), one made in
 * another worker within `LOGIN_PROVIDERS_MS`; a login itself always reads the settings afresh
 * (decision 0054).
 */
export async function loginProviders(ctx: Pick<ServiceContext, "db">, config: Config): Promise<Array<Pick<SsoProvider, "key" | "name">>> {
  const now = performance.now();
  const hit = keptProviders.get(ctx.db);
  if (hit && hit.until > now) return hit.providers;
  const providers = ssoProviders(ctx, config).then((all) => all.map(({ key, name }) => ({ key, name })));
  keptProviders.set(ctx.db, { until: now + LOGIN_PROVIDERS_MS, providers });
  providers.catch(() => keptProviders.delete(ctx.db));
  return providers;
}

const LOGIN_PROVIDERS_MS = 5_000;
const keptProviders = new WeakMap<object, { until: number; providers: Promise<Array<Pick<SsoProvider, "key" | "name">>> }>();

/** After a municipality's login settings changed: the login page reads them again. */
export function forgetLoginProviders(db: object): void {
  keptProviders.delete(db);
}

/**
 * The provider's configuration, discovered from its issuer (`/.well-known/openid-configuration`)
 * at every login: no process keeps it, so a changed setting counts at once. openid-client's clock
 * is the context's clock (`clockSkew`), so that a token's expiry is judged by the time Sofia uses
 * for everything else.
 */
async function discover(ctx: ServiceContext, provider: SsoProvider): Promise<oidc.Configuration> {
  const skew = Math.round((ctx.clock.now().getTime() - Date.now()) / 1000);
  return oidc.discovery(
    new URL(provider.issuer),
    provider.clientId,
    { [oidc.clockSkew]: skew },
    provider.clientSecret ? oidc.ClientSecretBasic(provider.clientSecret) : oidc.None(),
    { execute: insecureAllowed(provider.issuer) ? [oidc.allowInsecureRequests] : [], timeout: 10 },
  );
}

export type SsoStart = { ok: true; url: string; state: string } | { ok: false; reason: RefusalReason };

/**
 * Starts a login at the provider: a new state, nonce and PKCE verifier, the pending row, and the
 * provider's address to send the browser to. `key` picks the provider when there are several.
 */
export async function startSso(
  ctx: ServiceContext,
  config: Config,
  input: { key?: string; redirectUri: string; next?: unknown },
): Promise<SsoStart> {
  const providers = await ssoProviders(ctx, config);
  const provider = input.key ? providers.find((p) => p.key === input.key) : providers.length === 1 ? providers[0] : undefined;
  if (!provider) return { ok: false, reason: "not_configured" };
  let configuration: oidc.Configuration;
  try {
    configuration = await discover(ctx, provider);
  } catch (e) {
    const reason = reasonOfError(e) === "provider_error" ? "provider_error" : "provider_unreachable";
    await refuse(ctx, reason, provider.key);
    return { ok: false, reason };
  }
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const now = ctx.clock.now();
  await ctx.db.transaction(async (tx) => {
    await store.deleteStalePending(tx, new Date(now.getTime() - 24 * 3_600_000));
    await store.insertPending(tx, {
      stateHash: sha256(state),
      provider: provider.key,
      codeVerifier,
      nonce,
      returnPath: safeReturnPath(input.next),
      createdAt: now,
      expiresAt: new Date(now.getTime() + PENDING_MINUTES * 60_000),
    });
  });
  const url = oidc.buildAuthorizationUrl(configuration, {
    redirect_uri: input.redirectUri,
    scope: "openid profile",
    response_type: "code",
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
    state,
    nonce,
  });
  return { ok: true, url: url.href, state };
}

export type SsoResult = { ok: true; token: string; userId: string; returnPath: string } | { ok: false; reason: RefusalReason };

const sameText = (a: string, b: string) => crypto.timingSafeEqual(Buffer.from(sha256(a)), Buffer.from(sha256(b)));

/**
 * The provider sent the browser back. The state must be the one this browser started (its cookie),
 * known, unused and not expired; openid-client then checks the response's issuer, exchanges the
 * code with the PKCE verifier and checks the ID token (signature, issuer, audience, expiry, nonce).
 * The claim names the Sofia user; with a group mapping the user's roles follow their groups.
 */
export async function finishSso(
  ctx: ServiceContext,
  sessions: SessionStore,
  config: Config,
  input: { query: URLSearchParams; cookieState: string | undefined; redirectUri: string },
): Promise<SsoResult> {
  const state = input.query.get("state");
  if (!state) return refused(ctx, "state_missing");
  if (!input.cookieState || !sameText(input.cookieState, state)) return refused(ctx, "state_mismatch");
  const now = ctx.clock.now();
  const pending = await store.takePending(ctx.db, sha256(state), now);
  if (!pending) return refused(ctx, (await store.pendingExists(ctx.db, sha256(state))) ? "state_used" : "state_unknown");
  if (pending.expiresAt <= now) return refused(ctx, "state_expired", pending.provider);
  const provider = (await ssoProviders(ctx, config)).find((p) => p.key === pending.provider);
  if (!provider) return refused(ctx, "not_configured", pending.provider);

  let claims: Record<string, unknown>;
  try {
    const configuration = await discover(ctx, provider);
    const currentUrl = new URL(input.redirectUri);
    currentUrl.search = input.query.toString();
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) return refused(ctx, "token_invalid", provider.key);
    claims = { ...idClaims };
    // Many providers give profile claims (the username, the groups) only at the userinfo endpoint.
    const wanted = [provider.userClaim, ...(provider.groupsClaim ? [provider.groupsClaim] : [])];
    if (wanted.some((c) => claims[c] === undefined) && tokens.access_token) {
      const info = await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
      claims = { ...info, ...idClaims };
    }
  } catch (e) {
    return refused(ctx, reasonOfError(e), provider.key);
  }

  const username = claimText(claims, provider.userClaim);
  if (!username) return refused(ctx, "claim_missing", provider.key);
  const user = await store.findUserByUsername(ctx.db, username, provider.municipalityId);
  if (!user) return refused(ctx, "unknown_user", provider.key, username);
  // A locked account (decision 0060) is refused like an inactive one: the login says no more.
  if (!user.active || user.lockedAt) return refused(ctx, "inactive_user", provider.key, username, user.id);
  let roles: Role[] | undefined;
  if (mapsRoles(provider.groupRoles)) {
    roles = rolesFromGroups(groupsOf(claims, provider.groupsClaim), provider.groupRoles);
    if (roles.length === 0) return refused(ctx, "no_role", provider.key, username, user.id);
  }

  return ctx.db.transaction(async (tx) => {
    if (roles) {
      const before = await store.rolesOf(tx, user.id);
      if ([...before].sort().join() !== [...roles].sort().join()) {
        await store.replaceRoles(tx, user.id, roles);
        await audit(
          tx,
          { ...ctx, actor: await loadActor(tx, user.id) },
          {
            action: "user.roles_synced",
            recordType: "user",
            recordId: user.id,
            subjectUserId: user.id,
            detail: { method: "oidc", changes: { roles: { from: before, to: roles } } },
          },
        );
      }
    }
    const { token } = await sessions.create(tx, user.id, ctx.ip, { userAgent: ctx.userAgent });
    await audit(
      tx,
      { ...ctx, actor: await loadActor(tx, user.id) },
      { action: "auth.login", recordType: "user", recordId: user.id, subjectUserId: user.id, detail: { method: "oidc" } },
    );
    return { ok: true as const, token, userId: user.id, returnPath: pending.returnPath };
  });
}

/**
 * A refused SSO login: one audit row and one security-log row with the reason, the provider and
 * the username claim when there was one (nothing else of the person, no token).
 */
async function refuse(ctx: ServiceContext, reason: RefusalReason, provider?: string, username?: string, userId?: string): Promise<void> {
  await audit(ctx.db, ctx, {
    action: "auth.sso_refused",
    recordType: "user",
    recordId: userId ?? null,
    subjectUserId: userId ?? null,
    detail: { method: "oidc", reason, ...(provider ? { provider } : {}), ...(username ? { username } : {}) },
  });
  await logSecurityEvent(ctx, "sso_refused", undefined, { reason, ...(provider ? { provider } : {}) }, username);
}

async function refused(
  ctx: ServiceContext,
  reason: RefusalReason,
  provider?: string,
  username?: string,
  userId?: string,
): Promise<SsoResult> {
  await refuse(ctx, reason, provider, username, userId);
  return { ok: false, reason };
}
