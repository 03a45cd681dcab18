/** The outcomes slice's background job: the daily creation of the 1- and 2-year follow-ups that have come due. */
import type { Clock } from "../platform/clock.ts";
import type { Db } from "../platform/database.ts";
import type { JobDefinition } from "../platform/jobs.ts";
import { createDueFollowups } from "./service.ts";

export const CREATE_FOLLOWUPS = "outcomes.create-followups";

/**
 * Daily at 03:30 Swedish time, and once at start: after midnight, so the day's due follow-ups exist
 * when staff start; outside 02:00–03:00, the hour that is skipped (March) or repeated (October).
 */
export function outcomesJobs(db: Db, clock: Clock): JobDefinition[] {
  return [
    {
      name: CREATE_FOLLOWUPS,
      cron: "30 3 * * *",
      timeZone: "Europe/Stockholm",
      runAtStart: true,
      handler: async () => createDueFollowups(db, clock.today()),
    },
  ];
}
