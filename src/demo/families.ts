/**
 * Realistic, deterministic family data for the demo and for benchmarks: requests with their persons,
 * processes with assignments, meetings and their participants, interruptions, further support,
 * consultation stops, child impact analyses and safety ratings, as plain rows for every table.
 *
 * The distributions follow the Uppsala and Skarpnäck reports (see /work/shared/DOMAIN.md): about
 * 15 % of the requests stop at the Sofiamöte; of the processes that start, about 43 % complete and
 * the rest are interrupted in various phases; further support is more common for completed families.
 * Every derived value (case type, phase, status, phase dates) comes from the app's own pure rules.
 *
 * Pure and deterministic: the same options give the same rows. Each family has a random stream of
 * its own (seeded from the seed and the family's index) and ids built from the seed, the family's
 * index and a counter, so a batch of families [offset, offset + count) is the same whatever the
 * batch size. Identity numbers are valid (Luhn) but use the birth numbers 980–999 only, so that
 * they are meant not to be real people's numbers.
 */
import type {
  childImpactAnalyses,
  consultations,
  meetingParticipants,
  meetings,
  processAssignments,
  processes,
  processInterruptions,
  requestPersons,
  requests,
  safetyRatings,
  supportMeasures,
} from "../db/schema/index.ts";
import { addDays, ageOn, deriveCaseType, type IsoDate, luhnCheckDigit, stopReasons } from "../families/index.ts";
import type { ImpactSection, outcomeReasons } from "../processes/index.ts";
import {
  type AssignmentRole,
  childrenFor,
  derivePhase,
  type HeldConsultation,
  type HeldMeeting,
  type InterruptReason,
  interruptReasons,
  processState,
  type SupportKind,
  supportKinds,
} from "../processes/index.ts";
import type { Content, MeetingType } from "../workmodels/index.ts";

export { supportKinds };

type OutcomeReason = (typeof outcomeReasons)[number];

// ---------------------------------------------------------------------------------------------
// Options and rows

export interface StaffMember {
  id: string;
  unitId: string;
}

export interface ModelRef {
  versionId: string;
  content: Content;
}

export interface GenerateOptions {
  seed: number;
  count: number;
  /** The index of the first family; batches of one run share the seed and follow each other. */
  offset?: number;
  /** The calendar date everything is relative to: nothing is held or decided after it. */
  today: IsoDate;
  municipalityId: string;
  /** The published versions processes start with: the Sofia model and family-oriented process support. */
  models: { sofia: ModelRef; processSupport: ModelRef };
  /** Unit ids; repeat an id to make it more common. */
  units: { child: string[]; addiction: string[] };
  /** Repeat a member to give them more families. Caseworkers are picked from the family's unit when possible. */
  staff: {
    childCaseworkers: StaffMember[];
    adultCaseworkers: StaffMember[];
    processLeaders: string[];
    /** Unit managers: they assign caseworkers. */
    managers: string[];
    /** Who registers requests. */
    registrars: string[];
  };
  /** Share of processes on family-oriented process support (default 0.15). */
  processSupportShare?: number;
  /** How far back requests are dated, in days (default 540, the reports' 18 months). */
  historyDays?: number;
  /** Share of families whose request came in the last 60 days, so that waits are ongoing (default 0). */
  recentShare?: number;
  /**
   * Consultation stops by the work model's due rules (family-oriented process support): each stop
   * is held on time, late (this share) or never (this share: overdue while the process runs), and
   * a family that stops coming is interrupted or left running with its next stops overdue. Without
   * it, stops follow the older, looser timing (kept so that existing data stays as it was).
   */
  punctuality?: { late: number; missed: number };
}

export type RequestRow = Required<typeof requests.$inferInsert>;
/** A person as generated: the identity number in the clear, sealed when the rows are stored (decision 0061). */
export type PersonRow = Required<
  Omit<typeof requestPersons.$inferInsert, "clearIdentityNumber" | "identityNumberSealed" | "identityNumberIndex">
> & {
  identityNumber: string | null;
};
export type ProcessRow = Required<typeof processes.$inferInsert>;
export type AssignmentRow = Required<typeof processAssignments.$inferInsert>;
export type MeetingRow = Required<typeof meetings.$inferInsert>;
export type ParticipantRow = Required<typeof meetingParticipants.$inferInsert>;
export type InterruptionRow = Required<typeof processInterruptions.$inferInsert>;
export type SupportMeasureRow = Required<typeof supportMeasures.$inferInsert>;
export type ConsultationRow = Required<typeof consultations.$inferInsert>;
export type ChildImpactAnalysisRow = Required<typeof childImpactAnalyses.$inferInsert>;
export type SafetyRatingRow = Required<typeof safetyRatings.$inferInsert>;

/** Rows per table, in an order that satisfies the foreign keys when inserted table by table. */
export interface FamilyRows {
  requests: RequestRow[];
  requestPersons: PersonRow[];
  processes: ProcessRow[];
  processAssignments: AssignmentRow[];
  meetings: MeetingRow[];
  meetingParticipants: ParticipantRow[];
  processInterruptions: InterruptionRow[];
  supportMeasures: SupportMeasureRow[];
  consultations: ConsultationRow[];
  childImpactAnalyses: ChildImpactAnalysisRow[];
  safetyRatings: SafetyRatingRow[];
}

export const tableOrder = [
  "requests",
  "requestPersons",
  "processes",
  "processAssignments",
  "meetings",
  "meetingParticipants",
  "processInterruptions",
  "supportMeasures",
  "consultations",
  "childImpactAnalyses",
  "safetyRatings",
] as const satisfies ReadonlyArray<keyof FamilyRows>;

export const emptyRows = (): FamilyRows => ({
  requests: [],
  requestPersons: [],
  processes: [],
  processAssignments: [],
  meetings: [],
  meetingParticipants: [],
  processInterruptions: [],
  supportMeasures: [],
  consultations: [],
  childImpactAnalyses: [],
  safetyRatings: [],
});

// ---------------------------------------------------------------------------------------------
// Randomness and ids

/** mulberry32: a small, fast 32-bit PRNG; good enough for test data, not for secrets. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit mix (murmur3 finaliser), to turn seed and index into well-spread stream seeds. */
export function mix32(x: number): number {
  let h = x >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export class Random {
  constructor(readonly next: () => number) {}
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError("pick from an empty list");
    return item;
  }
  weighted<T>(items: ReadonlyArray<readonly [T, number]>): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [item, w] of items) {
      x -= w;
      if (x < 0) return item;
    }
    const last = items[items.length - 1];
    if (!last) throw new RangeError("weighted pick from an empty list");
    return last[0];
  }
  /** Indices 0..n-1, each kept with probability p, in order. */
  subset(n: number, p: number): number[] {
    const out: number[] = [];
    for (let i = 0; i < n; i++) if (this.chance(p)) out.push(i);
    return out;
  }
}

const hex = (n: number, width: number) => n.toString(16).padStart(width, "0").slice(-width);

/**
 * Deterministic UUIDs (version 4 layout, RFC variant): the seed's mix, the family's index and a
 * counter within the family. Distinct for distinct (seed, index, counter); never collide within a run.
 */
export function idMaker(seed: number, index: number): () => string {
  const a = hex(mix32(seed ^ 0x5eed50f1), 8);
  const i = hex(index, 10);
  let counter = 0;
  return () => `${a}-${i.slice(0, 4)}-4${i.slice(4, 7)}-8${i.slice(7, 10)}-${hex(counter++, 12)}`;
}

// ---------------------------------------------------------------------------------------------
// Names and texts

const girls = [
  "Alice",
  "Maja",
  "Vera",
  "Elsa",
  "Ella",
  "Alma",
  "Wilma",
  "Ebba",
  "Olivia",
  "Signe",
  "Astrid",
  "Selma",
  "Saga",
  "Freja",
  "Agnes",
  "Alva",
  "Stella",
  "Lilly",
  "Nora",
  "Clara",
  "Ines",
  "Edith",
  "Leah",
  "Iris",
];
const boys = [
  "Noah",
  "William",
  "Hugo",
  "Oliver",
  "Liam",
  "Lucas",
  "Elias",
  "Adam",
  "Matteo",
  "Oscar",
  "Alexander",
  "Vincent",
  "Leo",
  "Theo",
  "Nils",
  "Arvid",
  "Ludvig",
  "Frans",
  "Malte",
  "Sixten",
  "Otto",
  "Ture",
  "Ali",
  "Omar",
];
const women = [
  "Anna",
  "Maria",
  "Sara",
  "Emma",
  "Johanna",
  "Linnea",
  "Hanna",
  "Elin",
  "Sofia",
  "Karin",
  "Jenny",
  "Malin",
  "Frida",
  "Camilla",
  "Therese",
  "Amanda",
  "Ida",
  "Lina",
  "Petra",
  "Jessica",
  "Fatima",
  "Nadia",
  "Sanna",
  "Lisa",
];
const men = [
  "Johan",
  "Erik",
  "Anders",
  "Mikael",
  "Daniel",
  "Fredrik",
  "Andreas",
  "Marcus",
  "Jonas",
  "Niklas",
  "Peter",
  "Magnus",
  "Mattias",
  "Henrik",
  "Christoffer",
  "Simon",
  "Viktor",
  "Robin",
  "Jimmy",
  "Tobias",
  "Ahmed",
  "Mohammed",
  "Emil",
  "Kim",
];
const surnames = [
  "Andersson",
  "Johansson",
  "Karlsson",
  "Nilsson",
  "Eriksson",
  "Larsson",
  "Olsson",
  "Persson",
  "Svensson",
  "Gustafsson",
  "Pettersson",
  "Jonsson",
  "Jansson",
  "Hansson",
  "Bengtsson",
  "Jönsson",
  "Lindberg",
  "Jakobsson",
  "Magnusson",
  "Lindström",
  "Olofsson",
  "Lindqvist",
  "Lindgren",
  "Berg",
  "Axelsson",
  "Bergström",
  "Lundberg",
  "Lind",
  "Lundgren",
  "Lundqvist",
  "Mattsson",
  "Berglund",
  "Fredriksson",
  "Sandberg",
  "Henriksson",
  "Ali",
  "Forsberg",
  "Sjöberg",
  "Wallin",
  "Engström",
  "Eklund",
  "Danielsson",
  "Lundin",
  "Håkansson",
  "Björk",
  "Hassan",
];

const reasonOpenings = [
  "Anmälan från förskolan om oro för att {who} dricker alkohol i hemmet.",
  "Anmälan från skolan: barnet har varit mycket frånvarande och berättar om bråk hemma när {who} har druckit.",
  "Polisen har gjort en orosanmälan efter ett ingripande i hemmet; {who} var påverkad.",
  "{Who} är aktuell på beroendeenheten och har berättat att barnen bor hemma.",
  "Barnavårdscentralen har anmält oro för att {who} använder narkotika.",
  "{Who} har själv sökt stöd för sitt spelande och sitt drickande och vill ha hjälp att prata med barnen.",
  "Anmälan från akutmottagningen efter att {who} vårdats för berusning.",
];
const reasonEndings = [
  " Familjen är positiv till att träffas tillsammans.",
  " Den andra vårdnadshavaren är orolig och vill ha stöd.",
  " Barnen har inte fått någon information om förälderns beroende.",
  " Familjen har tidigare haft kontakt med socialtjänsten.",
  "",
];
const stopTexts = [
  "Familjen flyttar till en annan kommun.",
  "Ärendet hanteras inom ett annat projekt.",
  "Föräldern har påbörjat behandling på annan ort.",
];
const interruptTexts = ["Familjen vill ta en paus efter en svår period.", "Föräldern har återfallit och vill inte medverka just nu."];
const places = ["Familjeenheten, samtalsrum 2", "Beroendeenheten, rum 4", "Barn och unga, samtalsrum 1", "Hemma hos familjen", "Videomöte"];
const times = ["09:00", "10:00", "13:00", "14:00", "15:30"];
const nextSteps = [
  "Processledaren skickar kallelse till nästa möte.",
  "Handläggarna följer upp ansökan inom två veckor.",
  "Familjen hör av sig om något ändras innan dess.",
];
const summaries: Record<string, Array<readonly [string, string]>> = {
  sofiamote: [
    ["Förfrågan gicks igenom och familjen bedöms passa för modellen.", "Familjemöte 1 bokas när båda handläggarna är utsedda."],
    [
      "Ärendetypen bedömdes och handläggare efterfrågas hos enhetscheferna.",
      "Processledaren bjuder in familjen och skickar informationsbladet.",
    ],
  ],
  "familjemote-1": [
    [
      "Metoden presenterades och beroendet förklarades som en sjukdom som påverkar hela familjen.",
      "Samtycke till barnmöte efterfrågades; barnboken lämnades.",
    ],
    ["Familjen berättade om hur de har det; barnen fick åldersanpassad information.", "Nästa möte bokas efter barnmötena."],
  ],
  "familjemote-2": [
    [
      "Handläggarna återkopplade sina bedömningar; barnens behov och det barnen berättat togs upp.",
      "Föräldern informerades om hur man ansöker om behandling.",
    ],
    ["Insatser till barnen och föräldrarna gicks igenom med familjen.", "Ansökan om stöd togs emot på mötet."],
  ],
  "familjemote-3": [
    ["Insatserna följdes upp; familjen beskriver att de pratar mer öppet hemma.", "Återfalls- och trygghetsplanen är upprättad."],
    ["Familjen och handläggarna gick igenom hur det har gått sedan förra mötet.", "Behovet av fortsatta insatser diskuterades."],
  ],
};
const fallbackSummary: Array<readonly [string, string]> = [["Mötet hölls enligt plan.", "Nästa steg är planerat."]];
const childToldTexts = [
  "Barnet fick veta att pappas drickande är en sjukdom och att det inte är barnets fel.",
  "Barnet fick åldersanpassad information om beroende och om vem man kan prata med.",
  "Barnet fick läsa barnboken tillsammans med handläggaren och ställa egna frågor.",
  "Barnet fick veta vad som händer i utredningen och att mamma får hjälp.",
];
const consultationNotes = ["Gemensam plan upprättad.", "Barnets berättelse och förälderns behov är med i planeringen.", null, null];

/** A Skatteverket-style birth number from the range 980–999 only, with the parity of the legal gender. */
function identityNumber(r: Random, birthDate: IsoDate, female: boolean, taken: Set<string>): string {
  const yymmdd = birthDate.slice(2, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10);
  for (;;) {
    let serial = r.int(980, 999);
    if ((serial % 2 === 0) !== female) serial += serial === 999 ? -1 : 1;
    const nine = yymmdd + String(serial);
    if (taken.has(nine)) continue;
    taken.add(nine);
    return birthDate.slice(0, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10) + String(serial) + String(luhnCheckDigit(nine));
  }
}

/**
 * A guardian's gender as a caseworker records it: mostly as the legal gender, a few other or
 * "prefers not to say", and some not filled in (null) as in real registrations.
 */
function guardianGender(r: Random, female: boolean): "woman" | "man" | "other" | "not_stated" | null {
  return r.weighted([
    [female ? "woman" : "man", 85],
    ["other", 1],
    ["not_stated", 3],
    [null, 11],
  ] as const);
}

// ---------------------------------------------------------------------------------------------
// One family

type Fate = "not_started" | "started" | "halfway" | "completed";

const maxDate = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
const minDate = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
/** A timestamp on a calendar date (morning, Swedish time), for created_at and decided_at. */
const at = (date: IsoDate, hour = 8) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);

interface Person {
  row: PersonRow;
  female: boolean;
}

/** Interpreter languages of the demo, as a caseworker writes them (one in eight families needs one). */
export const demoInterpreterLanguages = ["arabiska", "persiska", "somaliska", "tigrinja", "dari", "finska", "polska"] as const;
const surveyLanguageOf: Partial<Record<(typeof demoInterpreterLanguages)[number], "ar" | "fa" | "so" | "fi">> = {
  arabiska: "ar",
  persiska: "fa",
  somaliska: "so",
  finska: "fi",
};

/** Letters for an e-mail address: the name in lower case without å, ä, ö, é. */
const mailPart = (name: string) =>
  name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z]+/g, ".");

/**
 * A family's case-file number and contact details, in the forms decision 0037 accepts: most
 * families have a number of the municipality's journal system (a diary number "SN 2026/5012", a
 * case number "IFN-2026-5012", a year and serial "2026-5012" or digits only "800012"), many a phone
 * number and some an e-mail address; one in eight needs an interpreter. The phone numbers are the
 * ones PTS keeps for fiction (070-174 06 05 to 99) and the addresses are at example.com, so that
 * none is a real family's. Deterministic, from a random stream of the family's own.
 */
export function demoContact(
  seed: number,
  index: number,
  requestDate: IsoDate,
  guardianName: string,
): Pick<RequestRow, "caseFileNumber" | "contactPhone" | "contactEmail" | "interpreterNeeded" | "interpreterLanguage" | "familyLanguage"> {
  const c = new Random(mulberry32(mix32(seed ^ mix32(index + 0x2b7e1516))));
  const year = requestDate.slice(0, 4);
  // Serial numbers from 5000 and digits from 800000, apart from the numbers the tests type.
  const serial = 5000 + (index % 4000);
  const caseFileNumber = c.chance(0.9)
    ? c.weighted([
        [`SN ${year}/${serial}`, 40],
        [`IFN-${year}-${serial}`, 25],
        [`${year}-${serial}`, 20],
        [String(800000 + (index % 100000)), 15],
      ] as const)
    : null;
  const contactPhone = c.chance(0.75) ? `070-174 06 ${String(5 + (index % 95)).padStart(2, "0")}` : null;
  const contactEmail = c.chance(0.45) ? `${mailPart(guardianName)}@example.com` : null;
  const interpreterNeeded = c.chance(0.125);
  const interpreterLanguage = interpreterNeeded ? c.pick(demoInterpreterLanguages) : null;
  return {
    caseFileNumber,
    contactPhone,
    contactEmail,
    interpreterNeeded,
    interpreterLanguage,
    // The surveys start in the family's language where the survey has it (decision 0042).
    familyLanguage: interpreterLanguage ? (surveyLanguageOf[interpreterLanguage] ?? null) : null,
  };
}

function generateFamily(o: GenerateOptions, index: number, out: FamilyRows): void {
  const r = new Random(mulberry32(mix32(o.seed ^ mix32(index + 0x9e3779b9))));
  // The guardians' recorded gender has a stream of its own, so that adding it left every other figure as it was.
  const genderStream = new Random(mulberry32(mix32(o.seed ^ mix32(index + 0x6e5d4c3b))));
  const id = idMaker(o.seed, index);
  const today = o.today;
  const history = o.historyDays ?? 540;

  // --- the request and its persons
  const requestId = id();
  const requestDate = addDays(today, -r.int(0, r.chance(o.recentShare ?? 0) ? Math.min(60, history) : history));
  const household = r.weighted([
    ["together", 50],
    ["separated", 35],
    ["single", 15],
  ] as const);
  const twoGuardians = household === "together" || (household === "separated" && r.chance(0.7));
  const custody = twoGuardians ? "joint" : "sole";
  const caseTarget = r.weighted([
    [1, 50],
    [2, 30],
    [3, 20],
  ] as const);
  const childUnit = r.pick(o.units.child);
  const addictionUnit = r.pick(o.units.addiction);
  const surname = r.pick(surnames);
  const taken = new Set<string>();

  const guardians: Person[] = [];
  const problemWho = twoGuardians
    ? r.weighted([
        ["mother", 40],
        ["father", 45],
        ["both", 15],
      ] as const)
    : r.weighted([
        ["mother", 55],
        ["father", 45],
      ] as const);
  const guardianKinds: Array<"mother" | "father"> = twoGuardians ? ["mother", "father"] : [problemWho === "father" ? "father" : "mother"];
  const youngestParentAge = r.int(22, 46);
  const childCount = r.weighted([
    [1, 45],
    [2, 38],
    [3, 17],
  ] as const);

  guardianKinds.forEach((kind, i) => {
    const female = kind === "mother";
    const problem = problemWho === "both" || problemWho === kind;
    const age = youngestParentAge + r.int(0, 6);
    const birthDate = addDays(requestDate, -(age * 365 + r.int(0, 364)));
    const stepParent = household === "together" && !problem && r.chance(0.1);
    const open = problem && (caseTarget === 1 || caseTarget === 3);
    const applied = problem && caseTarget === 1 && r.chance(0.15);
    guardians.push({
      female,
      row: {
        id: id(),
        requestId,
        kind: "guardian",
        position: i,
        name: `${r.pick(female ? women : men)} ${surname}`,
        identityNumber: identityNumber(r, birthDate, female, taken),
        birthDate,
        gender: guardianGender(genderStream, female),
        relation: stepParent ? "step_parent" : r.chance(0.03) ? "other_guardian" : "parent",
        substanceProblem: problem ? "yes" : r.chance(0.9) ? "no" : "unknown",
        attitude: problem
          ? r.weighted([
              ["positive", 45],
              ["ambivalent", 35],
              ["denies", 20],
            ] as const)
          : r.chance(0.8)
            ? "positive"
            : "ambivalent",
        unitId: open && !applied ? addictionUnit : null,
        applied,
        investigationOpened: false,
        ageConfirmed: false,
        contactPerson: i === 0,
      },
    });
  });

  const children: Person[] = [];
  const childrenOpen = caseTarget === 1 || caseTarget === 2;
  const afterReport = caseTarget === 1 && r.chance(0.15);
  for (let i = 0; i < childCount; i++) {
    const genderRoll = r.weighted([
      ["girl", 49],
      ["boy", 49],
      ["other", 1],
      ["not_stated", 1],
    ] as const);
    const female = genderRoll === "girl" || (genderRoll !== "boy" && r.chance(0.5));
    const birthDate = addDays(requestDate, -r.int(0, 12 * 365 + 300));
    const hasNumber = !r.chance(0.03);
    children.push({
      female,
      row: {
        id: id(),
        requestId,
        kind: "child",
        position: i,
        name: `${r.pick(female ? girls : boys)} ${surname}`,
        identityNumber: hasNumber ? identityNumber(r, birthDate, female, taken) : null,
        birthDate,
        gender: genderRoll,
        relation: null,
        substanceProblem: null,
        attitude: null,
        unitId: childrenOpen ? childUnit : null,
        applied: false,
        investigationOpened: afterReport,
        ageConfirmed: false,
        contactPerson: false,
      },
    });
  }

  const caseType = deriveCaseType({
    children: children.map((c) => ({ openAtChildUnit: c.row.unitId !== null, investigationOpenedAfterReport: c.row.investigationOpened })),
    guardians: guardians.map((g) => ({ openAtAddictionUnit: g.row.unitId !== null, appliedAtAddictionUnit: g.row.applied })),
  }).caseType;

  const problemParents = guardians.filter((g) => g.row.substanceProblem === "yes");
  const who = problemParents.length > 1 ? "båda föräldrarna" : problemParents[0]?.female ? "mamma" : "pappa";
  const opening = r
    .pick(reasonOpenings)
    .replace("{who}", who)
    .replace("{Who}", who[0]?.toUpperCase() + who.slice(1));
  const soleHolder = guardians[0];

  const request: RequestRow = {
    id: requestId,
    municipalityId: o.municipalityId,
    requestDate,
    household,
    custody,
    custodyHolder: custody === "sole" && soleHolder ? `${soleHolder.female ? "Mamma" : "Pappa"}, ${soleHolder.row.name}` : null,
    reason: opening + r.pick(reasonEndings),
    status: "new",
    meetingDate: null,
    stopReason: null,
    stopReasonText: null,
    decidedBy: null,
    decidedAt: null,
    caseType,
    // The case-file number and contact details have a stream of their own (demoContact), so that adding them left every other figure as it was.
    ...demoContact(o.seed, index, requestDate, guardians[0]?.row.name ?? surname),
    registeredBy: r.pick(o.staff.registrars),
    version: 1,
    createdAt: at(requestDate),
    updatedAt: at(requestDate),
  };
  out.requests.push(request);
  for (const p of [...guardians, ...children]) out.requestPersons.push(p.row);

  // --- the Sofiamöte: waiting, stopped or continued
  // With stops due from the request, the decision comes sooner (same draw, so the older data stays as it was).
  const meetingDate = addDays(requestDate, o.punctuality ? r.int(2, 10) : r.int(3, 40));
  if (meetingDate > today) return;
  const processLeader = r.pick(o.staff.processLeaders);
  request.meetingDate = meetingDate;
  request.decidedBy = processLeader;
  request.decidedAt = at(meetingDate, 13);
  request.updatedAt = at(meetingDate, 13);
  request.version = 2;
  if (r.chance(0.15)) {
    const reason = r.weighted([
      [stopReasons[0], 35],
      [stopReasons[1], 20],
      [stopReasons[2], 20],
      [stopReasons[3], 15],
      [stopReasons[4], 10],
    ] as const);
    request.status = "stopped";
    request.stopReason = reason;
    request.stopReasonText = reason === "other" ? r.pick(stopTexts) : null;
    return;
  }
  request.status = "continued";

  const processSupport = r.chance(o.processSupportShare ?? 0.15);
  const model = processSupport ? o.models.processSupport : o.models.sofia;
  const processId = id();
  const process: ProcessRow = {
    id: processId,
    requestId,
    municipalityId: o.municipalityId,
    workModelVersionId: model.versionId,
    status: "active",
    phase: "not_started",
    startedOn: null,
    halfwayOn: null,
    completedOn: null,
    version: 1,
    createdAt: at(meetingDate, 13),
    updatedAt: at(meetingDate, 13),
  };
  out.processes.push(process);

  // --- assignments: the process leader at the Sofiamöte; the caseworkers after a wait
  const pickCaseworker = (pool: StaffMember[], unitId: string) => {
    const own = pool.filter((s) => s.unitId === unitId);
    return r.pick(own.length > 0 ? own : pool).id;
  };
  const assigner = r.pick(o.staff.managers);
  const firstAssigned: Partial<Record<AssignmentRole, IsoDate>> = {};
  const assignments: AssignmentRow[] = [];
  const assign = (role: AssignmentRole, userId: string, on: IsoDate) => {
    if (on > today) return;
    firstAssigned[role] ??= on;
    assignments.push({ id: id(), processId, role, userId, assignedOn: on, endedOn: null, assignedBy: assigner, createdAt: at(on, 9) });
  };
  assign("process_leader", processLeader, r.chance(0.9) ? meetingDate : addDays(meetingDate, r.int(1, 5)));
  // A child not yet open at the child unit (Typ 3) waits longer for a child caseworker: the report goes first.
  const childWait = caseType === 3 ? r.int(7, 45) : r.chance(0.4) ? 0 : r.int(1, 28);
  assign("child_caseworker", pickCaseworker(o.staff.childCaseworkers, childUnit), addDays(meetingDate, childWait));
  const adultWait = r.weighted([
    [0, 35],
    [r.int(1, 14), 35],
    [r.int(15, 45), 30],
  ] as const);
  assign("adult_caseworker", pickCaseworker(o.staff.adultCaseworkers, addictionUnit), addDays(meetingDate, adultWait));
  const staffOn = (role: AssignmentRole, on: IsoDate): string | null =>
    assignments.find((a) => a.role === role && a.assignedOn <= on && (a.endedOn === null || a.endedOn > on))?.userId ?? null;
  /** Another caseworker takes over from `on`: the old assignment ends, a new one starts. */
  const handOver = (role: AssignmentRole, on: IsoDate) => {
    const current = assignments.find((a) => a.role === role && a.endedOn === null);
    if (!current || on > today || on <= current.assignedOn) return;
    const pool = role === "child_caseworker" ? o.staff.childCaseworkers : o.staff.adultCaseworkers;
    const others = pool.filter((s) => s.id !== current.userId);
    if (others.length === 0) return;
    current.endedOn = on;
    assignments.push({
      id: id(),
      processId,
      role,
      userId: r.pick(others).id,
      assignedOn: on,
      endedOn: null,
      assignedBy: assigner,
      createdAt: at(on, 9),
    });
  };
  const bothAssignedOn =
    firstAssigned.child_caseworker && firstAssigned.adult_caseworker
      ? maxDate(firstAssigned.child_caseworker, firstAssigned.adult_caseworker)
      : null;

  const fate: Fate = processSupport
    ? r.weighted([
        ["not_started", 15],
        ["started", 25],
        ["halfway", 15],
        ["completed", 45],
      ] as const)
    : r.weighted([
        ["not_started", 15],
        ["started", 36.5],
        ["halfway", 11.5],
        ["completed", 37],
      ] as const);

  const interruptions: InterruptionRow[] = [];
  const interrupt = (on: IsoDate, phase: string, reason: InterruptReason, resumedOn: IsoDate | null) => {
    interruptions.push({
      id: id(),
      processId,
      interruptedOn: on,
      reason,
      reasonText: reason === "other" ? r.pick(interruptTexts) : null,
      phase,
      interruptedBy: staffOn("process_leader", on) ?? processLeader,
      resumedOn,
      resumedBy: resumedOn ? processLeader : null,
      createdAt: at(on, 14),
    });
  };
  const pickInterruptReason = (phase: string): InterruptReason =>
    r.weighted([
      [interruptReasons[0], 30],
      [interruptReasons[1], 8],
      [interruptReasons[2], phase === "not_started" ? 30 : 18],
      [interruptReasons[3], 12],
      [interruptReasons[4], 5],
      [interruptReasons[5], 10],
      [interruptReasons[6], 5],
    ] as const);

  const support: SupportMeasureRow[] = [];
  const measure = (personId: string, kind: SupportKind, appliedOn: IsoDate, recordedBy: string) => {
    if (appliedOn > today) return null;
    const grantedOn = addDays(appliedOn, r.int(7, 35));
    const granted = grantedOn <= today && !r.chance(0.08);
    const endedOn = granted ? addDays(grantedOn, r.int(60, 300)) : null;
    const row: SupportMeasureRow = {
      id: id(),
      processId,
      personId,
      kind,
      kindText: kind === "other" ? r.pick(["Boendestöd", "Kontaktfamilj", "Stöd i skolan"]) : null,
      appliedOn,
      grantedOn: granted ? grantedOn : null,
      endedOn: endedOn && endedOn <= today ? endedOn : null,
      note: null,
      recordedBy,
      version: 1,
      createdAt: at(appliedOn, 10),
      updatedAt: at(granted ? grantedOn : appliedOn, 10),
    };
    support.push(row);
    return row;
  };
  const furtherSupport = (from: IsoDate, completed: boolean, recordedBy: string) => {
    for (const g of problemParents)
      if (r.chance(completed ? 0.38 : 0.15)) measure(g.row.id, "outpatient_addiction", addDays(from, r.int(0, 14)), recordedBy);
    for (const g of guardians)
      if (g.row.substanceProblem !== "yes" && r.chance(completed ? 0.3 : 0.1))
        measure(g.row.id, "relatives_support", addDays(from, r.int(0, 21)), recordedBy);
    const parent = guardians[0];
    if (parent && r.chance(completed ? 0.2 : 0.08)) measure(parent.row.id, "parenting_support", addDays(from, r.int(0, 21)), recordedBy);
    if (parent && r.chance(completed ? 0.12 : 0.05)) measure(parent.row.id, "family_therapy", addDays(from, r.int(0, 30)), recordedBy);
    for (const c of children)
      if (ageOn(c.row.birthDate, from) >= 6 && r.chance(completed ? 0.3 : 0.12))
        measure(c.row.id, "child_group", addDays(from, r.int(0, 30)), recordedBy);
    if (parent && r.chance(0.04)) measure(parent.row.id, "other", addDays(from, r.int(0, 30)), recordedBy);
  };

  const heldMeetings: HeldMeeting[] = [];
  const heldConsultations: Array<HeldConsultation & { childId: string | null }> = [];
  const phaseAt = (on: IsoDate) =>
    derivePhase(
      model.content,
      heldMeetings.filter((m) => m.heldOn <= on),
      heldConsultations.filter((c) => c.heldOn <= on),
    ).phase;

  if (processSupport) {
    generateConsultations();
  } else {
    generateMeetings();
  }

  // --- derived values, from the app's own rules
  const derived = processState(model.content, {
    held: heldMeetings,
    consultations: heldConsultations,
    interrupted: interruptions.some((i) => i.resumedOn === null),
  });
  process.phase = derived.phase;
  process.startedOn = derived.startedOn;
  process.halfwayOn = derived.halfwayOn;
  process.completedOn = derived.completedOn;
  process.status = derived.status;
  const lastChange = [
    derived.startedOn,
    derived.halfwayOn,
    derived.completedOn,
    ...interruptions.map((i) => i.resumedOn ?? i.interruptedOn),
  ]
    .filter((d): d is IsoDate => d !== null)
    .sort()
    .at(-1);
  if (lastChange) {
    process.updatedAt = at(lastChange, 15);
    process.version = 1 + (derived.startedOn ? 1 : 0) + (derived.halfwayOn ? 1 : 0) + (derived.completedOn ? 1 : 0) + interruptions.length;
  }
  out.processAssignments.push(...assignments);
  out.processInterruptions.push(...interruptions);
  out.supportMeasures.push(...support);

  // -------------------------------------------------------------------------------------------
  function generateMeetings(): void {
    const content = model.content;
    const typeOf = (key: string) => content.meetingTypes.find((m) => m.key === key);
    const sofiamote = content.meetingTypes.find((m) => m.decidesStart);
    const family = ["familjemote-1", "familjemote-2", "familjemote-3"].map(typeOf);
    const childType = typeOf("barnmote");
    const childRefs = children.map((c) => ({ id: c.row.id, name: c.row.name, birthDate: c.row.birthDate }));
    const childMeetingFor = new Set(childType ? childrenFor(childType, childRefs, requestDate).map((c) => c.id) : []);
    let consentOn: IsoDate | null = null;
    const consentGiven = r.chance(0.8);

    const addMeeting = (type: MeetingType, child: Person | null, status: MeetingRow["status"], date: IsoDate): MeetingRow => {
      const held = status === "held";
      const recordedBy = held || status !== "planned" ? (staffOn("child_caseworker", date) ?? staffOn("process_leader", date)) : null;
      const row: MeetingRow = {
        id: id(),
        processId,
        meetingTypeKey: type.key,
        childId: child?.row.id ?? null,
        status,
        plannedDate: date,
        plannedTime: r.pick(times),
        durationMinutes: type.scope === "child" ? 45 : type.decidesStart ? 60 : 90,
        place: type.decidesStart ? "Familjeenheten, samtalsrum 2" : r.pick(places),
        heldOn: held ? date : null,
        outcomeReason: null,
        outcomeText: null,
        checklistDone: held ? r.subset(type.checklist.length, 0.88) : [],
        summary: null,
        consent: null,
        consentBy: null,
        consentOn: null,
        childTold: null,
        childViews: null,
        safetyPlan: null,
        recordedBy,
        calendarSequence: status === "planned" ? 0 : 1,
        version: held || status !== "planned" ? 2 : 1,
        createdAt: at(minDate(addDays(date, -14), today), 9),
        updatedAt: at(minDate(date, today), 16),
      };
      if (held) {
        const [discussed, agreed] = r.pick(summaries[type.key] ?? fallbackSummary);
        row.summary = { discussed, agreed, nextSteps: r.pick(nextSteps) };
        heldMeetings.push({ meetingTypeKey: type.key, heldOn: date });
      }
      out.meetings.push(row);
      // Participants: the family (or the child alone) and the staff the meeting type names.
      const isPast = status !== "planned";
      const invite = (personId: string | null, userId: string | null, attendedP: number) =>
        out.meetingParticipants.push({
          id: id(),
          meetingId: row.id,
          personId,
          userId,
          invited: true,
          attended: isPast ? held && r.chance(attendedP) : null,
        });
      if (type.participants.includes("family")) {
        for (const g of guardians) invite(g.row.id, null, g.row.attitude === "denies" ? 0.8 : 0.95);
        for (const c of children) if (ageOn(c.row.birthDate, date) >= 3) invite(c.row.id, null, 0.9);
      }
      if (type.participants.includes("child_alone") && child) invite(child.row.id, null, 1);
      const staffRoles: AssignmentRole[] = ["child_caseworker", "adult_caseworker", "process_leader"];
      const seen = new Set<string>();
      for (const role of staffRoles) {
        if (!type.participants.includes(role)) continue;
        const userId = staffOn(role, date);
        if (userId && !seen.has(userId)) {
          seen.add(userId);
          invite(null, userId, 0.97);
        }
      }
      return row;
    };

    /** A step's meeting on `date`: held, or planned when the date is still ahead (within six weeks). Returns false when the series stops here. */
    const step = (type: MeetingType, child: Person | null, date: IsoDate): boolean => {
      if (date > today) {
        if (date <= addDays(today, 42) && r.chance(0.85)) addMeeting(type, child, "planned", date);
        return false;
      }
      if (r.chance(0.07)) {
        const first = addMeeting(type, child, "cancelled", date);
        first.outcomeReason = r.pick<OutcomeReason>(["rescheduled", "staff_cancelled", "family_ill", "family_cancelled"]);
        first.heldOn = null;
        return step(type, child, addDays(date, r.int(5, 14)));
      }
      const row = addMeeting(type, child, "held", date);
      if (type.key === "familjemote-1") consentOn = date;
      if (type.scope === "child") {
        row.consent = "given";
        row.consentBy = guardians.map((g) => g.row.id);
        row.consentOn = consentOn ?? date;
        row.childTold = r.pick(childToldTexts);
        row.childViews = r.weighted([
          ["yes", 60],
          ["partly", 30],
          ["no", 10],
        ] as const);
      }
      if (type.requiresSafetyPlan) {
        row.safetyPlan = {
          warningSigns: r.pick([
            "Föräldern drar sig undan och sover mycket.",
            "Bråk hemma och tomma flaskor.",
            "Föräldern kommer inte hem i tid.",
          ]),
          childActions: r.pick([
            "Barnet ringer mormor.",
            "Barnet pratar med skolkuratorn.",
            "Barnet går till grannen Lena och ringer den andra föräldern.",
          ]),
          adultActions: r.pick([
            "Föräldern ringer beroendeenheten samma dag.",
            "Barnen sover hos mormor och den andra föräldern kontaktas.",
          ]),
          agreedWithFamily: r.chance(0.9),
        };
      }
      return true;
    };

    /** The family stops coming: a missed meeting, perhaps, then the interruption. */
    const stopHere = (type: MeetingType, date: IsoDate, reasonPhase?: InterruptReason) => {
      if (date > today) {
        if (date <= addDays(today, 42) && r.chance(0.85)) addMeeting(type, null, "planned", date);
        return;
      }
      const missed = r.weighted([
        ["not_attended", 50],
        ["cancelled", 20],
        ["none", 30],
      ] as const);
      if (missed !== "none") {
        const row = addMeeting(type, null, missed, date);
        row.outcomeReason = missed === "not_attended" ? "family_did_not_come" : r.pick<OutcomeReason>(["family_cancelled", "family_ill"]);
        row.outcomeText = r.chance(0.3) ? "Familjen hördes inte av." : null;
      }
      const on = addDays(date, r.int(3, 21));
      if (on > today) return;
      const phase = phaseAt(on);
      const reason = reasonPhase ?? pickInterruptReason(phase);
      interrupt(on, phase, reason, null);
      if (reason === "child_placed" && children[0])
        measure(children[0].row.id, "placement", on, staffOn("child_caseworker", on) ?? processLeader);
    };

    // The Sofiamöte itself, held on the decision's date, with the staff assigned by then.
    if (sofiamote) addMeeting(sofiamote, null, "held", meetingDate);
    const [fm1, fm2, fm3] = family;
    if (!fm1 || !fm2 || !fm3) return;

    if (bothAssignedOn === null) {
      // Waiting for a caseworker; the family may give up while it waits.
      if (fate === "not_started") {
        const on = addDays(meetingDate, r.int(20, 60));
        if (on <= today) interrupt(on, "not_started", r.chance(0.5) ? "no_contact" : "family_declined", null);
      }
      return;
    }
    let date = addDays(bothAssignedOn, r.int(7, 28));
    if (fate === "not_started") {
      stopHere(fm1, date);
      return;
    }
    if (!step(fm1, null, date)) return;
    date = heldMeetings.at(-1)?.heldOn ?? date;
    const fm1On = date;
    if (r.chance(0.08)) handOver("adult_caseworker", addDays(fm1On, r.int(3, 20)));

    for (const c of children) {
      if (!childType || !childMeetingFor.has(c.row.id)) continue;
      date = addDays(date, r.int(5, 21));
      if (!consentGiven) {
        if (date > today) break;
        const row = addMeeting(childType, c, "cancelled", date);
        row.outcomeReason = "consent_refused" satisfies OutcomeReason;
        row.consent = "refused";
        row.consentBy = problemParents.map((g) => g.row.id);
        row.consentOn = fm1On;
        continue;
      }
      if (!step(childType, c, date)) return;
      date = heldMeetings.at(-1)?.heldOn ?? date;
    }

    // A pause in some series that are later completed: interrupted, then resumed.
    if (fate === "completed" && r.chance(0.1)) {
      const on = addDays(date, r.int(5, 15));
      if (on > today) return;
      const resumed = addDays(on, r.int(14, 40));
      interrupt(on, phaseAt(on), r.pick(["parent_in_treatment", "family_declined", "other"] as const), resumed <= today ? resumed : null);
      if (resumed > today) return;
      date = resumed;
    }

    date = addDays(date, r.int(14, 35));
    if (fate === "started") {
      stopHere(fm2, date);
      return;
    }
    if (!step(fm2, null, date)) return;
    date = heldMeetings.at(-1)?.heldOn ?? date;
    furtherSupport(date, fate === "completed", staffOn("adult_caseworker", date) ?? processLeader);

    date = addDays(date, r.int(28, 70));
    if (fate === "halfway") {
      stopHere(fm3, date);
      return;
    }
    step(fm3, null, date);
  }

  // -------------------------------------------------------------------------------------------
  function generateConsultations(): void {
    const content = model.content;
    const stop = (key: string) => content.stops.find((s) => s.key === key);
    const familyStops = content.stops.filter((s) => s.scope === "family");
    const childStop = content.stops.find((s) => s.scope === "child");
    const keepFamilyStops = fate === "completed" ? familyStops.length : fate === "halfway" ? 2 : fate === "started" ? 1 : 0;
    if (bothAssignedOn === null) {
      if (fate === "not_started") {
        const on = addDays(meetingDate, r.int(20, 60));
        if (on <= today) interrupt(on, "not_started", "no_contact", null);
      }
      return;
    }
    const scores = new Map(children.map((c) => [c.row.id, r.int(2, 6)]));
    const consult = (key: string, heldOn: IsoDate, child: Person | null) => {
      const s = stop(key);
      if (!s) return;
      const recordedBy = staffOn("child_caseworker", heldOn) ?? processLeader;
      out.consultations.push({
        id: id(),
        processId,
        stopKey: key,
        childId: child?.row.id ?? null,
        heldOn,
        checklistDone: r.subset(s.checklist.length, 0.85),
        note: r.pick(consultationNotes),
        recordedBy,
        createdAt: at(heldOn, 15),
      });
      heldConsultations.push({ stopKey: key, heldOn, childId: child?.row.id ?? null });
      if (child) {
        out.childImpactAnalyses.push({
          id: id(),
          processId,
          childId: child.row.id,
          madeOn: heldOn,
          joint: r.chance(0.85),
          sections: {
            situation: "Barnet berättar att det är oroligt när föräldern dricker och att det inte vill ta med kompisar hem.",
            views: r.pick([
              "Barnet vill att familjen får hjälp tillsammans.",
              "Barnet vill inte prata om det just nu.",
              "Barnet vill gå i barngrupp.",
            ]),
            parentImpact: "Förälderns drickande gör vardagen oförutsägbar för barnet.",
            interventionImpact: "En insats i hemmet bedöms ge barnet mer trygghet och förutsägbarhet.",
            bestInterest: "Det är bäst för barnet att familjen får stöd tillsammans och att barnet får gå i barngrupp.",
          } satisfies Record<ImpactSection, string>,
          recordedBy,
          version: 1,
          createdAt: at(heldOn, 15),
          updatedAt: at(heldOn, 15),
        });
        return;
      }
      // The safety scale at every family consultation, for each child; it tends to rise over time.
      for (const c of children) {
        const score = Math.min(10, Math.max(0, (scores.get(c.row.id) ?? 4) + r.int(-1, 2)));
        scores.set(c.row.id, score);
        const childRates = ageOn(c.row.birthDate, heldOn) >= 6 && r.chance(0.7);
        out.safetyRatings.push({
          id: id(),
          processId,
          childId: c.row.id,
          ratedOn: heldOn,
          ratedBy: childRates ? "child" : r.pick(["child_caseworker", "guardian", "adult_caseworker"] as const),
          score,
          note: null,
          recordedBy,
          createdAt: at(heldOn, 15),
        });
      }
    };

    if (o.punctuality) {
      stopsByRule(o.punctuality, bothAssignedOn, consult);
      return;
    }
    let date = maxDate(addDays(bothAssignedOn, r.int(1, 10)), addDays(requestDate, r.int(10, 20)));
    let interventionsDecided: IsoDate | null = null;
    const plan: Array<{ key: string; due: (d: IsoDate) => IsoDate }> = familyStops.map((s) => ({
      key: s.key,
      due: (d: IsoDate) =>
        s.due.event === "interventions_decided"
          ? addDays(interventionsDecided ?? d, s.due.days + r.int(-10, 10))
          : maxDate(addDays(d, r.int(7, 21)), addDays(requestDate, s.due.days + r.int(-10, 10))),
    }));
    for (let i = 0; i < plan.length; i++) {
      const p = plan[i];
      if (!p) break;
      const when = i === 0 ? date : p.due(date);
      if (i >= keepFamilyStops) {
        const on = addDays(when, r.int(0, 20));
        if (on <= today) {
          const phase = phaseAt(on);
          interrupt(on, phase, pickInterruptReason(phase), null);
        }
        return;
      }
      if (when > today) return;
      consult(p.key, when, null);
      date = when;
      // The child impact analysis after the first consultation, per child.
      if (i === 0 && childStop) {
        for (const c of children) {
          const on = addDays(date, r.int(20, 50));
          if (on <= today) consult(childStop.key, on, c);
        }
      }
      // Interventions are decided after the consultation before the decision.
      if (p.key === "samrad-fore-beslut") {
        furtherSupport(date, fate === "completed", staffOn("adult_caseworker", date) ?? processLeader);
        interventionsDecided =
          support
            .map((s) => s.grantedOn)
            .filter((d): d is IsoDate => d !== null)
            .sort()[0] ?? null;
        if (!interventionsDecided) {
          const parent = problemParents[0] ?? guardians[0];
          const row = parent
            ? measure(parent.row.id, "outpatient_addiction", addDays(date, r.int(0, 7)), staffOn("adult_caseworker", date) ?? processLeader)
            : null;
          interventionsDecided = row?.grantedOn ?? null;
        }
        if (!interventionsDecided) return;
      }
    }
  }

  // -------------------------------------------------------------------------------------------
  /**
   * Stops due by the model's rules (src/processes/model.ts stopsDue): each held on time (a few days
   * before its due date at the latest), late, or never; a family that stops coming is interrupted or
   * still runs with the stops it did not hold overdue.
   */
  function stopsByRule(
    p: { late: number; missed: number },
    assignedOn: IsoDate,
    consult: (key: string, heldOn: IsoDate, child: Person | null) => void,
  ): void {
    const content = model.content;
    const familyStops = content.stops.filter((s) => s.scope === "family");
    const childStop = content.stops.find((s) => s.scope === "child");
    const keep =
      fate === "completed" ? familyStops.length : fate === "halfway" ? Math.ceil(familyStops.length / 2) : fate === "started" ? 1 : 0;
    const interruptedWhenStopping = r.chance(0.75);
    const heldOnFor = (due: IsoDate, after: IsoDate): IsoDate | null => {
      const roll = r.next();
      if (roll < p.missed) return null;
      const on = roll < p.missed + p.late ? addDays(due, r.int(1, 25)) : addDays(due, -r.int(0, 12));
      return maxDate(on, addDays(after, r.int(1, 5)));
    };
    // The first stop may be held as soon as the process starts: one caseworker brings in the other.
    let last = minDate(assignedOn, meetingDate);
    let interventionsDecided: IsoDate | null = null;
    for (let i = 0; i < familyStops.length; i++) {
      const s = familyStops[i];
      if (!s) break;
      const start: IsoDate | null =
        s.due.event === "request"
          ? requestDate
          : s.due.event === "planning_meeting"
            ? meetingDate
            : s.due.event === "interventions_decided"
              ? interventionsDecided
              : null;
      const due: IsoDate | null = start === null ? null : addDays(start, s.due.days);
      if (i >= keep) {
        if (interruptedWhenStopping) {
          const on = addDays(maxDate(last, due ?? last), r.int(0, 20));
          if (on <= today) {
            const phase = phaseAt(on);
            interrupt(on, phase, pickInterruptReason(phase), null);
          }
        }
        return;
      }
      const on: IsoDate | null = due === null ? addDays(last, r.int(20, 60)) : heldOnFor(due, last);
      if (on === null) continue;
      if (on > today) return;
      consult(s.key, on, null);
      last = on;
      // The joint child impact analysis per child, due from the request too.
      if (i === 0 && childStop) {
        for (const c of children) {
          const childDue = addDays(requestDate, childStop.due.days);
          const made = heldOnFor(childDue, on);
          if (made !== null && made <= today) consult(childStop.key, made, c);
        }
      }
      if (s.key === "samrad-fore-beslut") {
        furtherSupport(on, fate === "completed", staffOn("adult_caseworker", on) ?? processLeader);
        interventionsDecided =
          support
            .map((x) => x.grantedOn)
            .filter((d): d is IsoDate => d !== null)
            .sort()[0] ?? null;
        if (!interventionsDecided) {
          const parent = problemParents[0] ?? guardians[0];
          const row: SupportMeasureRow | null = parent
            ? measure(parent.row.id, "outpatient_addiction", addDays(on, r.int(0, 7)), staffOn("adult_caseworker", on) ?? processLeader)
            : null;
          interventionsDecided = row?.grantedOn ?? null;
        }
      }
    }
  }
}

/**
 * Families [offset, offset + count) of the run given by the seed, as rows per table. Every family
 * gets a request; most get a process with what happened in it until `today`.
 */
export function generateFamilies(options: GenerateOptions): FamilyRows {
  const out = emptyRows();
  const offset = options.offset ?? 0;
  for (let i = 0; i < options.count; i++) generateFamily(options, offset + i, out);
  return out;
}
