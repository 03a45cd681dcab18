import type { Catalog } from "../platform/i18n.ts";

/** Each key with its Swedish and English text. */
const texts: Record<string, [sv: string, en: string]> = {
  "implementation.nav": ["Implementering", "Implementation"],
  "implementation.backToList": ["Tillbaka till aktiviteterna", "Back to the activities"],
  "implementation.backToActivity": ["Tillbaka till aktiviteten", "Back to the activity"],
  "implementation.notGiven": ["Inte angivet", "Not given"],

  "implementation.list.title": ["Implementering", "Implementation"],
  "implementation.list.intro": [
    "Aktiviteter som för in modellen i verksamheten: utbildningar, inspirationsdagar, analysseminarier, informationsmöten och konferenser – planerade, genomförda eller inställda. Inga personuppgifter: deltagarna är ett antal.",
    "Activities that bring the model into the organisation: trainings, inspiration days, analysis seminars, information meetings and conferences – planned, held or cancelled. No personal data: the participants are a number.",
  ],
  "implementation.list.new": ["Registrera en aktivitet", "Record an activity"],
  "implementation.list.heading": ["Aktiviteterna", "The activities"],
  "implementation.list.expected": ["{n} förväntade", "{n} expected"],
  "implementation.list.caption": ["Aktiviteter, {year}", "Activities, {year}"],
  "implementation.list.captionStatus": ["Aktiviteter med status {status}, {year}", "Activities with the status {status}, {year}"],
  "implementation.list.none": ["Det finns inga aktiviteter för valet.", "There are no activities for the choice."],

  "implementation.filter.legend": ["Visa aktiviteter", "Show activities"],
  "implementation.filter.year": ["År", "Year"],
  "implementation.filter.status": ["Status", "Status"],
  "implementation.filter.allYears": ["Alla år", "All years"],
  "implementation.filter.allYearsInText": ["alla år", "all years"],
  "implementation.filter.allStatuses": ["Alla", "All"],
  "implementation.filter.show": ["Visa", "Show"],
  "implementation.filter.yearInvalid": [
    "Välj ett år mellan 2000 och 2100, eller alla år. Innevarande år visas.",
    "Choose a year between 2000 and 2100, or all years. The current year is shown.",
  ],
  "implementation.filter.statusInvalid": [
    "Välj planerad, genomförd eller inställd. Alla visas.",
    "Choose planned, held or cancelled. All are shown.",
  ],

  "implementation.summary.heading": ["Antal per slag och status", "Number per kind and status"],
  "implementation.summary.caption": [
    "Planerade, genomförda och inställda aktiviteter per slag, med deltagarna i de genomförda, {year}",
    "Planned, held and cancelled activities per kind, with the participants of the held ones, {year}",
  ],

  "implementation.col.kind": ["Slag", "Kind"],
  "implementation.col.planned": ["Planerade", "Planned"],
  "implementation.col.held": ["Genomförda", "Held"],
  "implementation.col.cancelled": ["Inställda", "Cancelled"],
  "implementation.col.heldParticipants": ["Deltagare i genomförda", "Participants in held"],
  "implementation.col.total": ["Totalt", "Total"],
  "implementation.col.date": ["Datum", "Date"],
  "implementation.col.theme": ["Tema", "Theme"],
  "implementation.col.units": ["Enheter", "Units"],
  "implementation.col.unit": ["Enhet", "Unit"],
  "implementation.col.status": ["Status", "Status"],
  "implementation.col.participants": ["Deltagare", "Participants"],
  "implementation.col.expectedParticipants": ["Förväntat antal deltagare", "Expected participants"],
  "implementation.col.cancelReason": ["Orsak till att den ställdes in", "Why it was cancelled"],
  "implementation.col.notes": ["Anteckningar", "Notes"],
  "implementation.col.caseworkers": ["Handläggare", "Caseworkers"],
  "implementation.col.participating": ["Med minst en familj", "With at least one family"],
  "implementation.col.share": ["Andel", "Share"],
  "implementation.col.meanFamilies": ["Familjer per deltagande handläggare (medel)", "Families per participating caseworker (mean)"],
  "implementation.col.rangeFamilies": ["Familjer (min–max)", "Families (min–max)"],
  "implementation.col.heldActivities": ["Genomförda aktiviteter", "Held activities"],

  "implementation.kind.training": ["Utbildning", "Training"],
  "implementation.kind.inspiration_day": ["Inspirationsdag", "Inspiration day"],
  "implementation.kind.analysis_seminar": ["Analysseminarium", "Analysis seminar"],
  "implementation.kind.information_meeting": ["Informationsmöte", "Information meeting"],
  "implementation.kind.conference": ["Konferens", "Conference"],
  "implementation.kind.other": ["Annan aktivitet", "Other activity"],

  "implementation.status.planned": ["Planerad", "Planned"],
  "implementation.status.held": ["Genomförd", "Held"],
  "implementation.status.cancelled": ["Inställd", "Cancelled"],

  "implementation.units.none": ["Ingen enhet angiven", "No unit given"],
  "implementation.units.unknown": ["Välj bland kommunens enheter.", "Choose among the municipality's units."],

  "implementation.form.newTitle": ["Registrera en aktivitet", "Record an activity"],
  "implementation.form.editTitle": ["Ändra aktiviteten", "Change the activity"],
  "implementation.form.intro": [
    "Ange antal deltagare när aktiviteten är genomförd, och orsaken när den är inställd. Skriv inga personuppgifter.",
    "Give the number of participants when the activity is held, and the reason when it is cancelled. Write no personal data.",
  ],
  "implementation.form.date": ["Datum", "Date"],
  "implementation.form.kind": ["Slag av aktivitet", "Kind of activity"],
  "implementation.form.chooseKind": ["Välj slag", "Choose a kind"],
  "implementation.form.theme": ["Tema", "Theme"],
  "implementation.form.themeHint": ["T.ex. Introduktion till Sofiamodellen", "E.g. Introduction to the Sofia model"],
  "implementation.form.units": ["Enheter", "Units"],
  "implementation.form.unitsHint": ["Enheterna aktiviteten riktar sig till", "The units the activity is for"],
  "implementation.form.noUnits": ["Kommunen har inga aktiva enheter.", "The municipality has no active units."],
  "implementation.form.status": ["Status", "Status"],
  "implementation.form.participants": ["Antal deltagare", "Number of participants"],
  "implementation.form.participantsHint": [
    "Krävs när aktiviteten är genomförd. För en planerad aktivitet kan du ange förväntat antal.",
    "Required when the activity is held. For a planned activity you may give the expected number.",
  ],
  "implementation.form.cancelReason": ["Orsak till att aktiviteten ställdes in", "Why the activity was cancelled"],
  "implementation.form.cancelReasonHint": [
    "Bara när aktiviteten är inställd, t.ex. Inställd på grund av pandemin",
    "Only when the activity is cancelled, e.g. Cancelled because of the pandemic",
  ],
  "implementation.form.notes": ["Anteckningar", "Notes"],
  "implementation.form.notesHint": ["Frivilligt. Inga personuppgifter.", "Optional. No personal data."],
  "implementation.form.create": ["Registrera aktiviteten", "Record the activity"],
  "implementation.form.save": ["Spara ändringarna", "Save the changes"],

  "implementation.date.required": ["Ange ett datum.", "Enter a date."],
  "implementation.date.invalid": [
    "Ange ett datum som finns, mellan år 2000 och 2100, till exempel 2026-03-12 eller 12/3 2026.",
    "Enter a date that exists, between the years 2000 and 2100, for example 2026-03-12 or 12/3 2026.",
  ],
  "implementation.date.heldInFuture": [
    "En genomförd aktivitet kan inte ha ett datum efter i dag. Välj planerad, eller ändra datumet.",
    "A held activity cannot have a date after today. Choose planned, or change the date.",
  ],
  "implementation.kind.required": ["Välj slag av aktivitet.", "Choose the kind of activity."],
  "implementation.theme.required": ["Ange aktivitetens tema.", "Enter the activity's theme."],
  "implementation.theme.tooLong": ["Temat får vara högst 200 tecken.", "The theme can be at most 200 characters."],
  "implementation.status.required": ["Välj planerad, genomförd eller inställd.", "Choose planned, held or cancelled."],
  "implementation.participants.invalid": [
    "Ange antal deltagare som ett heltal mellan 0 och 100 000.",
    "Enter the number of participants as a whole number between 0 and 100 000.",
  ],
  "implementation.participants.requiredWhenHeld": [
    "Ange hur många som deltog: det krävs när aktiviteten är genomförd.",
    "Enter how many took part: it is required when the activity is held.",
  ],
  "implementation.cancelReason.required": ["Ange orsaken till att aktiviteten ställdes in.", "Enter why the activity was cancelled."],
  "implementation.cancelReason.onlyWhenCancelled": [
    "Ange en orsak bara när aktiviteten är inställd. Töm fältet eller välj inställd.",
    "Give a reason only when the activity is cancelled. Empty the field or choose cancelled.",
  ],
  "implementation.cancelReason.tooLong": ["Orsaken får vara högst 500 tecken.", "The reason can be at most 500 characters."],
  "implementation.notes.tooLong": ["Anteckningarna får vara högst 2 000 tecken.", "The notes can be at most 2 000 characters."],
  "implementation.versionInvalid": ["Versionen saknas eller är fel. Ladda om sidan.", "The version is missing or wrong. Reload the page."],
  "implementation.versionRequired": ["Ange version (den senast lästa).", "Give the version (the one last read)."],
  "implementation.api.expectedText": ["Ange en text.", "Enter a text."],
  "implementation.api.expectedObject": ["Skicka ett JSON-objekt.", "Send a JSON object."],

  "implementation.activity.edit": ["Ändra eller markera som genomförd eller inställd", "Change, or mark as held or cancelled"],

  "implementation.notice.created": ["Aktiviteten är registrerad.", "The activity has been recorded."],
  "implementation.notice.saved": ["Ändringarna är sparade.", "The changes have been saved."],

  "implementation.participation.title": ["Deltagande per enhet", "Participation per unit"],
  "implementation.participation.intro": [
    "Per enhet: aktiva handläggare som är medlemmar i enheten, hur många av dem som varit tilldelade minst en familj som barn- eller vuxenhandläggare under perioden, andelen och antal familjer per deltagande handläggare. Siffrorna räknas ur processdata och visar ingen person.",
    "Per unit: the active caseworkers who are members of the unit, how many of them were assigned to at least one family as child or adult caseworker in the period, the share and the number of families per participating caseworker. The figures are counted from the process data and show no person.",
  ],
  "implementation.participation.suppression": [
    "Antal under kommunens minsta gruppstorlek ({min}), och siffror som skulle avslöja dem, visas som två punkter (..).",
    "Counts below the municipality's minimum group size ({min}), and figures that would give them away, are shown as two dots (..).",
  ],
  "implementation.participation.period": ["Period", "Period"],
  "implementation.participation.periodHint": [
    "Ett år: tilldelningar som pågick någon gång under året, och årets aktiviteter",
    "A year: assignments that were open at some time in the year, and the year's activities",
  ],
  "implementation.participation.caption": [
    "Handläggarnas deltagande och genomförda aktiviteter per enhet, {year}",
    "Caseworkers' participation and held activities per unit, {year}",
  ],
  "implementation.participation.suppressed": ["för få för att visas", "too few to show"],
  "implementation.participation.noUnits": ["Kommunen har inga aktiva enheter.", "The municipality has no active units."],
  "implementation.participation.explained": [
    "En handläggare som är medlem i flera enheter räknas i var och en, och en aktivitet för flera enheter räknas med alla sina deltagare hos var och en. Därför visas ingen summa över enheterna.",
    "A caseworker who is a member of several units is counted in each, and an activity for several units is counted with all its participants in each. So no sum over the units is shown.",
  ],
};

export const implementationMessages: Catalog = {
  sv: Object.fromEntries(Object.entries(texts).map(([k, [sv]]) => [k, sv])),
  en: Object.fromEntries(Object.entries(texts).map(([k, [, en]]) => [k, en])),
};
