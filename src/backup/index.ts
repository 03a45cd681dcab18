/** The backup module's front door (decision 0067): taking, checking and restoring a backup, and its key. */
export { runScheduledBackup, SCHEDULED_BACKUP } from "./jobs.ts";
export { generateKeyFile, readBackupKey } from "./key.ts";
export { BackupError, type BackupRefusal, type Manifest } from "./model.ts";
export {
  type BackupResult,
  checkBackup,
  pruneBackups,
  type RestoreResult,
  recordBackupEvent,
  restoreBackup,
  sofiaVersion,
  takeBackup,
  verifyTables,
} from "./service.ts";
