import { defineModule } from "../platform/module.ts";

/** Backup and restore (decision 0067): the scheduled backup; the commands are scripts/backup.ts and scripts/restore.ts. */
export const backupModule = defineModule({
  name: "backup",
  jobs: async (db, clock, deps) => (await import("./jobs.ts")).backupJobs(db, clock, deps.config),
});
