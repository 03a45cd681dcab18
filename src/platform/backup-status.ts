/**
 * When the last good backup was taken (decision 0067): the newest `backup_taken` event of the
 * security log, which every backup writes (the scheduled job and `npm run backup`). Read by
 * `/healthz` and the metric `sofia_last_backup_timestamp_seconds`; kept a minute, and at once
 * when a backup in this process says so (`noteBackupTaken`).
 */
import type pg from "pg";

const KEEP_MS = 60_000;
let known: { at: Date | null; read: number } | undefined;

/** The time of the last good backup, or null when none is recorded. */
export async function lastGoodBackup(pool: pg.Pool): Promise<Date | null> {
  if (known && Date.now() - known.read < KEEP_MS) return known.at;
  const { rows } = await pool.query<{ at: Date }>("select at from security_log where event = 'backup_taken' order by at desc limit 1");
  known = { at: rows[0]?.at ?? null, read: Date.now() };
  return known.at;
}

/** A backup this process took: the next read answers it without asking the database. */
export function noteBackupTaken(at: Date): void {
  if (!known?.at || known.at < at) known = { at, read: Date.now() };
}
