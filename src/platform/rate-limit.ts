/**
 * The rate limit for the API and the forms beyond login (issue 17, decision 0057): a fixed window
 * of a minute, counted per API token and per client address, separately for writes and for reads.
 * The counters live in PostgreSQL, in the login throttle's table (`login_throttle`, keys
 * `rate:<w|r>:<token|addr>:<id>`), so that every worker process counts the same client
 * (decision 0052); one upsert per request counts all its keys and returns their counts.
 *
 * What is counted: every /api request with a valid token (GET and HEAD as reads, the rest as
 * writes; an anonymous API call is refused 401 before it gets here, except the public routes, which
 * count per address), and every page form (any method but GET, HEAD and OPTIONS) except the login,
 * which has its own throttle and lockout. Page views, static files, /healthz and /metrics are not
 * counted. Beyond the limit the request is answered 429 with Retry-After (the seconds left of the
 * window) before its body is read.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Clock } from "./clock.ts";
import type { Database } from "./database.ts";

export interface RateLimits {
  /** Writes per window per token and per address. */
  writes: number;
  /** Reads per window per token and per address (the API's GET and HEAD). */
  reads: number;
  /** The window's length in seconds. */
  windowSeconds: number;
}

/** Generous: far beyond a person's pace or an integration's honest work, at most a runaway loop. */
export const DEFAULT_RATE_LIMITS: RateLimits = { writes: 600, reads: 6000, windowSeconds: 60 };

export type RateKind = "w" | "r";

/** Whether a request is counted, and as what: null for a page view, a static file, health, metrics and the login. */
export function rateKind(method: string, url: string): RateKind | null {
  const path = url.split("?")[0] ?? "";
  const read = method === "GET" || method === "HEAD" || method === "OPTIONS";
  if (path === "/api/v1" || path.startsWith("/api/")) return read ? "r" : "w";
  if (read || path === "/logga-in") return null;
  return "w";
}

/** The keys a request is counted under: its token (when it has one) and its address. */
export function rateKeys(kind: RateKind, tokenId: string | undefined, address: string): string[] {
  const keys = [`rate:${kind}:addr:${address}`];
  if (tokenId) keys.push(`rate:${kind}:token:${tokenId}`);
  return keys.sort();
}

/** The window a moment falls in: its start, and the whole seconds left of it (at least 1). */
export function windowOf(now: Date, windowSeconds: number): { start: Date; secondsLeft: number } {
  const length = windowSeconds * 1000;
  const start = Math.floor(now.getTime() / length) * length;
  return { start: new Date(start), secondsLeft: Math.max(1, Math.ceil((start + length - now.getTime()) / 1000)) };
}

/**
 * Counts one request under each key in the window starting at `start` and returns the highest
 * count: one statement, a row per key, a new window starting at 1. The keys are sorted, so two
 * requests lock their rows in the same order.
 */
export async function countRequest(database: Database, keys: string[], start: Date): Promise<number> {
  const { rows } = await database.pool.query<{ failures: number }>(
    `insert into login_throttle as t (key, failures, window_started_at)
       select k, 1, $2::timestamptz from unnest($1::text[]) as k
     on conflict (key) do update set
       failures = case when t.window_started_at = excluded.window_started_at then t.failures + 1 else 1 end,
       window_started_at = excluded.window_started_at
     returning failures`,
    [keys, start.toISOString()],
  );
  return Math.max(0, ...rows.map((r) => r.failures));
}

/** Drops the counters of windows past (at most once a window per process, after the answer). */
async function dropPastWindows(database: Database, before: Date): Promise<void> {
  await database.pool.query("delete from login_throttle where key like 'rate:%' and window_started_at < $1", [before.toISOString()]);
}

/**
 * Installs the limit as a request hook after the API token is known (platform/http.ts).
 * `refuse` answers 429 with Retry-After: problem+json under /api, the error page otherwise.
 */
export function limitRate(
  app: FastifyInstance,
  deps: { database: Database; clock: Clock; limits: RateLimits | null },
  refuse: (req: FastifyRequest, reply: FastifyReply, retryAfterSeconds: number) => Promise<unknown>,
): void {
  const { database, clock, limits } = deps;
  if (!limits) return;
  let swept = 0;
  app.addHook("onRequest", async (req, reply) => {
    const kind = rateKind(req.method, req.url);
    if (!kind || req.is404) return;
    const { start, secondsLeft } = windowOf(clock.now(), limits.windowSeconds);
    const count = await countRequest(database, rateKeys(kind, req.actor?.apiToken?.id, req.ip), start);
    if (start.getTime() !== swept) {
      swept = start.getTime();
      dropPastWindows(database, start).catch((error) =>
        req.log.warn({ code: (error as { code?: string }).code }, "rate limit sweep failed"),
      );
    }
    if (count > (kind === "w" ? limits.writes : limits.reads)) {
      reply.header("retry-after", String(secondsLeft));
      return refuse(req, reply, secondsLeft);
    }
  });
}
