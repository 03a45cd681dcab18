/**
 * Identity numbers (personnummer, samordningsnummer) encrypted at rest (decision 0061).
 *
 * A stored number is `v1:<keyId>:<nonce>:<ciphertext+tag>` (base64url): AES-256-GCM with a random
 * 96-bit nonce per value, under an encryption key derived with HKDF from the master key named by
 * `keyId`. Beside it a blind index for exact search: HMAC-SHA256 of the normalised 12 digits under
 * a second key derived from the same master key (another HKDF label), base64url. The masked and
 * the full display are computed after decryption, by the families module.
 *
 * The master keys come from SOFIA_IDENTITY_KEYS (`id=base64,id=base64`, the first the current),
 * SOFIA_IDENTITY_KEY (base64, 32 bytes) or SOFIA_IDENTITY_KEY_FILE; without any of them, from the
 * file `identity.key` in the data folder, created (mode 0600) on the first start of an empty
 * database. A missing, unreadable or wrong key stops the start with a Swedish message saying which
 * (`IdentityKeyError`); a wrong key is found by the key check values stored in the database
 * (`identity_key_checks`). Rotation: `rotateIdentityNumbers` re-encrypts every value with the
 * current key and recomputes its blind index, in batches; until it has run, search matches the
 * blind index of every configured key.
 *
 * Every read and write of an identity number goes through here and the families store.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { and, asc, eq, gt, isNotNull, like, sql } from "drizzle-orm";
import { followupImportUploads, identityKeyChecks, requestPersons } from "../db/schema/index.ts";
import { type Db, type DbOrTx, rows } from "./database.ts";

const FORMAT = "v1";
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Binds every ciphertext to its purpose: a value sealed for anything else does not open here. */
const AAD = Buffer.from("sofia:identity-number:v1");
const CHECK_PLAINTEXT = "sofia-identity-key-check";
/** The key file Sofia creates in its data folder when no key is configured. */
export const KEY_FILE_NAME = "identity.key";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Why the start stops: the message is shown to whoever starts Sofia, in Swedish. */
export class IdentityKeyError extends Error {
  override name = "IdentityKeyError";
}

interface DerivedKey {
  id: string;
  encryption: Buffer;
  index: Buffer;
}

function hkdf(master: Buffer, info: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", master, Buffer.alloc(0), Buffer.from(info), KEY_BYTES));
}

/** A key's id when none is given: a fingerprint of the key, which says nothing about it. */
function fingerprint(master: Buffer): string {
  return `k${hkdf(master, "sofia identity-number key id v1").subarray(0, 6).toString("base64url")}`;
}

function derive(id: string, master: Buffer): DerivedKey {
  return {
    id,
    encryption: hkdf(master, "sofia identity-number encryption v1"),
    index: hkdf(master, "sofia identity-number blind index v1"),
  };
}

/** The configured master keys, the first the current one: seals, opens and indexes identity numbers. */
export class IdentityKeyring {
  readonly keys: readonly DerivedKey[];

  constructor(masters: readonly { id?: string; key: Buffer }[]) {
    if (masters.length === 0) throw new IdentityKeyError("Ingen nyckel för personnummer är angiven.");
    const keys: DerivedKey[] = [];
    for (const m of masters) {
      if (m.key.length !== KEY_BYTES) {
        throw new IdentityKeyError(`Nyckeln för personnummer har fel längd: ${m.key.length} byte, ska vara ${KEY_BYTES} (base64).`);
      }
      const id = m.id ?? fingerprint(m.key);
      if (!KEY_ID.test(id))
        throw new IdentityKeyError(`Nyckel-id "${id}" för personnummer får bara innehålla A–Z, a–z, 0–9, _ och - (högst 32 tecken).`);
      if (keys.some((k) => k.id === id)) throw new IdentityKeyError(`Nyckel-id "${id}" för personnummer är angivet två gånger.`);
      keys.push(derive(id, m.key));
    }
    this.keys = keys;
  }

  get current(): DerivedKey {
    return this.keys[0] as DerivedKey;
  }

  private key(id: string): DerivedKey | undefined {
    return this.keys.find((k) => k.id === id);
  }

  /** Encrypts with the current key and a fresh nonce. */
  seal(plaintext: string, with_: DerivedKey = this.current): string {
    const nonce = crypto.randomBytes(NONCE_BYTES);
    const cipher = crypto.createCipheriv("aes-256-gcm", with_.encryption, nonce);
    cipher.setAAD(AAD);
    const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `${FORMAT}:${with_.id}:${nonce.toString("base64url")}:${body.toString("base64url")}`;
  }

  /** Decrypts a sealed value; throws when its key is not configured or it does not authenticate. */
  open(sealed: string): string {
    const parts = sealed.split(":");
    const [format, id = "", nonceText = "", bodyText = ""] = parts;
    if (parts.length !== 4 || format !== FORMAT) throw new Error("not a sealed identity number");
    const key = this.key(id);
    if (!key) throw new IdentityKeyError(`Personnumren är krypterade med nyckeln "${id}", som inte är angiven.`);
    const nonce = Buffer.from(nonceText, "base64url");
    const body = Buffer.from(bodyText, "base64url");
    if (nonce.length !== NONCE_BYTES || body.length < TAG_BYTES) throw new Error("not a sealed identity number");
    const decipher = crypto.createDecipheriv("aes-256-gcm", key.encryption, nonce);
    decipher.setAAD(AAD);
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  }

  /** The blind index of a normalised number under a key (the current one unless named). */
  index(normalized: string, key: DerivedKey = this.current): string {
    return crypto.createHmac("sha256", key.index).update(requireNormalized(normalized)).digest("base64url");
  }

  /** The blind indexes of a normalised number under every configured key (search during a rotation). */
  indexes(normalized: string): string[] {
    return this.keys.map((k) => this.index(normalized, k));
  }
}

function requireNormalized(normalized: string): string {
  if (!/^\d{12}$/.test(normalized)) throw new RangeError("An identity number must be the normalised 12 digits");
  return normalized;
}

/** The key id a sealed value names (without opening it). */
export function keyIdOf(sealed: string): string {
  return sealed.split(":")[1] ?? "";
}

let installed: IdentityKeyring | undefined;

/** Makes the keyring the one this process seals and opens with (main.ts at start, the test setup). */
export function installIdentityKeys(keyring: IdentityKeyring): void {
  installed = keyring;
}

export function identityKeys(): IdentityKeyring {
  if (!installed) throw new Error("No identity-number key installed (installIdentityKeys)");
  return installed;
}

/** The stored columns of a normalised number: its ciphertext and blind index; both null for none. */
export function sealIdentityNumber(normalized: string | null): { identityNumberSealed: string | null; identityNumberIndex: string | null } {
  if (normalized === null) return { identityNumberSealed: null, identityNumberIndex: null };
  const keys = identityKeys();
  return { identityNumberSealed: keys.seal(requireNormalized(normalized)), identityNumberIndex: keys.index(normalized) };
}

/** A person row as stored: its `identityNumber` (12 digits or null) replaced by the ciphertext and the blind index. */
export function withSealedIdentityNumber<T extends { identityNumber: string | null }>({
  identityNumber,
  ...row
}: T): Omit<T, "identityNumber"> & ReturnType<typeof sealIdentityNumber> {
  return { ...row, ...sealIdentityNumber(identityNumber) };
}

/** The normalised 12 digits of a stored ciphertext; null for none. */
export function openIdentityNumber(sealed: string | null): string | null {
  return sealed === null ? null : identityKeys().open(sealed);
}

/**
 * A JSON document that may carry identity numbers (an uploaded outcomes file waiting for its
 * preview to be confirmed), as stored: `{ sealed: "v1:…" }`.
 */
export function sealDocument(value: unknown): { sealed: string } {
  return { sealed: identityKeys().seal(JSON.stringify(value)) };
}

/** A stored document's value; a document stored before decision 0061 (not sealed) as it is. */
export function openDocument(stored: unknown): unknown {
  if (isSealedDocument(stored)) return JSON.parse(identityKeys().open(stored.sealed));
  return stored;
}

function isSealedDocument(stored: unknown): stored is { sealed: string } {
  return typeof stored === "object" && stored !== null && typeof (stored as { sealed?: unknown }).sealed === "string";
}

/** The blind indexes to search for: every candidate number under every configured key. */
export function identityIndexes(candidates: readonly string[]): string[] {
  const keys = identityKeys();
  return [...new Set(candidates.flatMap((c) => keys.indexes(c)))];
}

// ---- Reading the keys ----

function decodeKey(text: string, where: string): Buffer {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new IdentityKeyError(`Nyckeln för personnummer i ${where} är inte base64.`);
  const key = Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES) {
    throw new IdentityKeyError(`Nyckeln för personnummer i ${where} har fel längd: ${key.length} byte, ska vara ${KEY_BYTES}.`);
  }
  return key;
}

function readKeyFile(file: string): Buffer {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new IdentityKeyError(
        `Nyckelfilen för personnummer saknas: ${file}. Återställ den från nyckelns säkerhetskopia; utan den kan de lagrade personnumren inte läsas.`,
      );
    }
    throw new IdentityKeyError(
      `Nyckelfilen för personnummer kan inte läsas: ${file} (${code ?? "okänt fel"}). Kontrollera filens behörigheter.`,
    );
  }
  return decodeKey(text, `nyckelfilen ${file}`);
}

/** Where the keys come from (platform/config.ts reads them from the environment). */
export interface IdentityKeySettings {
  /** SOFIA_IDENTITY_KEYS: `id=base64,base64,…` (a key without an id has its fingerprint as id), the first the current key (rotation). */
  keys?: string | undefined;
  /** SOFIA_IDENTITY_KEY: one key, base64 of 32 bytes. */
  key?: string | undefined;
  /** SOFIA_IDENTITY_KEY_FILE: a file holding one key in base64. */
  keyFile?: string | undefined;
}

export interface KeySource {
  keyring: IdentityKeyring;
  /** The key file Sofia created in its data folder on this start, if it did. */
  created?: string;
}

/**
 * The configured keys, or the data folder's key file. `mayCreate`: the database has no identity
 * numbers and no key check yet, so that a missing default key file is created rather than missing.
 */
export function readIdentityKeys(settings: IdentityKeySettings, dataDir: string, mayCreate: boolean): KeySource {
  if (settings.keys) {
    const pairs = settings.keys.split(",").map((p) => p.trim());
    return {
      keyring: new IdentityKeyring(
        pairs.map((pair) => {
          // "id=base64", or a key alone (its id is its fingerprint, as for SOFIA_IDENTITY_KEY): an
          // id is at most 32 characters, and base64 has "=" only at its end.
          const at = pair.indexOf("=");
          if (at === 0)
            throw new IdentityKeyError("SOFIA_IDENTITY_KEYS ska vara nycklar (base64) eller par av nyckel-id=base64, avskilda med komma.");
          if (at === -1 || at > 32) return { key: decodeKey(pair, "SOFIA_IDENTITY_KEYS") };
          const id = pair.slice(0, at);
          return { id, key: decodeKey(pair.slice(at + 1), `SOFIA_IDENTITY_KEYS (${id})`) };
        }),
      ),
    };
  }
  if (settings.key) return { keyring: new IdentityKeyring([{ key: decodeKey(settings.key, "SOFIA_IDENTITY_KEY") }]) };
  if (settings.keyFile) return { keyring: new IdentityKeyring([{ key: readKeyFile(path.resolve(settings.keyFile)) }]) };
  const file = path.join(dataDir, KEY_FILE_NAME);
  if (!fs.existsSync(file) && mayCreate) {
    fs.mkdirSync(dataDir, { recursive: true });
    // "wx": never overwrite a key that another process wrote meanwhile.
    fs.writeFileSync(file, `${crypto.randomBytes(KEY_BYTES).toString("base64")}\n`, { mode: 0o600, flag: "wx" });
    return { keyring: new IdentityKeyring([{ key: readKeyFile(file) }]), created: file };
  }
  return { keyring: new IdentityKeyring([{ key: readKeyFile(file) }]) };
}

/**
 * The start's step after the migrations (platform/boot.ts): reads the keys (creating the data
 * folder's key file for a new database), checks them against the database's key check values,
 * encrypts any identity number still in the clear, and installs the keys for this process.
 * Throws `IdentityKeyError` (missing, unreadable, wrong length, wrong key) before anything is served.
 */
export async function prepareIdentityKeys(
  db: Db,
  settings: IdentityKeySettings,
  dataDir: string,
  log: (line: string) => void,
  batch = IDENTITY_BATCH,
): Promise<IdentityKeyring> {
  const source = readIdentityKeys(settings, dataDir, await identityKeysUnused(db));
  if (source.created) {
    log(`Nyckelfil för personnummer skapad: ${source.created}. Säkerhetskopiera den separat från databasens säkerhetskopior (README).`);
  }
  await checkIdentityKeys(db, source.keyring);
  const encrypted = await encryptClearIdentityNumbers(db, source.keyring, batch);
  if (encrypted > 0) {
    // The old row versions that held the clear values become free space now rather than at the next autovacuum.
    await db.execute(sql`vacuum ${requestPersons}, ${followupImportUploads}`);
    log(`Krypterade ${encrypted} personnummer som låg i klartext (beslut 0061).`);
  }
  installIdentityKeys(source.keyring);
  return source.keyring;
}

// ---- At start: the key check and the encryption of clear values ----

/** Whether the database has no identity numbers and no key check yet (a new key may be created). */
export async function identityKeysUnused(db: DbOrTx): Promise<boolean> {
  const [row] = await rows<{ used: boolean }>(
    db,
    sql`select exists (select 1 from ${identityKeyChecks})
      or exists (select 1 from ${requestPersons} where ${requestPersons.identityNumberSealed} is not null or ${requestPersons.clearIdentityNumber} is not null) as used`,
  );
  return !row?.used;
}

/**
 * Checks the configured keys against the database before anything is served: each key's stored
 * check value must decrypt (else the key is wrong), and every stored number must be under a
 * configured key (else one is missing). Stores the check value of a key that has none.
 */
export async function checkIdentityKeys(db: DbOrTx, keyring: IdentityKeyring): Promise<void> {
  const checks = await db.select().from(identityKeyChecks);
  for (const c of checks) {
    if (!keyring.keys.some((k) => k.id === c.keyId)) continue;
    let opened: string | undefined;
    try {
      opened = keyring.open(c.checkValue);
    } catch {
      opened = undefined;
    }
    if (opened !== CHECK_PLAINTEXT) {
      throw new IdentityKeyError(
        `Fel nyckel för personnummer: databasens kontrollvärde för nyckeln "${c.keyId}" kan inte dekrypteras med den angivna nyckeln.`,
      );
    }
  }
  const used = await rows<{ key_id: string }>(
    db,
    sql`select distinct split_part(${requestPersons.identityNumberSealed}, ':', 2) as key_id from ${requestPersons}
        where ${requestPersons.identityNumberSealed} is not null`,
  );
  for (const { key_id } of used) {
    if (keyring.keys.some((k) => k.id === key_id)) continue;
    const known = checks.some((c) => c.keyId === key_id);
    throw new IdentityKeyError(
      known
        ? `Fel nyckel för personnummer: personnumren är krypterade med nyckeln "${key_id}", och databasens kontrollvärde kan inte dekrypteras med den angivna nyckeln. Ange rätt nyckel (eller behåll den gamla i SOFIA_IDENTITY_KEYS tills rotationen har körts).`
        : `Nyckeln "${key_id}" som personnumren är krypterade med är inte angiven.`,
    );
  }
  for (const k of keyring.keys) {
    if (checks.some((c) => c.keyId === k.id)) continue;
    await db
      .insert(identityKeyChecks)
      .values({ keyId: k.id, checkValue: keyring.seal(CHECK_PLAINTEXT, k) })
      .onConflictDoNothing();
  }
}

/** Rows changed per transaction when encrypting or rotating. */
export const IDENTITY_BATCH = 500;

/**
 * Encrypts every identity number still in the clear (an install older than decision 0061), in
 * batches, idempotently: each row gets its ciphertext and blind index and loses its clear value in
 * one statement. Returns how many it encrypted.
 */
export async function encryptClearIdentityNumbers(db: DbOrTx, keyring: IdentityKeyring, batch = IDENTITY_BATCH): Promise<number> {
  let done = 0;
  for (;;) {
    const batchRows = await db
      .select({ id: requestPersons.id, clear: requestPersons.clearIdentityNumber })
      .from(requestPersons)
      .where(isNotNull(requestPersons.clearIdentityNumber))
      .orderBy(asc(requestPersons.id))
      .limit(batch);
    if (batchRows.length === 0) return done + (await sealClearUploads(db, keyring));
    await db.transaction(async (tx) => {
      for (const r of batchRows) {
        const clear = r.clear ?? "";
        await tx
          .update(requestPersons)
          .set({ clearIdentityNumber: null, identityNumberSealed: keyring.seal(clear), identityNumberIndex: keyring.index(clear) })
          .where(and(eq(requestPersons.id, r.id), eq(requestPersons.clearIdentityNumber, clear)));
      }
    });
    done += batchRows.length;
  }
}

/** Uploaded files waiting for their preview stored before decision 0061: their cells sealed. */
async function sealClearUploads(db: DbOrTx, keyring: IdentityKeyring): Promise<number> {
  const clear = await db
    .select({ id: followupImportUploads.id, cells: followupImportUploads.cells })
    .from(followupImportUploads)
    .where(sql`jsonb_typeof(${followupImportUploads.cells}) = 'array'`);
  for (const u of clear) {
    await db
      .update(followupImportUploads)
      .set({ cells: { sealed: keyring.seal(JSON.stringify(u.cells)) } })
      .where(eq(followupImportUploads.id, u.id));
  }
  return clear.length;
}

/**
 * Re-encrypts every identity number that is not under the current key with the current key and
 * recomputes its blind index, in batches of one transaction each; safe to run again after an
 * interruption. Returns how many it changed.
 */
export async function rotateIdentityNumbers(db: DbOrTx, keyring: IdentityKeyring, batch = IDENTITY_BATCH): Promise<number> {
  const current = keyring.current;
  let done = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batchRows = await db
      .select({ id: requestPersons.id, sealed: requestPersons.identityNumberSealed })
      .from(requestPersons)
      .where(and(isNotNull(requestPersons.identityNumberSealed), gt(requestPersons.id, after)))
      .orderBy(asc(requestPersons.id))
      .limit(batch);
    const last = batchRows.at(-1);
    if (!last) return done + (await rotateUploads(db, keyring));
    after = last.id;
    const stale = batchRows.filter((r) => r.sealed !== null && keyIdOf(r.sealed) !== current.id);
    if (stale.length === 0) continue;
    await db.transaction(async (tx) => {
      for (const r of stale) {
        const sealed = r.sealed ?? "";
        const plain = keyring.open(sealed);
        await tx
          .update(requestPersons)
          .set({ identityNumberSealed: keyring.seal(plain), identityNumberIndex: keyring.index(plain) })
          .where(and(eq(requestPersons.id, r.id), eq(requestPersons.identityNumberSealed, sealed)));
      }
    });
    done += stale.length;
  }
}

/** Uploaded files waiting for their preview (at most a day old): their cells sealed again with the current key. */
async function rotateUploads(db: DbOrTx, keyring: IdentityKeyring): Promise<number> {
  const stale = await db
    .select({ id: followupImportUploads.id, cells: followupImportUploads.cells })
    .from(followupImportUploads)
    .where(sql`${followupImportUploads.cells}->>'sealed' not like ${`${FORMAT}:${keyring.current.id}:%`}`);
  for (const u of stale) {
    const sealed = (u.cells as { sealed: string }).sealed;
    await db
      .update(followupImportUploads)
      .set({ cells: { sealed: keyring.seal(keyring.open(sealed)) } })
      .where(eq(followupImportUploads.id, u.id));
  }
  return stale.length;
}

/** How many stored numbers are under a key other than the current one (the rotation's work left). */
export async function identityNumbersNotUnderCurrent(db: DbOrTx, keyring: IdentityKeyring): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(requestPersons)
    .where(
      and(
        isNotNull(requestPersons.identityNumberSealed),
        sql`not (${like(requestPersons.identityNumberSealed, `${FORMAT}:${keyring.current.id}:%`)})`,
      ),
    );
  return row?.n ?? 0;
}
