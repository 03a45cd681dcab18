/**
 * The identity-number keyring (decision 0061): AES-256-GCM with a fresh nonce per value, the key id
 * with the ciphertext, a keyed blind index, and the keys read from the environment or the data
 * folder's key file, created with mode 0600 on the first start of an empty database.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../../test/helpers.ts";
import { identityKeyChecks } from "../db/schema/index.ts";
import {
  IdentityKeyError,
  IdentityKeyring,
  identityKeys,
  installIdentityKeys,
  KEY_FILE_NAME,
  keyIdOf,
  prepareIdentityKeys,
  readIdentityKeys,
} from "./identity-crypto.ts";

const key = (fill: string) => Buffer.alloc(32, fill);
const N = "191212121212";

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "sofia-keys-"));
});
afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("sealing and opening", () => {
  const ring = new IdentityKeyring([{ id: "a", key: key("a") }, { key: key("b") }]);

  it("opens what it sealed; every sealing has its own nonce; the key id is stored with it", () => {
    const one = ring.seal(N);
    const two = ring.seal(N);
    expect(one).not.toBe(two);
    expect(one).toMatch(/^v1:a:[\w-]{16}:[\w-]{38}$/);
    expect(one).not.toContain(N);
    expect(keyIdOf(one)).toBe("a");
    expect(ring.open(one)).toBe(N);
    expect(ring.open(two)).toBe(N);
  });

  it("refuses a changed ciphertext, a value of an unknown key and what is not a sealed value", () => {
    const sealed = ring.seal(N);
    const parts = sealed.split(":");
    const body = Buffer.from(parts[3] ?? "", "base64url");
    body[0] = (body[0] ?? 0) ^ 1;
    expect(() => ring.open([parts[0], parts[1], parts[2], body.toString("base64url")].join(":"))).toThrow();
    expect(() => new IdentityKeyring([{ id: "a", key: key("z") }]).open(sealed)).toThrow();
    expect(() => new IdentityKeyring([{ id: "c", key: key("a") }]).open(sealed)).toThrow(IdentityKeyError);
    expect(() => ring.open(N)).toThrow("not a sealed identity number");
  });

  it("gives one blind index per number and key, none of them the number", () => {
    expect(ring.index(N)).toBe(ring.index(N));
    expect(ring.index(N)).toMatch(/^[\w-]{43}$/);
    expect(ring.index(N)).not.toBe(ring.index("191212121213"));
    const [current, older] = ring.indexes(N);
    expect(current).toBe(ring.index(N));
    expect(older).not.toBe(current);
    expect(new IdentityKeyring([{ key: key("b") }]).index(N)).toBe(older);
    expect(() => ring.index("121212-1212")).toThrow(RangeError);
  });
});

describe("reading the keys", () => {
  it("reads SOFIA_IDENTITY_KEYS with ids or without (the key's fingerprint), the first the current", () => {
    const b64 = (fill: string) => key(fill).toString("base64");
    const { keyring } = readIdentityKeys({ keys: `ny=${b64("n")}, ${b64("o")}` }, dir, false);
    expect(keyring.keys.map((k) => k.id)).toEqual(["ny", readIdentityKeys({ key: b64("o") }, dir, false).keyring.current.id]);
    expect(keyring.current.id).toBe("ny");
  });

  it("says what is wrong with a configured key, in Swedish", () => {
    expect(() => readIdentityKeys({ key: "inte base64!" }, dir, false)).toThrow(
      "Nyckeln för personnummer i SOFIA_IDENTITY_KEY är inte base64.",
    );
    expect(() => readIdentityKeys({ key: key("x").subarray(0, 31).toString("base64") }, dir, false)).toThrow(
      "Nyckeln för personnummer i SOFIA_IDENTITY_KEY har fel längd: 31 byte, ska vara 32.",
    );
    expect(() => readIdentityKeys({ keys: `a=${key("x").toString("base64")},a=${key("y").toString("base64")}` }, dir, false)).toThrow(
      'Nyckel-id "a" för personnummer är angivet två gånger.',
    );
    expect(() => readIdentityKeys({ keyFile: path.join(dir, "finns-inte.key") }, dir, false)).toThrow(
      `Nyckelfilen för personnummer saknas: ${path.join(dir, "finns-inte.key")}.`,
    );
  });

  it("creates the data folder's key file (0600) on the first start of an empty database, and reads it after", async () => {
    const database = await createTestDatabase();
    const installed = identityKeys();
    const dataDir = path.join(dir, "data");
    try {
      const lines: string[] = [];
      const first = await prepareIdentityKeys(database.db, {}, dataDir, (l) => lines.push(l));
      const file = path.join(dataDir, KEY_FILE_NAME);
      expect(lines).toEqual([
        `Nyckelfil för personnummer skapad: ${file}. Säkerhetskopiera den separat från databasens säkerhetskopior (README).`,
      ]);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64")).toHaveLength(32);
      expect(identityKeys()).toBe(first);
      expect((await database.db.select().from(identityKeyChecks)).map((c) => c.keyId)).toEqual([first.current.id]);

      const again: string[] = [];
      const second = await prepareIdentityKeys(database.db, {}, dataDir, (l) => again.push(l));
      expect(again).toEqual([]);
      expect(second.current.id).toBe(first.current.id);

      // The key file lost: the database has a key check, so it is missing, not made anew.
      fs.rmSync(file);
      await expect(prepareIdentityKeys(database.db, {}, dataDir, () => {})).rejects.toThrow(
        `Nyckelfilen för personnummer saknas: ${file}.`,
      );
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      installIdentityKeys(installed);
      await database.drop();
    }
  });
});
