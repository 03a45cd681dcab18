/**
 * Point in time on the embedded default (issue 20 item 3, decision 0067): with SOFIA_WAL_ARCHIVE
 * the cluster archives its WAL; `npm run backup` takes a base backup while it runs; two writes
 * follow; `npm run restore -- FILE --until <between them>` into a new data folder finds the first
 * and not the second.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { generateX25519Identity } from "age-encryption";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_IDENTITY_KEY } from "../../test/identity-key.ts";
import { waitUntil } from "../../test/wait.ts";
import { ensureDatabase, migrateDatabase, startEmbedded } from "../platform/database.ts";
import { backupCommand, restoreCommand } from "./cli.ts";

let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-pitr-"));
  // Traversable, so that PostgreSQL's own user reaches the folders inside it when the tests run as root.
  fs.chmodSync(dir, 0o711);
});

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

async function on<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function lines() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, say: (l: string) => out.push(l), warn: (l: string) => err.push(l) };
}

describe("a point-in-time restore", () => {
  it("replays the archived WAL to a time between two writes: the first is there, the second not", async () => {
    const data = path.join(dir, "data");
    const archive = path.join(dir, "wal");
    const env = {
      SOFIA_DATA_DIR: data,
      SOFIA_WAL_ARCHIVE: archive,
      SOFIA_BACKUP_KEY: await generateX25519Identity(),
      SOFIA_IDENTITY_KEY: TEST_IDENTITY_KEY,
    };
    const file = path.join(dir, "base.age");
    const server = await startEmbedded(data, () => {}, { walArchive: archive });
    let between: string;
    try {
      await ensureDatabase(server.adminUrl, "sofia");
      const url = server.urlFor("sofia");
      await migrateDatabase(url);
      const taken = lines();
      expect(await backupCommand(["--out", file], env, taken.say, taken.warn), taken.err.join("\n")).toBe(0);
      expect(taken.out.join("\n")).toContain("Basbackup skriven");
      process.stdout.write(`\n${taken.out[0]}\n`);

      between = await on(url, async (c) => {
        await c.query("insert into security_log (event, detail) values ('pitr_first', '{}')");
        const at = await c.query<{ t: string }>("select clock_timestamp()::text as t");
        await c.query("insert into security_log (event, detail) values ('pitr_second', '{}')");
        const segment = await c.query<{ f: string }>("select pg_walfile_name(pg_switch_wal()) as f");
        const name = segment.rows[0]?.f ?? "";
        await waitUntil("the WAL segment to be archived", () => fs.existsSync(path.join(archive, name)), Boolean, {
          within: 60_000,
          every: 100,
        });
        return at.rows[0]?.t ?? "";
      });
    } finally {
      await server.stop();
    }

    const restoredDir = path.join(dir, "restored");
    const restored = lines();
    const code = await restoreCommand([file, "--until", between], { ...env, SOFIA_DATA_DIR: restoredDir }, restored.say, restored.warn);
    expect(code, restored.err.join("\n")).toBe(0);
    expect(restored.out.join("\n")).toContain("Återställd till");
    process.stdout.write(`\n${restored.out.at(-1)}\n`);

    const again = await startEmbedded(restoredDir, () => {}, { walArchive: archive });
    try {
      const events = await on(again.urlFor("sofia"), async (c) =>
        (
          await c.query<{ event: string }>(
            "select event from security_log where event like 'pitr_%' or event = 'backup_restored' order by id",
          )
        ).rows.map((r) => r.event),
      );
      expect(events).toContain("pitr_first");
      expect(events).not.toContain("pitr_second");
      expect(events).toContain("backup_restored");
    } finally {
      await again.stop();
    }
  });
});
