import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { economyMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "economy_project.create": { sv: "Lade upp ett projekt (projektekonomi)", en: "Added a project (project economy)" },
    "economy_project.update": {
      sv: "Ändrade ett projekt, beviljade belopp eller återbetalningsplan",
      en: "Changed a project, its grants or repayment plan",
    },
    "economy_cost.create": { sv: "Registrerade en kostnad i ett projekt", en: "Entered a cost of a project" },
    "economy_cost.delete": { sv: "Tog bort en kostnad i ett projekt", en: "Deleted a cost of a project" },
    "economy_cost.import": { sv: "Importerade kostnader från ekonomisystemet", en: "Imported costs from the finance system" },
    "economy_unit_cost.create": { sv: "Lade till en styckkostnad", en: "Added a unit cost" },
    "economy_unit_cost.update": { sv: "Ändrade en styckkostnad", en: "Changed a unit cost" },
    "economy_savings.update": {
      sv: "Ändrade antagandena för en besparingsuppskattning",
      en: "Changed the assumptions of a savings estimate",
    },
  },
  recordTypes: {
    economy_project: { sv: "Projekt (ekonomi)", en: "Project (economy)" },
    economy_unit_cost: { sv: "Styckkostnad", en: "Unit cost" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const economyModule = defineModule({
  name: "economy",
  catalogs: [economyMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
