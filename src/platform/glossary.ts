/**
 * The glossary (ordlista): the domain terms every page uses, each in Swedish and English, and the
 * variant spellings and synonyms that must not occur instead (decision 0043). The terms are in the
 * catalogs as `glossary.<key>`; `glossary.test.ts` scans every installed catalog, and the work
 * model and indicator tests their seeded names, with {@link variantsIn}, so that a page saying
 * "Sofia-möte", "barnsamtal" or "Family Meeting" fails a test instead of reaching a caseworker.
 * docs/glossary.md maps the same words to the code.
 */
import type { Catalog, Locale } from "./i18n.ts";

export interface Term {
  /** The catalog key is `glossary.<key>`. */
  key: string;
  sv: string;
  en: string;
  /** What must not stand for the term, per language (case-sensitive unless the pattern says `i`). */
  variants: { sv: readonly RegExp[]; en: readonly RegExp[] };
}

/** A pattern that matches only a whole word or the start of a compound (å, ä, ö count as letters). */
const word = (text: string, flags = "iu") => new RegExp(`(?<![\\p{L}\\d])${text}(?![\\p{L}\\d])`, flags);
/** A pattern anywhere, also inside a compound. */
const part = (text: string, flags = "iu") => new RegExp(text, flags);
/** The Swedish word left untranslated in an English text. */
const swedish = (stem: string) => part(stem);

export const glossary: readonly Term[] = [
  {
    key: "sofiaMeeting",
    sv: "Sofiamöte",
    en: "Sofia meeting",
    variants: {
      sv: [part("sofia[- ]möte"), part("(?<![\\p{L}])sofiamöt", "u"), part("SofiaMöt", "u")],
      en: [
        part("Sofia[- ]Meeting", "u"),
        part("sofia meeting", "u"),
        part("sofia-meeting"),
        part("Sofia planning meeting"),
        swedish("sofiamöt"),
      ],
    },
  },
  {
    key: "familyMeeting",
    sv: "familjemöte",
    en: "family meeting",
    variants: {
      sv: [part("familje[- ]möte"), part("familj[- ]?möte")],
      en: [part("Family Meeting", "u"), part("family session"), swedish("familjemöt")],
    },
  },
  {
    key: "childMeeting",
    sv: "barnmöte",
    en: "child meeting",
    variants: {
      sv: [part("barnsamtal"), part("barn[- ]möte")],
      en: [part("Child Meeting", "u"), part("child (interview|talk|conversation)"), part("children's meeting"), swedish("barnmöt")],
    },
  },
  {
    key: "processLeader",
    sv: "processledare",
    en: "process leader",
    variants: {
      sv: [part("process[- ]ledare"), part("processansvarig")],
      en: [part("Process Leader", "u"), word("process (manager|lead)"), swedish("processledar")],
    },
  },
  {
    key: "childCaseworker",
    sv: "barnhandläggare",
    en: "child caseworker",
    variants: {
      sv: [part("barn-handläggare"), part("barnsekreterare")],
      en: [part("Child Caseworker", "u"), part("children's caseworker")],
    },
  },
  {
    key: "adultCaseworker",
    sv: "vuxenhandläggare",
    en: "adult caseworker",
    variants: {
      sv: [part("beroendehandläggare"), part("missbrukshandläggare"), part("vuxen-handläggare")],
      en: [part("Adult Caseworker", "u"), part("(addiction|substance abuse) caseworker")],
    },
  },
  {
    key: "caseworker",
    sv: "handläggare",
    en: "caseworker",
    variants: {
      sv: [part("handlaggare"), part("handläggere")],
      en: [part("case[- ]worker")],
    },
  },
  {
    key: "unitManager",
    sv: "enhetschef",
    en: "unit manager",
    variants: {
      sv: [part("enhets-chef")],
      en: [part("Unit Manager", "u"), part("head of unit")],
    },
  },
  {
    key: "consultationStop",
    sv: "hållplats",
    en: "consultation stop",
    variants: {
      sv: [part("konsultationsstopp"), part("håll-plats")],
      en: [part("Consultation Stop", "u"), part("stopping point"), swedish("hållplats")],
    },
  },
  {
    key: "request",
    sv: "förfrågan",
    en: "request",
    variants: {
      sv: [word("förfrågning(en)?")],
      en: [part("(?<!re-)referral"), word("(inquiry|enquiry)"), swedish("förfrågan")],
    },
  },
  {
    key: "consent",
    sv: "samtycke",
    en: "consent",
    variants: { sv: [part("medgivande")], en: [part("permission of the guardians"), swedish("samtyck")] },
  },
  {
    key: "meetingSeries",
    sv: "samtalsserie",
    en: "meeting series",
    variants: {
      sv: [part("mötesserie"), part("samtals-serie")],
      en: [part("conversation series"), part("series of (meetings|conversations)"), part("Meeting Series", "u")],
    },
  },
  {
    key: "childImpactAnalysis",
    sv: "gemensam barnkonsekvensanalys",
    en: "joint child impact analysis",
    variants: {
      sv: [part("barnkonsekvens-analys"), word("BKA", "u")],
      en: [part("child consequence analysis"), part("Child Impact Analysis", "u"), swedish("barnkonsekvensanalys")],
    },
  },
  {
    key: "safetyScale",
    sv: "trygghetsskala",
    en: "safety scale",
    variants: { sv: [part("oros-?skala")], en: [part("worry scale"), part("Safety Scale", "u")] },
  },
  {
    key: "safetyPlan",
    sv: "återfalls- och trygghetsplan",
    en: "relapse and safety plan",
    variants: { sv: [part("trygghets- och återfallsplan")], en: [part("safety and relapse plan")] },
  },
  {
    key: "phaseStarted",
    sv: "startad",
    en: "started",
    variants: { sv: [word("påbörjad")], en: [] },
  },
  {
    key: "phaseHalfway",
    sv: "halvvägs",
    en: "halfway",
    variants: { sv: [part("halv[- ]vägs")], en: [part("half[- ]way")] },
  },
  {
    key: "phaseCompleted",
    sv: "genomförd",
    en: "completed",
    variants: { sv: [word("fullföljd")], en: [] },
  },
  {
    key: "attitudeAmbivalent",
    sv: "ambivalent",
    en: "ambivalent",
    variants: { sv: [word("tveksam")], en: [part("hesitant")] },
  },
  {
    key: "caseFileNumber",
    sv: "aktnummer",
    en: "case-file number",
    variants: { sv: [part("akt-nummer")], en: [part("case file number"), part("Case-File Number", "u")] },
  },
  // Issue 15: the committee's evidence (docs/glossary.md).
  { key: "budgetPerCategory", sv: "budget per kostnadskategori", en: "budget per cost category", variants: { sv: [], en: [] } },
  { key: "unallocated", sv: "ej fördelat på kategori", en: "not split on a category", variants: { sv: [], en: [] } },
  { key: "dryRun", sv: "provkörning", en: "dry run", variants: { sv: [word("testkörning")], en: [] } },
  { key: "diaryNumber", sv: "diarienummer", en: "diary number", variants: { sv: [], en: [word("registration number")] } },
  { key: "decisionProposal", sv: "förslag till beslut", en: "decision proposal", variants: { sv: [word("beslutsförslag")], en: [] } },
  { key: "reportTemplate", sv: "rapportmall", en: "report template", variants: { sv: [], en: [] } },
  { key: "reportPreview", sv: "förhandsgranskning", en: "preview", variants: { sv: [], en: [] } },
  { key: "sameTimeLastYear", sv: "samma period förra året", en: "the same period last year", variants: { sv: [], en: [] } },
  { key: "tooFew", sv: ".. (för få)", en: "..(too few)", variants: { sv: [], en: [] } },
  { key: "respondentGroup", sv: "svarandegrupp", en: "group of respondents", variants: { sv: [], en: [] } },
  { key: "answerPeriod", sv: "svarets period", en: "the answer's period", variants: { sv: [], en: [] } },
  { key: "keyFigures", sv: "nyckeltal", en: "key figures", variants: { sv: [], en: [word("KPIs?", "u")] } },
  { key: "comparisonPeriod", sv: "jämförelseperiod", en: "comparison period", variants: { sv: [], en: [] } },
  { key: "campaignYear", sv: "kampanjens år", en: "the campaign's year", variants: { sv: [], en: [] } },
  { key: "yearAgainstYear", sv: "år mot år", en: "year against year", variants: { sv: [], en: [word("year[- ]on[- ]year")] } },
  { key: "paperImport", sv: "importera pappersenkäter", en: "import paper surveys", variants: { sv: [], en: [] } },
  // Issue 18: placements, the placement forum and their indicators (docs/glossary.md).
  { key: "placement", sv: "placering", en: "placement", variants: { sv: [], en: [] } },
  {
    key: "placementForum",
    sv: "placeringsforum",
    en: "placement forum",
    variants: {
      sv: [part("placerings-forum"), part("placeringsmöte")],
      en: [part("Placement Forum", "u"), part("placement meeting"), swedish("placeringsforum")],
    },
  },
  {
    key: "emergencyFosterHome",
    sv: "jourhem",
    en: "emergency foster home",
    variants: { sv: [part("jour-hem"), part("jourfamilj")], en: [part("emergency foster family"), swedish("jourhem")] },
  },
  {
    key: "fosterHome",
    sv: "familjehem",
    en: "foster home",
    variants: { sv: [part("familje-hem"), part("fosterhem")], en: [part("foster family"), swedish("familjehem")] },
  },
  {
    key: "residentialCare",
    sv: "HVB (hem för vård eller boende)",
    en: "residential care (HVB)",
    variants: { sv: [part("hem för vård och boende")], en: [part("residential home for care")] },
  },
  {
    key: "kinshipCare",
    sv: "nätverkshem",
    en: "kinship care",
    variants: { sv: [part("nätverks-hem"), part("släktinghem")], en: [swedish("nätverkshem")] },
  },
  { key: "returnHome", sv: "hemflytt", en: "return home", variants: { sv: [part("hem-flytt")], en: [] } },
  {
    key: "returnHomePlan",
    sv: "plan för hemflytt",
    en: "return-home plan",
    variants: { sv: [part("hemflyttsplan"), part("hemflyttningsplan")], en: [part("return home plan")] },
  },
  // Issue 18 part H: the handover from intake and team planning (docs/glossary.md, decision 0066).
  { key: "intakeHandover", sv: "överlämning från mottagningen", en: "handover from intake", variants: { sv: [], en: [] } },
  { key: "intakeUnit", sv: "mottagningen", en: "intake unit", variants: { sv: [], en: [word("reception unit")] } },
  { key: "workLeader", sv: "arbetsledare", en: "work leader", variants: { sv: [], en: [] } },
  { key: "toBeAssigned", sv: "ska tillsättas", en: "to be assigned", variants: { sv: [], en: [] } },
  { key: "firstContact", sv: "första kontakt", en: "first contact", variants: { sv: [], en: [] } },
  { key: "childInvestigator", sv: "barnutredare", en: "child investigator", variants: { sv: [], en: [] } },
  { key: "familyTherapist", sv: "familjebehandlare", en: "family therapist", variants: { sv: [], en: [] } },
];

/** The glossary as catalog entries: `glossary.<key>` in Swedish and English. */
export const glossaryMessages: Catalog = {
  sv: Object.fromEntries(glossary.map((t) => [`glossary.${t.key}`, t.sv])),
  en: Object.fromEntries(glossary.map((t) => [`glossary.${t.key}`, t.en])),
};

/** A text that uses a variant in place of a glossary term. */
export interface VariantUse {
  locale: Locale;
  /** The catalog key (or whatever names the text). */
  where: string;
  term: string;
  found: string;
}

/** Every variant of a glossary term in the texts, by language. */
export function variantsIn(
  texts: { sv: Record<string, string>; en: Record<string, string> },
  terms: readonly Term[] = glossary,
): VariantUse[] {
  const out: VariantUse[] = [];
  for (const locale of ["sv", "en"] as const) {
    for (const [where, text] of Object.entries(texts[locale])) {
      for (const term of terms) {
        for (const pattern of term.variants[locale]) {
          const found = pattern.exec(text);
          if (found) out.push({ locale, where, term: term[locale], found: found[0] });
        }
      }
    }
  }
  return out;
}
