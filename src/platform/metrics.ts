import cluster from "node:cluster";
import type { FastifyInstance } from "fastify";
import type pg from "pg";
import client from "prom-client";

const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry });
// In a worker process (SOFIA_WORKERS > 1, decision 0052) the primary asks each worker for this
// registry's metrics (prom-client's cluster protocol) and sums them: one scrape, whichever worker
// takes it, counts the whole app.
client.AggregatorRegistry.setRegistries([registry]);
if (cluster.isWorker) new client.AggregatorRegistry();

/** The messages by which a worker asks the primary for the whole app's metrics (platform/workers.ts answers). */
export const CLUSTER_METRICS_REQUEST = "sofia:cluster-metrics";
export interface ClusterMetricsAnswer {
  type: typeof CLUSTER_METRICS_REQUEST;
  id: number;
  text?: string;
  error?: string;
}

let asked = 0;
const waiting = new Map<number, (answer: ClusterMetricsAnswer) => void>();
if (cluster.isWorker) {
  process.on("message", (message: Partial<ClusterMetricsAnswer>) => {
    if (message?.type !== CLUSTER_METRICS_REQUEST || typeof message.id !== "number") return;
    waiting.get(message.id)?.(message as ClusterMetricsAnswer);
    waiting.delete(message.id);
  });
}

/** Every worker's metrics summed, from the primary; this process's own when it is the only one. */
async function appMetrics(): Promise<string> {
  if (!cluster.isWorker || !process.send) return registry.metrics();
  const id = ++asked;
  const answer = await new Promise<ClusterMetricsAnswer>((resolve) => {
    const timer = setTimeout(() => {
      waiting.delete(id);
      resolve({ type: CLUSTER_METRICS_REQUEST, id, error: "the primary process did not answer in 5 s" });
    }, 5_000);
    waiting.set(id, (a) => {
      clearTimeout(timer);
      resolve(a);
    });
    process.send?.({ type: CLUSTER_METRICS_REQUEST, id });
  });
  if (answer.text === undefined) throw new Error(`cluster metrics: ${answer.error ?? "no answer"}`);
  return answer.text;
}

/**
 * The primary's side: answers a worker's request with every worker's metrics summed (prom-client's
 * AggregatorRegistry asks each worker over IPC). Called by platform/workers.ts for each worker message.
 */
let aggregator: client.AggregatorRegistry<client.RegistryContentType> | undefined;
export function answerClusterMetrics(worker: { send(message: ClusterMetricsAnswer): unknown }, message: unknown): void {
  const m = message as Partial<ClusterMetricsAnswer> | null;
  if (m?.type !== CLUSTER_METRICS_REQUEST || typeof m.id !== "number") return;
  const id = m.id;
  aggregator ??= new client.AggregatorRegistry();
  aggregator.clusterMetrics().then(
    (text) => worker.send({ type: CLUSTER_METRICS_REQUEST, id, text }),
    (e: unknown) => worker.send({ type: CLUSTER_METRICS_REQUEST, id, error: e instanceof Error ? e.message : String(e) }),
  );
}
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
  // Every worker reads the same time: across workers the newest, not their sum (decision 0052).
  aggregator: "max",
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
    return appMetrics();
  });
}
