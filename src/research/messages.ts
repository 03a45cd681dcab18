import type { Catalog } from "../platform/i18n.ts";

/** Each key with its Swedish and English text. */
const texts: Record<string, [sv: string, en: string]> = {
  "research.title": ["Forskningsuttag", "Research export"],
  "research.intro": [
    "Ett pseudonymiserat uttag för utvärdering och forskning: en CSV-fil i långt format och en kodbok som beskriver varje kolumn och variabel, i en ZIP-fil. Familjer och personer får nya slumpade pseudonymer i varje uttag. Namn, personnummer, födelsedatum, fritext och personalens identitet finns aldrig med. Varje uttag loggas med vem som gjorde det och för vilket syfte.",
    "A pseudonymised export for evaluation and research: a CSV file in long format and a codebook describing every column and variable, in a ZIP file. Families and persons get new random pseudonyms in every export. Names, identity numbers, birth dates, free text and staff identities are never included. Every export is logged with who made it and for which purpose.",
  ],
  "research.form.heading": ["Nytt uttag", "New export"],
  "research.purpose": ["Syfte", "Purpose"],
  "research.purpose.hint": [
    "10–500 tecken, t.ex. utvärdering av Sofiamodellen för Uppsala universitet, dnr …",
    "10–500 characters, e.g. evaluation of the Sofia model for Uppsala University, ref. no. …",
  ],
  "research.period.legend": ["Period: familjer vars förfrågan kom in", "Period: families whose request came in"],
  "research.from": ["Från och med", "From"],
  "research.to": ["Till och med", "To"],
  "research.options.legend": ["Vad uttaget innehåller", "What the export contains"],
  "research.exactDates": [
    "Exakta datum (annars år och månad, och intervall i dagar mellan händelserna)",
    "Exact dates (otherwise year and month, and intervals in days between events)",
  ],
  "research.caseTypeAndHousehold": ["Familjernas ärendetyp, hushåll och vårdnad", "The families' case type, household and custody"],
  "research.form.submit": ["Granska uttaget", "Review the export"],
  "research.confirm.title": ["Bekräfta forskningsuttaget", "Confirm the research export"],
  "research.confirm.intro": [
    "Kontrollera uppgifterna. När du laddar ner uttaget loggas det med ditt namn, syftet, perioden och valen.",
    "Check the details. When you download the export, it is logged with your name, the purpose, the period and the options.",
  ],
  "research.confirm.families": ["Familjer", "Families"],
  "research.confirm.rows": ["Rader i CSV-filen", "Rows in the CSV file"],
  "research.confirm.noFamilies": [
    "Inga familjer har en förfrågan i perioden. Uttaget blir tomt.",
    "No family has a request in the period. The export will be empty.",
  ],
  "research.confirm.download": ["Ladda ner uttaget (ZIP)", "Download the export (ZIP)"],
  "research.confirm.change": ["Ändra", "Change"],
  "research.confirm.after": [
    "Efter nedladdningen finns uttaget i listan över gjorda uttag.",
    "After the download, the export is in the list of exports made.",
  ],
  "research.confirm.back": ["Till forskningsuttag", "To research exports"],
  "research.yes": ["Ja", "Yes"],
  "research.no": ["Nej", "No"],
  "research.log.heading": ["Gjorda uttag", "Exports made"],
  "research.log.caption": ["Gjorda forskningsuttag, det senaste först", "Research exports made, the latest first"],
  "research.log.none": ["Inga uttag har gjorts.", "No exports have been made."],
  "research.col.date": ["Datum", "Date"],
  "research.col.by": ["Gjort av", "Made by"],
  "research.col.purpose": ["Syfte", "Purpose"],
  "research.col.period": ["Period", "Period"],
  "research.col.options": ["Val", "Options"],
  "research.col.rows": ["Rader", "Rows"],
  "research.period.value": ["{from} – {to}", "{from} – {to}"],
  "research.options.exactDates": ["exakta datum", "exact dates"],
  "research.options.monthOnly": ["år och månad", "year and month"],
  "research.options.withCaseType": ["med ärendetyp och hushåll", "with case type and household"],
  "research.options.withoutCaseType": ["utan ärendetyp och hushåll", "without case type and household"],
  "research.purpose.required": ["Ange syftet med uttaget.", "Enter the purpose of the export."],
  "research.purpose.tooShort": ["Syftet ska vara minst 10 tecken.", "The purpose must be at least 10 characters."],
  "research.purpose.tooLong": ["Syftet får vara högst 500 tecken.", "The purpose may be at most 500 characters."],
  "research.from.required": ["Ange periodens första dag.", "Enter the first day of the period."],
  "research.to.required": ["Ange periodens sista dag.", "Enter the last day of the period."],
  "research.date.invalid": [
    "Ange ett datum som finns, till exempel 2026-12-20 eller 20/12 2026.",
    "Enter a date that exists, for example 2026-12-20 or 20/12 2026.",
  ],
  "research.date.order": ["Periodens sista dag kan inte vara före den första.", "The last day cannot be before the first."],
  "research.api.expectedText": ["Väntade en text.", "Expected a text."],
  "research.api.expectedBoolean": ["Väntade true eller false.", "Expected true or false."],
  "research.api.expectedObject": ["Väntade ett JSON-objekt.", "Expected a JSON object."],
};

export const researchMessages: Catalog = {
  sv: Object.fromEntries(Object.entries(texts).map(([k, [sv]]) => [k, sv])),
  en: Object.fromEntries(Object.entries(texts).map(([k, [, en]]) => [k, en])),
};
