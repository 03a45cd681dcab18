/**
 * The follow-up's period arithmetic (decision 0049), pure: the period a choice gives on a day (this
 * half-year so far, this year so far, or the typed dates) and the period it is compared with (the
 * period of the same length just before, or the same dates a year earlier), and the reading of what
 * the form, the exports and the API ask for. No database, no clock: the day is given.
 */
import { readDate } from "../platform/date-input.ts";
import { addDays, daysBetween, daysInMonth, formatIsoDate, type IsoDate, parseIsoDate } from "../platform/dates.ts";
import { ValidationError } from "../platform/errors.ts";

/** The longest period the page computes (ten years). */
export const MAX_PERIOD_DAYS = 3653;

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

/**
 * A period from the form, the query or the API: dates as Swedes type them (platform/date-input.ts),
 * from not after to, at most ten years; empty means the default.
 */
export function parsePeriod(from: string | undefined, to: string | undefined, today: IsoDate): Period {
  const fallback = halfYearSoFar(today);
  const f = from?.trim() ? readDate(from) : fallback.from;
  const t = to?.trim() ? readDate(to) : fallback.to;
  const errors: Record<string, string> = {};
  if (!f) errors.from = "followup.error.date";
  if (!t) errors.to = "followup.error.date";
  if (f && t) {
    if (f > t) errors.to = "followup.error.toBeforeFrom";
    else if ((daysBetween(f, t) ?? 0) >= MAX_PERIOD_DAYS) errors.to = "followup.error.tooLong";
  }
  if (Object.keys(errors).length > 0 || !f || !t) throw new ValidationError(errors);
  return { from: f, to: t };
}

/** What the page, the exports and the API are asked for: a choice of period, its dates when custom, and the comparison. */
export interface PeriodInput {
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  compare?: string | undefined;
}

export interface PeriodSelection {
  choice: PeriodChoice;
  comparison: Comparison;
  period: Period;
}

/**
 * The period asked for on the day: a choice of "halfYear", "year" or "custom" (without one, dates
 * mean custom and none the half-year), compared with "previous" (the default) or "lastYear". An
 * unknown choice or comparison, and dates that cannot be read, are field errors.
 */
export function selectPeriod(input: PeriodInput, today: IsoDate): PeriodSelection {
  const errors: Record<string, string> = {};
  const asked = input.period?.trim() || (input.from?.trim() || input.to?.trim() ? "custom" : "halfYear");
  const choice = (periodChoices as readonly string[]).includes(asked) ? (asked as PeriodChoice) : null;
  if (!choice) errors.period = "followup.error.choice";
  const compared = input.compare?.trim() || "previous";
  const comparison = (comparisons as readonly string[]).includes(compared) ? (compared as Comparison) : null;
  if (!comparison) errors.compare = "followup.error.compare";
  let period: Period | null = choice ? presetPeriod(choice, today) : null;
  if (choice === "custom") {
    try {
      period = parsePeriod(input.from, input.to, today);
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      Object.assign(errors, e.fieldErrors);
    }
  }
  if (Object.keys(errors).length > 0 || !choice || !comparison || !period) throw new ValidationError(errors);
  return { choice, comparison, period };
}
