import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { accountMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "api_token.create": { sv: "Skapade API-nyckel", en: "Created API key" },
    "api_token.revoke": { sv: "Återkallade API-nyckel", en: "Revoked API key" },
    "account.session_end": { sv: "Avslutade en egen inloggning", en: "Ended one of own sign-ins" },
    "account.sessions_end_others": { sv: "Loggade ut överallt", en: "Signed out everywhere" },
  },
  recordTypes: {
    api_token: { sv: "API-nyckel", en: "API key" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const accountModule = defineModule({
  name: "account",
  catalogs: [accountMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
});
