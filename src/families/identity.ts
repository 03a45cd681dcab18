/**
 * Swedish identity numbers: personnummer and samordningsnummer (day + 60). Pure, no I/O.
 *
 * Accepted as people type them: YYYYMMDD-NNNN, YYYYMMDDNNNN, YYMMDD-NNNN, YYMMDDNNNN and
 * YYMMDD+NNNN (the "+" is written from the year a person turns 100), with or without spaces.
 * Always stored with the century, 12 digits.
 */
import { type CalendarDate, compareDates, dateExists, formatIsoDate, type IsoDate, parseIsoDate } from "./model.ts";

export type IdentityKind = "personnummer" | "samordningsnummer";
export type LegalGender = "female" | "male";

export interface IdentityNumber {
  /** 12 digits with the century, e.g. "191212121212". */
  normalized: string;
  kind: IdentityKind;
  birthDate: IsoDate;
  legalGender: LegalGender;
}

export type IdentityError =
  | "families.identity.wrongFormat"
  | "families.identity.impossibleDate"
  | "families.identity.wrongCheckDigit"
  | "families.identity.futureDate";

export type IdentityResult = { ok: true; value: IdentityNumber } | { ok: false; error: IdentityError };

/** Samordningsnummer add 60 to the day of birth. */
const COORDINATION_OFFSET = 60;

/** Hyphens and minus signs that a pasted number may carry instead of "-". */
const DASHES = /[\u2010-\u2015\u2212]/g;

/** The Luhn check digit of the nine digits YYMMDDNNN. */
export function luhnCheckDigit(nineDigits: string): number {
  let sum = 0;
  for (let i = 0; i < nineDigits.length; i++) {
    const product = Number(nineDigits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += product > 9 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Reads an identity number. `referenceDate` is the date it is judged on (the date of the request),
 * "YYYY-MM-DD": it decides the century of a 10-digit number and what counts as the future.
 */
export function parseIdentityNumber(input: string, referenceDate: IsoDate): IdentityResult {
  const reference = parseIsoDate(referenceDate);
  if (!reference) throw new RangeError(`referenceDate is not a valid YYYY-MM-DD date: ${referenceDate}`);

  const compact = input.replace(/\s+/g, "").replace(DASHES, "-");
  const m = /^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{4})$/.exec(compact);
  if (!m) return fail("families.identity.wrongFormat");
  const [, centuryDigits, yy = "", mm = "", dd = "", separator = "", last4 = ""] = m;
  if (centuryDigits !== undefined && separator === "+") return fail("families.identity.wrongFormat");

  const rawDay = Number(dd);
  const kind: IdentityKind = rawDay > COORDINATION_OFFSET ? "samordningsnummer" : "personnummer";
  const month = Number(mm);
  const day = kind === "samordningsnummer" ? rawDay - COORDINATION_OFFSET : rawDay;
  const year = centuryDigits !== undefined ? Number(centuryDigits + yy) : centuryFor(Number(yy), month, day, reference, separator === "+");
  const birth: CalendarDate = { year, month, day };

  if (!dateExists(birth)) return fail("families.identity.impossibleDate");
  if (luhnCheckDigit(yy + mm + dd + last4.slice(0, 3)) !== Number(last4[3])) return fail("families.identity.wrongCheckDigit");
  if (compareDates(birth, reference) > 0) return fail("families.identity.futureDate");

  const normalized = String(year).padStart(4, "0") + mm + dd + last4;
  const legalGender: LegalGender = Number(last4[2]) % 2 === 0 ? "female" : "male";
  return { ok: true, value: { normalized, kind, birthDate: formatIsoDate(birth), legalGender } };
}

/**
 * The year of a 10-digit number: with "-" (or none) the most recent century that does not put the
 * birth date after the reference date; with "+" one century before that.
 */
function centuryFor(yy: number, month: number, day: number, reference: CalendarDate, hundredOrOlder: boolean): number {
  let year = Math.floor(reference.year / 100) * 100 + yy;
  if (compareDates({ year, month, day }, reference) > 0) year -= 100;
  return hundredOrOlder ? year - 100 : year;
}

function fail(error: IdentityError): IdentityResult {
  return { ok: false, error };
}

function requireNormalized(normalized: string): string {
  if (!/^\d{12}$/.test(normalized)) throw new RangeError("An identity number to show must be the stored 12 digits");
  return normalized;
}

/** "YYYYMMDD-NNNN", for showing one person. */
export function formatIdentityNumber(normalized: string): string {
  const n = requireNormalized(normalized);
  return `${n.slice(0, 8)}-${n.slice(8)}`;
}

/** "YYYYMMDD-****", for lists where the full number is not needed. */
export function maskIdentityNumber(normalized: string): string {
  return `${requireNormalized(normalized).slice(0, 8)}-****`;
}
