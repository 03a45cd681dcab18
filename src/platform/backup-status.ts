/**
 * When the last good backup was taken (decision 0067): the newest `backup_taken` event of the
 * security log, which every backup writes (the scheduled job and `npm run backup`). Read by
 * `/healthz` and the metric `sofia_last_backup_timestamp_seconds`; kept a minute, and at once
 * when a backup in this process says so (`noteBackupTaken`).
 */
import type pg from "pg";

const KEEP_MS = 60_000;
/** Per database pool (a test process may hold several apps). */
const known = new WeakMap<pg.Pool, { at: Date | null; read: number }>();

/** The time of the last good backup, or null when none is recorded. */
export async function lastGoodBackup(pool: pg.Pool): Promise<Date | null> {
  const kept = known.get(pool);
  if (kept && Date.now() - kept.read < KEEP_MS) return kept.at;
  const { rows } = await pool.query<{ at: Date }>("select at from security_log where event = 'backup_taken' order by at desc limit 1");
  const at = rows[0]?.at ?? null;
  known.set(pool, { at, read: Date.now() });
  return at;
}

/** A backup this process took through `pool`: the next read answers it without asking the database. */
export function noteBackupTaken(pool: pg.Pool, at: Date): void {
  const kept = known.get(pool);
  if (!kept?.at || kept.at < at) known.set(pool, { at, read: Date.now() });
}
