/**
 * The pure rules of implementation activities (trainings, inspiration days, analysis seminars,
 * information meetings, conferences): what a planned, held or cancelled activity must have, the
 * counts per kind and status, and the per-unit participation of caseworkers with its suppression.
 * No I/O, no personal data.
 */
import { compareDates, type IsoDate, parseIsoDate } from "../platform/dates.ts";
import { suppressTable } from "../platform/suppression.ts";

export const activityKinds = ["training", "inspiration_day", "analysis_seminar", "information_meeting", "conference", "other"] as const;
export type ActivityKind = (typeof activityKinds)[number];

export const activityStatuses = ["planned", "held", "cancelled"] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

export const THEME_MAX = 200;
export const REASON_MAX = 500;
export const NOTES_MAX = 2000;
export const PARTICIPANTS_MAX = 100_000;
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const UNITS_MAX = 100;

export const isStatus = (v: string): v is ActivityStatus => (activityStatuses as readonly string[]).includes(v);

export interface ActivityRules {
  activityDate: string;
  status: ActivityStatus;
  participants: number | null;
  cancelReason: string | null;
}

/**
 * The rules between an activity's fields, field → message key: a real date between 2000 and 2100;
 * a held activity has its number of participants and a date that is not in the future; a
 * cancelled one has its reason, and only a cancelled one has a reason.
 */
export function activityProblems(a: ActivityRules, today: IsoDate): Record<string, string> {
  const errors: Record<string, string> = {};
  const date = parseIsoDate(a.activityDate);
  const todayDate = parseIsoDate(today);
  if (!date || date.year < YEAR_MIN || date.year > YEAR_MAX) errors.activityDate = "implementation.date.invalid";
  else if (a.status === "held" && todayDate && compareDates(date, todayDate) > 0) errors.activityDate = "implementation.date.heldInFuture";
  if (a.status === "held" && a.participants === null) errors.participants = "implementation.participants.requiredWhenHeld";
  const reason = (a.cancelReason ?? "").trim();
  if (a.status === "cancelled" && reason === "") errors.cancelReason = "implementation.cancelReason.required";
  if (a.status !== "cancelled" && reason !== "") errors.cancelReason = "implementation.cancelReason.onlyWhenCancelled";
  return errors;
}

// ---- Counts per kind and status ----

export interface KindCount {
  kind: ActivityKind;
  planned: number;
  held: number;
  cancelled: number;
  /** The participants of the held activities. */
  participants: number;
}

export interface KindSummary {
  kinds: KindCount[];
  total: Omit<KindCount, "kind">;
}

/** Planned, held and cancelled activities per kind, with the participants of the held ones; every kind is listed. */
export function summariseKinds(
  activities: Array<{ kind: ActivityKind; status: ActivityStatus; participants: number | null }>,
): KindSummary {
  const kinds = activityKinds.map((kind) => {
    const mine = activities.filter((a) => a.kind === kind);
    const held = mine.filter((a) => a.status === "held");
    return {
      kind,
      planned: mine.filter((a) => a.status === "planned").length,
      held: held.length,
      cancelled: mine.filter((a) => a.status === "cancelled").length,
      participants: held.reduce((s, a) => s + (a.participants ?? 0), 0),
    };
  });
  const add = (key: "planned" | "held" | "cancelled" | "participants") => kinds.reduce((s, k) => s + k[key], 0);
  return { kinds, total: { planned: add("planned"), held: add("held"), cancelled: add("cancelled"), participants: add("participants") } };
}

// ---- Participation per unit ----

/** A year, or every year. */
export type YearChoice = number | "all";

/** The first and last day of the chosen year; null for every year. */
export function yearPeriod(year: YearChoice): { from: IsoDate; to: IsoDate } | null {
  return year === "all" ? null : { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** A year from a query ("2026", "alla"/"all", or empty for the default). Null when it is not one. */
export function parseYearChoice(value: unknown, fallback: YearChoice): YearChoice | null {
  if (value === undefined || value === null || value === "") return fallback;
  if (typeof value !== "string" && typeof value !== "number") return null;
  const text = String(value).trim();
  if (text === "alla" || text === "all") return "all";
  if (!/^\d{4}$/.test(text)) return null;
  const n = Number(text);
  return n >= YEAR_MIN && n <= YEAR_MAX ? n : null;
}

/** One unit's figures as the store counts them. */
export interface UnitCounts {
  unitId: string;
  unitName: string;
  /** Active caseworkers who are members of the unit. */
  caseworkers: number;
  /** Families (processes) per participating caseworker: one number per caseworker with at least one family. */
  familiesPerCaseworker: number[];
  heldActivities: number;
  heldParticipants: number;
}

export interface UnitParticipation {
  unitId: string;
  unitName: string;
  caseworkers: number | null;
  participating: number | null;
  /** participating / caseworkers, 0–1. */
  share: number | null;
  /** Mean families per participating caseworker, one decimal. */
  meanFamilies: number | null;
  minFamilies: number | null;
  maxFamilies: number | null;
  /** Some figure of the row is hidden (a group under the minimum group size). */
  suppressed: boolean;
  heldActivities: number;
  heldParticipants: number;
}

/** A mean rounded to one decimal (half away from zero), computed in whole tenths. */
export function meanOneDecimal(values: number[]): number | null {
  if (values.length === 0) return null;
  const sum = values.reduce((s, n) => s + n, 0);
  return Math.round((sum * 10) / values.length) / 10;
}

/**
 * Per unit: caseworkers, those who worked with at least one family, the share, and families per
 * participating caseworker (mean, min, max). A unit's row is a table of its own, participating
 * and not participating adding up to the unit's caseworkers, suppressed by the minimum group size
 * (src/platform/suppression.ts): a small count is hidden, and so is the one figure that would give
 * it away. No total over the units is shown (a caseworker can belong to several units), so no
 * hidden figure can be worked out by subtraction. The activities' counts describe no person and
 * are always shown.
 */
export function buildParticipation(units: UnitCounts[], min: number): UnitParticipation[] {
  return units.map((u) => {
    const participating = u.familiesPerCaseworker.length;
    const not = Math.max(0, u.caseworkers - participating);
    const s = suppressTable([[participating, not]], min);
    const participatingHidden = s.cells[0]?.[0] ?? true;
    const totalHidden = s.rowTotals[0] ?? true;
    const suppressed = participatingHidden || totalHidden || (s.cells[0]?.[1] ?? true);
    const shown = !participatingHidden && participating > 0;
    return {
      unitId: u.unitId,
      unitName: u.unitName,
      caseworkers: totalHidden ? null : u.caseworkers,
      participating: participatingHidden ? null : participating,
      share: suppressed || u.caseworkers === 0 ? null : participating / u.caseworkers,
      meanFamilies: shown ? meanOneDecimal(u.familiesPerCaseworker) : null,
      minFamilies: shown ? Math.min(...u.familiesPerCaseworker) : null,
      maxFamilies: shown ? Math.max(...u.familiesPerCaseworker) : null,
      suppressed,
      heldActivities: u.heldActivities,
      heldParticipants: u.heldParticipants,
    };
  });
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID_PATTERN.test(value);
