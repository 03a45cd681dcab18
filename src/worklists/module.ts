import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { worklistsMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "worklist.view": { sv: "Visade familjen i arbetslistan", en: "Showed the family in the worklist" },
  },
  recordTypes: {},
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const worklistsModule = defineModule({
  name: "worklists",
  catalogs: [worklistsMessages],
  audit: audited,
});
