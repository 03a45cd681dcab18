/**
 * "Mina inloggningar" (decision 0060): the signed-in user's own sessions, ending one of them, and
 * "Logga ut överallt" (every session but this one). Their own data: the list is not audited;
 * ending a session is.
 */
import { describeUserAgent } from "../auth/index.ts";
import { audit } from "../platform/audit.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import { NotFoundError } from "../platform/errors.ts";
import { type SessionStore, sha256 } from "../platform/sessions.ts";
import { isTokenId } from "./model.ts";

export interface MySession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  /** The browser and system ("Firefox, Windows"), not the whole User-Agent. */
  device: string | null;
  /** The session this page was asked from. */
  current: boolean;
}

export async function mySessions(ctx: ServiceContext, sessions: SessionStore, currentToken: string | null): Promise<MySession[]> {
  const { actor } = await authorize(ctx, "account.manage_own");
  const currentHash = currentToken ? sha256(currentToken) : "";
  const listed = await sessions.listForUser(ctx.db, actor.id);
  return listed.map((s) => ({
    id: s.id,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    ip: s.ip,
    device: describeUserAgent(s.userAgent),
    current: s.tokenHash === currentHash,
  }));
}

/** Ends one of the user's own sessions; another user's session, or an id that names none, is not found. */
export async function endMySession(ctx: ServiceContext, sessions: SessionStore, id: string): Promise<void> {
  const { actor } = await authorize(ctx, "account.manage_own");
  if (!isTokenId(id)) throw new NotFoundError();
  await ctx.db.transaction(async (tx) => {
    if (!(await sessions.endById(tx, actor.id, id))) throw new NotFoundError();
    await audit(tx, ctx, { action: "account.session_end", recordType: "user", recordId: actor.id, subjectUserId: actor.id });
  });
}

/** "Logga ut överallt": every session of the user but the one asking ends. Returns how many ended. */
export async function endMyOtherSessions(ctx: ServiceContext, sessions: SessionStore, currentToken: string): Promise<number> {
  const { actor } = await authorize(ctx, "account.manage_own");
  return ctx.db.transaction(async (tx) => {
    const ended = await sessions.endOthers(tx, actor.id, currentToken);
    await audit(tx, ctx, {
      action: "account.sessions_end_others",
      recordType: "user",
      recordId: actor.id,
      subjectUserId: actor.id,
      detail: { ended },
    });
    return ended;
  });
}
