import type { Catalog } from "../platform/i18n.ts";

/** Each key with its Swedish and English text. */
const texts: Record<string, [sv: string, en: string]> = {
  "indicators.error.nameRequired": ["Ange indikatorns namn.", "Enter the indicator's name."],
  "indicators.error.nameTooLong": ["Namnet får vara högst 160 tecken.", "The name may be at most 160 characters."],
  "indicators.error.descriptionTooLong": ["Beskrivningen får vara högst 2 000 tecken.", "The description may be at most 2,000 characters."],
  "indicators.error.unit": [
    "Välj vad som räknas: familj, familjemedlem, barn, möte, hållplats, enkätsvar eller handläggare.",
    "Choose what is counted: family, family member, child, meeting, stop, survey answer or caseworker.",
  ],
  "indicators.error.periodDate": [
    "Välj ett datumfält som placerar det som räknas i en period.",
    "Choose a date field that places what is counted in a period.",
  ],
  "indicators.error.unknownField": ["Fältet finns inte för det som räknas.", "The field does not exist for what is counted."],
  "indicators.error.operator": ["Villkoret passar inte fältets typ.", "The condition does not fit the field's type."],
  "indicators.error.value": [
    "Värdet passar inte fältet (fel typ, ett okänt värde eller en lista där ett värde väntas).",
    "The value does not fit the field (wrong type, an unknown value, or a list where one value is expected).",
  ],
  "indicators.error.noValue": ["Det här villkoret tar inget värde.", "This condition takes no value."],
  "indicators.error.tooManyFilters": ["Högst 20 villkor.", "At most 20 conditions."],
  "indicators.error.display": [
    "Välj visning: andel, antal, kvot, medelvärde, median, 90:e percentil, minsta eller största.",
    "Choose the display: share, count, rate, mean, median, 90th percentile, minimum or maximum.",
  ],
  "indicators.error.section": [
    "Välj avsnitt: funnel, goals, meetings, waits, support, answers, staff, perspective eller other.",
    "Choose the section: funnel, goals, meetings, waits, support, answers, staff, perspective or other.",
  ],
  "indicators.error.measureRequired": [
    "Ange measure: talfältet som lägesmåttet eller kvoten räknas på.",
    "Give measure: the number field the statistic or rate is computed of.",
  ],
  "indicators.error.measureField": [
    "measure.field ska vara ett talfält för det som räknas.",
    "measure.field must be a number field of what is counted.",
  ],
  "indicators.error.measurePer": [
    "measure.per anges bara för en kvot och ska då vara ett talfält.",
    "measure.per is given only for a rate, and then it must be a number field.",
  ],
  "indicators.error.measureNotUsed": [
    "measure anges bara för en kvot eller ett lägesmått; ta bort det för andel och antal.",
    "measure is given only for a rate or a statistic; remove it for share and count.",
  ],
  "indicators.error.target": [
    "Målet är ett tal med riktningen minst eller högst; för en andel mellan 0 och 100.",
    "The target is a number with the direction at least or at most; for a share between 0 and 100.",
  ],
  "indicators.error.targetNeedsPercent": [
    "Ett mål kan inte sättas för ett antal, bara för en andel, en kvot eller ett lägesmått.",
    "A target cannot be set for a count, only for a share, a rate or a statistic.",
  ],
  "indicators.error.bands": [
    "Intervall anges bara för ett talfält (utan intervall blir varje värde en grupp): 2–12 stigande heltal (nedre gränser).",
    "Bands are given only for a number field (without bands each value is a group): 2–12 ascending whole numbers (lower bounds).",
  ],
  "indicators.error.published": [
    "Versionen är publicerad och kan inte ändras. Skapa ett nytt utkast.",
    "The version is published and cannot be changed. Create a new draft.",
  ],
  "indicators.error.nothingPublished": [
    "Indikatorn har ingen publicerad version att utgå från.",
    "The indicator has no published version to start from.",
  ],
  "indicators.error.minGroupSize": ["Minsta gruppstorlek är ett heltal 2–50.", "The minimum group size is a whole number 2–50."],
  "indicators.error.targetNumber": ["Målet ska vara ett tal, t.ex. 80 eller 30,5.", "The target must be a number, e.g. 80 or 30.5."],
  "indicators.error.minGroupSizeNumber": ["Minsta gruppstorlek är ett heltal 2–50.", "The minimum group size is a whole number 2–50."],
};

export const followupMessages: Catalog = {
  sv: Object.fromEntries(Object.entries(texts).map(([k, [sv]]) => [k, sv])),
  en: Object.fromEntries(Object.entries(texts).map(([k, [, en]]) => [k, en])),
};
