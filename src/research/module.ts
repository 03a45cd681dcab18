import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { researchMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "research.export": { sv: "Gjorde ett pseudonymiserat forskningsuttag", en: "Made a pseudonymised research export" },
  },
  recordTypes: {
    research_export: { sv: "Forskningsuttag", en: "Research export" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const researchModule = defineModule({
  name: "research",
  catalogs: [researchMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
