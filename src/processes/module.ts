import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { breakGlassMessages } from "./break-glass/messages.ts";
import { meetingsMessages } from "./meetings/messages.ts";
import { processesMessages } from "./messages.ts";
import { stopsMessages } from "./stops/messages.ts";
import { supportMessages } from "./support/messages.ts";
import { timelineMessages } from "./timeline/messages.ts";

const audited = defineAudit({
  actions: {
    "process.view": { sv: "Visade familjens process", en: "Viewed the family's process" },
    "process.list": { sv: "Visade familjen i processlistan", en: "Showed the family in the list of processes" },
    "process.assign": { sv: "Tilldelade handläggare till en process", en: "Assigned a caseworker to a process" },
    "process.handover_preview": {
      sv: "Visade en handläggares pågående familjer inför en överlämning",
      en: "Viewed a caseworker's ongoing families before a handover",
    },
    "process.interrupt": { sv: "Avbröt en process", en: "Interrupted a process" },
    "process.resume": { sv: "Återupptog en process", en: "Resumed a process" },
    "process.timeline": { sv: "Visade familjens tidslinje", en: "Viewed the family's timeline" },
    "process.agenda": { sv: "Visade dagordningen för nästa möte", en: "Viewed the agenda of the next meeting" },
    "person.reveal_identity_number": { sv: "Visade ett fullständigt personnummer", en: "Showed a full identity number" },
    "person.search_result": { sv: "Visade en person i en sökträff", en: "Showed a person in a search hit" },
    "family.break_glass": {
      sv: "Öppnade en familj med nödåtkomst (skälet i loggen)",
      en: "Opened a family with emergency access (the reason in the log)",
    },
    "meeting.plan_form": { sv: "Visade formuläret för att planera ett möte", en: "Viewed the form to plan a meeting" },
    "meeting.plan": { sv: "Planerade ett möte", en: "Planned a meeting" },
    "meeting.view": { sv: "Visade ett möte", en: "Viewed a meeting" },
    "meeting.list": { sv: "Visade processens möten", en: "Viewed the process's meetings" },
    "meeting.hold": { sv: "Registrerade ett hållet möte", en: "Recorded a meeting as held" },
    "meeting.consent": { sv: "Registrerade vårdnadshavarnas samtycke", en: "Recorded the guardians' consent" },
    "meeting.cancel": { sv: "Ställde in ett möte", en: "Cancelled a meeting" },
    "meeting.update": { sv: "Ändrade ett möte", en: "Changed a meeting" },
    "meeting.calendar": { sv: "Laddade ner en kalenderinbjudan", en: "Downloaded a calendar invitation" },
    "request.applied_at_meeting": {
      sv: "Registrerade en ansökan om stöd vid ett möte",
      en: "Recorded an application for support at a meeting",
    },
    "consultation.view": { sv: "Visade ett samråd", en: "Viewed a consultation" },
    "consultation.record": { sv: "Registrerade ett samråd", en: "Recorded a consultation" },
    "impact_analysis.view": { sv: "Visade en barnkonsekvensanalys", en: "Viewed a child impact analysis" },
    "impact_analysis.save": { sv: "Sparade en barnkonsekvensanalys", en: "Saved a child impact analysis" },
    "safety_rating.view": { sv: "Visade trygghetsskalan", en: "Viewed the safety scale" },
    "safety_rating.add": { sv: "Registrerade en skattning på trygghetsskalan", en: "Added a safety scale rating" },
    "stops.view": { sv: "Visade hållplatserna", en: "Viewed the consultation stops" },
    "support.view": { sv: "Visade fortsatt stöd", en: "Viewed further support" },
    "support.add": { sv: "Registrerade fortsatt stöd", en: "Recorded further support" },
    "support.update": { sv: "Ändrade fortsatt stöd", en: "Changed further support" },
  },
  recordTypes: {
    process: { sv: "Process", en: "Process" },
    meeting: { sv: "Möte", en: "Meeting" },
    consultation: { sv: "Samråd", en: "Consultation" },
    child_impact_analysis: { sv: "Barnkonsekvensanalys", en: "Child impact analysis" },
    safety_rating: { sv: "Trygghetsskattning", en: "Safety rating" },
    support_measure: { sv: "Fortsatt stöd", en: "Further support" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const processesModule = defineModule({
  name: "processes",
  catalogs: [processesMessages, stopsMessages, supportMessages, meetingsMessages, timelineMessages, breakGlassMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
  jobs: async (db, clock, deps) => (await import("./jobs.ts")).processesJobs(db, clock, deps),
});
