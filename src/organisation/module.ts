import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { organisationMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "user.view": { sv: "Visade användare", en: "Viewed user" },
    "user.create": { sv: "Skapade användare", en: "Created user" },
    "user.update": { sv: "Ändrade användare", en: "Changed user" },
    "user.deactivate": { sv: "Inaktiverade användare", en: "Deactivated user" },
    "unit.create": { sv: "Skapade enhet", en: "Created unit" },
    "unit.update": { sv: "Ändrade enhet", en: "Changed unit" },
    "municipality.update": { sv: "Ändrade kommunen", en: "Changed the municipality" },
    "municipality.sso_update": { sv: "Ändrade kommunens inloggning (OIDC)", en: "Changed the municipality's login (OIDC)" },
    "municipality.sso_remove": { sv: "Tog bort kommunens inloggning (OIDC)", en: "Removed the municipality's login (OIDC)" },
    "user.reactivate": { sv: "Återaktiverade användare", en: "Reactivated user" },
    "user.sessions_end": { sv: "Avslutade användarens inloggningar", en: "Ended the user's sign-ins" },
    "user.lock": { sv: "Låste användarens konto", en: "Locked the user's account" },
    "user.unlock": { sv: "Låste upp användarens konto", en: "Unlocked the user's account" },
    "user.mfa_reset": { sv: "Återställde användarens tvåstegsverifiering", en: "Reset the user's two-step verification" },
    "unit.deactivate": { sv: "Inaktiverade enhet", en: "Deactivated unit" },
    "unit.reactivate": { sv: "Återaktiverade enhet", en: "Reactivated unit" },
  },
  recordTypes: {
    user: { sv: "Användare", en: "User" },
    unit: { sv: "Enhet", en: "Unit" },
    municipality: { sv: "Kommun", en: "Municipality" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const organisationModule = defineModule({
  name: "organisation",
  catalogs: [organisationMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
