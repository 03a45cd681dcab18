import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { authMessages } from "./messages.ts";
import { mfaMessages } from "./mfa-messages.ts";

const audited = defineAudit({
  actions: {
    "auth.login": { sv: "Inloggning", en: "Signed in" },
    "auth.logout": { sv: "Utloggning", en: "Signed out" },
    "auth.sso_refused": { sv: "Nekad inloggning med kommunens inloggning", en: "Refused sign-in with the municipality's login" },
    "user.roles_synced": {
      sv: "Roller ändrade efter grupper i kommunens inloggning",
      en: "Roles changed by groups in the municipality's login",
    },
    "user.password_link": { sv: "Skapade länk för nytt lösenord", en: "Created a new-password link" },
    "user.password_set": { sv: "Valde nytt lösenord", en: "Chose a new password" },
    "auth.mfa_enrolled": { sv: "Aktiverade tvåstegsverifiering", en: "Turned on two-step verification" },
    "auth.mfa_failed": { sv: "Fel kod vid inloggning", en: "Wrong sign-in code" },
  },
  recordTypes: {},
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const authModule = defineModule({
  name: "auth",
  catalogs: [authMessages, mfaMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
