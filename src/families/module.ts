import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { familiesMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "request.create": { sv: "Registrerade förfrågan", en: "Registered request" },
    "request.view": { sv: "Visade förfrågan", en: "Viewed request" },
    "request.list": { sv: "Visade familjen i listan över förfrågningar", en: "Showed the family in the list of requests" },
    "request.contact": { sv: "Ändrade familjens kontaktuppgifter", en: "Changed the family's contact details" },
    "request.update": { sv: "Ändrade förfrågan", en: "Changed request" },
    "request.decide": { sv: "Registrerade Sofiamötets beslut", en: "Recorded the Sofia meeting's decision" },
  },
  recordTypes: {
    request: { sv: "Förfrågan", en: "Request" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const familiesModule = defineModule({
  name: "families",
  catalogs: [familiesMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
