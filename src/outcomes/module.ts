import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { outcomesMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "outcome_followup.list": { sv: "Visade familjen bland utfall att följa upp", en: "Showed the family among outcomes to follow up" },
    "outcome_followup.view": {
      sv: "Visade en familjs uppföljning av långsiktiga utfall",
      en: "Showed a family's long-term outcome follow-up",
    },
    "outcome_followup.record": { sv: "Registrerade långsiktiga utfall för en familj", en: "Recorded long-term outcomes for a family" },
    "outcome_followup.import": {
      sv: "Importerade utfall från verksamhetssystemet (antal rader)",
      en: "Imported outcomes from the journal system (row count)",
    },
    "comparison_group.import": { sv: "Importerade en jämförelsegrupp", en: "Imported a comparison group" },
    "comparison_group.delete": { sv: "Tog bort en jämförelsegrupp", en: "Deleted a comparison group" },
    "outcome_comparison.view": {
      sv: "Visade utfall jämfört med jämförelsegrupper (statistik)",
      en: "Viewed outcomes against comparison groups (statistics)",
    },
  },
  recordTypes: {
    outcome_import: { sv: "Import av utfall", en: "Outcome import" },
    comparison_group: { sv: "Jämförelsegrupp", en: "Comparison group" },
    outcome_comparison: { sv: "Utfall mot jämförelsegrupp", en: "Outcomes against comparison group" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const outcomesModule = defineModule({
  name: "outcomes",
  catalogs: [outcomesMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
  jobs: async (db, clock) => (await import("./jobs.ts")).outcomesJobs(db, clock),
});
