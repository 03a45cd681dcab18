/**
 * The retention job (decision 0062): nightly at 02:30 Swedish time, the confirmed rules of every
 * municipality that turned the job on (off by default); each run writes its receipt.
 */
import type { Clock } from "../platform/clock.ts";
import type { Db } from "../platform/database.ts";
import type { JobDefinition } from "../platform/jobs.ts";
import { runScheduled } from "./service.ts";

export const RUN_RETENTION = "retention.run";

export function retentionJobs(db: Db, clock: Clock): JobDefinition[] {
  return [
    {
      name: RUN_RETENTION,
      cron: "30 2 * * *",
      timeZone: "Europe/Stockholm",
      handler: async () => runScheduled({ db, actor: null, ip: "", clock }),
    },
  ];
}
