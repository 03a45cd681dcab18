import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Database } from "./database.ts";
import { countShed, observeInFlight } from "./metrics.ts";

/**
 * Load shedding (decision 0053). Each process takes at most `maxInFlight` requests at once; one
 * more is answered 503 with Retry-After at once, in the first request hook, before its session is
 * read, its body parsed or a database connection asked for: a refused request has started nothing.
 * A request let in waits for a database connection at most the pool's `connectionTimeoutMillis`
 * (config `databaseWaitMs`); a wait beyond it is answered the same way by the error handler
 * (`isDatabaseBusy`): the transaction it waited for never began, so nothing is half-written.
 * /healthz, /metrics and the static files are never shed (they need no database connection, and
 * the operator must see the overload).
 */

/** Seconds a shed client is asked to wait before it tries again. */
export const RETRY_AFTER_SECONDS = 5;

/** In-flight requests per database connection when SOFIA_MAX_INFLIGHT is not set. */
export const IN_FLIGHT_PER_CONNECTION = 8;

/** The bound on requests in flight: the configured one, or IN_FLIGHT_PER_CONNECTION per pool connection. */
export function inFlightLimit(configured: number | undefined, database: Database): number {
  if (configured !== undefined) return configured;
  const poolSize = database.pool.options.max ?? 10;
  return Math.max(1, poolSize * IN_FLIGHT_PER_CONNECTION);
}

/** Paths never shed: the health check, the metrics and static files. */
export function neverShed(url: string): boolean {
  const p = url.split("?")[0] ?? "";
  return p === "/healthz" || p === "/metrics" || p.startsWith("/static/");
}

/** pg-pool's errors when no connection came within connectionTimeoutMillis (drizzle may wrap them in `cause`). */
export function isDatabaseBusy(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message === "timeout exceeded when trying to connect" || e.message === "Connection terminated due to connection timeout")
      return true;
  }
  return false;
}

export interface InFlight {
  /** Requests now in flight in this process. */
  count(): number;
  readonly limit: number;
}

/**
 * Counts the requests in flight and refuses the one beyond `limit` with `shed`. A request leaves
 * the count when its response is closed (sent, or the client went away), once.
 */
export function limitInFlight(
  app: FastifyInstance,
  limit: number,
  shed: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
): InFlight {
  let inFlight = 0;
  const stopObserving = observeInFlight(() => inFlight);
  app.addHook("onClose", async () => stopObserving());
  app.addHook("onRequest", async (req, reply) => {
    if (neverShed(req.url)) return;
    if (inFlight >= limit) {
      countShed("in_flight");
      return shed(req, reply);
    }
    inFlight++;
    reply.raw.once("close", () => {
      inFlight--;
    });
  });
  return { count: () => inFlight, limit };
}

/** Node's socket errors when PostgreSQL cannot be reached at all. */
const UNREACHABLE = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND", "EAI_AGAIN"]);

/**
 * Whether an error says the database is gone (stopped, restarting, unreachable) rather than that a
 * query was wrong: a refused or broken connection, PostgreSQL's shutdown and connection classes
 * (57P01–57P03, 08xxx), or pg's "Connection terminated". The app answers it 503 and the pool
 * reconnects by itself once the database is back (decision 0057).
 */
export function isDatabaseDown(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNREACHABLE.has(code) || /^57P0[123]$/.test(code) || /^08\d{3}$/.test(code))) return true;
    if (/^Connection terminated( unexpectedly)?$/.test(e.message)) return true;
    if (e instanceof AggregateError && e.errors.some(isDatabaseDown)) return true;
  }
  return false;
}
