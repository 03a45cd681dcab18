/**
 * The backup file's rules without I/O (decision 0067): the manifest and its schema, the refusals
 * with their Swedish messages, and the comparison of Sofia versions.
 */
import { z } from "zod";

/** The format of the file's contents (inside the age encryption): a tar with the manifest first. */
export const BACKUP_FORMAT = "sofia-backup/1";
/** PostgreSQL's COPY text format of every table inside one snapshot, the schema by the migrations. */
export const LOGICAL_METHOD = "logical-copy-text";
/**
 * The embedded cluster's files between pg_backup_start() and pg_backup_stop(), with its
 * backup_label; the WAL is in the archive folder (SOFIA_WAL_ARCHIVE), for a point-in-time restore.
 */
export const PHYSICAL_METHOD = "physical-base-backup";

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const tableEntrySchema = z.object({
  name: z.string().min(1).max(63),
  /** The columns in the order of the table's COPY data (generated columns left out). */
  columns: z.array(z.string().min(1)).min(1),
  /** The ORDER BY of the data and of its checksum (the primary key, or the whole row as text). */
  orderBy: z.string().min(1),
  rows: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  sha256,
});
export type TableEntry = z.infer<typeof tableEntrySchema>;

export const manifestSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  method: z.enum([LOGICAL_METHOD, PHYSICAL_METHOD]),
  sofiaVersion: z.string().regex(/^\d+\.\d+\.\d+/),
  /** The migration level: the journal's tag of the database's last applied migration. */
  migration: z.object({ tag: z.string().min(1), when: z.number().int() }),
  createdAt: z.string().datetime({ offset: true }),
  /** Where it was taken: the embedded cluster in the data folder, or DATABASE_URL. */
  source: z.enum(["embedded", "external"]),
  postgresVersion: z.string(),
  /** The identity-number keys the data needs (identity_key_checks, decision 0061): not in the file. */
  identityKeyIds: z.array(z.string()),
  /** In the order they are loaded: a table after the tables its foreign keys refer to (none in a physical backup). */
  tables: z.array(tableEntrySchema),
  sequences: z.array(
    z.object({
      name: z.string().min(1),
      lastValue: z
        .string()
        .regex(/^-?\d+$/)
        .nullable(),
    }),
  ),
});
export type Manifest = z.infer<typeof manifestSchema>;

/** Why a backup or a restore stops: `reason` names which, `message` says it in Swedish. */
export type BackupRefusal =
  | "no_key"
  | "bad_key"
  | "wrong_key"
  | "not_a_backup"
  | "truncated"
  | "tampered"
  | "newer_version"
  | "unknown_level"
  | "target_not_empty"
  | "verify_failed"
  | "file_exists"
  | "wal_archive_off";

export class BackupError extends Error {
  override name = "BackupError";
  constructor(
    readonly reason: BackupRefusal,
    message: string,
  ) {
    super(message);
  }
}

/** -1, 0 or 1 as version `a` is older, the same or newer than `b` (major.minor.patch, numerically). */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => (v.match(/^(\d+)\.(\d+)\.(\d+)/)?.slice(1) ?? ["0", "0", "0"]).map(Number);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** The checks of a manifest against the running Sofia, before anything is written. */
export function refuseManifest(manifest: Manifest, sofiaVersion: string, knownTags: readonly string[]): void {
  if (compareVersions(manifest.sofiaVersion, sofiaVersion) > 0) {
    throw new BackupError(
      "newer_version",
      `Säkerhetskopian är tagen av Sofia ${manifest.sofiaVersion}, som är nyare än den här (${sofiaVersion}). ` +
        "Uppgradera Sofia först och återställ sedan. Inget har skrivits.",
    );
  }
  if (!knownTags.includes(manifest.migration.tag)) {
    throw new BackupError(
      "unknown_level",
      `Säkerhetskopian har databasnivån ${manifest.migration.tag}, som den här Sofian inte känner till (den är nyare). ` +
        "Uppgradera Sofia först och återställ sedan. Inget har skrivits.",
    );
  }
}

/** Rows of COPY's text format: one line per row (a line break in a value is written \n). */
export function countLines(chunk: Uint8Array): number {
  let n = 0;
  for (const byte of chunk) if (byte === 10) n++;
  return n;
}
