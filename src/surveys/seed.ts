/**
 * The survey instruments every municipality starts with, each published as version 1: the Sofia
 * model's four questions after family and child meetings (parents and children 6–12), our own
 * before/after questionnaires on family climate and the child's well-being, and the annual staff
 * and parent surveys of family-oriented process support. Idempotent per municipality.
 */
import { and, eq, sql } from "drizzle-orm";
import { municipalities, surveyInstruments, surveyInstrumentVersions } from "../db/schema/index.ts";
import type { Db, DbOrTx } from "../platform/database.ts";
import { type Content, contentSchema } from "./model.ts";
import { instrumentDocuments } from "./service.ts";

const sofia = (meetingTypeKey: string) => ({ workModelKey: "sofiamodellen", meetingTypeKey });
const familyMeetings = [sofia("familjemote-1"), sofia("familjemote-2"), sofia("familjemote-3")];
const both = ["sv", "en"];

const options = (labels: [string, string][]) => labels.map(([sv, en], i) => ({ value: i + 1, labels: { sv, en } }));
const items = (list: [string, string, string][]) => list.map(([key, sv, en]) => ({ key, texts: { sv, en } }));

/**
 * The family's languages of the four questions (decision 0042): Swedish, easy Swedish (sv-x-ll),
 * English, Arabic, Persian, Somali and Finnish. The five beyond Swedish and English were written
 * for Sofia and wait for a native speaker's review until an administrator confirms each.
 */
const familyLanguages = ["sv", "sv-x-ll", "en", "ar", "fa", "so", "fi"];
const toReview = ["sv-x-ll", "ar", "fa", "so", "fi"];
/** One text in the family's languages, in the order of familyLanguages. */
type Seven = [sv: string, ll: string, en: string, ar: string, fa: string, so: string, fi: string];
const seven = (t: Seven) => Object.fromEntries(familyLanguages.map((lang, i) => [lang, t[i] as string]));
const options7 = (labels: Seven[]) => labels.map((l, i) => ({ value: i + 1, labels: seven(l) }));
const items7 = (list: [string, Seven][]) => list.map(([key, t]) => ({ key, texts: seven(t) }));
const aboutAlcohol: Seven = [
  "Hur kändes det att prata om alkohol och droger?",
  "Hur var det att prata om alkohol och droger?",
  "How did it feel to talk about alcohol and drugs?",
  "كيف كان شعورك عند الحديث عن الكحول والمخدرات؟",
  "صحبت کردن درباره الکل و مواد مخدر چه حسی داشت؟",
  "Sidee bay kula ahayd inaad ka hadasho khamriga iyo daroogada?",
  "Miltä tuntui puhua alkoholista ja huumeista?",
];

/** The Sofia model's four questions as printed in the reports (1 = not satisfied, 4 = very satisfied). */
export const sofiaParent: Content = {
  name: seven([
    "Enkät till föräldrar efter mötet",
    "Frågor till dig som förälder efter mötet",
    "Survey for parents after the meeting",
    "استبيان للوالدين بعد الاجتماع",
    "پرسشنامه برای والدین پس از جلسه",
    "Su'aalo loogu talagalay waalidiinta kadib kulanka",
    "Kysely vanhemmille tapaamisen jälkeen",
  ]),
  audience: "parent",
  local: false,
  timing: ["after_meeting"],
  follows: familyMeetings,
  languages: familyLanguages,
  review: toReview,
  scale: {
    kind: "faces4",
    options: options7([
      ["Inte nöjd", "Inte nöjd", "Not satisfied", "غير راضٍ", "ناراضی", "Kuma qanacsani", "En tyytyväinen"],
      [
        "Ganska nöjd",
        "Lite nöjd",
        "Fairly satisfied",
        "راضٍ إلى حد ما",
        "تا حدی راضی",
        "Waxoogaa ayaan ku qanacsanahay",
        "Melko tyytyväinen",
      ],
      ["Nöjd", "Nöjd", "Satisfied", "راضٍ", "راضی", "Waan ku qanacsanahay", "Tyytyväinen"],
      ["Jättenöjd", "Mycket nöjd", "Very satisfied", "راضٍ جدًا", "خیلی راضی", "Aad ayaan ugu qanacsanahay", "Erittäin tyytyväinen"],
    ]),
    allowDontKnow: true,
  },
  items: items7([
    [
      "information",
      [
        "Fick du tillräckligt med information?",
        "Fick du veta det du behövde?",
        "Did you get enough information?",
        "هل حصلت على معلومات كافية؟",
        "آیا اطلاعات کافی دریافت کردید؟",
        "Ma heshay macluumaad ku filan?",
        "Saitko tarpeeksi tietoa?",
      ],
    ],
    [
      "lyssnad-pa",
      [
        "Blev du tillräckligt lyssnad på?",
        "Lyssnade personalen på dig?",
        "Were you listened to enough?",
        "هل تم الاستماع إليك بما يكفي؟",
        "آیا به اندازه کافی به حرف‌های شما گوش داده شد؟",
        "Si ku filan ma laguu dhagaystay?",
        "Kuunneltiinko sinua tarpeeksi?",
      ],
    ],
    ["prata-om-alkohol-droger", aboutAlcohol],
    [
      "helhet",
      [
        "Hur nöjd är du med samtalet som helhet?",
        "Hur nöjd är du med hela mötet?",
        "How satisfied are you with the meeting as a whole?",
        "ما مدى رضاك عن الحديث بشكل عام؟",
        "در مجموع چقدر از این گفتگو راضی هستید؟",
        "Guud ahaan intee in le'eg ayaad ku qanacsan tahay wada-hadalka?",
        "Kuinka tyytyväinen olet keskusteluun kokonaisuutena?",
      ],
    ],
  ]),
};

/** The same four questions for children 6–12: short, concrete, positive, without negations. */
export const sofiaChild: Content = {
  name: seven([
    "Frågor till dig som är barn",
    "Frågor till dig som är barn",
    "Questions for you as a child",
    "أسئلة للأطفال",
    "سؤال‌هایی برای بچه‌ها",
    "Su'aalo loogu talagalay carruurta",
    "Kysymyksiä lapsille",
  ]),
  audience: "child",
  local: false,
  timing: ["after_meeting"],
  follows: [...familyMeetings, sofia("barnmote")],
  languages: familyLanguages,
  review: toReview,
  scale: {
    kind: "faces4",
    options: options7([
      ["Dåligt", "Dåligt", "Bad", "سيئ", "بد", "Xun", "Huono"],
      ["Sådär", "Sådär", "So-so", "عادي", "معمولی", "Caadi", "Ihan ok"],
      ["Bra", "Bra", "Good", "جيد", "خوب", "Fiican", "Hyvä"],
      ["Jättebra", "Jättebra", "Really good", "جيد جدًا", "خیلی خوب", "Aad u fiican", "Tosi hyvä"],
    ]),
    allowDontKnow: true,
  },
  items: items7([
    [
      "information",
      [
        "Fick du veta det du ville veta?",
        "Fick du veta det du ville veta?",
        "Did you find out what you wanted to know?",
        "هل عرفت ما أردت أن تعرفه؟",
        "چیزی را که می‌خواستی بدانی، فهمیدی؟",
        "Ma ogaatay wixii aad rabtay inaad ogaato?",
        "Saitko tietää sen, mitä halusit tietää?",
      ],
    ],
    [
      "lyssnad-pa",
      [
        "Lyssnade de vuxna på dig?",
        "Lyssnade de vuxna på dig?",
        "Did the grown-ups listen to you?",
        "هل استمع إليك الكبار؟",
        "آیا بزرگ‌ترها به حرف تو گوش دادند؟",
        "Dadka waaweyni ma ku dhagaysteen?",
        "Kuuntelivatko aikuiset sinua?",
      ],
    ],
    ["prata-om-alkohol-droger", aboutAlcohol],
    [
      "helhet",
      [
        "Hur tyckte du att mötet var?",
        "Hur var mötet?",
        "What did you think of the meeting?",
        "كيف كان الاجتماع برأيك؟",
        "به نظرت جلسه چطور بود؟",
        "Sidee buu kula ahaa kulanku?",
        "Millainen tapaaminen oli mielestäsi?",
      ],
    ],
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

/** At every start: an install made before survey instruments existed gets the seeded ones too; the four questions get the family's languages. */
export async function seedSurveyInstrumentsEverywhere(db: Db): Promise<void> {
  await instrumentDocuments.seedEverywhere(db, seededInstruments);
  await seedFamilyLanguagesEverywhere(db);
}

/** The Swedish of a content: what says whether a municipality has changed the seeded wording. */
const swedishOf = (c: Content) =>
  JSON.stringify([c.name.sv, c.items.map((i) => [i.key, i.texts.sv]), c.scale.options.map((o) => [o.value, o.labels.sv])]);

const withLanguages = [
  { key: "sofia-4q-parent", content: sofiaParent },
  { key: "sofia-4q-child", content: sofiaChild },
] as const;

/**
 * An install seeded before the family's languages (decision 0042) gets the four questions in the
 * seven languages as a new published version, the old one retired, where the municipality has
 * neither a draft nor its own Swedish wording (then an administrator decides). Idempotent.
 */
export async function seedFamilyLanguagesEverywhere(db: Db): Promise<void> {
  const all = await db.select({ id: municipalities.id }).from(municipalities);
  for (const m of all) {
    await db.transaction(async (tx) => {
      for (const { key, content } of withLanguages) {
        const [doc] = await tx
          .select({ id: surveyInstruments.id })
          .from(surveyInstruments)
          .where(and(eq(surveyInstruments.municipalityId, m.id), eq(surveyInstruments.key, key)));
        if (!doc) continue;
        const versions = await tx
          .select({
            number: surveyInstrumentVersions.number,
            status: surveyInstrumentVersions.status,
            content: surveyInstrumentVersions.content,
          })
          .from(surveyInstrumentVersions)
          .where(eq(surveyInstrumentVersions.instrumentId, doc.id));
        const published = versions.find((v) => v.status === "published");
        if (!published || versions.some((v) => v.status === "draft")) continue;
        const current = contentSchema.safeParse(published.content);
        if (!current.success || current.data.languages.includes("ar") || swedishOf(current.data) !== swedishOf(content)) continue;
        await tx
          .update(surveyInstrumentVersions)
          .set({ status: "retired", version: sql`${surveyInstrumentVersions.version} + 1`, updatedAt: new Date() })
          .where(and(eq(surveyInstrumentVersions.instrumentId, doc.id), eq(surveyInstrumentVersions.status, "published")));
        await tx.insert(surveyInstrumentVersions).values({
          instrumentId: doc.id,
          number: Math.max(...versions.map((v) => v.number)) + 1,
          content: contentSchema.parse(content),
          status: "published",
          publishedAt: new Date(),
        });
      }
    });
  }
}
