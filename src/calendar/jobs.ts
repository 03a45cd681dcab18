/**
 * The calendar module's background jobs (decision 0039): every minute, deliver the queued meeting
 * invitations and reminders from the outbox (a failed send waits and is tried again); daily at
 * 06:30 Swedish time, queue each user's reminder for the day (once per user and day).
 */
import type { Clock } from "../platform/clock.ts";
import type { Db } from "../platform/database.ts";
import type { JobDefinition } from "../platform/jobs.ts";
import type { JobDeps } from "../platform/module.ts";
import { baseUrlOf, deliverInvitations, deliverReminders, queueReminders } from "./service.ts";

export const DELIVER_MAIL = "calendar.deliver-mail";
export const QUEUE_REMINDERS = "calendar.daily-reminders";

export function calendarJobs(db: Db, clock: Clock, deps: JobDeps): JobDefinition[] {
  const mail = { db, mailer: deps.mailer, config: deps.config };
  return [
    {
      name: DELIVER_MAIL,
      cron: "* * * * *",
      runAtStart: true,
      handler: async () => {
        // Without SMTP_URL the rows wait (no attempt is spent) until mail is configured.
        if (!deps.mailer.configured) return { skipped: "mail not configured" };
        const now = clock.now();
        const invitations = await deliverInvitations(mail, now);
        const reminders = await deliverReminders(mail, now);
        return { invitations, reminders };
      },
    },
    {
      // 06:30: before the working day, outside the hour that is skipped or repeated when the clocks change.
      name: QUEUE_REMINDERS,
      cron: "30 6 * * *",
      timeZone: "Europe/Stockholm",
      handler: async () => queueReminders(db, clock.today(), baseUrlOf(deps.config)),
    },
  ];
}
