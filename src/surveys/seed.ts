/**
 * The survey instruments every municipality starts with, each published as version 1: the Sofia
 * model's four questions after family and child meetings (parents and children 6–12), our own
 * before/after questionnaires on family climate and the child's well-being, and the annual staff
 * and parent surveys of family-oriented process support. Idempotent per municipality.
 */
import type { Db, DbOrTx } from "../platform/database.ts";
import type { Content } from "./model.ts";
import { instrumentDocuments } from "./service.ts";

const sofia = (meetingTypeKey: string) => ({ workModelKey: "sofiamodellen", meetingTypeKey });
const familyMeetings = [sofia("familjemote-1"), sofia("familjemote-2"), sofia("familjemote-3")];
const both = ["sv", "en"];

const options = (labels: [string, string][]) => labels.map(([sv, en], i) => ({ value: i + 1, labels: { sv, en } }));
const items = (list: [string, string, string][]) => list.map(([key, sv, en]) => ({ key, texts: { sv, en } }));

/** The Sofia model's four questions as printed in the reports (1 = not satisfied, 4 = very satisfied). */
export const sofiaParent: Content = {
  name: { sv: "Enkät till föräldrar efter mötet", en: "Survey for parents after the meeting" },
  audience: "parent",
  local: false,
  timing: ["after_meeting"],
  follows: familyMeetings,
  languages: both,
  scale: {
    kind: "faces4",
    options: options([
      ["Inte nöjd", "Not satisfied"],
      ["Ganska nöjd", "Fairly satisfied"],
      ["Nöjd", "Satisfied"],
      ["Jättenöjd", "Very satisfied"],
    ]),
    allowDontKnow: true,
  },
  items: items([
    ["information", "Fick du tillräckligt med information?", "Did you get enough information?"],
    ["lyssnad-pa", "Blev du tillräckligt lyssnad på?", "Were you listened to enough?"],
    ["prata-om-alkohol-droger", "Hur kändes det att prata om alkohol och droger?", "How did it feel to talk about alcohol and drugs?"],
    ["helhet", "Hur nöjd är du med samtalet som helhet?", "How satisfied are you with the meeting as a whole?"],
  ]),
};

/** The same four questions for children 6–12: short, concrete, positive, without negations. */
export const sofiaChild: Content = {
  name: { sv: "Frågor till dig som är barn", en: "Questions for you as a child" },
  audience: "child",
  local: false,
  timing: ["after_meeting"],
  follows: [...familyMeetings, sofia("barnmote")],
  languages: both,
  scale: {
    kind: "faces4",
    options: options([
      ["Dåligt", "Bad"],
      ["Sådär", "So-so"],
      ["Bra", "Good"],
      ["Jättebra", "Really good"],
    ]),
    allowDontKnow: true,
  },
  items: items([
    ["information", "Fick du veta det du ville veta?", "Did you find out what you wanted to know?"],
    ["lyssnad-pa", "Lyssnade de vuxna på dig?", "Did the grown-ups listen to you?"],
    ["prata-om-alkohol-droger", "Hur kändes det att prata om alkohol och droger?", "How did it feel to talk about alcohol and drugs?"],
    ["helhet", "Hur tyckte du att mötet var?", "What did you think of the meeting?"],
  ]),
};

/** Our own items on the family climate, for parents before and after the series. */
export const familyClimate: Content = {
  name: { sv: "Familjeklimat före och efter samtalsserien", en: "Family climate before and after the series" },
  audience: "parent",
  local: true,
  timing: ["before_series", "after_series"],
  follows: [],
  languages: both,
  scale: {
    kind: "agree4",
    options: options([
      ["Stämmer inte alls", "Not at all true"],
      ["Stämmer ganska dåligt", "Mostly untrue"],
      ["Stämmer ganska bra", "Mostly true"],
      ["Stämmer helt", "Completely true"],
    ]),
    allowDontKnow: true,
  },
  items: items([
    ["prata-oppet", "I vår familj kan vi prata öppet med varandra.", "In our family we can talk openly with each other."],
    ["prata-om-beroende", "Vi kan prata om alkohol och droger i familjen.", "We can talk about alcohol and drugs in the family."],
    ["barnen-vet", "Barnen vet vad som händer i familjen och varför.", "The children know what is happening in the family and why."],
    ["omtanke", "Det finns värme och omtanke mellan oss i familjen.", "There is warmth and care between us in the family."],
    ["losa-oenighet", "Vi löser oenigheter i familjen på ett lugnt sätt.", "We resolve disagreements in the family calmly."],
    ["vet-var-hjalp-finns", "Jag vet var familjen kan få hjälp och stöd.", "I know where the family can get help and support."],
  ]),
};

/** Our own items on the child's well-being, for children 6–12 before and after the series. */
export const childWellBeing: Content = {
  name: { sv: "Hur du har det, före och efter samtalen", en: "How you are doing, before and after the talks" },
  audience: "child",
  local: true,
  timing: ["before_series", "after_series"],
  follows: [],
  languages: both,
  scale: {
    kind: "faces4",
    options: options([
      ["Lite", "A little"],
      ["Ibland", "Sometimes"],
      ["Ganska mycket", "Quite a lot"],
      ["Ja, mycket", "Yes, a lot"],
    ]),
    allowDontKnow: true,
  },
  items: items([
    ["vet-vad-beroende-ar", "Jag vet vad beroende är.", "I know what addiction is."],
    ["kanner-mig-lugn", "Jag känner mig lugn när jag tänker på min familj.", "I feel calm when I think about my family."],
    [
      "fri-fran-skuld",
      "Jag vet att jag är fri från skuld för det som händer hemma.",
      "I know that I am free of blame for what happens at home.",
    ],
    [
      "vuxnas-ansvar",
      "Jag vet att det är de vuxna som ska ta hand om problemen hemma.",
      "I know that the grown-ups are the ones to take care of the problems at home.",
    ],
    ["nagon-att-prata-med", "Jag har någon att prata med när något känns svårt.", "I have someone to talk to when something feels hard."],
  ]),
};

/**
 * Asked after the last family meeting (on paper, with the meeting's other surveys): did the talks
 * give the parent strategies and tools. The process goal counts the answers of parents with the problem.
 */
export const sofiaAfterSeriesParent: Content = {
  name: { sv: "Efter samtalsserien, föräldrar", en: "After the series, parents" },
  audience: "parent",
  local: true,
  timing: ["after_meeting"],
  follows: [sofia("familjemote-3")],
  languages: both,
  scale: {
    kind: "agree4",
    options: options([
      ["Nej, inte alls", "No, not at all"],
      ["Lite", "A little"],
      ["Ganska mycket", "Quite a lot"],
      ["Ja, mycket", "Yes, a lot"],
    ]),
    allowDontKnow: true,
  },
  items: items([
    [
      "strategier-verktyg",
      "Har samtalen gett dig strategier och verktyg för att hantera det som är svårt?",
      "Have the talks given you strategies and tools to handle what is difficult?",
    ],
    ["vet-var-stod-finns", "Vet du var du kan få fortsatt stöd?", "Do you know where you can get further support?"],
  ]),
};

const howOften = "Hur ofta har du under det senaste året";
const howOftenEn = "How often in the last year have you";

/** The annual staff survey: how often the joint ways of working were used in the last year. */
export const staffAnnual: Content = {
  name: { sv: "Årlig enkät till medarbetare", en: "Annual staff survey" },
  audience: "staff",
  local: true,
  timing: ["annual"],
  follows: [],
  languages: both,
  scale: {
    kind: "frequency4",
    options: options([
      ["Aldrig", "Never"],
      ["Vid enstaka tillfällen", "Occasionally"],
      ["Ibland", "Sometimes"],
      ["Ofta", "Often"],
    ]),
    allowDontKnow: true,
  },
  items: items([
    [
      "gemensamt-samrad",
      `${howOften} haft ett gemensamt samråd med en kollega som också har kontakt med familjen?`,
      `${howOftenEn} held a joint consultation with a colleague who also works with the family?`,
    ],
    [
      "gemensam-utredningsplanering",
      `${howOften} gjort en gemensam utredningsplanering?`,
      `${howOftenEn} made a joint investigation plan?`,
    ],
    ["gemensam-bedomning", `${howOften} formulerat en gemensam bedömning?`, `${howOftenEn} written a joint assessment?`],
    [
      "gemensam-barnkonsekvensanalys",
      `${howOften} gjort en gemensam barnkonsekvensanalys?`,
      `${howOftenEn} made a joint child impact analysis?`,
    ],
    [
      "gemensamt-uppdrag",
      `${howOften} formulerat uppdrag till en utförare gemensamt?`,
      `${howOftenEn} written a joint assignment to a provider?`,
    ],
  ]),
};

/** The annual survey of the parents in the focus families. */
export const parentAnnual: Content = {
  name: { sv: "Årlig enkät till föräldrar", en: "Annual parent survey" },
  audience: "parent_annual",
  local: true,
  timing: ["annual"],
  follows: [],
  languages: both,
  scale: {
    kind: "agree4",
    options: options([
      ["Inte alls", "Not at all"],
      ["Till viss del", "To some extent"],
      ["Till stor del", "To a large extent"],
      ["Helt och hållet", "Completely"],
    ]),
    allowDontKnow: true,
  },
  items: items([
    [
      "tydligt-vem-gor-vad",
      "Är det tydligt för dig vilken handläggare som ansvarar för vad?",
      "Is it clear to you which caseworker is responsible for what?",
    ],
    [
      "hela-familjen",
      "Tar handläggarna hänsyn till hela familjens situation?",
      "Do the caseworkers consider the whole family's situation?",
    ],
    [
      "samordnat",
      "Arbetar handläggarna samordnat kring dig och ditt barn?",
      "Do the caseworkers work in a coordinated way around you and your child?",
    ],
  ]),
};

export const seededInstruments = [
  { key: "sofia-4q-parent", name: "Sofiamodellens fyra frågor, föräldrar", content: sofiaParent },
  { key: "sofia-4q-child", name: "Sofiamodellens fyra frågor, barn 6–12 år", content: sofiaChild },
  { key: "familjeklimat", name: "Familjeklimat (lokal)", content: familyClimate },
  { key: "barnets-maende", name: "Barnets mående (lokal)", content: childWellBeing },
  { key: "arlig-medarbetarenkat", name: "Årlig enkät till medarbetare", content: staffAnnual },
  { key: "arlig-foraldraenkat", name: "Årlig enkät till föräldrar", content: parentAnnual },
  { key: "sofia-efter-serien-foralder", name: "Efter samtalsserien, föräldrar", content: sofiaAfterSeriesParent },
] as const;

/** Gives the municipality each seeded instrument that it does not have yet, published as version 1. */
export const seedSurveyInstruments = (db: DbOrTx, municipalityId: string) =>
  instrumentDocuments.seed(db, municipalityId, seededInstruments);

/** At every start: an install made before survey instruments existed gets the seeded ones too. */
export const seedSurveyInstrumentsEverywhere = (db: Db) => instrumentDocuments.seedEverywhere(db, seededInstruments);
