/**
 * Backup and restore (decision 0067). `takeBackup` exports every table inside one REPEATABLE READ
 * snapshot into one encrypted file with its manifest; `restoreBackup` checks the whole file before
 * it writes anything, builds the schema by the migrations up to the backup's level, loads the rows
 * as the owner (the append-only triggers stay in place: they refuse UPDATE and DELETE, never
 * INSERT), verifies every table's count and checksum, and migrates forward to this Sofia's level.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import { appRoot } from "../platform/app-root.ts";
import { migrateDatabase, migrationsFolder } from "../platform/database.ts";
import { padManifest, readEncrypted, tarEnd, tarHeader, tarPadding, tarSize, writeEncrypted } from "./archive.ts";
import { type Client, copyIn, copyOutSql, fixOutput, measure, planTables, readSequences, tablesIn, writeSequences } from "./logical.ts";
import {
  BACKUP_FORMAT,
  BackupError,
  LOGICAL_METHOD,
  type Manifest,
  manifestSchema,
  PHYSICAL_METHOD,
  refuseManifest,
  type TableEntry,
} from "./model.ts";

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

/** The migrations this Sofia knows, in order. */
export function journal(folder = migrationsFolder): JournalEntry[] {
  return (JSON.parse(fs.readFileSync(path.join(folder, "meta/_journal.json"), "utf8")) as { entries: JournalEntry[] }).entries;
}

/** This Sofia's version (package.json). */
export function sofiaVersion(): string {
  return (JSON.parse(fs.readFileSync(path.join(appRoot, "package.json"), "utf8")) as { version: string }).version;
}

type Connection = string | pg.Pool;

async function open(connection: Connection): Promise<{ client: Client; done: () => Promise<void> }> {
  if (typeof connection === "string") {
    const client = new pg.Client({ connectionString: connection });
    await client.connect();
    return { client, done: () => client.end() };
  }
  const client = await connection.connect();
  return {
    client,
    done: async () => {
      // The session settings of fixOutput must not stay with a pooled connection.
      await client.query("reset all").catch(() => {});
      client.release();
    },
  };
}

/**
 * The database's migration level: its last applied migration, by the journal's timestamp. The
 * app's role may not read the migrations' table; then it is this Sofia's own level, which the
 * running app migrated the database to at its start.
 */
async function migrationLevel(client: Client): Promise<{ tag: string; when: number }> {
  const entries = journal();
  const own = entries[entries.length - 1] as JournalEntry;
  await client.query("savepoint level");
  try {
    const { rows } = await client.query<{ when: string }>(
      "select created_at::text as when from drizzle.__drizzle_migrations order by created_at desc limit 1",
    );
    await client.query("release savepoint level");
    const when = Number(rows[0]?.when);
    const entry = entries.find((e) => e.when === when);
    if (!entry) {
      throw new BackupError(
        "unknown_level",
        "Databasen har en nyare migrering än den här Sofian känner till: ta säkerhetskopian med samma Sofia som kör databasen.",
      );
    }
    return { tag: entry.tag, when: entry.when };
  } catch (e) {
    if ((e as { code?: string }).code !== "42501") throw e;
    await client.query("rollback to savepoint level");
    return { tag: own.tag, when: own.when };
  }
}

const entryName = (table: string) => `tables/${table}.copy`;

export interface BackupResult {
  file: string;
  bytes: number;
  manifest: Manifest;
}

/**
 * Takes a backup of the database reached by `connection` (a URL or the app's pool) into `out`,
 * encrypted for `identity`. Writers may go on: the file holds the snapshot of the first statement.
 */
export async function takeBackup(options: {
  connection: Connection;
  out: string;
  identity: string;
  source: "embedded" | "external";
  now: Date;
  /** The Sofia version written in the manifest: this one's (another only to test the refusal of a newer one). */
  version?: string;
}): Promise<BackupResult> {
  const { client, done } = await open(options.connection);
  try {
    await fixOutput(client);
    await client.query("begin transaction isolation level repeatable read, read only");
    try {
      const migration = await migrationLevel(client);
      const plans = await planTables(client);
      const tables: TableEntry[] = [];
      for (const plan of plans) tables.push(await measure(client, plan));
      const keyIds = plans.some((p) => p.name === "identity_key_checks")
        ? (await client.query<{ id: string }>("select key_id as id from identity_key_checks order by key_id")).rows.map((r) => r.id)
        : [];
      const server = (await client.query<{ v: string }>("show server_version")).rows[0]?.v ?? "";
      const manifest: Manifest = {
        format: BACKUP_FORMAT,
        method: LOGICAL_METHOD,
        sofiaVersion: options.version ?? sofiaVersion(),
        migration,
        createdAt: options.now.toISOString(),
        source: options.source,
        postgresVersion: server,
        identityKeyIds: keyIds,
        tables,
        sequences: await readSequences(client),
      };
      const manifestBytes = padManifest(JSON.stringify(manifest, null, 2));
      const mtime = options.now;
      async function* archive(): AsyncGenerator<Uint8Array> {
        yield tarHeader("manifest.json", manifestBytes.length, mtime);
        yield manifestBytes;
        yield tarPadding(manifestBytes.length);
        for (const table of tables) {
          yield tarHeader(entryName(table.name), table.bytes, mtime);
          const hash = createHash("sha256");
          let bytes = 0;
          for await (const chunk of client.query(copyTo(copyOutSql(table))) as AsyncIterable<Buffer>) {
            hash.update(chunk);
            bytes += chunk.length;
            yield chunk;
          }
          // The same snapshot gives the same bytes; anything else would make a broken file.
          if (bytes !== table.bytes || hash.digest("hex") !== table.sha256)
            throw new Error(`The table ${table.name} changed inside its snapshot`);
          yield tarPadding(table.bytes);
        }
        yield tarEnd();
      }
      const bytes = await writeEncrypted(options.out, options.identity, archive());
      return { file: options.out, bytes, manifest };
    } finally {
      await client.query("rollback").catch(() => {});
    }
  } finally {
    await done();
  }
}

const plainSize = (manifestBytes: number, manifest: Manifest) =>
  tarSize(manifestBytes) + manifest.tables.reduce((n, t) => n + tarSize(t.bytes), 0) + tarEnd().length;

async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts);
}

const notABackup = () =>
  new BackupError(
    "not_a_backup",
    "Filen är inte en säkerhetskopia från Sofia (innehållsförteckningen saknas eller känns inte igen). Inget har skrivits.",
  );

/**
 * Reads the whole file once: decrypts it (a wrong key, a truncated or changed file is refused
 * here), checks the manifest against this Sofia and every table's size and checksum. Writes nothing.
 */
export async function checkBackup(file: string, identity: string): Promise<Manifest> {
  if (!fs.existsSync(file)) throw new BackupError("not_a_backup", `Filen ${file} finns inte.`);
  let manifest: Manifest | undefined;
  let expected: number | undefined;
  const seen = new Set<string>();
  for await (const entry of readEncrypted(file, identity, () => expected)) {
    if (!manifest) {
      if (entry.name !== "manifest.json") throw notABackup();
      const text = (await readAll(entry.body)).toString("utf8");
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw notABackup();
      }
      const result = manifestSchema.safeParse(json);
      if (!result.success) throw notABackup();
      manifest = result.data;
      // A physical backup's length is not known in advance: only a logical one's is.
      expected = manifest.method === LOGICAL_METHOD ? plainSize(entry.size, manifest) : undefined;
      refuseManifest(
        manifest,
        sofiaVersion(),
        journal().map((e) => e.tag),
      );
      continue;
    }
    if (manifest.method === PHYSICAL_METHOD) {
      // Every file's bytes pass age's check; the label that pg_backup_stop gave comes last.
      for await (const _ of entry.body) {
        // read
      }
      if (entry.name === "pg/backup_label") seen.add(entry.name);
      continue;
    }
    const table = manifest.tables.find((t) => entryName(t.name) === entry.name);
    if (!table || seen.has(table.name)) throw notABackup();
    const hash = createHash("sha256");
    for await (const chunk of entry.body) hash.update(chunk);
    if (entry.size !== table.bytes || hash.digest("hex") !== table.sha256) {
      throw new BackupError(
        "tampered",
        `Säkerhetskopians tabell ${table.name} stämmer inte med innehållsförteckningen (ändrad). Inget har skrivits.`,
      );
    }
    seen.add(table.name);
  }
  if (!manifest) throw notABackup();
  if (manifest.method === PHYSICAL_METHOD) {
    if (!seen.has("pg/backup_label"))
      throw new BackupError("truncated", "Basbackupen är avkortad: dess backup_label saknas. Inget har skrivits.");
    return manifest;
  }
  if (seen.size !== manifest.tables.length) {
    throw new BackupError("truncated", "Säkerhetskopian är avkortad: alla tabeller finns inte i filen. Inget har skrivits.");
  }
  return manifest;
}

/** Runs the migrations up to and including `tag` (a folder with the journal cut there). */
export async function migrateTo(url: string, tag: string): Promise<void> {
  const entries = journal();
  const upTo = entries.findIndex((e) => e.tag === tag);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-migrations-"));
  try {
    fs.mkdirSync(path.join(folder, "meta"));
    const kept = entries.slice(0, upTo + 1);
    const whole = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta/_journal.json"), "utf8")) as Record<string, unknown>;
    fs.writeFileSync(path.join(folder, "meta/_journal.json"), JSON.stringify({ ...whole, entries: kept }));
    for (const e of kept) fs.copyFileSync(path.join(migrationsFolder, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await migrate(drizzle(client), { migrationsFolder: folder });
    } finally {
      await client.end();
    }
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

export interface TableCheck {
  name: string;
  rows: number;
  sha256: string;
  ok: boolean;
}

/** Counts and checksums every table of the manifest in the database at `url`, as the backup made them. */
export async function verifyTables(url: string, manifest: Manifest): Promise<TableCheck[]> {
  const { client, done } = await open(url);
  try {
    await fixOutput(client);
    await client.query("begin transaction isolation level repeatable read, read only");
    const checks: TableCheck[] = [];
    for (const table of manifest.tables) {
      const found = await measure(client, table);
      checks.push({
        name: table.name,
        rows: found.rows,
        sha256: found.sha256,
        ok: found.rows === table.rows && found.sha256 === table.sha256,
      });
    }
    await client.query("rollback");
    return checks;
  } finally {
    await done();
  }
}

export interface RestoreResult {
  manifest: Manifest;
  checks: TableCheck[];
  /** The migration level after the restore: this Sofia's. */
  migratedTo: string;
}

/**
 * Restores `file` into the empty database at `ownerUrl` (its owner: the tables are created as
 * theirs). Every refusal comes before anything is written; a failed load is rolled back; a count
 * or checksum that differs after the load is a `verify_failed`.
 */
export async function restoreBackup(options: {
  file: string;
  identity: string;
  ownerUrl: string;
  log?: (line: string) => void;
}): Promise<RestoreResult> {
  const log = options.log ?? (() => {});
  const manifest = await checkBackup(options.file, options.identity);
  if (manifest.method !== LOGICAL_METHOD) {
    throw new BackupError(
      "not_a_backup",
      "Det här är en basbackup av den inbyggda databasen: återställ den till en ny datamapp utan DATABASE_URL, med SOFIA_WAL_ARCHIVE satt. Inget har skrivits.",
    );
  }
  {
    const { client, done } = await open(options.ownerUrl);
    try {
      const n = await tablesIn(client);
      if (n > 0) {
        throw new BackupError(
          "target_not_empty",
          `Databasen att återställa till är inte tom (${n} tabeller finns redan). Återställ till en tom databas eller en ny datamapp. Inget har skrivits.`,
        );
      }
    } finally {
      await done();
    }
  }
  log(`Skapar databasens tabeller till säkerhetskopians nivå (${manifest.migration.tag}) …`);
  await migrateTo(options.ownerUrl, manifest.migration.tag);
  log(`Läser in ${manifest.tables.length} tabeller …`);
  {
    const { client, done } = await open(options.ownerUrl);
    try {
      await fixOutput(client);
      await client.query("begin");
      let first = true;
      for await (const entry of readEncrypted(options.file, options.identity, () => undefined)) {
        if (first) {
          first = false;
          await readAll(entry.body);
          continue;
        }
        const table = manifest.tables.find((t) => entryName(t.name) === entry.name);
        if (!table) throw notABackup();
        await copyIn(client, table, entry.body);
      }
      await writeSequences(client, manifest.sequences);
      await client.query("commit");
    } catch (e) {
      await client.query("rollback").catch(() => {});
      throw e;
    } finally {
      await done();
    }
  }
  const checks = await verifyTables(options.ownerUrl, manifest);
  const failed = checks.filter((c) => !c.ok);
  if (failed.length > 0) {
    throw new BackupError(
      "verify_failed",
      `Efter återställningen stämmer inte antal rader eller kontrollsumma för ${failed.map((f) => f.name).join(", ")}.`,
    );
  }
  log("Kör migreringarna fram till den här Sofians nivå …");
  await migrateDatabase(options.ownerUrl);
  const entries = journal();
  return { manifest, checks, migratedTo: (entries[entries.length - 1] as JournalEntry).tag };
}

/** A backup or a restore as a security event (the log review shows them); no personal data. */
export async function recordBackupEvent(
  connection: Connection,
  event: "backup_taken" | "backup_failed" | "backup_restored",
  detail: Record<string, unknown>,
  username?: string,
): Promise<void> {
  const { client, done } = await open(connection);
  try {
    await client.query("insert into security_log (event, username, detail) values ($1, $2, $3)", [
      event,
      username ?? null,
      JSON.stringify(detail),
    ]);
  } finally {
    await done();
  }
}

/** The file name of a scheduled backup taken at `at` (sorts by time). */
export const scheduledName = (at: Date) =>
  `sofia-backup-${at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z")}.age`;
const SCHEDULED = /^sofia-backup-\d{8}T\d{6}Z\.age$/;

/** Removes the oldest scheduled backups in `dir` beyond the newest `keep`; returns the removed names. */
export function pruneBackups(dir: string, keep: number): string[] {
  const files = fs
    .readdirSync(dir)
    .filter((f) => SCHEDULED.test(f))
    .sort();
  const removed = files.slice(0, Math.max(0, files.length - keep));
  for (const f of removed) fs.rmSync(path.join(dir, f));
  return removed;
}
