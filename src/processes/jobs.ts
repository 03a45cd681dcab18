/**
 * The processes module's background job: every minute, deliver the queued break-glass notices
 * from the outbox (decision 0062); a failed send waits and is tried again.
 */
import type { Clock } from "../platform/clock.ts";
import type { Db } from "../platform/database.ts";
import type { JobDefinition } from "../platform/jobs.ts";
import type { JobDeps } from "../platform/module.ts";
import { deliverBreakGlassNotices } from "./break-glass/index.ts";

export const DELIVER_BREAK_GLASS_MAIL = "processes.deliver-break-glass-mail";

export function processesJobs(db: Db, clock: Clock, deps: JobDeps): JobDefinition[] {
  return [
    {
      name: DELIVER_BREAK_GLASS_MAIL,
      cron: "* * * * *",
      runAtStart: true,
      handler: async () => {
        // Without SMTP_URL the rows wait (no attempt is spent) until mail is configured.
        if (!deps.mailer.configured) return { skipped: "mail not configured" };
        return { notices: await deliverBreakGlassNotices({ db, mailer: deps.mailer, config: deps.config }, clock.now()) };
      },
    },
  ];
}
