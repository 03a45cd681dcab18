/**
 * Pure rules of the interim report (delrapport): the text sections written in Sofia, the period
 * before the chosen one, and the report's figures as shown (every count of people suppressed with
 * the municipality's minimum group size, src/platform/suppression.ts). No I/O: the figures come in
 * as raw counts from the stores and go out as the shown figures that the document is made from.
 */
import { addDays, ageBand, ageBands, daysBetween, daysInMonth, formatIsoDate, parseIsoDate } from "../families/index.ts";
import { formatMean, formatShare, type Precision } from "../platform/precision.ts";
import { suppressGroups, suppressTable } from "../platform/suppression.ts";

/** The sections whose text is written in Sofia, in the report's order. */
export const textSections = ["summary", "model", "discussion", "nextSteps", "decision"] as const;
export type TextSection = (typeof textSections)[number];
export type Texts = Record<TextSection, string>;

export const TITLE_MAX = 200;
export const TEXT_MAX = 20_000;
export const DIARY_NUMBER_MAX = 60;
export const AUTHOR_MAX = 200;

export function emptyTexts(): Texts {
  return { summary: "", model: "", discussion: "", nextSteps: "", decision: "" };
}

/** The stored texts of a report, every section present (a missing one is empty). */
export function textsOf(stored: Record<string, unknown> | null | undefined): Texts {
  const out = emptyTexts();
  for (const key of textSections) {
    const v = stored?.[key];
    if (typeof v === "string") out[key] = v;
  }
  return out;
}

export interface Period {
  from: string;
  to: string;
}

/**
 * The period before the chosen one: whole months (first day to last day of a month) give the same
 * number of months just before (a year gives the year before, leap day or not); any other period
 * gives the same number of days, ending the day before it begins.
 */
export function previousPeriod(p: Period): Period {
  const days = daysBetween(p.from, p.to);
  if (days === null || days < 0) throw new RangeError(`Not a period: ${p.from}–${p.to}`);
  const from = parseIsoDate(p.from);
  const to = parseIsoDate(p.to);
  if (from && to && from.day === 1 && to.day === daysInMonth(to.year, to.month)) {
    const months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
    const startIndex = from.year * 12 + (from.month - 1) - months;
    const start = { year: Math.floor(startIndex / 12), month: (startIndex % 12) + 1, day: 1 };
    const end = addDays(p.from, -1);
    return { from: formatIsoDate(start), to: end };
  }
  const end = addDays(p.from, -1);
  return { from: addDays(end, -days), to: end };
}

/** The field errors of a report's title and period (catalog keys); empty when they are fine. */
export function reportProblems(input: { title: string; periodFrom: string; periodTo: string }): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!input.title.trim()) errors.title = "reports.error.titleRequired";
  else if (input.title.trim().length > TITLE_MAX) errors.title = "reports.error.titleTooLong";
  if (!parseIsoDate(input.periodFrom)) errors.periodFrom = "reports.error.date";
  if (!parseIsoDate(input.periodTo)) errors.periodTo = "reports.error.date";
  if (!errors.periodFrom && !errors.periodTo && input.periodFrom > input.periodTo) errors.periodTo = "reports.error.toBeforeFrom";
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Participants and case types

export const caseTypeKeys = ["1", "2", "3", "none"] as const;
export type CaseTypeKey = (typeof caseTypeKeys)[number];

export interface RequestCount {
  caseType: number | null;
  continued: boolean;
  n: number;
}

export interface CaseTypeRow {
  caseType: CaseTypeKey;
  requests: number | null;
  continued: number | null;
  notContinued: number | null;
}

export interface Participants {
  empty: boolean;
  rows: CaseTypeRow[];
  total: Omit<CaseTypeRow, "caseType">;
}

/**
 * Requests per case type, split into those the Sofiamöte let go on and the rest, as a table whose
 * row totals are the requests: suppressed as one table, so that no hidden figure can be worked out.
 */
export function buildParticipants(counts: readonly RequestCount[], min: number): Participants {
  const cells = caseTypeKeys.map((key) => {
    const mine = counts.filter((c) => (c.caseType === null ? "none" : String(c.caseType)) === key);
    const yes = mine.filter((c) => c.continued).reduce((s, c) => s + c.n, 0);
    const no = mine.filter((c) => !c.continued).reduce((s, c) => s + c.n, 0);
    return [yes, no];
  });
  const s = suppressTable(cells, min);
  const sum = cells.reduce((a, [y = 0, n = 0]) => a + y + n, 0);
  const rows = caseTypeKeys.map((caseType, i) => {
    const [yes = 0, no = 0] = cells[i] ?? [];
    return {
      caseType,
      requests: s.rowTotals[i] ? null : yes + no,
      continued: s.cells[i]?.[0] ? null : yes,
      notContinued: s.cells[i]?.[1] ? null : no,
    };
  });
  const yesTotal = cells.reduce((a, [y = 0]) => a + y, 0);
  return {
    empty: sum === 0,
    // A case type nobody had is left out, unless it is one of the three types.
    rows: rows.filter((r, i) => r.caseType !== "none" || (cells[i]?.[0] ?? 0) + (cells[i]?.[1] ?? 0) > 0),
    total: {
      requests: s.total ? null : sum,
      continued: s.columnTotals[0] ? null : yesTotal,
      notContinued: s.columnTotals[1] ? null : sum - yesTotal,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Children by age band and gender

export const genderKeys = ["girl", "boy", "other", "not_stated"] as const;
export type GenderKey = (typeof genderKeys)[number];

export interface ChildCount {
  /** Whole years on the request date. */
  age: number;
  gender: string | null;
  n: number;
}

export interface Children {
  empty: boolean;
  bands: string[];
  genders: GenderKey[];
  /** cells[band][gender]; null when hidden. */
  cells: (number | null)[][];
  bandTotals: (number | null)[];
  genderTotals: (number | null)[];
  total: number | null;
}

const genderOf = (g: string | null): GenderKey => ((genderKeys as readonly string[]).includes(g ?? "") ? (g as GenderKey) : "not_stated");

/** Children per age band (on the request date) and gender, as one suppressed table; bands nobody is in are left out. */
export function buildChildren(counts: readonly ChildCount[], min: number): Children {
  const full = ageBands.map((band) =>
    genderKeys.map((g) =>
      counts.filter((c) => ageBand(Math.max(0, c.age)) === band && genderOf(c.gender) === g).reduce((s, c) => s + c.n, 0),
    ),
  );
  const used = ageBands.map((_, i) => (full[i] ?? []).some((n) => n > 0));
  const bands = ageBands.filter((_, i) => used[i]);
  const cells = full.filter((_, i) => used[i]);
  if (cells.length === 0) {
    return { empty: true, bands: [], genders: [...genderKeys], cells: [], bandTotals: [], genderTotals: genderKeys.map(() => 0), total: 0 };
  }
  const s = suppressTable(cells, min);
  const rowSums = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = genderKeys.map((_, c) => cells.reduce((a, r) => a + (r[c] ?? 0), 0));
  return {
    empty: false,
    bands: [...bands],
    genders: [...genderKeys],
    cells: cells.map((r, i) => r.map((n, c) => (s.cells[i]?.[c] ? null : n))),
    bandTotals: rowSums.map((n, i) => (s.rowTotals[i] ? null : n)),
    genderTotals: colSums.map((n, c) => (s.columnTotals[c] ? null : n)),
    total: s.total ? null : rowSums.reduce((a, b) => a + b, 0),
  };
}

// ---------------------------------------------------------------------------------------------
// Gender and child perspective: the guardians, custody and household

export interface Tally {
  key: string;
  n: number | null;
}

export interface Distribution {
  rows: Tally[];
  total: number | null;
}

/** Counts of one variable as a suppressed list: small groups and whatever would give them away are null. */
export function distribution(keys: readonly string[], counts: ReadonlyMap<string, number>): (min: number) => Distribution {
  return (min) => {
    const values = keys.map((k) => counts.get(k) ?? 0);
    const s = suppressGroups(values, min);
    return {
      rows: keys.map((key, i) => ({ key, n: s.groups[i] ? null : (values[i] ?? 0) })),
      total: s.total ? null : values.reduce((a, b) => a + b, 0),
    };
  };
}

export const relationKeys = ["parent", "step_parent", "other_guardian", "not_stated"] as const;
export const problemCountKeys = ["none", "one", "two_or_more"] as const;
export const attitudeKeys = ["positive", "ambivalent", "denies", "not_stated"] as const;
export const custodyKeys = ["joint", "sole", "not_stated"] as const;
export const householdKeys = ["together", "separated", "single", "not_stated"] as const;

export interface GuardianCount {
  relation: string | null;
  attitude: string | null;
  n: number;
}

export interface FamilyCount {
  /** Guardians of the family with a substance problem ("yes"). */
  withProblem: number;
  custody: string;
  household: string;
  n: number;
}

// Which parent has the problem (mother / father / both), families not persons

export const problemParentKeys = ["mother", "father", "both", "other"] as const;
export type ProblemParentKey = (typeof problemParentKeys)[number];
/** The attitude to support of the guardian(s) with the problem; "differing" when theirs differ. */
export const problemAttitudeKeys = ["positive", "ambivalent", "denies", "differing", "not_stated"] as const;
export type ProblemAttitudeKey = (typeof problemAttitudeKeys)[number];

/** The guardians with a substance problem of a number (n) of families alike: counts and attitudes only. */
export interface ProblemFamilyCount {
  /** Parents (relation parent) with the problem, recorded as women. */
  mothers: number;
  /** Parents with the problem, recorded as men. */
  fathers: number;
  /** Parents with the problem whose gender is other, not stated or not recorded. */
  otherParents: number;
  /** Step-parents and other guardians with the problem. */
  others: number;
  /** The different attitudes of the parents with the problem ("not_stated" for a missing one). */
  parentAttitudes: readonly string[];
  /** The different attitudes of the other guardians with the problem. */
  otherAttitudes: readonly string[];
  n: number;
}

/**
 * Which parent has the problem: two parents or more are both; one parent recorded as a woman is
 * the mother, as a man the father (whether a step-parent has a problem too or not); no parent, or
 * a parent whose gender is other or not recorded, is "other guardian or gender not stated".
 */
export function problemParentOf(f: Omit<ProblemFamilyCount, "n">): ProblemParentKey {
  const parents = f.mothers + f.fathers + f.otherParents;
  if (parents >= 2) return "both";
  if (parents === 1 && f.mothers === 1) return "mother";
  if (parents === 1 && f.fathers === 1) return "father";
  return "other";
}

/** The attitude of the parent(s) with the problem (when no parent has it, of the guardians who have it). */
export function problemAttitudeOf(f: Omit<ProblemFamilyCount, "n">): ProblemAttitudeKey {
  const parents = f.mothers + f.fathers + f.otherParents;
  const list = [...new Set(parents > 0 ? f.parentAttitudes : f.otherAttitudes)];
  if (list.length > 1) return "differing";
  const only = list[0];
  return only === "positive" || only === "ambivalent" || only === "denies" ? only : "not_stated";
}

export interface ProblemParents {
  empty: boolean;
  rows: ProblemParentKey[];
  /** The attitude columns: positive, ambivalent and denies always, the others when a family has them. */
  attitudes: ProblemAttitudeKey[];
  /** cells[row][attitude]; null when hidden. */
  cells: (number | null)[][];
  rowTotals: (number | null)[];
  attitudeTotals: (number | null)[];
  total: number | null;
}

/**
 * Families with a guardian with a substance problem, by which parent has it and the attitude to
 * support, as one table suppressed with its totals (small cells hidden, and what would give them away).
 */
export function buildProblemParents(counts: readonly ProblemFamilyCount[], min: number): ProblemParents {
  const withProblem = counts.filter((f) => f.mothers + f.fathers + f.otherParents + f.others > 0);
  const full = problemParentKeys.map((row) =>
    problemAttitudeKeys.map((a) =>
      withProblem.filter((f) => problemParentOf(f) === row && problemAttitudeOf(f) === a).reduce((s, f) => s + f.n, 0),
    ),
  );
  const always: readonly ProblemAttitudeKey[] = ["positive", "ambivalent", "denies"];
  const keep = problemAttitudeKeys.map((a, c) => always.includes(a) || full.some((r) => (r[c] ?? 0) > 0));
  const attitudes = problemAttitudeKeys.filter((_, c) => keep[c]);
  const cells = full.map((r) => r.filter((_, c) => keep[c]));
  const rowSums = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colSums = attitudes.map((_, c) => cells.reduce((a, r) => a + (r[c] ?? 0), 0));
  const sum = rowSums.reduce((a, b) => a + b, 0);
  const s = suppressTable(cells, min);
  return {
    empty: sum === 0,
    rows: [...problemParentKeys],
    attitudes,
    cells: cells.map((r, i) => r.map((n, c) => (s.cells[i]?.[c] ? null : n))),
    rowTotals: rowSums.map((n, i) => (s.rowTotals[i] ? null : n)),
    attitudeTotals: colSums.map((n, c) => (s.columnTotals[c] ? null : n)),
    total: s.total ? null : sum,
  };
}

export interface GenderPerspective {
  empty: boolean;
  /** Families by which parent has the substance problem (mother / father / both / other) and attitude to support. */
  problemParents: ProblemParents;
  /** Guardians with a substance problem, by their relation to the children. */
  problemByRelation: Distribution;
  /** Families by how many of the guardians have a substance problem. */
  familiesByProblems: Distribution;
  /** The attitude to support of the guardians with a problem. */
  attitude: Distribution;
  custody: Distribution;
  household: Distribution;
  /** The children by gender (from the children's table). */
  childrenByGender: Distribution;
}

const keyIn = (keys: readonly string[], v: string | null) => (v && keys.includes(v) ? v : "not_stated");

function tally(rows: Iterable<[string, number]>): Map<string, number> {
  const m = new Map<string, number>();
  for (const [k, n] of rows) m.set(k, (m.get(k) ?? 0) + n);
  return m;
}

/**
 * Which parent has the problem, the guardians with a problem, the families, custody and household,
 * and the children by gender, each suppressed.
 */
export function buildGender(
  guardians: readonly GuardianCount[],
  families: readonly FamilyCount[],
  children: readonly ChildCount[],
  problemFamilies: readonly ProblemFamilyCount[],
  min: number,
): GenderPerspective {
  const problemCount = (n: number) => (n <= 0 ? "none" : n === 1 ? "one" : "two_or_more");
  return {
    empty: families.reduce((s, f) => s + f.n, 0) === 0,
    problemParents: buildProblemParents(problemFamilies, min),
    problemByRelation: distribution(relationKeys, tally(guardians.map((g) => [keyIn(relationKeys, g.relation), g.n])))(min),
    familiesByProblems: distribution(problemCountKeys, tally(families.map((f) => [problemCount(f.withProblem), f.n])))(min),
    attitude: distribution(attitudeKeys, tally(guardians.map((g) => [keyIn(attitudeKeys, g.attitude), g.n])))(min),
    custody: distribution(custodyKeys, tally(families.map((f) => [keyIn(custodyKeys, f.custody), f.n])))(min),
    household: distribution(householdKeys, tally(families.map((f) => [keyIn(householdKeys, f.household), f.n])))(min),
    childrenByGender: distribution(genderKeys, tally(children.map((c) => [genderOf(c.gender), c.n])))(min),
  };
}

// ---------------------------------------------------------------------------------------------
// Formatting for the document (always Swedish)

const svInteger = new Intl.NumberFormat("sv-SE", { maximumFractionDigits: 0 });

/** What a hidden figure shows in the report. */
export const HIDDEN = "..";

/** A count as shown: "1 234", or ".." when hidden. Plain spaces, so that a text search finds the figure. */
export function showCount(n: number | null): string {
  return n === null ? HIDDEN : svInteger.format(n).replace(/[\u00a0\u202f]/g, " ");
}

/** Plain spaces and a plain minus, so that a text search (and the PDF's text) finds the figure as written. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ").replace(/\u2212/g, "-");

/** A share in percent as the municipality writes it ("43 %", platform/precision.ts), ".." when hidden, "–" when there is nothing to divide. */
export function showPercent(p: number | null, hidden: boolean, precision: Precision): string {
  if (hidden) return HIDDEN;
  return p === null ? "–" : plain(formatShare(p, precision));
}

/** A mean or other statistic as the municipality writes it ("3,25"), ".." when hidden, "–" without one. */
export function showDecimal(n: number | null, hidden: boolean, precision: Precision): string {
  if (hidden) return HIDDEN;
  return n === null ? "–" : plain(formatMean(n, precision));
}

/**
 * The same period one year earlier: the comparison the committee reads (a 29 February becomes the
 * 28th). Replaces the period of the same length just before, which compared a half-year with
 * another season.
 */
export function sameTimeLastYear(p: Period): Period {
  const back = (iso: string) => {
    const d = parseIsoDate(iso);
    if (!d) throw new RangeError(`Not a date: ${iso}`);
    const year = d.year - 1;
    return formatIsoDate({ year, month: d.month, day: Math.min(d.day, daysInMonth(year, d.month)) });
  };
  return { from: back(p.from), to: back(p.to) };
}

/** Whole kronor as "1 143 083 kr", with plain spaces. */
export function showKronor(n: number): string {
  return `${svInteger.format(n).replace(/[\u00a0\u202f−]/g, (c) => (c === "−" ? "-" : " "))} kr`;
}

const svDate = new Intl.DateTimeFormat("sv-SE", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
/** "12 mars 2026" from "2026-03-12". */
export const showDate = (iso: string) => svDate.format(new Date(`${iso}T00:00:00Z`));
