/**
 * The pure rules of the pseudonymized research export: random pseudonyms, date reduction, the
 * variables (the codebook's source), and turning the rows read from the database into long-format
 * rows. No I/O here; store.ts reads, service.ts logs and packs.
 *
 * Pseudonyms are drawn with node:crypto for every export and never derived from an id, so two
 * exports cannot be linked through them; the families are also shuffled with crypto, so that the
 * row order cannot link them either.
 */
import { randomInt } from "node:crypto";
import { daysBetween, type IsoDate } from "../platform/dates.ts";

export const PURPOSE_MIN = 10;
export const PURPOSE_MAX = 500;

/** What the user chose: the families by request date, and what is included beyond the default. */
export interface ExportOptions {
  from: IsoDate;
  to: IsoDate;
  /** Exact dates (ÅÅÅÅ-MM-DD) instead of year and month. */
  exactDates: boolean;
  /** The family's case type, household and custody. */
  caseTypeAndHousehold: boolean;
}

// ---- Pseudonyms ----

/** Letters and digits that cannot be mistaken for one another (no 0/o, 1/l/i). */
export const PSEUDONYM_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
export const PSEUDONYM_LENGTH = 6;
export type PseudonymKind = "F" | "P" | "S";

/** One export's pseudonyms: random, unique within the export, never derived from anything. */
export class Pseudonyms {
  private readonly used = new Set<string>();

  next(kind: PseudonymKind): string {
    for (;;) {
      let s = `${kind}-`;
      for (let i = 0; i < PSEUDONYM_LENGTH; i++) s += PSEUDONYM_ALPHABET[randomInt(PSEUDONYM_ALPHABET.length)];
      if (!this.used.has(s)) {
        this.used.add(s);
        return s;
      }
    }
  }
}

export const pseudonymPattern = new RegExp(`^[FPS]-[${PSEUDONYM_ALPHABET}]{${PSEUDONYM_LENGTH}}$`);

/** A copy in random order (Fisher–Yates with crypto), so that rows keep no order of the database. */
export function shuffled<T>(list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

// ---- Dates ----

/** A date as exported: the whole date with the option, otherwise only year and month. */
export const reduceDate = (date: IsoDate, exact: boolean): string => (exact ? date : date.slice(0, 7));

/** Whole days from one event to a later one; null when either is missing. */
export function interval(from: IsoDate | null, to: IsoDate | null): number | null {
  if (!from || !to) return null;
  return daysBetween(from, to);
}

// ---- The variables ----

export type Level = "family" | "person" | "response";
export type ValueType = "date" | "integer" | "code";

export interface Variable {
  /** The name in the column "variabel". */
  name: string;
  level: Level;
  type: ValueType;
  /** The Swedish description. */
  description: string;
  /** Allowed codes and their meaning; empty for dates and numbers. */
  values: Array<[code: string, meaning: string]>;
  /** Only with this option. */
  option?: "caseTypeAndHousehold";
}

const yesNo: Array<[string, string]> = [
  ["yes", "Ja"],
  ["no", "Nej"],
];
const phases: Array<[string, string]> = [
  ["not_started", "Inte startad (inget familjemöte hållet)"],
  ["started", "Startad (första familjemötet hållet)"],
  ["halfway", "Halvvägs"],
  ["completed", "Genomförd"],
];

/** Every fixed variable; meeting types and survey items add variables per work model and instrument (see meetingVariable, surveyVariable). */
export const variables: Variable[] = [
  { name: "request_date", level: "family", type: "date", description: "Datum då förfrågan kom in.", values: [] },
  {
    name: "case_type",
    level: "family",
    type: "code",
    description:
      "Ärendetyp enligt Sofiamodellen, härledd ur barnens och föräldrarnas aktualitet vid förfrågan. Saknas raden har förfrågan ingen ärendetyp.",
    values: [
      ["1", "Typ 1: barn aktuellt på barnenhet (eller utredning inledd) och förälder aktuell på (eller har ansökt vid) beroendeenhet"],
      ["2", "Typ 2: barn aktuellt på barnenhet, ingen förälder aktuell på beroendeenhet"],
      ["3", "Typ 3: förälder aktuell på beroendeenhet, inget barn aktuellt på barnenhet"],
    ],
    option: "caseTypeAndHousehold",
  },
  {
    name: "household",
    level: "family",
    type: "code",
    description: "Hushållet vid förfrågan.",
    values: [
      ["together", "Föräldrarna bor tillsammans"],
      ["separated", "Föräldrarna är separerade"],
      ["single", "Ensamstående förälder"],
    ],
    option: "caseTypeAndHousehold",
  },
  {
    name: "custody",
    level: "family",
    type: "code",
    description: "Vårdnaden om barnen vid förfrågan.",
    values: [
      ["joint", "Gemensam vårdnad"],
      ["sole", "Ensam vårdnad"],
    ],
    option: "caseTypeAndHousehold",
  },
  {
    name: "decision",
    level: "family",
    type: "code",
    description: "Sofiamötets beslut om förfrågan.",
    values: [
      ["new", "Inte beslutad ännu"],
      ["continued", "Familjen går vidare till en process"],
      ["stopped", "Familjen går inte vidare"],
    ],
  },
  {
    name: "stop_reason",
    level: "family",
    type: "code",
    description: "Varför familjen inte gick vidare (bara när decision = stopped). Fritext skrivs aldrig ut.",
    values: [
      ["declined", "Familjen tackade nej"],
      ["not_target_group", "Målgruppen stämmer inte"],
      ["covered_elsewhere", "Redan pågående insats som täcker behovet"],
      ["unreachable", "Kunde inte nå familjen"],
      ["other", "Annat"],
    ],
  },
  {
    name: "sofia_meeting_date",
    level: "family",
    type: "date",
    description: "Datum för Sofiamötet som beslutade om förfrågan.",
    values: [],
  },
  {
    name: "days_request_to_sofia_meeting",
    level: "family",
    type: "integer",
    description: "Antal dagar från förfrågan till Sofiamötet som beslutade.",
    values: [],
  },
  {
    name: "process_status",
    level: "family",
    type: "code",
    description: "Processens status (bara familjer som gått vidare).",
    values: [
      ["active", "Pågår"],
      ["interrupted", "Avbruten"],
      ["completed", "Avslutad"],
    ],
  },
  { name: "phase", level: "family", type: "code", description: "Den fas processen har nått.", values: phases },
  {
    name: "interrupted_in",
    level: "family",
    type: "code",
    description: "Den fas processen var i när den avbröts (bara ett pågående avbrott). Orsakens fritext skrivs aldrig ut.",
    values: phases,
  },
  {
    name: "first_family_meeting_date",
    level: "family",
    type: "date",
    description: "Datum för det första hållna familjemötet (inte Sofiamötet och inte barnmöten).",
    values: [],
  },
  {
    name: "days_request_to_first_family_meeting",
    level: "family",
    type: "integer",
    description: "Antal dagar från förfrågan till det första hållna familjemötet.",
    values: [],
  },
  { name: "completed_date", level: "family", type: "date", description: "Datum då processen nådde fasen genomförd.", values: [] },
  {
    name: "days_request_to_completion",
    level: "family",
    type: "integer",
    description: "Antal dagar från förfrågan till att processen nådde fasen genomförd.",
    values: [],
  },
  {
    name: "further_support_sought",
    level: "family",
    type: "code",
    description: "Om någon i familjen har sökt fortsatt stöd efter processen (ansökt eller beviljat).",
    values: yesNo,
  },
  {
    name: "further_support_granted",
    level: "family",
    type: "code",
    description: "Om någon i familjen har beviljats fortsatt stöd.",
    values: yesNo,
  },
  {
    name: "role",
    level: "person",
    type: "code",
    description: "Personens roll i familjen.",
    values: [
      ["guardian", "Vårdnadshavare"],
      ["child", "Barn"],
    ],
  },
  {
    name: "relation",
    level: "person",
    type: "code",
    description: "Vårdnadshavarens relation till barnen.",
    values: [
      ["parent", "Förälder"],
      ["step_parent", "Bonusförälder"],
      ["other_guardian", "Annan vårdnadshavare"],
    ],
  },
  {
    name: "substance_problem",
    level: "person",
    type: "code",
    description: "Om vårdnadshavaren har ett missbruks- eller beroendeproblem enligt förfrågan.",
    values: [...yesNo, ["unknown", "Okänt"]],
  },
  {
    name: "attitude",
    level: "person",
    type: "code",
    description: "Vårdnadshavarens inställning till att delta, enligt förfrågan.",
    values: [
      ["positive", "Positiv"],
      ["ambivalent", "Ambivalent"],
      ["denies", "Förnekar problemet"],
    ],
  },
  {
    name: "age_at_request",
    level: "person",
    type: "integer",
    description: "Barnets ålder i hela år på förfrågans datum (födelsedatum skrivs aldrig ut).",
    values: [],
  },
  {
    name: "gender",
    level: "person",
    type: "code",
    description:
      "Personens kön: för barn flicka, pojke, annat eller inte angivet; för vårdnadshavare kvinna, man, annat eller vill inte uppge. Saknas raden för en vårdnadshavare är könet inte ifyllt.",
    values: [
      ["girl", "Flicka"],
      ["boy", "Pojke"],
      ["woman", "Kvinna (vårdnadshavare)"],
      ["man", "Man (vårdnadshavare)"],
      ["other", "Annat"],
      ["not_stated", "Inte angivet (barn) eller vill inte uppge (vårdnadshavare)"],
    ],
  },
  {
    name: "respondent_role",
    level: "response",
    type: "code",
    description: "Vem som svarade på enkäten (svaret är anonymt och kopplas inte till någon person).",
    values: [
      ["parent_with_problem", "Förälder med missbruks- eller beroendeproblem"],
      ["parent_without_problem", "Förälder utan missbruks- eller beroendeproblem"],
      ["parent", "Förälder"],
      ["child", "Barn"],
      ["staff", "Personal"],
    ],
  },
];

const byName = new Map(variables.map((v) => [v.name, v]));
export const variable = (name: string): Variable | undefined => byName.get(name);

export const MEETINGS_PREFIX = "meetings_held.";
export const SURVEY_PREFIX = "survey.";

/** The variable of a meeting type: how many meetings of the type were held for the family. */
export function meetingVariable(key: string, name: string): Variable {
  return {
    name: `${MEETINGS_PREFIX}${key}`,
    level: "family",
    type: "integer",
    description: `Antal hållna möten av typen ”${name}” (arbetsmodellens möte ${key}).`,
    values: [],
  };
}

/** The variable of a survey item: the answer on the instrument's scale, or dont_know. */
export function surveyVariable(
  instrument: string,
  item: string,
  text: string,
  scale: Array<[string, string]>,
  dontKnow: boolean,
): Variable {
  return {
    name: `${SURVEY_PREFIX}${instrument}.${item}`,
    level: "response",
    type: "code",
    description: `Enkäten ${instrument}, fråga ${item}: ”${text}”.`,
    values: dontKnow ? [...scale, ["dont_know", "Vet inte / vill inte svara"]] : scale,
  };
}

// ---- The rows ----

export interface FamilyData {
  requestId: string;
  requestDate: IsoDate;
  caseType: number | null;
  household: string;
  custody: string;
  decision: string;
  stopReason: string | null;
  sofiaMeetingDate: IsoDate | null;
  processStatus: string | null;
  phase: string | null;
  interruptedIn: string | null;
  firstFamilyMeetingDate: IsoDate | null;
  completedDate: IsoDate | null;
  supportSought: boolean | null;
  supportGranted: boolean | null;
  /** Held meetings per meeting type of the process's work model (0 included); empty without a process. */
  meetingsHeld: Array<{ key: string; count: number }>;
}

export interface PersonData {
  requestId: string;
  kind: "guardian" | "child";
  relation: string | null;
  substanceProblem: string | null;
  attitude: string | null;
  ageAtRequest: number | null;
  gender: string | null;
}

export interface ResponseData {
  requestId: string;
  responseId: string;
  instrument: string;
  respondentRole: string;
  answers: Array<{ item: string; value: number | null }>;
}

/** One row of the export: family pseudonym, person pseudonym or "-", response pseudonym or "-", variable, value. */
export type Row = [family: string, person: string, response: string, variable: string, value: string];

export const COLUMNS = ["familj", "person", "svar", "variabel", "varde"] as const;
export const NONE = "-";

/**
 * The long-format rows of one family: its own variables, then each person's, then each linked
 * survey response's (with a response pseudonym, never a person's). Missing values give no row.
 */
export function familyRows(
  family: FamilyData,
  persons: PersonData[],
  responses: ResponseData[],
  options: ExportOptions,
  pseudonyms: Pseudonyms,
): Row[] {
  const f = pseudonyms.next("F");
  const rows: Row[] = [];
  const add = (name: string, value: string | number | null, person = NONE, response = NONE) => {
    if (value !== null) rows.push([f, person, response, name, String(value)]);
  };
  const date = (d: IsoDate | null) => (d ? reduceDate(d, options.exactDates) : null);
  const yn = (b: boolean | null) => (b === null ? null : b ? "yes" : "no");

  add("request_date", date(family.requestDate));
  if (options.caseTypeAndHousehold) {
    add("case_type", family.caseType);
    add("household", family.household);
    add("custody", family.custody);
  }
  add("decision", family.decision);
  add("stop_reason", family.stopReason);
  add("sofia_meeting_date", date(family.sofiaMeetingDate));
  add("days_request_to_sofia_meeting", interval(family.requestDate, family.sofiaMeetingDate));
  add("process_status", family.processStatus);
  add("phase", family.phase);
  add("interrupted_in", family.interruptedIn);
  add("first_family_meeting_date", date(family.firstFamilyMeetingDate));
  add("days_request_to_first_family_meeting", interval(family.requestDate, family.firstFamilyMeetingDate));
  add("completed_date", date(family.completedDate));
  add("days_request_to_completion", interval(family.requestDate, family.completedDate));
  add("further_support_sought", yn(family.supportSought));
  add("further_support_granted", yn(family.supportGranted));
  for (const m of family.meetingsHeld) add(`${MEETINGS_PREFIX}${m.key}`, m.count);

  for (const p of persons) {
    const id = pseudonyms.next("P");
    add("role", p.kind, id);
    if (p.kind === "guardian") {
      add("relation", p.relation, id);
      add("substance_problem", p.substanceProblem, id);
      add("attitude", p.attitude, id);
      add("gender", p.gender, id);
    } else {
      add("age_at_request", p.ageAtRequest, id);
      add("gender", p.gender, id);
    }
  }

  for (const r of shuffled(responses)) {
    const s = pseudonyms.next("S");
    add("respondent_role", r.respondentRole, NONE, s);
    for (const a of r.answers) add(`${SURVEY_PREFIX}${r.instrument}.${a.item}`, a.value ?? "dont_know", NONE, s);
  }
  return rows;
}

// ---- CSV ----

/** The UTF-8 byte-order mark that makes Excel read the file as UTF-8. */
export const BOM = "\uFEFF";
