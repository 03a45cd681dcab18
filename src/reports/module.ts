import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { reportsMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "interim_report.create": { sv: "Skapade en delrapport", en: "Created an interim report" },
    "interim_report.update": {
      sv: "Ändrade en delrapports titel, period eller texter",
      en: "Changed an interim report's title, period or texts",
    },
    "interim_report.generate": {
      sv: "Tog fram en ny version av en delrapport (statistik)",
      en: "Made a new version of an interim report (statistics)",
    },
    "interim_report.preview": {
      sv: "Förhandsgranskade en delrapport (statistik)",
      en: "Previewed an interim report (statistics)",
    },
    "report_template.update": {
      sv: "Ändrade kommunens rapportmall",
      en: "Changed the municipality's report template",
    },
    "interim_report.download": {
      sv: "Laddade ned en version av en delrapport (statistik)",
      en: "Downloaded a version of an interim report (statistics)",
    },
  },
  recordTypes: {
    interim_report: { sv: "Delrapport", en: "Interim report" },
    report_template: { sv: "Rapportmall", en: "Report template" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const reportsModule = defineModule({
  name: "reports",
  catalogs: [reportsMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
