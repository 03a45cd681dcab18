import { securityLog } from "../db/schema/index.ts";
import type { Actor } from "./auth-types.ts";
import type { Clock } from "./clock.ts";
import type { Db, Tx } from "./database.ts";
import { type FieldErrors, ForbiddenError, UnauthenticatedError, ValidationError } from "./errors.ts";
import type { Locale } from "./i18n.ts";
import { type Action, type Scope, scopeFor } from "./permissions.ts";

/** What every use case receives: who asks, from where, the database and the clock. */
export interface ServiceContext {
  db: Db;
  actor: Actor | null;
  ip: string;
  /** The time for every rule and stored date (decision 0033); never `new Date()` in a use case. */
  clock: Clock;
  /** The HTTP route, for the security log. */
  route?: string;
  method?: string;
  /** The browser's User-Agent header, kept with a new login session for "Mina inloggningar"; never logged. */
  userAgent?: string;
  /** The UI's language, for the names of seeded and administered documents (`localName`); Swedish when absent. */
  locale?: Locale;
  /**
   * Fields of the request's body or query whose text cannot be stored (platform/storable-text.ts),
   * found before the route ran: the first `authorize` refuses them as field errors, once (the
   * form's page may then be read again), so that no use case runs with them. Shared by reference
   * with every copy of the context.
   */
  input?: { refused: FieldErrors | null };
}

/** Takes the request's refused fields, once: a form shows them as its errors; `authorize` throws them. */
export function takeRefusedInput(ctx: Pick<ServiceContext, "input"> | null | undefined): FieldErrors | null {
  const refused = ctx?.input?.refused ?? null;
  if (ctx?.input) ctx.input.refused = null;
  return refused;
}

export interface Authorized {
  actor: Actor;
  scope: Scope;
  /** The language the caller reads in (the context's), for the names of documents shown to them. */
  locale?: Locale;
  /** The instant of the call (the context's clock): a time-limited grant (break-glass) is judged at it. */
  now?: Date;
}

/**
 * Deny by default: returns the actor's scope for the action or throws, writing the refusal to the
 * security log first (outside any transaction, so that it survives the rollback).
 */
export async function authorize(ctx: ServiceContext, action: Action): Promise<Authorized> {
  const actor = ctx.actor;
  if (!actor) {
    await logSecurityEvent(ctx, "unauthenticated", action);
    throw new UnauthenticatedError();
  }
  const scope = scopeFor(actor.roles, action);
  const tokenAllows = !actor.apiToken || actor.apiToken.scopes.includes(action);
  if (!scope || !tokenAllows) {
    await logSecurityEvent(ctx, scope ? "token_scope_denied" : "permission_denied", action);
    throw new ForbiddenError(action);
  }
  const refused = takeRefusedInput(ctx);
  if (refused) throw new ValidationError(refused);
  return { actor, scope, locale: ctx.locale, now: ctx.clock.now() };
}

export async function logSecurityEvent(
  ctx: Pick<ServiceContext, "db" | "actor" | "ip" | "route" | "method">,
  event: string,
  action?: string,
  detail?: Record<string, unknown>,
  username?: string,
): Promise<void> {
  await ctx.db.insert(securityLog).values({
    userId: ctx.actor?.id ?? null,
    username: ctx.actor?.username ?? username ?? null,
    event,
    action: action ?? null,
    method: ctx.method ?? null,
    route: ctx.route ?? null,
    ip: ctx.ip || null,
    detail: detail ?? null,
  });
}

export type { Tx };
