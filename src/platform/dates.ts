/**
 * Calendar dates written "YYYY-MM-DD" (a birth date, the date of a request or a meeting), never
 * instants: a birthday does not depend on a time zone, so no `Date` object is involved in the rules.
 */

/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Whether the date exists in the Gregorian calendar (2000-02-29 does, 1900-02-29 does not). */
export function dateExists({ year, month, day }: CalendarDate): boolean {
  return Number.isInteger(year) && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Orders two dates; it also works for dates that do not exist, which the century rule needs. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** Reads "YYYY-MM-DD"; null when the text is not such a date or the date does not exist. */
export function parseIsoDate(text: string): CalendarDate | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return null;
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return dateExists(date) ? date : null;
}

export function formatIsoDate({ year, month, day }: CalendarDate): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** Made once: building an Intl formatter costs far more than formatting with it (decision 0054). */
const swedishCalendarDate = new Intl.DateTimeFormat("en-CA", {
  timeZone: "Europe/Stockholm",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The calendar date of an instant in Sweden (the date of a request is the Swedish date). */
export function calendarDateInSweden(instant: Date): IsoDate {
  const parts = swedishCalendarDate.formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

const dayNumber = (text: IsoDate): number | null => {
  const d = parseIsoDate(text);
  return d ? Date.UTC(d.year, d.month - 1, d.day) / 86_400_000 : null;
};

/** Whole days from one date to another (negative when `to` is earlier); null when either cannot be read. */
export function daysBetween(from: IsoDate, to: IsoDate): number | null {
  const a = dayNumber(from);
  const b = dayNumber(to);
  return a === null || b === null ? null : b - a;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const n = dayNumber(date);
  if (n === null) throw new RangeError(`not a valid YYYY-MM-DD date: ${date}`);
  const d = new Date((n + days) * 86_400_000);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

/** Whether `a` is before `b`; both must be valid dates. */
export function isBefore(a: IsoDate, b: IsoDate): boolean {
  const x = parseIsoDate(a);
  const y = parseIsoDate(b);
  if (!x || !y) throw new RangeError(`not valid dates: ${a}, ${b}`);
  return compareDates(x, y) < 0;
}

/** Today's date in Sweden by the machine's clock: for the bench and the browser tests; a use case takes `ctx.clock.today()` (decision 0033). */
export const todayInSweden = (): IsoDate => calendarDateInSweden(new Date());
