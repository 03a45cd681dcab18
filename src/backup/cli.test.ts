/**
 * `npm run backup` and `npm run restore` on the embedded default (decision 0067): a key made by
 * the command, a restore into a new data folder (its own cluster), an online backup of that
 * cluster while it runs, and the refusals of a folder in use, a folder with data and --until.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testClock } from "../../test/helpers.ts";
import { TEST_IDENTITY_KEY } from "../../test/identity-key.ts";
import { seedDemo } from "../demo/index.ts";
import { startEmbedded } from "../platform/database.ts";
import { checkIdentityKeys, identityKeys } from "../platform/identity-crypto.ts";
import { backupCommand, restoreCommand } from "./cli.ts";
import { readBackupKey } from "./key.ts";
import { checkBackup, takeBackup } from "./service.ts";

let dir: string;
let source: TestDatabase;
let keyFile: string;
let file: string;

function lines() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, say: (l: string) => out.push(l), warn: (l: string) => err.push(l) };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-backup-cli-"));
  // Traversable, so that PostgreSQL's own user reaches the data folder inside it when the tests run as root.
  fs.chmodSync(dir, 0o711);
  source = await createTestDatabase();
  await seedDemo(source.db, "Demo-lösenord-2026", testClock());
  await checkIdentityKeys(source.db, identityKeys());
  keyFile = path.join(dir, "backup.key");
  const made = lines();
  expect(await backupCommand(["--generate-key", keyFile], {}, made.say, made.warn)).toBe(0);
  expect(made.out.join("\n")).toContain("Publik del: age1");
  file = path.join(dir, "demo.age");
  await takeBackup({
    connection: source.ownerUrl,
    out: file,
    identity: await readBackupKey({ key: undefined, keyFile }),
    source: "external",
    now: testClock().now(),
  });
});

afterAll(async () => {
  await source?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run backup and npm run restore on the embedded default", () => {
  it("makes a key readable only by its owner, and never over an existing file", async () => {
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const again = lines();
    expect(await backupCommand(["--generate-key", keyFile], {}, again.say, again.warn)).toBe(1);
    expect(again.err.join("\n")).toContain("finns redan");
  });

  it("restores into a new data folder, backs it up while it runs, and refuses a folder with data or in use", async () => {
    const folder = path.join(dir, "data");
    const env = { SOFIA_DATA_DIR: folder, SOFIA_BACKUP_KEY_FILE: keyFile, SOFIA_IDENTITY_KEY: TEST_IDENTITY_KEY };

    const until = lines();
    expect(await restoreCommand([file, "--until", "2026-12-07 10:00:00+01"], env, until.say, until.warn)).toBe(1);
    expect(until.err.join("\n")).toContain("--until");
    expect(fs.existsSync(folder), "nothing written").toBe(false);

    const restored = lines();
    expect(await restoreCommand([file], env, restored.say, restored.warn)).toBe(0);
    expect(restored.out.join("\n")).toContain("antal rader och kontrollsumma för varje tabell stämmer");
    expect(restored.out.join("\n")).toMatch(/Personnumren kräver nyckeln k/);
    expect(restored.err).toEqual([]);

    const server = await startEmbedded(folder);
    try {
      const client = new pg.Client({ connectionString: server.urlFor("sofia") });
      await client.connect();
      try {
        const users = await client.query<{ n: number }>("select count(*)::int as n from users");
        const sourceUsers = await source.pool.query<{ n: number }>("select count(*)::int as n from users");
        expect(users.rows[0]?.n).toBe(sourceUsers.rows[0]?.n);
        const events = await client.query<{ event: string }>("select event from security_log where event like 'backup_%'");
        expect(events.rows.map((r) => r.event)).toEqual(["backup_restored"]);
        // The app's role got its privileges on the restored database.
        const app = new pg.Client({ connectionString: server.appUrlFor("sofia") });
        await app.connect();
        await app.query("select count(*) from audit_log");
        await expect(app.query("delete from audit_log")).rejects.toThrow();
        await app.end();
      } finally {
        await client.end();
      }

      // While the cluster runs (Sofia up): the backup goes through its port.
      const out = path.join(dir, "online.age");
      const online = lines();
      expect(await backupCommand(["--out", out], env, online.say, online.warn)).toBe(0);
      expect(online.out.join("\n")).toContain("Säkerhetskopia skriven");
      const manifest = await checkBackup(out, await readBackupKey({ key: undefined, keyFile }));
      expect(manifest.source).toBe("embedded");
      expect(manifest.tables.find((t) => t.name === "users")?.rows).toBeGreaterThan(0);

      const inUse = lines();
      expect(await restoreCommand([out], env, inUse.say, inUse.warn)).toBe(1);
      expect(inUse.err.join("\n")).toContain("Sofia kör på datamappen");
    } finally {
      await server.stop();
    }

    const full = lines();
    expect(await restoreCommand([file], env, full.say, full.warn)).toBe(1);
    expect(full.err.join("\n")).toContain("inte tom");
  });
});
