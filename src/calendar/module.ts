import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { calendarMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "calendar_feed.create": {
      sv: "Skapade en ny adress till sin kalenderprenumeration",
      en: "Created a new calendar subscription address",
    },
    "calendar_feed.revoke": { sv: "Återkallade sin kalenderprenumeration", en: "Revoked their calendar subscription" },
    "calendar_settings.update": { sv: "Ändrade sina påminnelser per e-post", en: "Changed their e-mail reminders" },
  },
  recordTypes: {
    calendar_feed: { sv: "Kalenderinställningar", en: "Calendar settings" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const calendarModule = defineModule({
  name: "calendar",
  catalogs: [calendarMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
  jobs: async (db, clock, deps) => (await import("./jobs.ts")).calendarJobs(db, clock, deps),
});
