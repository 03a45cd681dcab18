import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { auditlogMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "audit.view": { sv: "Läste loggen", en: "Read the log" },
    "audit.export": { sv: "Exporterade loggen", en: "Exported the log" },
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
