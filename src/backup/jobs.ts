/**
 * The scheduled backup (decision 0067): off unless SOFIA_BACKUP_DIR names a folder; then at
 * SOFIA_BACKUP_CRON (Swedish time) a backup into that folder, the oldest removed beyond
 * SOFIA_BACKUP_KEEP, and a security event for every backup taken or failed.
 */
import fs from "node:fs";
import path from "node:path";
import type pg from "pg";
import { noteBackupTaken } from "../platform/backup-status.ts";
import type { Clock } from "../platform/clock.ts";
import type { Config } from "../platform/config.ts";
import type { Db } from "../platform/database.ts";
import { type JobDefinition, STOCKHOLM } from "../platform/jobs.ts";
import { readBackupKey } from "./key.ts";
import { BackupError } from "./model.ts";
import { pruneBackups, recordBackupEvent, scheduledName, takeBackup } from "./service.ts";

export const SCHEDULED_BACKUP = "backup.scheduled";

export function backupJobs(db: Db, clock: Clock, config: Config): JobDefinition[] {
  const dir = config.backup.dir;
  if (!dir) return [];
  return [
    {
      name: SCHEDULED_BACKUP,
      cron: config.backup.cron,
      timeZone: STOCKHOLM,
      handler: () =>
        runScheduledBackup({
          // The app's own pool (drizzle keeps it as $client): the backup reads as the app's role.
          pool: (db as unknown as { $client: pg.Pool }).$client,
          now: clock.now(),
          dir,
          keep: config.backup.keep,
          key: config.backup,
          source: config.databaseUrl ? "external" : "embedded",
        }),
    },
  ];
}

/** One scheduled backup; its result (file, size, tables, rows, removed files) is the job's output. */
export async function runScheduledBackup(options: {
  pool: pg.Pool;
  now: Date;
  dir: string;
  keep: number;
  key: { key: string | undefined; keyFile: string | undefined };
  source: "embedded" | "external";
}): Promise<Record<string, unknown>> {
  const started = Date.now();
  try {
    const identity = await readBackupKey(options.key);
    fs.mkdirSync(options.dir, { recursive: true, mode: 0o700 });
    const file = path.join(options.dir, scheduledName(options.now));
    const result = await takeBackup({ connection: options.pool, out: file, identity, source: options.source, now: options.now });
    const removed = pruneBackups(options.dir, options.keep);
    const detail = {
      file: path.basename(file),
      bytes: result.bytes,
      tables: result.manifest.tables.length,
      rows: result.manifest.tables.reduce((n, t) => n + t.rows, 0),
      migration: result.manifest.migration.tag,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      scheduled: true,
      removed: removed.length,
    };
    await recordBackupEvent(options.pool, "backup_taken", detail);
    noteBackupTaken(options.pool, new Date());
    return detail;
  } catch (e) {
    const reason = e instanceof BackupError ? e.reason : e instanceof Error ? e.name : "error";
    await recordBackupEvent(options.pool, "backup_failed", { scheduled: true, reason }).catch(() => {});
    throw e;
  }
}
