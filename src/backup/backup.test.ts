/**
 * The restore drill (issue 20, decision 0067): the demo data and a few thousand generated
 * families, a backup taken while a loop writes, restored into a fresh empty database; every
 * table compared row by row with the source, the append-only triggers in place. Then the
 * refusals, each with nothing written, and a restore from an older migration level.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateX25519Identity } from "age-encryption";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadFamilies } from "../../bench/families.ts";
import { createTestApp, createTestDatabase, get, type TestApp } from "../../test/helpers.ts";
import { waitUntil } from "../../test/wait.ts";
import { checkIdentityKeys, identityKeys } from "../platform/identity-crypto.ts";
import { runScheduledBackup } from "./jobs.ts";
import { readBackupKey } from "./key.ts";
import { copyOutSql, fixOutput, planTables, tablesIn } from "./logical.ts";
import { BackupError } from "./model.ts";
import { checkBackup, journal, migrateTo, recordBackupEvent, restoreBackup, takeBackup } from "./service.ts";

const FAMILIES = 2_000;

let t: TestApp;
let identity: string;
let dir: string;
const made: string[] = [];

/** A new, empty database on the test cluster, owned by the cluster's owner; its URL. */
async function emptyDatabase(): Promise<string> {
  const name = `sofia_t_${Math.random().toString(16).slice(2, 14)}`;
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  made.push(name);
  const url = new URL(inject("adminUrl"));
  url.pathname = `/${name}`;
  return url.toString();
}

async function query<T extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

/** Every data table's rows as COPY text lines, in the backup's order. */
async function tableLines(url: string): Promise<Map<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await fixOutput(client);
    const out = new Map<string, string[]>();
    for (const plan of await planTables(client)) {
      const sql = copyOutSql(plan).replace(/^copy \((.*)\) to stdout$/s, "$1");
      const rows = await client.query({ text: `select (x.*)::text as line from (${sql}) x`, rowMode: "array" });
      out.set(
        plan.name,
        rows.rows.map((r) => String(r[0])),
      );
    }
    return out;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  t = await createTestApp();
  await loadFamilies(t.database.pool, FAMILIES, () => {});
  // The key check row that the start writes (decision 0061): the manifest names its key.
  await checkIdentityKeys(t.database.db, identityKeys());
  identity = await generateX25519Identity();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-backup-test-"));
});

afterAll(async () => {
  await t?.close();
  const admin = new pg.Client({ connectionString: inject("adminUrl") });
  await admin.connect();
  try {
    for (const name of made) await admin.query(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the restore drill", () => {
  it("restores a backup taken during writes into an empty database, every table the same row by row", async () => {
    // The writer: each round one audit row and one security row in one transaction.
    let stop = false;
    let committed = 0;
    const writer = (async () => {
      for (let n = 1; !stop; n++) {
        const client = await t.database.pool.connect();
        try {
          await client.query("begin");
          await client.query(
            `insert into audit_log (actor_roles, actor_unit_ids, action, record_type, record_id) values ('{}', '{}', 'drill.write', 'drill', $1)`,
            [String(n)],
          );
          await client.query("insert into security_log (event, detail) values ('drill_write', $1)", [JSON.stringify({ n })]);
          await client.query("commit");
          committed = n;
        } finally {
          client.release();
        }
      }
    })();
    await waitUntil(
      "the writer's first writes",
      () => committed,
      (n) => n >= 3,
    );
    const out = path.join(dir, "drill.age");
    const started = Date.now();
    const backup = await takeBackup({ connection: t.database.ownerUrl, out, identity, source: "external", now: t.clock.now() });
    const backupSeconds = (Date.now() - started) / 1000;
    const afterBackup = committed;
    await waitUntil(
      "writes after the backup",
      () => committed,
      (n) => n >= afterBackup + 3,
    );
    stop = true;
    await writer;

    const target = await emptyDatabase();
    const restoreStarted = Date.now();
    const restored = await restoreBackup({ file: out, identity, ownerUrl: target });
    const restoreSeconds = (Date.now() - restoreStarted) / 1000;
    expect(restored.checks.every((c) => c.ok)).toBe(true);
    expect(restored.checks.map((c) => c.name).sort()).toEqual(backup.manifest.tables.map((x) => x.name).sort());
    const rows = backup.manifest.tables.reduce((n, x) => n + x.rows, 0);
    process.stdout.write(
      `\nÖvning: ${FAMILIES} genererade familjer + demo, ${rows} rader i ${backup.manifest.tables.length} tabeller; ` +
        `säkerhetskopia ${(backup.bytes / 1024 / 1024).toFixed(1)} MiB på ${backupSeconds.toFixed(1)} s, återställning ${restoreSeconds.toFixed(1)} s\n`,
    );

    // Every table row by row: the same rows, except the writer's rows after the snapshot.
    const source = await tableLines(t.database.ownerUrl);
    const copy = await tableLines(target);
    expect([...copy.keys()].sort()).toEqual([...source.keys()].sort());
    expect(copy.get("request_persons")?.length).toBeGreaterThan(FAMILIES);
    for (const [table, lines] of source) {
      const restoredLines = copy.get(table) ?? [];
      const restoredSet = new Set(restoredLines);
      const sourceSet = new Set(lines);
      const missing = lines.filter((l) => !restoredSet.has(l));
      expect(
        restoredLines.filter((l) => !sourceSet.has(l)),
        table,
      ).toEqual([]);
      if (table === "audit_log" || table === "security_log") {
        expect(
          missing.every((l) => /drill/.test(l)),
          table,
        ).toBe(true);
      } else {
        expect(restoredLines, table).toEqual(lines);
      }
    }
    // The snapshot is one moment: both rows of a round or neither, and some rounds but not all.
    const audited = await query<{ n: string }>(
      target,
      "select record_id as n from audit_log where action = 'drill.write' order by record_id::int",
    );
    const secured = await query<{ n: number }>(
      target,
      "select (detail->>'n')::int as n from security_log where event = 'drill_write' order by 1",
    );
    expect(audited.map((r) => Number(r.n))).toEqual(secured.map((r) => r.n));
    expect(secured.length).toBeGreaterThanOrEqual(3);
    expect(secured.length).toBeLessThan(committed);
    expect(secured.map((r) => r.n)).toEqual(Array.from({ length: secured.length }, (_, i) => i + 1));

    // The append-only triggers are in place and refuse a change, even by the owner.
    const triggers = await query<{ name: string }>(
      target,
      "select tgname as name from pg_trigger where not tgisinternal and tgenabled <> 'D' order by 1",
    );
    expect(triggers.map((r) => r.name)).toEqual(
      expect.arrayContaining(["audit_log_append_only", "security_log_append_only", "audit_log_no_truncate"]),
    );
    await expect(query(target, "update audit_log set reason = 'ändrad' where id = (select min(id) from audit_log)")).rejects.toThrow();
    await expect(query(target, "delete from security_log where id = (select min(id) from security_log)")).rejects.toThrow();
    // Sequences go on after the restored rows.
    const [next] = await query<{ id: string }>(
      target,
      "insert into security_log (event) values ('after_restore') returning id::text as id",
    );
    const [max] = await query<{ id: string }>(target, "select max(id)::text as id from security_log where event <> 'after_restore'");
    expect(BigInt(next?.id ?? 0)).toBeGreaterThan(BigInt(max?.id ?? 0));

    // The restore as a security event in the log review.
    await recordBackupEvent(target, "backup_restored", { file: "drill.age" });
    const events = await query<{ event: string }>(target, "select event from security_log where event = 'backup_restored'");
    expect(events).toHaveLength(1);
  });
});

describe("the refusals", () => {
  let file: string;
  let small: string;

  beforeAll(async () => {
    small = await emptyDatabase();
    await migrateTo(small, (journal().at(-1) as { tag: string }).tag);
    await query(small, "insert into security_log (event, detail) values ('refusal_source', '{\"n\": 1}')");
    file = path.join(dir, "small.age");
    await takeBackup({ connection: small, out: file, identity, source: "external", now: t.clock.now() });
  });

  async function refusedWith(reason: string, attempt: (target: string) => Promise<unknown>): Promise<void> {
    const target = await emptyDatabase();
    const error = await attempt(target).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).reason).toBe(reason);
    expect((error as BackupError).message).toMatch(/[åäö]/);
    const client = new pg.Client({ connectionString: target });
    await client.connect();
    try {
      expect(await tablesIn(client), "nothing written").toBe(0);
    } finally {
      await client.end();
    }
  }

  it("refuses a wrong key", async () => {
    const other = await generateX25519Identity();
    await refusedWith("wrong_key", (target) => restoreBackup({ file, identity: other, ownerUrl: target }));
  });

  it("refuses a truncated file", async () => {
    const bytes = fs.readFileSync(file);
    const cut = path.join(dir, "cut.age");
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await refusedWith("truncated", (target) => restoreBackup({ file: cut, identity, ownerUrl: target }));
  });

  it("refuses a changed file", async () => {
    const bytes = Buffer.from(fs.readFileSync(file));
    const at = Math.floor(bytes.length * 0.7);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    const changed = path.join(dir, "changed.age");
    fs.writeFileSync(changed, bytes);
    await refusedWith("tampered", (target) => restoreBackup({ file: changed, identity, ownerUrl: target }));
  });

  it("refuses a file that is not a backup", async () => {
    const text = path.join(dir, "not.age");
    fs.writeFileSync(text, "Det här är ingen säkerhetskopia.\n");
    await refusedWith("not_a_backup", (target) => restoreBackup({ file: text, identity, ownerUrl: target }));
  });

  it("refuses a backup from a newer Sofia", async () => {
    const newer = path.join(dir, "newer.age");
    await takeBackup({ connection: small, out: newer, identity, source: "external", now: t.clock.now(), version: "99.0.0" });
    await refusedWith("newer_version", (target) => restoreBackup({ file: newer, identity, ownerUrl: target }));
  });

  it("refuses a target that is not empty, and changes nothing in it", async () => {
    const busy = await createTestDatabase();
    try {
      const before = await query<{ n: number }>(busy.ownerUrl, "select count(*)::int as n from security_log");
      const error = await restoreBackup({ file, identity, ownerUrl: busy.ownerUrl }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BackupError);
      expect((error as BackupError).reason).toBe("target_not_empty");
      expect((error as BackupError).message).toContain("inte tom");
      expect(await query(busy.ownerUrl, "select count(*)::int as n from security_log")).toEqual(before);
    } finally {
      await busy.drop();
    }
  });

  it("checks a whole backup without writing anything, and names the identity-number keys it needs", async () => {
    const manifest = await checkBackup(file, identity);
    expect(manifest.tables.find((x) => x.name === "security_log")?.rows).toBe(1);
    const big = await checkBackup(path.join(dir, "drill.age"), identity);
    expect(big.identityKeyIds.length).toBeGreaterThan(0);
  });

  it("reads the key from SOFIA_BACKUP_KEY or its file, and refuses what is not an age key", async () => {
    expect(await readBackupKey({ key: identity, keyFile: undefined })).toBe(identity);
    const keyFile = path.join(dir, "backup.key");
    fs.writeFileSync(keyFile, `# a comment\n${identity}\n`, { mode: 0o600 });
    expect(await readBackupKey({ key: undefined, keyFile })).toBe(identity);
    await expect(readBackupKey({ key: undefined, keyFile: undefined })).rejects.toMatchObject({ reason: "no_key" });
    await expect(readBackupKey({ key: "hemligt", keyFile: undefined })).rejects.toMatchObject({ reason: "bad_key" });
  });
});

describe("an older backup", () => {
  it("is restored at its own migration level and migrated forward to this Sofia's", async () => {
    const entries = journal();
    const older = entries.at(-2) as { tag: string };
    const source = await emptyDatabase();
    await migrateTo(source, older.tag);
    await query(source, "insert into security_log (event, detail) values ('older_level', '{\"n\": 7}')");
    const file = path.join(dir, "older.age");
    const backup = await takeBackup({ connection: source, out: file, identity, source: "external", now: t.clock.now() });
    expect(backup.manifest.migration.tag).toBe(older.tag);
    const target = await emptyDatabase();
    const restored = await restoreBackup({ file, identity, ownerUrl: target });
    expect(restored.migratedTo).toBe((entries.at(-1) as { tag: string }).tag);
    const applied = await query<{ n: number }>(target, "select count(*)::int as n from drizzle.__drizzle_migrations");
    expect(applied[0]?.n).toBe(entries.length);
    expect(await query(target, "select event from security_log where event = 'older_level'")).toHaveLength(1);
  });
});

describe("the scheduled backup", () => {
  it("writes a backup into the folder, keeps the newest, and says when in /healthz, /metrics and the security log", async () => {
    const folder = path.join(dir, "scheduled");
    const run = (at: string) =>
      runScheduledBackup({
        pool: t.database.pool,
        now: new Date(at),
        dir: folder,
        keep: 2,
        key: { key: identity, keyFile: undefined },
        source: "external",
      });
    await run("2026-12-05T00:30:00Z");
    await run("2026-12-06T00:30:00Z");
    const third = await run("2026-12-07T00:30:00Z");
    expect(third).toMatchObject({ file: "sofia-backup-20261207T003000Z.age", removed: 1, scheduled: true });
    expect(fs.readdirSync(folder).sort()).toEqual(["sofia-backup-20261206T003000Z.age", "sofia-backup-20261207T003000Z.age"]);
    expect(fs.statSync(path.join(folder, "sofia-backup-20261207T003000Z.age")).mode & 0o777).toBe(0o600);
    // The app's role took it: the file restores like any other.
    await checkBackup(path.join(folder, "sofia-backup-20261207T003000Z.age"), identity);

    const events = await query<{ event: string }>(
      t.database.ownerUrl,
      "select event from security_log where event like 'backup_%' order by id",
    );
    expect(events.map((e) => e.event)).toEqual(["backup_taken", "backup_taken", "backup_taken"]);
    const health = await get(t.app, null, "/healthz");
    expect(health.json().lastBackup).toMatch(/^\d{4}-\d\d-\d\dT/);
    const metrics = await get(t.app, null, "/metrics");
    const value = Number(/^sofia_last_backup_timestamp_seconds (\S+)$/m.exec(metrics.body)?.[1]);
    expect(value).toBeGreaterThan(0);

    // Without a key it fails, and says so in the security log.
    await expect(
      runScheduledBackup({
        pool: t.database.pool,
        now: t.clock.now(),
        dir: folder,
        keep: 2,
        key: { key: undefined, keyFile: undefined },
        source: "external",
      }),
    ).rejects.toMatchObject({ reason: "no_key" });
    const failed = await query(t.database.ownerUrl, "select 1 from security_log where event = 'backup_failed'");
    expect(failed).toHaveLength(1);
  });
});
