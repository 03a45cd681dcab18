/**
 * `npm run backup` and `npm run restore` (decision 0067): the database is found as `npm start`
 * finds it. DATABASE_URL (as DATABASE_OWNER_URL's role when set), or the embedded cluster in the
 * data folder: while Sofia runs, through the port in its postmaster.pid (a backup only); while it
 * is stopped, started here for the command. Every message is Swedish; a refusal exits 1.
 */
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { loadConfig } from "../platform/config.ts";
import { ensureDatabase, grantAppRole, migrateDatabase, processInfo, roleOf, startEmbedded } from "../platform/database.ts";
import { readIdentityKeys } from "../platform/identity-crypto.ts";
import { generateKeyFile, readBackupKey } from "./key.ts";
import { planTables } from "./logical.ts";
import { BackupError, type Manifest, PHYSICAL_METHOD } from "./model.ts";
import { takeBaseBackup, unpackBaseBackup, waitForRecovery } from "./physical.ts";
import { checkBackup, recordBackupEvent, restoreBackup, takeBackup } from "./service.ts";

type Say = (line: string) => void;

function option(argv: readonly string[], name: string): string | undefined {
  const at = argv.indexOf(name);
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** The running embedded cluster's owner URL, from postmaster.pid (line 4 the port) and the kept password. */
export function runningEmbeddedUrl(dataDir: string): string | undefined {
  const pidFile = path.join(dataDir, "pg", "postmaster.pid");
  if (!fs.existsSync(pidFile)) return undefined;
  const lines = fs.readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(lines[0]?.trim());
  const port = Number(lines[3]?.trim());
  const info = Number.isInteger(pid) && pid > 0 ? processInfo(pid) : undefined;
  if (!info || !/postgres/.test(info.command) || !port) return undefined;
  const password = fs.readFileSync(path.join(dataDir, "pg-password"), "utf8").trim();
  return `postgres://sofia:${encodeURIComponent(password)}@127.0.0.1:${port}/sofia`;
}

const stamp = (at: Date) =>
  at
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");

function printTables(manifest: Manifest, say: Say): void {
  const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
  for (const t of manifest.tables) say(`  ${t.name.padEnd(40)} ${String(t.rows).padStart(9)} rader  sha256 ${t.sha256.slice(0, 16)}…`);
  say(`  ${manifest.tables.length} tabeller, ${rows} rader.`);
}

export async function backupCommand(argv: readonly string[], env: NodeJS.ProcessEnv, say: Say, warn: Say): Promise<number> {
  try {
    const generate = option(argv, "--generate-key");
    if (generate !== undefined) {
      if (!generate) throw new BackupError("no_key", "Ange filen för den nya nyckeln: npm run backup -- --generate-key FIL");
      const recipient = await generateKeyFile(path.resolve(generate));
      say(`Ny nyckel för säkerhetskopior skriven till ${path.resolve(generate)} (bara läsbar för dig).`);
      say(`Publik del: ${recipient}`);
      say("Förvara nyckeln skild från säkerhetskopiorna (till exempel i kommunens lösenordsvalv): utan den går de inte att läsa.");
      return 0;
    }
    const config = loadConfig(env);
    const identity = await readBackupKey(config.backup);
    const now = new Date();
    const out = path.resolve(option(argv, "--out") ?? `sofia-backup-${stamp(now)}.age`);
    const started = Date.now();
    let url: string;
    let stop = async () => {};
    const source = config.databaseUrl ? "external" : "embedded";
    if (!config.databaseUrl && config.walArchive) return await baseBackup(config.dataDir, config.walArchive, out, identity, now, say, warn);
    if (config.databaseUrl) {
      url = config.databaseOwnerUrl ?? config.databaseUrl;
    } else {
      const running = runningEmbeddedUrl(config.dataDir);
      if (running) {
        url = running;
      } else {
        if (!fs.existsSync(path.join(config.dataDir, "pg", "PG_VERSION"))) {
          throw new BackupError("not_a_backup", `Det finns ingen databas i datamappen ${config.dataDir} (SOFIA_DATA_DIR).`);
        }
        const server = await startEmbedded(config.dataDir, warn);
        url = server.urlFor("sofia");
        stop = () => server.stop();
      }
    }
    try {
      const result = await takeBackup({ connection: url, out, identity, source, now });
      const seconds = (Date.now() - started) / 1000;
      await recordBackupEvent(url, "backup_taken", {
        file: path.basename(out),
        bytes: result.bytes,
        tables: result.manifest.tables.length,
        rows: result.manifest.tables.reduce((n, t) => n + t.rows, 0),
        migration: result.manifest.migration.tag,
        seconds: Math.round(seconds * 10) / 10,
        scheduled: false,
      });
      say(`Säkerhetskopia skriven: ${out} (${(result.bytes / 1024 / 1024).toFixed(1)} MiB på ${seconds.toFixed(1)} s).`);
      say(`Sofia ${result.manifest.sofiaVersion}, databasnivå ${result.manifest.migration.tag}, ${result.manifest.createdAt}.`);
      printTables(result.manifest, say);
      if (result.manifest.identityKeyIds.length > 0) {
        say(
          `Personnumren i kopian kräver nyckeln ${result.manifest.identityKeyIds.join(", ")} (identity.key eller SOFIA_IDENTITY_KEY): ` +
            "den finns inte i säkerhetskopian, säkerhetskopiera den separat.",
        );
      }
      return 0;
    } finally {
      await stop();
    }
  } catch (e) {
    if (!(e instanceof BackupError)) throw e;
    warn(`Säkerhetskopieringen gjordes inte: ${e.message}`);
    return 1;
  }
}

/** A base backup of the embedded cluster (SOFIA_WAL_ARCHIVE set): running or started for it. */
async function baseBackup(
  dataDir: string,
  walArchive: string,
  out: string,
  identity: string,
  now: Date,
  say: Say,
  warn: Say,
): Promise<number> {
  const started = Date.now();
  let sofiaUrl = runningEmbeddedUrl(dataDir);
  let stop = async () => {};
  if (!sofiaUrl) {
    if (!fs.existsSync(path.join(dataDir, "pg", "PG_VERSION"))) {
      throw new BackupError("not_a_backup", `Det finns ingen databas i datamappen ${dataDir} (SOFIA_DATA_DIR).`);
    }
    const server = await startEmbedded(dataDir, warn, { walArchive });
    sofiaUrl = server.urlFor("sofia");
    stop = () => server.stop();
  }
  try {
    const adminUrl = new URL(sofiaUrl);
    adminUrl.pathname = "/postgres";
    const result = await takeBaseBackup({ adminUrl: adminUrl.toString(), sofiaUrl, dataDir, out, identity, now });
    const seconds = (Date.now() - started) / 1000;
    await recordBackupEvent(sofiaUrl, "backup_taken", {
      file: path.basename(out),
      bytes: result.bytes,
      method: result.manifest.method,
      migration: result.manifest.migration.tag,
      seconds: Math.round(seconds * 10) / 10,
      scheduled: false,
    });
    say(`Basbackup skriven: ${out} (${(result.bytes / 1024 / 1024).toFixed(1)} MiB på ${seconds.toFixed(1)} s).`);
    say(`WAL-arkivet ${walArchive} behövs för att återställa till en tidpunkt efter den: säkerhetskopiera det också.`);
    return 0;
  } finally {
    await stop();
  }
}

/** A base backup restored into a new data folder, its WAL replayed to `until` (or to the archive's end). */
async function pointInTime(
  config: ReturnType<typeof loadConfig>,
  file: string,
  identity: string,
  until: string | undefined,
  started: number,
  say: Say,
  warn: Say,
): Promise<number> {
  if (config.databaseUrl) {
    throw new BackupError(
      "not_a_backup",
      "En basbackup av den inbyggda databasen återställs till en datamapp: ta bort DATABASE_URL. Inget har skrivits.",
    );
  }
  if (!config.walArchive) {
    throw new BackupError(
      "not_a_backup",
      "Sätt SOFIA_WAL_ARCHIVE till mappen med det arkiverade WAL:et för att återställa en basbackup. Inget har skrivits.",
    );
  }
  if (runningEmbeddedUrl(config.dataDir)) {
    throw new BackupError(
      "target_not_empty",
      `Sofia kör på datamappen ${config.dataDir}: återställ till en ny, tom datamapp med Sofia stoppad. Inget har skrivits.`,
    );
  }
  await unpackBaseBackup({ file, identity, dataDir: config.dataDir, walArchive: config.walArchive, until });
  say(until ? `Spelar upp WAL fram till ${until} …` : "Spelar upp allt arkiverat WAL …");
  const server = await startEmbedded(config.dataDir, warn, { walArchive: config.walArchive });
  try {
    await waitForRecovery(server.adminUrl);
    const ownerUrl = server.urlFor("sofia");
    await migrateDatabase(ownerUrl);
    await grantAppRole(ownerUrl, server.appRole);
    const { client, done } = await openClient(ownerUrl);
    let tables = 0;
    let rows = 0;
    try {
      for (const plan of await planTables(client)) {
        const count = await client.query<{ n: number }>(`select count(*)::int as n from "${plan.name.replaceAll('"', '""')}"`);
        tables++;
        rows += count.rows[0]?.n ?? 0;
      }
    } finally {
      await done();
    }
    const seconds = (Date.now() - started) / 1000;
    await recordBackupEvent(ownerUrl, "backup_restored", {
      file: path.basename(file),
      until: until ?? null,
      method: "physical-base-backup",
      seconds: Math.round(seconds * 10) / 10,
    });
    say(`Återställd${until ? ` till ${until}` : ""} på ${seconds.toFixed(1)} s: ${tables} tabeller, ${rows} rader läsbara.`);
    return 0;
  } finally {
    await server.stop();
  }
}

async function openClient(url: string): Promise<{ client: pg.Client; done: () => Promise<void> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return { client, done: () => client.end() };
}

export async function restoreCommand(argv: readonly string[], env: NodeJS.ProcessEnv, say: Say, warn: Say): Promise<number> {
  try {
    const file = argv.find((a, i) => !a.startsWith("--") && argv[i - 1] !== "--until");
    if (!file) throw new BackupError("not_a_backup", "Ange säkerhetskopian: npm run restore -- FIL");
    const until = option(argv, "--until");
    const config = loadConfig(env);
    const identity = await readBackupKey(config.backup);
    const started = Date.now();
    // The whole file first (key, version, every checksum): a refusal creates nothing, not even a cluster.
    const checked = await checkBackup(path.resolve(file), identity);
    if (checked.method === PHYSICAL_METHOD) return await pointInTime(config, path.resolve(file), identity, until, started, say, warn);
    if (until !== undefined) {
      throw new BackupError(
        "not_a_backup",
        "Återställning till en tidpunkt (--until) kräver en basbackup tagen med SOFIA_WAL_ARCHIVE påslaget; det här är en logisk säkerhetskopia. " +
          "Återställ den utan --until. Inget har skrivits.",
      );
    }
    let ownerUrl: string;
    let appRole: string | undefined;
    let stop = async () => {};
    if (config.databaseUrl) {
      ownerUrl = config.databaseOwnerUrl ?? config.databaseUrl;
      appRole = roleOf(config.databaseUrl) !== roleOf(ownerUrl) ? roleOf(config.databaseUrl) : undefined;
    } else {
      if (runningEmbeddedUrl(config.dataDir)) {
        throw new BackupError(
          "target_not_empty",
          `Sofia kör på datamappen ${config.dataDir}: återställ till en ny, tom datamapp (SOFIA_DATA_DIR) med Sofia stoppad. Inget har skrivits.`,
        );
      }
      const server = await startEmbedded(config.dataDir, warn, { walArchive: config.walArchive });
      stop = () => server.stop();
      await ensureDatabase(server.adminUrl, "sofia");
      ownerUrl = server.urlFor("sofia");
      appRole = server.appRole;
    }
    try {
      const result = await restoreBackup({ file: path.resolve(file), identity, ownerUrl, log: say });
      if (appRole) await grantAppRole(ownerUrl, appRole);
      const seconds = (Date.now() - started) / 1000;
      await recordBackupEvent(ownerUrl, "backup_restored", {
        file: path.basename(file),
        createdAt: result.manifest.createdAt,
        from: result.manifest.migration.tag,
        to: result.migratedTo,
        tables: result.checks.length,
        seconds: Math.round(seconds * 10) / 10,
      });
      say(
        `Återställd från ${path.basename(file)} (tagen ${result.manifest.createdAt}, Sofia ${result.manifest.sofiaVersion}) på ${seconds.toFixed(1)} s.`,
      );
      say("Kontrollerat efter inläsningen: antal rader och kontrollsumma för varje tabell stämmer med säkerhetskopian.");
      printTables(result.manifest, say);
      say(`Databasnivå: ${result.manifest.migration.tag} i kopian, nu ${result.migratedTo}.`);
      const needed = result.manifest.identityKeyIds;
      if (needed.length > 0) {
        let have: string[] = [];
        try {
          have = readIdentityKeys(config.identityKeys, config.dataDir, false).keyring.keys.map((k) => k.id);
        } catch {
          have = [];
        }
        const missing = needed.filter((id) => !have.includes(id));
        say(`Personnumren kräver nyckeln ${needed.join(", ")}.`);
        if (missing.length > 0) {
          warn(
            `Nyckeln ${missing.join(", ")} är inte angiven här: lägg tillbaka identity.key i datamappen (eller sätt SOFIA_IDENTITY_KEY) ` +
              "från nyckelns egen säkerhetskopia innan Sofia startas. Sofia kontrollerar nyckeln mot databasen vid start.",
          );
        }
      }
      return 0;
    } finally {
      await stop();
    }
  } catch (e) {
    if (!(e instanceof BackupError)) throw e;
    warn(`Återställningen gjordes inte: ${e.message}`);
    return 1;
  }
}
