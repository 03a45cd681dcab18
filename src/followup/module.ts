import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { followupMessages } from "./messages.ts";
import { followupPageMessages } from "./page-messages.ts";

const audited = defineAudit({
  actions: {
    "indicator.draft_create": { sv: "Skapade ett utkast av en indikator", en: "Created an indicator draft" },
    "indicator.draft_update": { sv: "Ändrade ett utkast av en indikator", en: "Changed an indicator draft" },
    "indicator.publish": { sv: "Publicerade en indikator", en: "Published an indicator" },
    "indicator.create": { sv: "Skapade en ny indikator", en: "Created a new indicator" },
    "followup.view": { sv: "Visade uppföljningen (statistik)", en: "Viewed the follow-up (statistics)" },
  },
  recordTypes: {
    indicator_version: { sv: "Version av indikator", en: "Indicator version" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const followupModule = defineModule({
  name: "followup",
  catalogs: [followupMessages, followupPageMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
  seed: async (db) => (await import("./indicators/service.ts")).seedIndicatorsEverywhere(db),
});
