import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { workmodelsMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "workmodel.draft_create": { sv: "Skapade utkast av arbetsmodell", en: "Created work-model draft" },
    "workmodel.draft_update": { sv: "Ändrade utkast av arbetsmodell", en: "Changed work-model draft" },
    "workmodel.publish": { sv: "Publicerade arbetsmodell", en: "Published work model" },
  },
  recordTypes: {
    work_model_version: { sv: "Arbetsmodellversion", en: "Work model version" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const workmodelsModule = defineModule({
  name: "workmodels",
  catalogs: [workmodelsMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
  seed: async (db) => (await import("./seed.ts")).seedWorkModelsEverywhere(db),
});
