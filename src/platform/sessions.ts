import crypto from "node:crypto";
import { and, desc, eq, gt, lt, ne, or, sql } from "drizzle-orm";
import { apiTokens, sessions, userRoles, users, userUnits } from "../db/schema/index.ts";
import type { Actor, Role } from "./auth-types.ts";
import type { Clock } from "./clock.ts";
import { type DbOrTx, rows } from "./database.ts";

export const sha256 = (value: string) => crypto.createHash("sha256").update(value).digest("hex");
export const randomToken = (bytes = 32) => crypto.randomBytes(bytes).toString("base64url");

/** `__Host-` binds the cookie to this origin over HTTPS; plain HTTP (local demo) cannot use it. */
export function sessionCookieName(secure: boolean): string {
  return secure ? "__Host-sofia_session" : "sofia_session";
}

export const API_TOKEN_PREFIX = "sofia_pat_";

/** The actor's columns, read in one statement with the roles and units (no round trip per table). */
const actorColumns = sql`u.id, u.username, u.display_name, u.municipality_id,
  coalesce((select array_agg(r.role::text order by r.role) from ${userRoles} r where r.user_id = u.id), '{}') as roles,
  coalesce((select array_agg(x.unit_id order by x.unit_id) from ${userUnits} x where x.user_id = u.id), '{}') as unit_ids`;

interface ActorRow {
  id: string;
  username: string;
  display_name: string;
  municipality_id: string;
  roles: string[];
  unit_ids: string[];
}

function actorOf(row: ActorRow): Actor {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    municipalityId: row.municipality_id,
    roles: row.roles as Role[],
    unitIds: row.unit_ids,
  };
}

/**
 * Loads an active user's roles and units; null when the user is missing or deactivated. One
 * statement, read on every request (decision 0054): never cached, so that a role taken away or a
 * deactivated user counts from the very next request, in every process.
 */
export async function loadActor(db: DbOrTx, userId: string): Promise<Actor | null> {
  const [row] = await rows<ActorRow>(
    db,
    sql`select ${actorColumns} from ${users} u where u.id = ${userId} and u.active and u.locked_at is null`,
  );
  return row ? actorOf(row) : null;
}

/** A full session, or a half-session after a correct password waiting for the second factor (decision 0060). */
export type SessionStage = "full" | "mfa" | "enrol";

/** A half-session lasts at most this long: the code must come soon after the password. */
export const HALF_SESSION_MINUTES = 10;

const USER_AGENT_MAX = 300;

/** One of a user's sessions as "Mina inloggningar" lists it: never the token or its hash. */
export interface ListedSession {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface SessionTimeouts {
  idleMinutes: number;
  absoluteHours: number;
}

export class SessionStore {
  /** Sessions are touched at most this often, so that a busy page does not write on every request. */
  static readonly TOUCH_AFTER_MS = 60_000;

  constructor(
    private readonly timeouts: SessionTimeouts,
    /** The app's clock: a session made under a test's clock is resumed under the same one. */
    private readonly clock: Clock,
  ) {}

  private idleExpiry(from: Date): Date {
    return new Date(from.getTime() + this.timeouts.idleMinutes * 60_000);
  }

  /**
   * A fresh session with a new random id: called at every login, so a planted id is useless. A
   * half-session (`stage` mfa or enrol) ends after HALF_SESSION_MINUTES.
   */
  async create(
    db: DbOrTx,
    userId: string,
    ip: string,
    options: { userAgent?: string | null; stage?: SessionStage } = {},
  ): Promise<{ token: string; csrfToken: string }> {
    const token = randomToken();
    const csrfToken = randomToken();
    const now = this.clock.now();
    const stage = options.stage ?? "full";
    const absolute = stage === "full" ? this.timeouts.absoluteHours * 3_600_000 : HALF_SESSION_MINUTES * 60_000;
    await db.insert(sessions).values({
      tokenHash: sha256(token),
      userId,
      csrfToken,
      stage,
      userAgent: options.userAgent ? options.userAgent.slice(0, USER_AGENT_MAX) : null,
      createdAt: now,
      lastSeenAt: now,
      idleExpiresAt: this.idleExpiry(now),
      absoluteExpiresAt: new Date(now.getTime() + absolute),
      ip: ip || null,
    });
    // Expired sessions of anyone are cleared now and then, at login, rather than by a timer.
    await db.delete(sessions).where(or(lt(sessions.idleExpiresAt, now), lt(sessions.absoluteExpiresAt, now)));
    return { token, csrfToken };
  }

  /**
   * The session's actor, or null when it is unknown, idle too long, past its absolute end, or the user is inactive.
   * kioskSessionId comes from the same row: set while the browser is a survey kiosk (see http.ts).
   */
  async resume(
    db: DbOrTx,
    token: string,
  ): Promise<
    | { actor: Actor; csrfToken: string; kioskSessionId: string | null; stage: "full"; userId: string }
    | { actor: null; csrfToken: string; kioskSessionId: null; stage: "mfa" | "enrol"; userId: string }
    | null
  > {
    const hash = sha256(token);
    // The session with its (active) user, roles and units in one statement: the one query every page pays.
    const [row] = await rows<
      {
        user_id: string;
        stage: SessionStage;
        csrf_token: string;
        kiosk_session_id: string | null;
        last_seen_at: Date;
        idle_expires_at: Date;
        absolute_expires_at: Date;
      } & Partial<ActorRow>
    >(
      db,
      sql`select s.user_id, s.stage, s.csrf_token, s.kiosk_session_id, s.last_seen_at, s.idle_expires_at, s.absolute_expires_at, a.*
        from ${sessions} s
        left join lateral (select ${actorColumns} from ${users} u where u.id = s.user_id and u.active and u.locked_at is null) a on true
        where s.token_hash = ${hash}`,
    );
    if (!row) return null;
    const now = this.clock.now();
    if (new Date(row.idle_expires_at) <= now || new Date(row.absolute_expires_at) <= now) {
      await db.delete(sessions).where(eq(sessions.tokenHash, hash));
      return null;
    }
    if (!row.id) return null;
    // A half-session carries no actor: only the second step's pages read its user (decision 0060).
    if (row.stage !== "full")
      return { actor: null, csrfToken: row.csrf_token, kioskSessionId: null, stage: row.stage, userId: row.user_id };
    const actor = actorOf(row as ActorRow);
    if (now.getTime() - new Date(row.last_seen_at).getTime() > SessionStore.TOUCH_AFTER_MS) await this.touch(db, hash, now);
    return { actor, csrfToken: row.csrf_token, kioskSessionId: row.kiosk_session_id, stage: "full", userId: row.user_id };
  }

  /**
   * The second factor given: the half-session ends and a full one with a new token (and CSRF
   * token) takes its place, so that the half-session's cookie never becomes a full session.
   * Null when the half-session is gone (ended, expired, or already upgraded by a request racing it).
   */
  async upgrade(db: DbOrTx, token: string, ip: string): Promise<{ token: string; userId: string } | null> {
    const [half] = await db
      .delete(sessions)
      .where(and(eq(sessions.tokenHash, sha256(token)), ne(sessions.stage, "full"), gt(sessions.absoluteExpiresAt, this.clock.now())))
      .returning({ userId: sessions.userId, userAgent: sessions.userAgent });
    if (!half) return null;
    const { token: fresh } = await this.create(db, half.userId, ip, { userAgent: half.userAgent });
    return { token: fresh, userId: half.userId };
  }

  /** The user's full sessions that have not timed out, the latest seen first. */
  async listForUser(db: DbOrTx, userId: string): Promise<Array<ListedSession & { tokenHash: string }>> {
    const now = this.clock.now();
    const found = await db
      .select({
        id: sessions.id,
        tokenHash: sessions.tokenHash,
        createdAt: sessions.createdAt,
        lastSeenAt: sessions.lastSeenAt,
        ip: sessions.ip,
        userAgent: sessions.userAgent,
      })
      .from(sessions)
      .where(
        and(eq(sessions.userId, userId), eq(sessions.stage, "full"), gt(sessions.idleExpiresAt, now), gt(sessions.absoluteExpiresAt, now)),
      )
      .orderBy(desc(sessions.lastSeenAt), desc(sessions.createdAt));
    return found;
  }

  /** Ends one of the user's sessions by its id; false when the user has no such session. */
  async endById(db: DbOrTx, userId: string, id: string): Promise<boolean> {
    const ended = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), eq(sessions.id, id)))
      .returning({ id: sessions.id });
    return ended.length > 0;
  }

  /** Ends every session of the user but the one behind `token` ("Logga ut överallt"); returns how many ended. */
  async endOthers(db: DbOrTx, userId: string, token: string): Promise<number> {
    const ended = await db
      .delete(sessions)
      .where(and(eq(sessions.userId, userId), ne(sessions.tokenHash, sha256(token))))
      .returning({ id: sessions.id });
    return ended.length;
  }

  /** Extends the idle timeout (never past the absolute one). */
  async extend(db: DbOrTx, token: string): Promise<void> {
    await this.touch(db, sha256(token), this.clock.now());
  }

  private async touch(db: DbOrTx, hash: string, now: Date): Promise<void> {
    await db
      .update(sessions)
      .set({ lastSeenAt: now, idleExpiresAt: this.idleExpiry(now) })
      .where(eq(sessions.tokenHash, hash));
  }

  /**
   * Only whether the session behind a cookie is a survey kiosk: for an /api request that carries
   * the session cookie (the API itself never reads it), so that the kiosk browser is refused there too.
   */
  async kioskOf(db: DbOrTx, token: string): Promise<string | null> {
    const [row] = await db
      .select({ kioskSessionId: sessions.kioskSessionId })
      .from(sessions)
      .where(eq(sessions.tokenHash, sha256(token)));
    return row?.kioskSessionId ?? null;
  }

  async end(db: DbOrTx, token: string): Promise<void> {
    await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
  }

  /** Ends every session of the user; returns how many there were. */
  async endAllForUser(db: DbOrTx, userId: string): Promise<number> {
    const ended = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
    return ended.length;
  }

  /** The actor behind a personal access token, limited to the token's scopes; null when invalid. */
  async actorForApiToken(db: DbOrTx, token: string): Promise<Actor | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const now = this.clock.now();
    // The token with its (active, unlocked) user, roles and units in one statement, like a session's.
    const [row] = await rows<{ token_id: string; scopes: string[]; last_used_at: Date | null } & ActorRow>(
      db,
      sql`select t.id as token_id, t.scopes, t.last_used_at, a.*
        from ${apiTokens} t
        join lateral (select ${actorColumns} from ${users} u where u.id = t.user_id and u.active and u.locked_at is null) a on true
        where t.token_hash = ${sha256(token)} and t.revoked_at is null and (t.expires_at is null or t.expires_at > ${now.toISOString()}::timestamptz)`,
    );
    if (!row) return null;
    const actor = actorOf(row);
    // Like sessions: "last used" is kept to the minute, not written on every call.
    const lastUsed = row.last_used_at ? new Date(row.last_used_at) : null;
    if (!lastUsed || now.getTime() - lastUsed.getTime() > SessionStore.TOUCH_AFTER_MS) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token_id));
    }
    return { ...actor, apiToken: { id: row.token_id, scopes: row.scopes } };
  }
}
