/**
 * Pure rules about families: age and the case type (ärendetyp). No I/O. The calendar rules live in
 * src/platform/dates.ts and are re-exported here.
 */
import { type CalendarDate, compareDates, dateExists, formatIsoDate, type IsoDate, parseIsoDate } from "../platform/dates.ts";
import type { Translate } from "../platform/i18n.ts";

export * from "../platform/dates.ts";

/** A date the rules were given by code, not by a user: a wrong one is a bug, so it throws. */
function requireDate(text: IsoDate, name: string): CalendarDate {
  const date = parseIsoDate(text);
  if (!date) throw new RangeError(`${name} is not a valid YYYY-MM-DD date: ${text}`);
  return date;
}

export type BirthDateResult = { ok: true; value: IsoDate } | { ok: false; error: BirthDateError };
export type BirthDateError = "families.birthDate.wrongFormat" | "families.birthDate.impossibleDate" | "families.birthDate.futureDate";

/** A birth date typed by a user (for a child without an identity number), checked against the request date. */
export function parseBirthDate(input: string, referenceDate: IsoDate): BirthDateResult {
  const reference = requireDate(referenceDate, "referenceDate");
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input.trim());
  if (!m) return { ok: false, error: "families.birthDate.wrongFormat" };
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (!dateExists(date)) return { ok: false, error: "families.birthDate.impossibleDate" };
  if (compareDates(date, reference) > 0) return { ok: false, error: "families.birthDate.futureDate" };
  return { ok: true, value: formatIsoDate(date) };
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
