import type { FastifyInstance } from "fastify";
import type pg from "pg";
import client from "prom-client";

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
const duration = new client.Histogram({
  name: "sofia_http_request_duration_seconds",
  help: "HTTP request duration by route pattern (never the raw URL, which could carry identifiers)",
  labelNames: ["method", "route", "status"],
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

const shed = new client.Counter({
  name: "sofia_http_shed_total",
  help: "Requests answered 503 with Retry-After under overload: in_flight (over SOFIA_MAX_INFLIGHT) or database (no connection within SOFIA_DB_WAIT_MS)",
  labelNames: ["reason"],
  registers: [registry],
});
shed.inc({ reason: "in_flight" }, 0);
shed.inc({ reason: "database" }, 0);

/** Counts one request refused under overload (platform/overload.ts). */
export function countShed(reason: "in_flight" | "database"): void {
  shed.inc({ reason });
}

// Sources summed at each scrape: one per app in this process (a test process may build several).
const inFlightSources = new Set<() => number>();
const poolSources = new Set<pg.Pool>();
new client.Gauge({
  name: "sofia_http_requests_in_flight",
  help: "Requests being answered by this process (shed beyond SOFIA_MAX_INFLIGHT)",
  registers: [registry],
  collect() {
    let n = 0;
    for (const source of inFlightSources) n += source();
    this.set(n);
  },
});
new client.Gauge({
  name: "sofia_db_pool_connections",
  help: "The database pool of this process: its connections (total, idle) and the queries waiting for one (waiting)",
  labelNames: ["state"],
  registers: [registry],
  collect() {
    const sum = (f: (p: pg.Pool) => number) => [...poolSources].reduce((n, p) => n + f(p), 0);
    this.set(
      { state: "total" },
      sum((p) => p.totalCount),
    );
    this.set(
      { state: "idle" },
      sum((p) => p.idleCount),
    );
    this.set(
      { state: "waiting" },
      sum((p) => p.waitingCount),
    );
  },
});

// When the last good backup was taken (decision 0067), from the app(s) of this process.
const backupSources = new Set<() => Promise<Date | null>>();
new client.Gauge({
  name: "sofia_last_backup_timestamp_seconds",
  help: "When the last good backup was taken (Unix time, seconds); 0 when none is recorded",
  registers: [registry],
  async collect() {
    let newest = 0;
    for (const source of backupSources) {
      const at = await source().catch(() => null);
      if (at) newest = Math.max(newest, at.getTime() / 1000);
    }
    this.set(newest);
  },
});

/** Reports the last good backup's time until the returned function is called. */
export function observeLastBackup(source: () => Promise<Date | null>): () => void {
  backupSources.add(source);
  return () => backupSources.delete(source);
}

/** Reports `count` as requests in flight until the returned function is called. */
export function observeInFlight(count: () => number): () => void {
  inFlightSources.add(count);
  return () => inFlightSources.delete(count);
}

/** Reports the pool's connections until the returned function is called. */
export function observePool(pool: pg.Pool): () => void {
  poolSources.add(pool);
  return () => poolSources.delete(pool);
}

export function setUpMetrics(app: FastifyInstance): void {
  app.addHook("onResponse", async (req, reply) => {
    duration.observe(
      { method: req.method, route: req.routeOptions.url ?? "unmatched", status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
  app.get("/metrics", { config: { permission: "public" } }, async (_req, reply) => {
    reply.header("content-type", registry.contentType);
    return registry.metrics();
  });
}
