import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { handoverMessages } from "./handovers/messages.ts";
import { familiesMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "request.create": { sv: "Registrerade förfrågan", en: "Registered request" },
    "request.view": { sv: "Visade förfrågan", en: "Viewed request" },
    "request.list": { sv: "Visade familjen i listan över förfrågningar", en: "Showed the family in the list of requests" },
    "request.contact": { sv: "Ändrade familjens kontaktuppgifter", en: "Changed the family's contact details" },
    "request.update": { sv: "Ändrade förfrågan", en: "Changed request" },
    "request.decide": { sv: "Registrerade Sofiamötets beslut", en: "Recorded the Sofia meeting's decision" },
    "intake_handover.form": { sv: "Visade formuläret för överlämning", en: "Showed the handover form" },
    "intake_handover.create": { sv: "Registrerade överlämning från mottagningen", en: "Recorded a handover from intake" },
    "intake_handover.view": { sv: "Visade överlämning", en: "Viewed a handover" },
    "intake_handover.list": { sv: "Visade familjen i listan över överlämningar", en: "Showed the family in the list of handovers" },
    "intake_handover.team": { sv: "Ändrade överlämningens team", en: "Changed the handover's team" },
    "intake_handover.first_contact": {
      sv: "Registrerade första kontakt efter överlämning",
      en: "Recorded a first contact after a handover",
    },
  },
  recordTypes: {
    request: { sv: "Förfrågan", en: "Request" },
    intake_handover: { sv: "Överlämning från mottagningen", en: "Handover from intake" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const familiesModule = defineModule({
  name: "families",
  catalogs: [familiesMessages, handoverMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
