import type { Catalog } from "../platform/i18n.ts";

/** The retention page (gallring): rules with their legal minimums, the preview in counts, the confirmation and the receipt. */
export const retentionMessages: Catalog = {
  sv: {
    "retention.title": "Gallring och nödåtkomst",
    "retention.intro":
      "Här bestämmer du hur länge Sofia sparar varje slag av uppgifter. Det som är äldre än regeln tas bort (gallras) när du bekräftar en gallring, eller varje natt om du slår på det schemalagda jobbet. Tomt fält: det slaget gallras inte.",
    "retention.followupNote":
      "Efter en gallring räknar uppföljningen och statistiken färre familjer för de perioder som berörs. Delrapporter som redan tagits fram behåller sina siffror: en sparad version räknas aldrig om.",
    "retention.rules.title": "Regler",
    "retention.kind.families": "Familjer: förfrågan, process, personer, möten och svar från möten",
    "retention.kind.survey_answers": "Enkätsvar från årliga enkätkampanjer",
    "retention.kind.audit_log": "Loggen över visade och ändrade uppgifter",
    "retention.kind.security_log": "Säkerhetsloggen (nekade försök och inloggningar)",
    "retention.kind.sessions": "Utgångna inloggningssessioner",
    "retention.kind.exports": "Uppgifter om gjorda forskningsuttag",
    "retention.kind.report_versions": "Sparade versioner av delrapporter",
    "retention.unit.years": "År",
    "retention.unit.days": "Dagar",
    "retention.after.families":
      "År efter sista anteckningen (avslutad process, beslut vid Sofiamötet eller senare uppföljning). Lagens minimum: {min} år.",
    "retention.after.survey_answers": "År efter svarets period. Minimum: {min} år.",
    "retention.after.audit_log": "År efter händelsen. Minimum: {min} år. Gallringskvitton sparas alltid.",
    "retention.after.security_log": "År efter händelsen. Minimum: {min} år.",
    "retention.after.sessions": "Dagar efter att sessionen gick ut. Minimum: {min} dag.",
    "retention.after.exports": "År efter uttaget. Minimum: {min} år.",
    "retention.after.report_versions": "År efter att versionen togs fram. Minimum: {min} år.",
    "retention.belowMinimum.families":
      "Kortare än lagens minimum. Personakter i socialtjänsten får gallras tidigast fem år efter sista anteckningen (SoL 12 kap. 1 §). Skriv 5 eller fler.",
    "retention.belowMinimum.survey_answers":
      "Kortare än minimum. Uppföljningen jämför år mot år och delrapporter omfattar två år, så enkätsvar sparas minst tre år. Skriv 3 eller fler.",
    "retention.belowMinimum.audit_log":
      "Kortare än minimum. Loggen måste finnas så länge familjernas uppgifter kan efterfrågas, minst fem år (SoL 12 kap. 1 §, logguppföljning). Skriv 5 eller fler.",
    "retention.belowMinimum.security_log":
      "Kortare än minimum. Säkerhetsloggen behövs minst ett år för att kunna utreda incidenter. Skriv 1 eller fler.",
    "retention.belowMinimum.sessions": "Kortare än minimum. Utgångna sessioner sparas minst en dag. Skriv 1 eller fler.",
    "retention.belowMinimum.exports":
      "Kortare än minimum. Ett forskningsuttag är ett utlämnande av sekretessuppgifter och dokumenteras lika länge som loggen, minst fem år. Skriv 5 eller fler.",
    "retention.belowMinimum.report_versions":
      "Kortare än minimum. Delrapporter är allmänna handlingar hos nämnden (arkivlagen) och sparas minst tio år. Skriv 10 eller fler.",
    "retention.amountInvalid": "Skriv ett helt antal, eller lämna fältet tomt om det inte ska gallras.",
    "retention.job": "Gallra automatiskt varje natt enligt reglerna",
    "retention.jobHint": "Avstängt från början. Den som slår på det står som den som bekräftat gallringarna i kvittot.",
    "retention.breakGlassMinutes": "Nödåtkomstens längd i minuter",
    "retention.breakGlassHint": "Hur länge en nödåtkomst till en familj gäller, 5–480 minuter.",
    "retention.breakGlassInvalid": "Skriv ett helt antal minuter mellan 5 och 480.",
    "retention.save": "Spara regler",
    "retention.saved": "Reglerna är sparade.",
    "retention.preview.title": "Förhandsgranskning",
    "retention.preview.text": "Så här mycket skulle gallras om du gallrade nu. Bara antal visas, aldrig vem.",
    "retention.preview.none": "Det finns inga regler, så inget gallras.",
    "retention.preview.keptForPlacement":
      "Familjer som behålls för att ett barn är eller har varit placerat utanför hemmet (socialtjänstlagen 12 kap. 2 §): {n}.",
    "retention.preview.kind": "Slag",
    "retention.preview.count": "Antal som gallras",
    "retention.run": "Gallra nu",
    "retention.confirm.title": "Bekräfta gallringen",
    "retention.confirm.text": "Detta tas bort för alltid och kan inte ångras. Ett kvitto med antalen sparas i loggen.",
    "retention.confirm.submit": "Ja, gallra",
    "retention.cancel": "Avbryt",
    "retention.done": "Gallringen är gjord. Kvittot finns i loggen.",
    "retention.lastRun.title": "Senaste gallring",
    "retention.lastRun.none": "Ingen gallring har gjorts.",
    "retention.lastRun.when": "{date}, {trigger}",
    "retention.trigger.manual": "bekräftad på den här sidan",
    "retention.trigger.job": "det schemalagda jobbet",
  },
  en: {
    "retention.title": "Retention and emergency access",
    "retention.intro":
      "Here you decide how long Sofia keeps each kind of record. What is older than the rule is deleted when you confirm a run, or every night if you turn on the scheduled job. An empty field: that kind is not deleted.",
    "retention.followupNote":
      "After a run, the follow-up and the statistics count fewer families for the periods concerned. Interim reports already produced keep their figures: a stored version is never recomputed.",
    "retention.rules.title": "Rules",
    "retention.kind.families": "Families: request, process, persons, meetings and meeting answers",
    "retention.kind.survey_answers": "Survey answers of the annual campaigns",
    "retention.kind.audit_log": "The log of data shown and changed",
    "retention.kind.security_log": "The security log (denied attempts and logins)",
    "retention.kind.sessions": "Expired login sessions",
    "retention.kind.exports": "Records of research exports",
    "retention.kind.report_versions": "Stored versions of interim reports",
    "retention.unit.years": "Years",
    "retention.unit.days": "Days",
    "retention.after.families":
      "Years after the last entry (process ended, Sofia meeting decision or a later follow-up). The legal minimum: {min} years.",
    "retention.after.survey_answers": "Years after the answer's period. Minimum: {min} years.",
    "retention.after.audit_log": "Years after the event. Minimum: {min} years. Retention receipts are always kept.",
    "retention.after.security_log": "Years after the event. Minimum: {min} year.",
    "retention.after.sessions": "Days after the session expired. Minimum: {min} day.",
    "retention.after.exports": "Years after the export. Minimum: {min} years.",
    "retention.after.report_versions": "Years after the version was produced. Minimum: {min} years.",
    "retention.belowMinimum.families":
      "Shorter than the legal minimum. Social services' personal files may be culled at the earliest five years after the last entry (SoL ch. 12 s. 1). Enter 5 or more.",
    "retention.belowMinimum.survey_answers":
      "Shorter than the minimum. The follow-up compares year against year and interim reports cover two years, so survey answers are kept at least three years. Enter 3 or more.",
    "retention.belowMinimum.audit_log":
      "Shorter than the minimum. The log must exist as long as the families' data can be asked about, at least five years (SoL ch. 12 s. 1, log review). Enter 5 or more.",
    "retention.belowMinimum.security_log":
      "Shorter than the minimum. The security log is needed at least a year to investigate incidents. Enter 1 or more.",
    "retention.belowMinimum.sessions": "Shorter than the minimum. Expired sessions are kept at least a day. Enter 1 or more.",
    "retention.belowMinimum.exports":
      "Shorter than the minimum. A research export discloses secret data and is documented as long as the log, at least five years. Enter 5 or more.",
    "retention.belowMinimum.report_versions":
      "Shorter than the minimum. Interim reports are public records of the committee (Archives Act) and are kept at least ten years. Enter 10 or more.",
    "retention.amountInvalid": "Enter a whole number, or leave the field empty if it is not to be deleted.",
    "retention.job": "Delete automatically every night by the rules",
    "retention.jobHint": "Off to begin with. Whoever turns it on is named in the receipt as the one who confirmed the runs.",
    "retention.breakGlassMinutes": "Length of emergency access in minutes",
    "retention.breakGlassHint": "How long an emergency access to a family lasts, 5–480 minutes.",
    "retention.breakGlassInvalid": "Enter a whole number of minutes between 5 and 480.",
    "retention.save": "Save rules",
    "retention.saved": "The rules are saved.",
    "retention.preview.title": "Preview",
    "retention.preview.text": "This much would be deleted if you ran it now. Only counts are shown, never who.",
    "retention.preview.none": "There are no rules, so nothing is deleted.",
    "retention.preview.keptForPlacement":
      "Families kept because a child is or has been placed outside the home (Social Services Act, chapter 12 section 2): {n}.",
    "retention.preview.kind": "Kind",
    "retention.preview.count": "Number to delete",
    "retention.run": "Delete now",
    "retention.confirm.title": "Confirm the deletion",
    "retention.confirm.text": "This is deleted for ever and cannot be undone. A receipt with the counts is kept in the log.",
    "retention.confirm.submit": "Yes, delete",
    "retention.cancel": "Cancel",
    "retention.done": "The deletion is done. The receipt is in the log.",
    "retention.lastRun.title": "Latest run",
    "retention.lastRun.none": "No run has been made.",
    "retention.lastRun.when": "{date}, {trigger}",
    "retention.trigger.manual": "confirmed on this page",
    "retention.trigger.job": "the scheduled job",
  },
};
