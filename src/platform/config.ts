import os from "node:os";
import path from "node:path";
import { DEFAULT_RATE_LIMITS, type RateLimits } from "./rate-limit.ts";

export interface Config {
  /** External PostgreSQL; when absent, embedded PostgreSQL runs in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Trust X-Forwarded-* from a TLS-terminating proxy (true, a hop count or a list of addresses). */
  trustProxy: boolean | number | string;
  /** Seed the demo municipality on first start. */
  seedDemo: boolean;
  /** Base URL printed on start and used in one-time links; derived from the request when unset. */
  publicUrl: string | undefined;
  logLevel: string;
  /** Outgoing mail (smtp://host:port or smtps://user:pass@host:465); unset means e-mail is refused, never dropped. */
  smtpUrl: string | undefined;
  /** The sender of Sofia's e-mail. */
  mailFrom: string;
  session: { idleMinutes: number; absoluteHours: number; warnBeforeMinutes: number };
  /** Run the background jobs (pg-boss, src/platform/jobs.ts) in this instance; SOFIA_JOBS=false turns them off. */
  jobs: boolean;
  /**
   * How many worker processes serve HTTP (SOFIA_WORKERS, default the number of cores): with 1 the
   * app runs in this one process; with more, this process boots the database and supervises them
   * (platform/workers.ts, decision 0052).
   */
  workers: number;
  /**
   * Requests one process answers at once; beyond it 503 with Retry-After (platform/overload.ts,
   * decision 0053). SOFIA_MAX_INFLIGHT; unset: 8 per connection of the database pool.
   */
  maxInFlight: number | undefined;
  /** How long a request waits for a database connection before 503 (SOFIA_DB_WAIT_MS, milliseconds). */
  databaseWaitMs: number;
  /**
   * The rate limit for the API and the forms beyond login, per API token and per address and
   * minute (platform/rate-limit.ts, decision 0057): SOFIA_RATE_LIMIT_WRITES (default 600),
   * SOFIA_RATE_LIMIT_READS (default 6000); SOFIA_RATE_LIMIT=off turns it off (null).
   */
  rateLimit: RateLimits | null;
}

/** The most worker processes SOFIA_WORKERS may ask for: each holds a pool of ten database connections. */
export const MAX_WORKERS = 32;

function parseWorkers(value: string | undefined): number {
  if (value === undefined || value === "") return Math.min(MAX_WORKERS, os.availableParallelism());
  const workers = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isInteger(workers) || workers < 1 || workers > MAX_WORKERS) {
    throw new Error(`SOFIA_WORKERS ska vara ett heltal från 1 till ${MAX_WORKERS} (antalet processer), inte "${value}"`);
  }
  return workers;
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === "false" || value === "0") return false;
  if (value === "true") return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number between 0 and 65535, got "${value}"`);
  }
  return port;
}

function parsePositive(name: string, value: string | undefined): number | undefined {
  if (value === undefined || value === "") return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of at least 1, got "${value}"`);
  return n;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SOFIA_DATA_DIR ?? "data"),
    port: parsePort(env.PORT, 3000),
    host: env.HOST || "127.0.0.1",
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    seedDemo: env.SOFIA_DEMO !== "false" && env.SOFIA_DEMO !== "0",
    publicUrl: env.PUBLIC_URL || undefined,
    logLevel: env.LOG_LEVEL || "info",
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || "Sofia <no-reply@sofia.invalid>",
    session: { idleMinutes: 30, absoluteHours: 10, warnBeforeMinutes: 5 },
    jobs: env.SOFIA_JOBS !== "false" && env.SOFIA_JOBS !== "0",
    workers: parseWorkers(env.SOFIA_WORKERS),
    maxInFlight: parsePositive("SOFIA_MAX_INFLIGHT", env.SOFIA_MAX_INFLIGHT),
    databaseWaitMs: parsePositive("SOFIA_DB_WAIT_MS", env.SOFIA_DB_WAIT_MS) ?? 5000,
    rateLimit:
      env.SOFIA_RATE_LIMIT === "off" || env.SOFIA_RATE_LIMIT === "false"
        ? null
        : {
            ...DEFAULT_RATE_LIMITS,
            writes: parsePositive("SOFIA_RATE_LIMIT_WRITES", env.SOFIA_RATE_LIMIT_WRITES) ?? DEFAULT_RATE_LIMITS.writes,
            reads: parsePositive("SOFIA_RATE_LIMIT_READS", env.SOFIA_RATE_LIMIT_READS) ?? DEFAULT_RATE_LIMITS.reads,
          },
  };
}
