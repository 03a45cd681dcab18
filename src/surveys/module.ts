import { type Declared, defineAudit } from "../platform/audit.ts";
import { defineModule } from "../platform/module.ts";
import { answerMessages } from "./answer/messages.ts";
import { campaignsMessages } from "./campaigns/messages.ts";
import { kioskMessages } from "./kiosk/messages.ts";
import { surveysMessages } from "./messages.ts";
import { responsesMessages } from "./responses/messages.ts";
import { resultsMessages } from "./results/messages.ts";

const audited = defineAudit({
  actions: {
    "survey_instrument.draft_create": { sv: "Skapade ett utkast till en enkät", en: "Created a survey draft" },
    "survey_instrument.draft_update": { sv: "Ändrade ett utkast till en enkät", en: "Changed a survey draft" },
    "survey_instrument.publish": { sv: "Publicerade en enkätversion", en: "Published a survey version" },
    "survey_instrument.translation_confirm": {
      sv: "Bekräftade att en översättning av en enkät är granskad",
      en: "Confirmed that a survey translation has been reviewed",
    },
    "survey_response.paper_form": { sv: "Öppnade formuläret för en pappersenkät", en: "Opened the form for a paper survey" },
    "survey_response.paper": { sv: "Registrerade en pappersenkät", en: "Entered a paper survey" },
    "survey_kiosk.form": {
      sv: "Öppnade sidan för att starta enkäten på surfplattan",
      en: "Opened the page to start the survey on the tablet",
    },
    "survey_kiosk.start": { sv: "Startade enkäten på surfplattan", en: "Started the survey on the tablet" },
    "survey_kiosk.skip": { sv: "Hoppade över en person på surfplattan", en: "Skipped a person on the tablet" },
    "survey_kiosk.end": { sv: "Avslutade enkäten på surfplattan", en: "Ended the survey on the tablet" },
    "survey_invitation.respondents": { sv: "Öppnade sidan med enkätlänkar för ett möte", en: "Opened the survey links page of a meeting" },
    "survey_invitation.create": { sv: "Skapade enkätlänkar efter ett möte", en: "Created survey links after a meeting" },
    "survey_results.view": { sv: "Visade enkätresultat", en: "Viewed survey results" },
    "survey_campaign.create": { sv: "Skapade en enkätkampanj", en: "Created a survey campaign" },
    "survey_campaign.send": { sv: "Skickade enkätlänkar per e-post (antal)", en: "Sent survey links by e-mail (counts)" },
    "survey_campaign.remind": { sv: "Skickade påminnelser om en enkät (antal)", en: "Sent survey reminders (counts)" },
    "survey_campaign.print": { sv: "Skrev ut svarskoder till en enkät (antal)", en: "Printed answer codes for a survey (count)" },
    "survey_campaign.paper": { sv: "Förde in en pappersenkät i en kampanj", en: "Entered a paper survey in a campaign" },
    "survey_campaign.import": { sv: "Importerade enkätsvar till en kampanj (antal)", en: "Imported survey answers to a campaign (count)" },
    "survey_campaign.compare": { sv: "Jämförde två år av en årlig enkät", en: "Compared two years of an annual survey" },
    "survey_campaign.close": { sv: "Stängde en enkätkampanj", en: "Closed a survey campaign" },
    "survey_campaign.without_email": {
      sv: "Visade medarbetare som saknar e-postadress i en enkätkampanj",
      en: "Showed staff without an e-mail address in a survey campaign",
    },
  },
  recordTypes: {
    survey_instrument_version: { sv: "Enkätversion", en: "Survey version" },
    survey_campaign: { sv: "Enkätkampanj", en: "Survey campaign" },
    survey_instrument: { sv: "Enkät", en: "Survey" },
  },
});

declare module "../platform/audit.ts" {
  interface AuditActions extends Declared<typeof audited.actions> {}
  interface AuditRecordTypes extends Declared<typeof audited.recordTypes> {}
}

export const surveysModule = defineModule({
  name: "surveys",
  catalogs: [surveysMessages, responsesMessages, resultsMessages, answerMessages, kioskMessages, campaignsMessages],
  audit: audited,
  routes: async (app, deps) => (await import("./routes.ts")).routes(app, deps),
  seed: async (db) => (await import("./seed.ts")).seedSurveyInstrumentsEverywhere(db),
});
