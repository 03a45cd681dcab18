/**
 * Identity numbers at rest (decision 0061), against a real PostgreSQL with the demo data and the
 * real start: a database whose numbers are in the clear is upgraded and holds none afterwards; the
 * search and the reveal still work with need-to-know; a missing or wrong key stops the start with a
 * message that says which; the rotation command re-encrypts every number and search still works.
 */
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { and, eq, isNotNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextOf, type DecidedFamily, decidedFamily } from "../../../test/fixtures.ts";
import { asOwner, createTestApp, type TestApp } from "../../../test/helpers.ts";
import { TEST_IDENTITY_KEY } from "../../../test/identity-key.ts";
import { auditLog, followupImportUploads, identityKeyChecks, municipalities, requestPersons } from "../../db/schema/index.ts";
import {
  IdentityKeyError,
  IdentityKeyring,
  installIdentityKeys,
  KEY_FILE_NAME,
  openDocument,
  openIdentityNumber,
  prepareIdentityKeys,
} from "../../platform/identity-crypto.ts";
import { revealIdentityNumber } from "../service.ts";
import { searchFamilies } from "./service.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const TOLVAN = "191212121212";
const testKeyring = () => new IdentityKeyring([{ key: Buffer.from(TEST_IDENTITY_KEY, "base64") }]);

let t: TestApp;
let family: DecidedFamily;
let dataDir: string;
/** Every identity number of the database, in the clear, read before the upgrade. */
let clear: string[];
const db = () => t.database.db;
const ignore = () => {};

beforeAll(async () => {
  t = await createTestApp();
  family = await decidedFamily(t);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-identity-"));
});

afterAll(async () => {
  installIdentityKeys(testKeyring());
  await t?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/**
 * The database as an install older than decision 0061 left it, after migration 0030: every number
 * in the clear column, nothing sealed, no key check, and an outcomes file waiting in the clear.
 */
async function asBeforeTheUpgrade(): Promise<void> {
  const sealed = await db()
    .select({ id: requestPersons.id, sealed: requestPersons.identityNumberSealed })
    .from(requestPersons)
    .where(isNotNull(requestPersons.identityNumberSealed));
  clear = sealed.map((r) => openIdentityNumber(r.sealed) ?? "");
  // Changing a constraint is the owner's (decision 0063); the app's role only writes rows.
  await asOwner(t.database, (owner) =>
    owner.execute(sql`alter table request_persons drop constraint request_persons_identity_number_not_clear`),
  );
  for (const r of sealed) {
    await db()
      .update(requestPersons)
      .set({ clearIdentityNumber: openIdentityNumber(r.sealed), identityNumberSealed: null, identityNumberIndex: null })
      .where(eq(requestPersons.id, r.id));
  }
  await asOwner(t.database, (owner) =>
    owner.execute(
      sql`alter table request_persons add constraint request_persons_identity_number_not_clear check (identity_number is null) not valid`,
    ),
  );
  await db().delete(identityKeyChecks);
  const [m] = await db().select({ id: municipalities.id }).from(municipalities);
  await db()
    .insert(followupImportUploads)
    .values({ municipalityId: m?.id ?? "", kind: "outcomes", fileName: "utfall.csv", format: "csv", cells: [["personnummer"], [TOLVAN]] });
}

/** Every text, JSON and array column of every table, as pg_dump would write it, that holds one of the numbers. */
async function clearValuesAnywhere(numbers: string[]): Promise<string[]> {
  const columns = (
    await db().execute(sql`select table_name, column_name from information_schema.columns
      where table_schema = 'public' and data_type in ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`)
  ).rows as Array<{ table_name: string; column_name: string }>;
  const found: string[] = [];
  const forms = numbers.flatMap((n) => [n, `${n.slice(0, 8)}-${n.slice(8)}`, n.slice(2)]);
  for (const c of columns) {
    const values = (
      await db().execute(sql.raw(`select "${c.column_name}"::text as v from "${c.table_name}" where "${c.column_name}" is not null`))
    ).rows as Array<{ v: string }>;
    for (const { v } of values) if (forms.some((f) => v.includes(f))) found.push(`${c.table_name}.${c.column_name}`);
  }
  return [...new Set(found)];
}

/** Runs the start (src/main.ts) or a script on the test database; resolves with its exit code and output. */
function run(file: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", file], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: t.database.url,
      DATABASE_OWNER_URL: t.database.ownerUrl,
      SOFIA_DATA_DIR: dataDir,
      SOFIA_WORKERS: "1",
      LOG_LEVEL: "silent",
      PORT: "0",
      ...env,
    },
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, output })));
}

describe("the upgrade of a database with identity numbers in the clear", () => {
  it("encrypts every number at start, in batches, once, and leaves none in the clear in any column", async () => {
    await asBeforeTheUpgrade();
    expect(clear).toContain(TOLVAN);
    expect(clear.length).toBeGreaterThan(20);
    expect(await clearValuesAnywhere([TOLVAN])).toEqual(
      expect.arrayContaining(["request_persons.identity_number", "followup_import_uploads.cells"]),
    );

    const lines: string[] = [];
    await prepareIdentityKeys(db(), { key: TEST_IDENTITY_KEY }, dataDir, (l) => lines.push(l), 7);
    expect(lines).toEqual([`Krypterade ${clear.length + 1} personnummer som låg i klartext (beslut 0061).`]);
    expect(await clearValuesAnywhere(clear)).toEqual([]);
    const [left] = await db()
      .select({ n: sql<number>`count(*)::int` })
      .from(requestPersons)
      .where(isNotNull(requestPersons.clearIdentityNumber));
    expect(left?.n).toBe(0);
    const opened = await db()
      .select({ sealed: requestPersons.identityNumberSealed })
      .from(requestPersons)
      .where(isNotNull(requestPersons.identityNumberSealed));
    expect(opened.map((r) => openIdentityNumber(r.sealed)).sort()).toEqual([...clear].sort());
    const [upload] = await db().select({ cells: followupImportUploads.cells }).from(followupImportUploads);
    expect(openDocument(upload?.cells)).toEqual([["personnummer"], [TOLVAN]]);
    expect((await db().select().from(identityKeyChecks)).length).toBe(1);
    // Nothing in the clear can come back: the check constraint refuses it.
    await expect(
      db()
        .update(requestPersons)
        .set({ clearIdentityNumber: TOLVAN })
        .where(eq(requestPersons.id, family.guardianIds[0] ?? "")),
    ).rejects.toThrow();

    // A second start finds nothing to do.
    const again: string[] = [];
    await prepareIdentityKeys(db(), { key: TEST_IDENTITY_KEY }, dataDir, (l) => again.push(l));
    expect(again).toEqual([]);
  });

  it("still finds the family by identity number for those who work with it, and no one else", async () => {
    const caseworker = await contextOf(t, "barnhandlaggare");
    for (const q of ["19121212-1212", "121212-1212", "1212121212"]) {
      const hits = await searchFamilies(caseworker, q);
      expect(hits.map((h) => h.processId)).toContain(family.processId);
      expect(hits.find((h) => h.processId === family.processId)?.maskedIdentityNumber).toBe("19121212-****");
    }
    const other = await contextOf(t, "handlaggare.syd");
    expect((await searchFamilies(other, "19121212-1212")).map((h) => h.processId)).not.toContain(family.processId);
  });

  it("still reveals the full number with a reason, audited", async () => {
    const personId = family.person("Tolvan Tolvansson");
    const caseworker = await contextOf(t, "barnhandlaggare");
    expect(await revealIdentityNumber(caseworker, family.processId, personId, "Kontroll mot journalen")).toBe(TOLVAN);
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "person.reveal_identity_number"), eq(auditLog.subjectPersonId, personId)));
    expect(rows.map((r) => r.reason)).toContain("Kontroll mot journalen");
    expect(JSON.stringify(rows)).not.toContain(TOLVAN);
  });
});

describe("a missing or wrong key", () => {
  it("stops the start with a message that says which, and changes nothing", async () => {
    const before = await db().select().from(identityKeyChecks);
    const other = Buffer.alloc(32, "another key").toString("base64");
    await expect(prepareIdentityKeys(db(), { key: other }, dataDir, ignore)).rejects.toThrow(
      /^Fel nyckel för personnummer: personnumren är krypterade med nyckeln "k[\w-]+", och databasens kontrollvärde kan inte dekrypteras/,
    );
    // The same key id with another key: the check value does not decrypt.
    const [check] = before;
    await expect(prepareIdentityKeys(db(), { keys: `${check?.keyId}=${other}` }, dataDir, ignore)).rejects.toThrow(
      `Fel nyckel för personnummer: databasens kontrollvärde för nyckeln "${check?.keyId}" kan inte dekrypteras med den angivna nyckeln.`,
    );
    // No key configured and no key file in the data folder of a database that has numbers: missing, not created.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-identity-empty-"));
    try {
      await expect(prepareIdentityKeys(db(), {}, empty, ignore)).rejects.toThrow(
        `Nyckelfilen för personnummer saknas: ${path.join(empty, KEY_FILE_NAME)}.`,
      );
      expect(fs.existsSync(path.join(empty, KEY_FILE_NAME))).toBe(false);
      fs.writeFileSync(path.join(empty, "short.key"), Buffer.alloc(16).toString("base64"));
      await expect(prepareIdentityKeys(db(), { keyFile: path.join(empty, "short.key") }, empty, ignore)).rejects.toThrow(
        /fel längd: 16 byte, ska vara 32/,
      );
      await expect(prepareIdentityKeys(db(), { keyFile: empty }, empty, ignore)).rejects.toThrow(
        `Nyckelfilen för personnummer kan inte läsas: ${empty} (EISDIR).`,
      );
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    expect(await db().select().from(identityKeyChecks)).toEqual(before);
    expect(await clearValuesAnywhere([TOLVAN])).toEqual([]);
  });

  it("ends npm start with the Swedish message and exit code 1 before it serves", async () => {
    const other = Buffer.alloc(32, "another key").toString("base64");
    const { code, output } = await run("src/main.ts", { SOFIA_IDENTITY_KEY: other });
    expect(code).toBe(1);
    expect(output).toContain("Sofia startar inte: Fel nyckel för personnummer");
    expect(output).not.toContain("Sofia körs på");
  });
});

describe("rotation", () => {
  it("re-encrypts every number with the new key (npm run rotate-identity-key); search and reveal still work", async () => {
    const newKey = Buffer.alloc(32, "rotated key 2027").toString("base64");
    const keys = `r2027=${newKey},${TEST_IDENTITY_KEY}`;
    // While the app runs with both keys and before the rotation, search matches the old blind index.
    const both = new IdentityKeyring([
      { id: "r2027", key: Buffer.from(newKey, "base64") },
      { key: Buffer.from(TEST_IDENTITY_KEY, "base64") },
    ]);
    installIdentityKeys(both);
    const caseworker = await contextOf(t, "barnhandlaggare");
    expect((await searchFamilies(caseworker, "19121212-1212")).map((h) => h.processId)).toContain(family.processId);

    const { code, output } = await run("scripts/rotate-identity-key.ts", { SOFIA_IDENTITY_KEYS: keys });
    // Every number, and the outcomes file waiting for its preview.
    expect(output).toContain(`Krypterade om ${clear.length + 1} personnummer med nyckeln "r2027".`);
    expect(output).toContain("de äldre nycklarna kan tas bort ur SOFIA_IDENTITY_KEYS");
    expect(code).toBe(0);
    const stored = await db()
      .select({ sealed: requestPersons.identityNumberSealed })
      .from(requestPersons)
      .where(isNotNull(requestPersons.identityNumberSealed));
    expect(stored.every((r) => r.sealed?.startsWith("v1:r2027:"))).toBe(true);
    const [upload] = await db().select({ cells: followupImportUploads.cells }).from(followupImportUploads);
    expect(JSON.stringify(upload?.cells)).toContain('"v1:r2027:');

    // Run again: nothing left to do.
    expect((await run("scripts/rotate-identity-key.ts", { SOFIA_IDENTITY_KEYS: keys })).output).toContain("Krypterade om 0 personnummer");

    // The old key removed: search and reveal work with the new key alone; the start accepts it.
    installIdentityKeys(new IdentityKeyring([{ id: "r2027", key: Buffer.from(newKey, "base64") }]));
    for (const q of ["19121212-1212", "121212-1212"]) {
      expect((await searchFamilies(caseworker, q)).map((h) => h.processId)).toContain(family.processId);
    }
    expect(await revealIdentityNumber(caseworker, family.processId, family.person("Tolvan Tolvansson"), "Kontroll efter rotation")).toBe(
      TOLVAN,
    );
    await prepareIdentityKeys(db(), { keys: `r2027=${newKey}` }, dataDir, ignore);
    // And the old key alone is now the wrong one.
    await expect(prepareIdentityKeys(db(), { key: TEST_IDENTITY_KEY }, dataDir, ignore)).rejects.toThrow(IdentityKeyError);
  });
});
