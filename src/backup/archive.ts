/**
 * The backup file (decision 0067): a tar archive encrypted with age (age-encryption, X25519).
 * The tar holds `manifest.json` first, then one `tables/<name>.copy` per table, each PostgreSQL's
 * COPY text of the table. Written to `<file>.partial` (mode 0600) and renamed when whole, so that
 * a failed backup leaves no file that looks like one. Read as a stream: nothing is unpacked to disk.
 */
import fs from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Decrypter, Encrypter, identityToRecipient } from "age-encryption";
import { Header } from "tar";
import { BackupError } from "./model.ts";

const BLOCK = 512;
/**
 * age encrypts in chunks of 64 KiB; the manifest is padded so that every backup's plaintext is
 * longer than one chunk (`padManifest`), which lets a cut file be told from a changed one.
 */
export const MIN_PLAIN = 64 * 1024;

/**
 * The manifest's JSON with trailing spaces (JSON allows them) so that its entry (header and body)
 * fills the first chunk exactly: the first chunk is then the manifest, and the end blocks after it
 * make every backup longer than one chunk.
 */
export function padManifest(json: string): Buffer {
  const bytes = Buffer.from(`${json}\n`);
  const want = MIN_PLAIN - BLOCK;
  return bytes.length >= want ? bytes : Buffer.concat([bytes, Buffer.alloc(want - bytes.length, 0x20)]);
}

/** The tar header of a regular file `name` of `size` bytes. */
export function tarHeader(name: string, size: number, mtime: Date, type: "File" | "Directory" = "File"): Buffer {
  const block = Buffer.alloc(BLOCK);
  const header = new Header({ path: name, mode: type === "File" ? 0o600 : 0o700, size, mtime, type, uid: 0, gid: 0, uname: "", gname: "" });
  if (header.encode(block, 0)) throw new Error(`tar entry name too long: ${name}`);
  return block;
}

/** The zero bytes that fill an entry of `size` bytes to the next block. */
export const tarPadding = (size: number): Buffer => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK);
/** The end of an archive: two zero blocks. */
export const tarEnd = (): Buffer => Buffer.alloc(2 * BLOCK);
/** The bytes an entry of `size` bytes takes in the archive. */
export const tarSize = (size: number): number => BLOCK + size + tarPadding(size).length;

/**
 * Encrypts `body` to `file` for the identity's recipient. The file appears only when complete;
 * an existing file is never overwritten. Returns its size in bytes.
 */
export async function writeEncrypted(file: string, identity: string, body: AsyncIterable<Uint8Array>): Promise<number> {
  if (fs.existsSync(file)) throw new BackupError("file_exists", `Filen ${file} finns redan: välj ett annat namn.`);
  const encrypter = new Encrypter();
  encrypter.addRecipient(await identityToRecipient(identity));
  const plain = Readable.toWeb(Readable.from(body)) as ReadableStream<Uint8Array>;
  const encrypted = await encrypter.encrypt(plain);
  const partial = `${file}.partial`;
  try {
    await pipeline(
      Readable.fromWeb(encrypted as import("node:stream/web").ReadableStream<Uint8Array>),
      fs.createWriteStream(partial, { mode: 0o600 }),
    );
    fs.linkSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return fs.statSync(file).size;
}

/** Reads exact byte counts from a stream of chunks. */
class ByteReader {
  private buffer: Buffer = Buffer.alloc(0);
  private done = false;
  constructor(private readonly source: AsyncIterator<Uint8Array>) {}

  private async fill(n: number): Promise<void> {
    while (this.buffer.length < n && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else this.buffer = this.buffer.length ? Buffer.concat([this.buffer, next.value]) : Buffer.from(next.value);
    }
  }

  /** Exactly `n` bytes, or fewer at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const out = this.buffer.subarray(0, n);
    this.buffer = this.buffer.subarray(n);
    return out;
  }

  /** `n` bytes as chunks, as they come. */
  async *chunks(n: number): AsyncGenerator<Buffer> {
    let left = n;
    while (left > 0) {
      if (this.buffer.length === 0) await this.fill(1);
      if (this.buffer.length === 0) throw new Error("unexpected end of archive");
      const take = this.buffer.subarray(0, Math.min(left, this.buffer.length));
      this.buffer = this.buffer.subarray(take.length);
      left -= take.length;
      yield take;
    }
  }
}

export interface ArchiveEntry {
  name: string;
  type: "File" | "Directory";
  size: number;
  /** The entry's bytes; must be read whole before the next entry (or left: then they are skipped). */
  body: AsyncGenerator<Buffer>;
}

async function* withRefusal(chunks: AsyncGenerator<Buffer>, refusal: (e: unknown) => BackupError): AsyncGenerator<Buffer> {
  try {
    yield* chunks;
  } catch (e) {
    throw refusal(e);
  }
}

/** Why age refused a file, in the words of a refusal; `plainSize` is what the file's size can hold. */
function ageRefusal(e: unknown): BackupError {
  const text = e instanceof Error ? e.message : String(e);
  if (/no identity matched/.test(text)) {
    return new BackupError("wrong_key", "Nyckeln passar inte till säkerhetskopian (fel nyckel). Inget har skrivits.");
  }
  if (/version line|non-ASCII/.test(text)) {
    return new BackupError("not_a_backup", "Filen är inte en krypterad säkerhetskopia från Sofia. Inget har skrivits.");
  }
  return new BackupError("tampered", "Säkerhetskopian är skadad eller ändrad (krypteringens kontroll stämmer inte). Inget har skrivits.");
}

export const truncatedError = () =>
  new BackupError("truncated", "Säkerhetskopian är avkortad: filen är inte hel (kopierades den färdigt?). Inget har skrivits.");

/**
 * Decrypts `file` and yields its tar entries. `expectedSize(manifest)` is asked once the first
 * entry (the manifest) is read: when decryption fails later, a file shorter than the archive the
 * manifest describes is called truncated, any other failure tampered.
 */
export async function* readEncrypted(file: string, identity: string, plainSizeOf: () => number | undefined): AsyncGenerator<ArchiveEntry> {
  const fileSize = fs.statSync(file).size;
  const decrypter = new Decrypter();
  decrypter.addIdentity(identity);
  const input = Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
  let plain: Awaited<ReturnType<Decrypter["decrypt"]>> & ReadableStream<Uint8Array>;
  try {
    plain = (await decrypter.decrypt(input)) as typeof plain;
  } catch (e) {
    const refused = ageRefusal(e);
    // A file cut inside its header: every backup is longer than its first chunk.
    throw refused.reason === "tampered" && fileSize < MIN_PLAIN ? truncatedError() : refused;
  }
  let holds: number | undefined;
  try {
    holds = (plain as unknown as { size(n: number): number }).size(fileSize);
  } catch {
    holds = undefined;
  }
  const iterator = (plain as unknown as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const reader = new ByteReader(iterator);
  // age cannot tell a cut file from a changed one (the last chunk fails either way): the size can.
  // A file that cannot hold the archive its manifest describes (or, before the manifest is read,
  // the first chunk every backup fills) is truncated; any other failure is a change.
  const refusal = (e: unknown): BackupError => {
    if (e instanceof BackupError) return e;
    const expected = plainSizeOf() ?? MIN_PLAIN + 1;
    if (holds === undefined || holds < expected) return truncatedError();
    return ageRefusal(e);
  };
  try {
    for (;;) {
      const block = await reader.read(BLOCK);
      if (block.length < BLOCK) throw truncatedError();
      if (block.every((b) => b === 0)) break;
      const header = new Header(block);
      const type = header.type;
      if (!header.cksumValid || (type !== "File" && type !== "Directory") || !header.path || header.size === undefined) {
        throw new BackupError(
          "not_a_backup",
          "Filen är inte en säkerhetskopia från Sofia (innehållet känns inte igen). Inget har skrivits.",
        );
      }
      const size = header.size;
      const body = withRefusal(reader.chunks(size), refusal);
      yield { name: header.path, type, size, body };
      // Whatever the reader left of the entry, and the padding.
      for await (const _ of body) {
        // skipped
      }
      const pad = tarPadding(size).length;
      if (pad && (await reader.read(pad)).length < pad) throw truncatedError();
    }
    // The end blocks' second half, then nothing more: the decrypter checks the last chunk here.
    await reader.read(BLOCK);
    await reader.read(1);
  } catch (e) {
    throw refusal(e);
  }
}
