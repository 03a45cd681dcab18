import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { implementationMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "implementation_activity.create": { sv: "Registrerade en implementeringsaktivitet", en: "Recorded an implementation activity" },
    "implementation_activity.update": { sv: "Ändrade en implementeringsaktivitet", en: "Changed an implementation activity" },
    "implementation_participation.view": {
      sv: "Visade handläggarnas deltagande per enhet (statistik)",
      en: "Viewed the caseworkers' participation per unit (statistics)",
    },
  },
  recordTypes: {
    implementation_activity: { sv: "Implementeringsaktivitet", en: "Implementation activity" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const implementationModule = defineModule({
  name: "implementation",
  catalogs: [implementationMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
