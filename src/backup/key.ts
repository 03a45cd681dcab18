/**
 * The backup key (decision 0067): an age X25519 identity (`AGE-SECRET-KEY-1…`) from
 * SOFIA_BACKUP_KEY or the file SOFIA_BACKUP_KEY_FILE. It is never written beside a backup;
 * `npm run backup -- --generate-key FILE` makes one, readable only by its owner (0600).
 */
import fs from "node:fs";
import { generateX25519Identity, identityToRecipient } from "age-encryption";
import { BackupError } from "./model.ts";

export interface BackupKeySettings {
  key: string | undefined;
  keyFile: string | undefined;
}

const IDENTITY = /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/;

/** The identity from the settings, checked by its form and by age itself; a BackupError otherwise. */
export async function readBackupKey(settings: BackupKeySettings): Promise<string> {
  let text = settings.key;
  if (!text && settings.keyFile) {
    try {
      text = fs.readFileSync(settings.keyFile, "utf8");
    } catch {
      throw new BackupError("no_key", `Nyckelfilen för säkerhetskopior (SOFIA_BACKUP_KEY_FILE=${settings.keyFile}) går inte att läsa.`);
    }
  }
  if (!text) {
    throw new BackupError(
      "no_key",
      "Ingen nyckel för säkerhetskopior: sätt SOFIA_BACKUP_KEY eller SOFIA_BACKUP_KEY_FILE " +
        "(skapa en med npm run backup -- --generate-key FIL).",
    );
  }
  // A key file may hold age-keygen's comment lines; the identity is the one line of its form.
  const identity = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .find((l) => IDENTITY.test(l));
  if (!identity) {
    throw new BackupError("bad_key", "Nyckeln för säkerhetskopior ska vara en age-nyckel som börjar med AGE-SECRET-KEY-1.");
  }
  try {
    await identityToRecipient(identity);
  } catch {
    throw new BackupError("bad_key", "Nyckeln för säkerhetskopior är inte en giltig age-nyckel.");
  }
  return identity;
}

/** Writes a new identity to `file` (mode 0600), never over an existing file; returns its public recipient. */
export async function generateKeyFile(file: string): Promise<string> {
  const identity = await generateX25519Identity();
  const recipient = await identityToRecipient(identity);
  try {
    fs.writeFileSync(file, `# Sofia backup key, created ${new Date().toISOString()}\n# public key: ${recipient}\n${identity}\n`, {
      mode: 0o600,
      flag: "wx",
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST")
      throw new BackupError("file_exists", `Filen ${file} finns redan: välj ett annat namn.`);
    throw e;
  }
  return recipient;
}
