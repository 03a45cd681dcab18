import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { retentionMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "retention.rules_update": { sv: "Ändrade gallringsreglerna", en: "Changed the retention rules" },
    "retention.run": {
      sv: "Gallrade enligt reglerna (kvitto med antal per slag)",
      en: "Culled by the rules (receipt with counts per kind)",
    },
  },
  recordTypes: {
    retention: { sv: "Gallring", en: "Retention" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const retentionModule = defineModule({
  name: "retention",
  catalogs: [retentionMessages],
  audit: audited,
  routes: async (app) => (await import("./routes.ts")).routes(app),
  jobs: async (db, clock) => (await import("./jobs.ts")).retentionJobs(db, clock),
});
