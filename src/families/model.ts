/**
 * Pure rules about families: age and the case type (ärendetyp). No I/O. The calendar rules live in
 * src/platform/dates.ts and are re-exported here.
 */
import { readDate } from "../platform/date-input.ts";
import { type CalendarDate, compareDates, type IsoDate, parseIsoDate } from "../platform/dates.ts";
import type { Translate } from "../platform/i18n.ts";
import type { Scope } from "../platform/permissions.ts";

export * from "../platform/dates.ts";

/** A date the rules were given by code, not by a user: a wrong one is a bug, so it throws. */
function requireDate(text: IsoDate, name: string): CalendarDate {
  const date = parseIsoDate(text);
  if (!date) throw new RangeError(`${name} is not a valid YYYY-MM-DD date: ${text}`);
  return date;
}

export type BirthDateResult = { ok: true; value: IsoDate } | { ok: false; error: BirthDateError };
export type BirthDateError = "families.birthDate.wrongFormat" | "families.birthDate.impossibleDate" | "families.birthDate.futureDate";

/**
 * A birth date typed by a user (for a child without an identity number), as Swedes type a date
 * (platform/date-input.ts: 2015-03-14, 14/3 2015, 14 mars 2015), checked against the request date.
 * Digits in a date's shape that name no day (2015-02-29, 30/2 2015) are an impossible date.
 */
export function parseBirthDate(input: string, referenceDate: IsoDate): BirthDateResult {
  const reference = requireDate(referenceDate, "referenceDate");
  const typed = input.trim();
  const read = readDate(typed);
  if (!read) {
    const dateShaped = /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^\d{1,2}[/.-]\d{1,2}(?: ?[/.-] ?| )\d{4}$/.test(typed);
    return { ok: false, error: dateShaped ? "families.birthDate.impossibleDate" : "families.birthDate.wrongFormat" };
  }
  if (compareDates(requireDate(read, "read"), reference) > 0) return { ok: false, error: "families.birthDate.futureDate" };
  return { ok: true, value: read };
}

// ---------------------------------------------------------------------------------------------
// Age

/**
 * Age in whole years on a date. A birthday on 29 February counts from 1 March in other years.
 * Negative when `onDate` is before the birth date (-1 in the year before birth, and so on).
 */
export function ageOn(birthDate: IsoDate, onDate: IsoDate): number {
  const birth = requireDate(birthDate, "birthDate");
  const on = requireDate(onDate, "onDate");
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

export interface AgeRange {
  min: number;
  max: number;
}

/** The ages the Sofia model is made for (0–12). */
export const childAgeRange: AgeRange = { min: 0, max: 12 };

export type ChildAgeWarningKey = "families.age.bornAfterRequest" | "families.age.tooYoung" | "families.age.tooOld";

export interface ChildAgeCheck {
  age: number;
  within: boolean;
  /** Not an error: the user confirms that the child belongs to the request anyway. */
  warning: { key: ChildAgeWarningKey; params: { age: number; min: number; max: number } } | null;
}

/** Whether a child's age on the request date is inside the range; outside it is a warning to confirm. */
export function isWithinChildAgeRange(birthDate: IsoDate, requestDate: IsoDate, range: AgeRange = childAgeRange): ChildAgeCheck {
  const age = ageOn(birthDate, requestDate);
  const params = { age, min: range.min, max: range.max };
  if (age < 0) return { age, within: false, warning: { key: "families.age.bornAfterRequest", params } };
  if (age < range.min) return { age, within: false, warning: { key: "families.age.tooYoung", params } };
  if (age > range.max) return { age, within: false, warning: { key: "families.age.tooOld", params } };
  return { age, within: true, warning: null };
}

/** Age bands for statistics, youngest first. */
export const ageBands = ["0–2", "3–5", "6–9", "10–12", "13–17", "18+"] as const;
export type AgeBand = (typeof ageBands)[number];

export function ageBand(age: number): AgeBand {
  if (!Number.isInteger(age) || age < 0) throw new RangeError(`An age band needs a whole age of 0 or more: ${age}`);
  if (age <= 2) return "0–2";
  if (age <= 5) return "3–5";
  if (age <= 9) return "6–9";
  if (age <= 12) return "10–12";
  if (age <= 17) return "13–17";
  return "18+";
}

// ---------------------------------------------------------------------------------------------
// Case type (ärendetyp)

/** What the case type needs to know about one child; filled from the family's records. */
export interface ChildUnitStatus {
  /** The child is open (aktuell) at a child unit: an ongoing investigation or intervention. */
  openAtChildUnit: boolean;
  /** The child unit has opened an investigation after a report (anmälan) was sent; counts as open. */
  investigationOpenedAfterReport: boolean;
}

/** What the case type needs to know about one guardian. */
export interface GuardianUnitStatus {
  /** The guardian is open (aktuell) at an addiction unit. */
  openAtAddictionUnit: boolean;
  /** The guardian has applied for support at an addiction unit (e.g. at a family meeting); counts as open. */
  appliedAtAddictionUnit: boolean;
}

export interface CaseTypeInput {
  children: ChildUnitStatus[];
  guardians: GuardianUnitStatus[];
}

export type CaseType = 1 | 2 | 3;

export type CaseTypeReasonKey =
  | "families.caseType.reason.bothOpen"
  | "families.caseType.reason.parentApplied"
  | "families.caseType.reason.investigationOpened"
  | "families.caseType.reason.childOnly"
  | "families.caseType.reason.parentOnly"
  | "families.caseType.reason.neitherOpen"
  | "families.caseType.reason.noChildren"
  | "families.caseType.reason.noGuardians";

export interface CaseTypeResult {
  caseType: CaseType | null;
  reasonKey: CaseTypeReasonKey;
  /** How many of the children and guardians count as open; for the page and the API. */
  params: { childrenOpen: number; children: number; guardiansOpen: number; guardians: number };
}

export const childIsOpen = (c: ChildUnitStatus) => c.openAtChildUnit || c.investigationOpenedAfterReport;
export const guardianIsOpen = (g: GuardianUnitStatus) => g.openAtAddictionUnit || g.appliedAtAddictionUnit;

/**
 * The case type, derived from who is open where (never typed in):
 * Typ 1 a child open at a child unit and a guardian open at an addiction unit;
 * Typ 2 a child open (after a report of substance abuse at home), no guardian open at addiction;
 * Typ 3 a guardian open at addiction, no child open (a report is to be sent to the child unit).
 * An investigation opened after the report turns Typ 3 into Typ 1; an application at the addiction
 * unit turns Typ 2 into Typ 1. Recomputing after such a change is the transition.
 */
export function deriveCaseType(input: CaseTypeInput): CaseTypeResult {
  const openChildren = input.children.filter(childIsOpen);
  const openGuardians = input.guardians.filter(guardianIsOpen);
  const params = {
    childrenOpen: openChildren.length,
    children: input.children.length,
    guardiansOpen: openGuardians.length,
    guardians: input.guardians.length,
  };
  const result = (caseType: CaseType | null, reasonKey: CaseTypeReasonKey): CaseTypeResult => ({ caseType, reasonKey, params });

  if (input.children.length === 0) return result(null, "families.caseType.reason.noChildren");
  if (input.guardians.length === 0) return result(null, "families.caseType.reason.noGuardians");
  if (openChildren.length > 0 && openGuardians.length > 0) {
    // Name the step that made it Typ 1 when that step is the only reason it is Typ 1.
    if (!openGuardians.some((g) => g.openAtAddictionUnit)) return result(1, "families.caseType.reason.parentApplied");
    if (!openChildren.some((c) => c.openAtChildUnit)) return result(1, "families.caseType.reason.investigationOpened");
    return result(1, "families.caseType.reason.bothOpen");
  }
  if (openChildren.length > 0) return result(2, "families.caseType.reason.childOnly");
  if (openGuardians.length > 0) return result(3, "families.caseType.reason.parentOnly");
  return result(null, "families.caseType.reason.neitherOpen");
}

export interface CaseTypeChange {
  from: CaseType | null;
  to: CaseType | null;
  messageKey: string;
  params: { from: string; to: string };
}

/** What changed when the case type was recomputed; null when it stayed the same. */
export function caseTypeChange(before: CaseTypeResult, after: CaseTypeResult): CaseTypeChange | null {
  if (before.caseType === after.caseType) return null;
  const params = { from: caseTypeLabelKey(before.caseType), to: caseTypeLabelKey(after.caseType) };
  let messageKey = "families.caseType.change.other";
  if (before.caseType === 3 && after.caseType === 1) messageKey = "families.caseType.change.investigationOpened";
  if (before.caseType === 2 && after.caseType === 1) messageKey = "families.caseType.change.parentApplied";
  return { from: before.caseType, to: after.caseType, messageKey, params };
}

export function caseTypeLabelKey(caseType: CaseType | null): string {
  return caseType === null ? "families.caseType.none" : `families.caseType.type${caseType}`;
}

/** The case type and its reason in words, e.g. "Typ 1" and why. */
export function describeCaseType(result: CaseTypeResult, t: Translate): { label: string; reason: string } {
  return { label: t(caseTypeLabelKey(result.caseType)), reason: t(result.reasonKey, result.params) };
}

/** The sentence for a change of case type, with the type labels translated. */
export function describeCaseTypeChange(change: CaseTypeChange, t: Translate): string {
  return t(change.messageKey, { from: t(change.params.from), to: t(change.params.to) });
}

// ---------------------------------------------------------------------------------------------
// The family's name (decision 0037): computed here and nowhere else

/** The persons of a request as the family name needs them. */
export interface NamedPerson {
  kind: string;
  name: string;
  birthDate: IsoDate;
}

/**
 * A family as staff see it. `persons` is null when the reader gets the minimal view (a unit
 * manager who is not assigned): then the family is named by its request date only.
 */
export interface NamedFamily {
  requestDate: IsoDate;
  /** The day the children's ages are counted on (the clock's today). */
  on: IsoDate;
  caseFileNumber: string | null;
  persons: readonly NamedPerson[] | null;
}

export interface FamilyName {
  /** "Familjen Testsson/Berg", or the neutral label in the minimal view. */
  name: string;
  /** "Elin 7 år, Malte 4 år"; empty in the minimal view. */
  children: string;
  /** "akt 2026-123"; empty when there is none or in the minimal view. */
  caseFile: string;
  /** Everything on one line: "Familjen Testsson (Elin 7 år, Malte 4 år), akt 2026-123". */
  full: string;
  /** Whether the name holds names of persons (then every display is audited per person). */
  named: boolean;
}

const words = (name: string) => name.trim().split(/\s+/).filter(Boolean);

/**
 * The one display name of a family: the guardians' surnames (the last word of each name, each
 * once, in the order of the request), the children's first names and ages today, and the
 * case-file number. Never for anything that leaves the building (survey links, kiosk, mail to
 * families, exports, statistics).
 */
export function familyName(family: NamedFamily, t: Translate): FamilyName {
  const on = family.on;
  if (family.persons === null) {
    const name = t("families.name.neutral", { date: family.requestDate });
    return { name, children: "", caseFile: "", full: name, named: false };
  }
  const surnames: string[] = [];
  for (const g of family.persons.filter((p) => p.kind === "guardian")) {
    const last = words(g.name).at(-1);
    if (last && !surnames.includes(last)) surnames.push(last);
  }
  const name =
    surnames.length > 0
      ? t("families.name.family", { surnames: surnames.join("/") })
      : t("families.name.neutral", { date: family.requestDate });
  const children = family.persons
    .filter((p) => p.kind === "child")
    .map((c) => t("families.name.child", { name: words(c.name)[0] ?? c.name, age: Math.max(0, ageOn(c.birthDate, on)) }))
    .join(", ");
  const caseFile = family.caseFileNumber ? t("families.name.caseFile", { number: family.caseFileNumber }) : "";
  const full = `${name}${children ? ` (${children})` : ""}${caseFile ? `, ${caseFile}` : ""}`;
  return { name, children, caseFile, full, named: true };
}

// ---------------------------------------------------------------------------------------------
// The case-file number of the journal system (diarienummer / aktnummer)

/**
 * The accepted forms (decision 0037), after trimming, upper-casing and single spaces:
 * - digits only, 1–12: a journal system's own case or file number ("123456");
 * - a year (2 or 4 digits) and a serial number joined by "-", "/" or ":" ("2026-123", "2026/00123", "26-123");
 * - either of them after a prefix of 1–6 letters and an optional space or dash ("SN 2026/123",
 *   "IFN-2026-0123", "SOC 2026:45", "AKT 123456").
 */
const CASE_FILE = /^(?:[A-ZÅÄÖ]{1,6}[ -]?)?(?:\d{1,12}|(?:\d{2}|\d{4})[-/:]\d{1,7})$/;

export type CaseFileResult = { ok: true; value: string | null } | { ok: false; error: "families.caseFile.invalid" };

/** A case-file number as typed: empty is none; otherwise one of the accepted forms, normalised. */
export function parseCaseFileNumber(input: string): CaseFileResult {
  const text = input.trim().replace(/\s+/g, " ").toUpperCase();
  if (text === "") return { ok: true, value: null };
  if (text.length > 30 || !CASE_FILE.test(text)) return { ok: false, error: "families.caseFile.invalid" };
  return { ok: true, value: text };
}

/** Whether a search text looks like a case-file number with a year or a prefix (digits only are identity numbers first). */
export function looksLikeCaseFileNumber(input: string): boolean {
  const parsed = parseCaseFileNumber(input);
  return parsed.ok && parsed.value !== null && !/^\d+$/.test(parsed.value);
}

// ---------------------------------------------------------------------------------------------
// The family's contact details (phone, e-mail)

export type PhoneResult = { ok: true; value: string | null } | { ok: false; error: "families.contact.phoneInvalid" };

/** A Swedish or international phone number: digits with spaces, dashes or parentheses, an optional leading +; 7–15 digits. */
export function parsePhone(input: string): PhoneResult {
  const text = input.trim().replace(/\s+/g, " ");
  if (text === "") return { ok: true, value: null };
  if (!/^\+?[\d ()-]+$/.test(text)) return { ok: false, error: "families.contact.phoneInvalid" };
  const digits = text.replace(/\D/g, "").length;
  if (digits < 7 || digits > 15) return { ok: false, error: "families.contact.phoneInvalid" };
  return { ok: true, value: text };
}

/**
 * Need to know, one rule for the request pages and the process pages (issue 17, hole 8): a reader
 * whose access to a family comes from their units only (a unit manager, scope "unit") sees it in
 * the minimal view (no names, identity numbers, birth dates, substance answers, reasons or contact
 * details) unless they work with the family themselves: assigned to its process or, for a request,
 * the one who registered it. The municipality's and the own scope see what their visibility gives.
 */
export const minimalView = (scope: Scope, worksWithFamily: boolean): boolean => scope === "unit" && !worksWithFamily;
