import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { placementsMessages } from "./messages.ts";

const audited = defineAudit({
  actions: {
    "placement.list": { sv: "Visade listan över placerade barn", en: "Viewed the list of placed children" },
    "placement.child_view": { sv: "Visade ett placerat barn och dess placeringar", en: "Viewed a placed child and their placements" },
    "placement.child_form": {
      sv: "Öppnade formuläret för att placera ett barn i en Sofiafamilj",
      en: "Opened the form to place a child of a Sofia family",
    },
    "placement.family_section": { sv: "Visade placeringarna på familjens sida", en: "Viewed the placements on the family's page" },
    "placement.create": { sv: "Registrerade en placering", en: "Recorded a placement" },
    "placement.update": { sv: "Ändrade en placering", en: "Changed a placement" },
    "placement.end": { sv: "Avslutade en placering", en: "Ended a placement" },
    "placement_forum.create": { sv: "Planerade ett placeringsforum", en: "Planned a placement forum" },
    "placement_forum.agenda": { sv: "Visade placeringsforumets dagordning", en: "Viewed the placement forum's agenda" },
    "placement_forum.attendance": { sv: "Registrerade deltagarna i ett placeringsforum", en: "Recorded who attended a placement forum" },
    "placement_forum.held": { sv: "Markerade ett placeringsforum som hållet", en: "Marked a placement forum as held" },
    "placement_forum.review": {
      sv: "Registrerade placeringsforumets beslut för ett barn",
      en: "Recorded the placement forum's decision for a child",
    },
    "placement_forum.action_done": { sv: "Markerade ett nästa steg som klart", en: "Marked a next step as done" },
  },
  recordTypes: {
    placed_child: { sv: "Placerat barn", en: "Placed child" },
    placement: { sv: "Placering", en: "Placement" },
    placement_forum: { sv: "Placeringsforum", en: "Placement forum" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

/** The family page's section, imported once: an import() per family page resolved the module anew each time. */
let section: Promise<typeof import("./section.tsx")> | undefined;
function sectionCode() {
  section ??= import("./section.tsx");
  return section;
}

export const placementsModule = defineModule({
  name: "placements",
  catalogs: [placementsMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
  familySection: async (ctx, view, family) => (await sectionCode()).familySection(ctx, view, family),
});
