import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { auditlogMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "audit.view": { sv: "Läste loggen", en: "Read the log" },
    "audit.export": { sv: "Exporterade loggen", en: "Exported the log" },
    "audit.client_search": { sv: "Sökte klient i logguppföljningen", en: "Searched for a client in the log review" },
    "audit.person_log": { sv: "Läste loggen för en klient", en: "Read the log of a client" },
    "audit.person_extract": { sv: "Tog ut loggutdrag för en klient", en: "Took out a log extract for a client" },
    "audit.flag_review": { sv: "Markerade en flagga som granskad", en: "Marked a flag as reviewed" },
    "audit.flags_view": { sv: "Läste loggens flaggor", en: "Read the log's flags" },
  },
  recordTypes: {
    audit_log: { sv: "Händelselogg", en: "Audit log" },
    security_log: { sv: "Säkerhetslogg", en: "Security log" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const auditlogModule = defineModule({
  name: "auditlog",
  catalogs: [auditlogMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
