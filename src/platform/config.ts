import os from "node:os";
import path from "node:path";
import type { IdentityKeySettings } from "./identity-crypto.ts";
import { DEFAULT_RATE_LIMITS, type RateLimits } from "./rate-limit.ts";

export interface Config {
  /** External PostgreSQL; when absent, embedded PostgreSQL runs in `dataDir`. */
  databaseUrl: string | undefined;
  /**
   * The role that owns the tables and runs the migrations (DATABASE_OWNER_URL, with DATABASE_URL);
   * the app itself connects as DATABASE_URL's role, which gets only the privileges it needs
   * (platform/database.ts `grantAppRole`, decision 0063). Unset: one role does both (logged at start).
   */
  databaseOwnerUrl: string | undefined;
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
   * How many worker processes serve HTTP (SOFIA_WORKERS, default `defaultWorkers`: the cores, less
   * one when PostgreSQL runs on this machine): with 1 the app runs in this one process; with more,
   * this process boots the database and supervises them (platform/workers.ts, decision 0052).
   */
  workers: number;
  /**
   * Requests one process answers at once; beyond it 503 with Retry-After (platform/overload.ts,
   * decision 0053). SOFIA_MAX_INFLIGHT; unset: 8 per connection of the database pool.
   */
  maxInFlight: number | undefined;
  /** How long a request waits for a database connection before 503 (SOFIA_DB_WAIT_MS, milliseconds). */
  databaseWaitMs: number;
  /** Whether statements run again and again are prepared per connection (SOFIA_DB_PREPARE, default on; decision 0054). */
  databasePrepare: boolean;
  /**
   * The identity-number keys (decision 0061): SOFIA_IDENTITY_KEYS, SOFIA_IDENTITY_KEY or
   * SOFIA_IDENTITY_KEY_FILE; none of them: the key file `identity.key` in the data folder.
   */
  identityKeys: IdentityKeySettings;
  /**
   * The rate limit for the API and the forms beyond login, per API token and per address and
   * minute (platform/rate-limit.ts, decision 0057): SOFIA_RATE_LIMIT_WRITES (default 600),
   * SOFIA_RATE_LIMIT_READS (default 6000); SOFIA_RATE_LIMIT=off turns it off (null).
   */
  rateLimit: RateLimits | null;
  /**
   * The installation's single sign-on provider (SOFIA_OIDC_*, decision 0059); when set it is used
   * instead of any municipality's settings page. Undefined: SSO only where a municipality set it.
   */
  oidc: OidcConfig | undefined;
  /**
   * Backups (decision 0067): the key (SOFIA_BACKUP_KEY, an age identity, or the file
   * SOFIA_BACKUP_KEY_FILE), and the scheduled backup: on only when SOFIA_BACKUP_DIR names its
   * folder, at SOFIA_BACKUP_CRON (Swedish time, default 01:30), keeping the newest SOFIA_BACKUP_KEEP
   * files (default 14).
   */
  backup: { key: string | undefined; keyFile: string | undefined; dir: string | undefined; cron: string; keep: number };
  /**
   * SOFIA_WAL_ARCHIVE: a folder the embedded cluster archives its WAL into (archive_mode,
   * archive_command, set when it starts); `npm run backup` then takes a base backup, which
   * `npm run restore -- FILE --until TIME` replays to a point in time (decision 0067).
   */
  walArchive: string | undefined;
}

/** One OIDC provider and Sofia's client at it (decision 0059). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The claim whose value is a Sofia user's username (default `preferred_username`). */
  userClaim: string;
  /** The claim holding the user's groups; with `groupRoles` the roles follow the groups. */
  groupsClaim: string | undefined;
  /** Group name → Sofia role; empty: roles are kept as Sofia has them. */
  groupRoles: Record<string, string>;
}

/**
 * SOFIA_OIDC_GROUP_ROLES: "group=role" pairs separated by commas or semicolons, such as
 * "sofia-admin=administrator;sofia-handlaggare=caseworker". Which roles exist is checked where it is used.
 */
export function parseGroupRoles(value: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (value ?? "").split(/[;,\n]/)) {
    if (!pair.trim()) continue;
    const at = pair.lastIndexOf("=");
    const group = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim();
    if (at < 1 || !group || !role) throw new Error(`SOFIA_OIDC_GROUP_ROLES ska vara par som grupp=roll, inte "${pair.trim()}"`);
    out[group] = role;
  }
  return out;
}

function parseOidc(env: NodeJS.ProcessEnv): OidcConfig | undefined {
  const issuer = env.SOFIA_OIDC_ISSUER?.trim();
  if (!issuer) return undefined;
  const clientId = env.SOFIA_OIDC_CLIENT_ID?.trim();
  if (!clientId) throw new Error("SOFIA_OIDC_ISSUER är satt men inte SOFIA_OIDC_CLIENT_ID (klient-id hos kommunens inloggning)");
  try {
    new URL(issuer);
  } catch {
    throw new Error(`SOFIA_OIDC_ISSUER ska vara en adress (https://…), inte "${issuer}"`);
  }
  return {
    issuer,
    clientId,
    clientSecret: env.SOFIA_OIDC_CLIENT_SECRET ?? "",
    userClaim: env.SOFIA_OIDC_USER_CLAIM?.trim() || "preferred_username",
    groupsClaim: env.SOFIA_OIDC_GROUPS_CLAIM?.trim() || undefined,
    groupRoles: parseGroupRoles(env.SOFIA_OIDC_GROUP_ROLES),
  };
}

/** The most worker processes SOFIA_WORKERS may ask for: each holds a pool of ten database connections. */
export const MAX_WORKERS = 32;

/**
 * SOFIA_WORKERS when it is not set: a process per core, less the one core left to PostgreSQL when
 * it runs on this machine (the embedded cluster, or DATABASE_URL on localhost or a Unix socket),
 * and at least one. On two cores with the embedded cluster that is one process: there two
 * processes served the pages more slowly than one, with a longer tail (decision 0052's addendum).
 */
export function defaultWorkers(cores: number, databaseUrl: string | undefined): number {
  const local = databaseUrl === undefined || databaseOnThisMachine(databaseUrl);
  return Math.max(1, Math.min(MAX_WORKERS, local ? cores - 1 : cores));
}

/** Whether a connection string reaches PostgreSQL on this machine: localhost, a loopback address or a socket folder. */
export function databaseOnThisMachine(databaseUrl: string): boolean {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    return false;
  }
  const host = url.searchParams.get("host") ?? decodeURIComponent(url.hostname);
  return host === "" || host.startsWith("/") || host === "localhost" || host === "[::1]" || host === "::1" || /^127\./.test(host);
}

function parseWorkers(value: string | undefined, databaseUrl: string | undefined): number {
  if (value === undefined || value === "") return defaultWorkers(os.availableParallelism(), databaseUrl);
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
    databaseOwnerUrl: env.DATABASE_OWNER_URL || undefined,
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
    workers: parseWorkers(env.SOFIA_WORKERS, env.DATABASE_URL || undefined),
    maxInFlight: parsePositive("SOFIA_MAX_INFLIGHT", env.SOFIA_MAX_INFLIGHT),
    databaseWaitMs: parsePositive("SOFIA_DB_WAIT_MS", env.SOFIA_DB_WAIT_MS) ?? 5000,
    databasePrepare: env.SOFIA_DB_PREPARE !== "false" && env.SOFIA_DB_PREPARE !== "0",
    identityKeys: {
      keys: env.SOFIA_IDENTITY_KEYS || undefined,
      key: env.SOFIA_IDENTITY_KEY || undefined,
      keyFile: env.SOFIA_IDENTITY_KEY_FILE || undefined,
    },
    oidc: parseOidc(env),
    backup: {
      key: env.SOFIA_BACKUP_KEY || undefined,
      keyFile: env.SOFIA_BACKUP_KEY_FILE || undefined,
      dir: env.SOFIA_BACKUP_DIR ? path.resolve(env.SOFIA_BACKUP_DIR) : undefined,
      cron: env.SOFIA_BACKUP_CRON?.trim() || "30 1 * * *",
      keep: parsePositive("SOFIA_BACKUP_KEEP", env.SOFIA_BACKUP_KEEP) ?? 14,
    },
    walArchive: env.SOFIA_WAL_ARCHIVE ? path.resolve(env.SOFIA_WAL_ARCHIVE) : undefined,
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
