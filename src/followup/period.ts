/**
 * The follow-up's period arithmetic (decision 0049), pure: the period a choice gives on a day (this
 * half-year so far, this year so far, or the typed dates) and the period it is compared with (the
 * period of the same length just before, or the same dates a year earlier). No database, no clock.
 */
import { addDays, daysBetween, daysInMonth, formatIsoDate, type IsoDate, parseIsoDate } from "../platform/dates.ts";

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

/** The period choices of the page: this half-year so far, this year so far, or the dates typed. */
export const periodChoices = ["halfYear", "year", "custom"] as const;
export type PeriodChoice = (typeof periodChoices)[number];

/** What the period is compared with: the period of the same length just before, or the same period last year. */
export const comparisons = ["previous", "lastYear"] as const;
export type Comparison = (typeof comparisons)[number];

/** January 1 or July 1 of the day's year, whichever began the half-year, to the day. */
export function halfYearSoFar(today: IsoDate): Period {
  const year = today.slice(0, 4);
  return { from: today.slice(5) < "07-01" ? `${year}-01-01` : `${year}-07-01`, to: today };
}

/** January 1 of the day's year to the day. */
export function yearSoFar(today: IsoDate): Period {
  return { from: `${today.slice(0, 4)}-01-01`, to: today };
}

/** The period of the same length (in days) that ends the day before the period starts. */
export function previousPeriod(p: Period): Period {
  const days = (daysBetween(p.from, p.to) ?? 0) + 1;
  return { from: addDays(p.from, -days), to: addDays(p.from, -1) };
}

/**
 * The same day a year earlier. A day past the earlier month's end (February 29) becomes that month's
 * last day; with `monthEnd`, a month's last day stays its month's last day (2025-02-28 → 2024-02-29),
 * so that a period ending with a month compares with the whole month.
 */
export function yearEarlier(date: IsoDate, monthEnd = false): IsoDate {
  const d = parseIsoDate(date);
  if (!d) throw new Error(`not a date: ${date}`);
  const year = d.year - 1;
  const last = daysInMonth(year, d.month);
  const isMonthEnd = d.day === daysInMonth(d.year, d.month);
  return formatIsoDate({ year, month: d.month, day: monthEnd && isMonthEnd ? last : Math.min(d.day, last) });
}

/** The same period a year earlier: its first day a year earlier, its last day a year earlier (a month's end stays one). */
export function samePeriodLastYear(p: Period): Period {
  return { from: yearEarlier(p.from), to: yearEarlier(p.to, true) };
}

/** The period the chosen comparison gives. */
export function comparisonPeriod(p: Period, comparison: Comparison): Period {
  return comparison === "lastYear" ? samePeriodLastYear(p) : previousPeriod(p);
}

/** The period a preset choice gives on the day; null for "custom" (its dates are typed). */
export function presetPeriod(choice: PeriodChoice, today: IsoDate): Period | null {
  if (choice === "halfYear") return halfYearSoFar(today);
  if (choice === "year") return yearSoFar(today);
  return null;
}
