import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { reviewKeysMessages } from "./keys/messages.ts";
import { auditsMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "review_key.draft_create": { sv: "Skapade ett utkast av en granskningsnyckel", en: "Created a review-key draft" },
    "review_key.draft_update": { sv: "Ändrade ett utkast av en granskningsnyckel", en: "Changed a review-key draft" },
    "review_key.publish": { sv: "Publicerade en granskningsnyckel", en: "Published a review key" },
    "audit_round.create": {
      sv: "Lade upp en aktgranskning (fokusfamiljer och granskare)",
      en: "Set up a case-file audit (focus families and reviewers)",
    },
    "audit_round.update": {
      sv: "Ändrade en aktgranskning (namn, granskare eller fokusfamiljer)",
      en: "Changed a case-file audit (name, reviewers or focus families)",
    },
    "audit_round.close": { sv: "Stängde en aktgranskning", en: "Closed a case-file audit" },
    "audit_family.view": {
      sv: "Visade en fokusfamiljs namn och födelsedatum för granskning",
      en: "Showed a focus family's names and birth dates for review",
    },
    "audit_document.create": {
      sv: "Registrerade ett granskat dokument i en aktgranskning",
      en: "Recorded a reviewed document in a case-file audit",
    },
    "audit_document.update": {
      sv: "Ändrade ett granskat dokument i en aktgranskning",
      en: "Changed a reviewed document in a case-file audit",
    },
    "audit_results.view": {
      sv: "Visade resultatet av en aktgranskning (statistik)",
      en: "Viewed the results of a case-file audit (statistics)",
    },
  },
  recordTypes: {
    review_key_version: { sv: "Version av granskningsnyckel", en: "Review key version" },
    audit_round: { sv: "Aktgranskning", en: "Case-file audit" },
    audit_document: { sv: "Granskat dokument", en: "Reviewed document" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const auditsModule = defineModule({
  name: "audits",
  catalogs: [reviewKeysMessages, auditsMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
  seed: async (db) => (await import("./keys/seed.ts")).seedReviewKeysEverywhere(db),
});
