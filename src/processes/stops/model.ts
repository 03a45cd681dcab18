/**
 * Pure rules and input schemas of the consultation stops (hållplatser), the joint child impact
 * analysis (gemensam barnkonsekvensanalys) and the safety scale (trygghetsskala). No I/O; dates
 * are calendar dates "YYYY-MM-DD"; schema messages are catalog keys.
 */
import { z } from "zod";
import { dateInput } from "../../platform/date-input.ts";
import { compareDates, type IsoDate, parseIsoDate } from "../../platform/dates.ts";
import type { Content, Stop } from "../../workmodels/index.ts";

export const NOTE_MAX = 1000;
export const SECTION_MAX = 4000;

/** The stop that the joint child impact analysis counts as, when the work model has it. */
export const IMPACT_STOP_KEY = "barnkonsekvensanalys";

/** The worksheet's sections, in the order the caseworkers think them through. */
export const impactSections = ["situation", "views", "parentImpact", "interventionImpact", "bestInterest"] as const;
export type ImpactSection = (typeof impactSections)[number];

/** Who gave a rating on the safety scale. */
export const raters = ["child", "guardian", "child_caseworker", "adult_caseworker"] as const;
export type Rater = (typeof raters)[number];

export const SCORE_MIN = 0;
export const SCORE_MAX = 10;

const date = dateInput;
const note = z.string().trim().max(NOTE_MAX, "stops.note.tooLong").default("");

export const consultationInput = z.object({
  stopKey: z
    .string()
    .trim()
    .min(1, "stops.consultation.unknownStop")
    .max(60, "stops.consultation.unknownStop")
    .describe("Hållplatsens nyckel i arbetsmodellen"),
  childId: z.uuid("stops.child.unknown").nullable().default(null).describe("Barnet, för en hållplats per barn; annars null"),
  heldOn: date("stops.date.invalid").describe("Datum då samrådet hölls, ÅÅÅÅ-MM-DD"),
  checklist: z
    .array(z.number("stops.consultation.badChecklist").int("stops.consultation.badChecklist").min(0, "stops.consultation.badChecklist"))
    .max(30)
    .default([])
    .describe("Punkterna i hållplatsens checklista som gjordes, med index från 0"),
  note: note.describe("En kort anteckning; journalen förs i verksamhetssystemet"),
});
export type ConsultationInput = z.input<typeof consultationInput>;

const section = z.string().trim().max(SECTION_MAX, "stops.impact.sectionTooLong").default("");

export const impactInput = z.object({
  version: z.number().int().nullable().default(null).describe("Analysens version som formuläret läste; null för en ny analys"),
  madeOn: date("stops.date.invalid").describe("Datum då analysen gjordes, ÅÅÅÅ-MM-DD"),
  joint: z.boolean("stops.impact.jointRequired").describe("Både barnhandläggaren och vuxenhandläggaren deltog"),
  sections: z.object({
    situation: section.describe("Barnets situation och egen berättelse"),
    views: section.describe("Barnets åsikter"),
    parentImpact: section.describe("Hur förälderns situation påverkar barnet"),
    interventionImpact: section.describe("Hur de beslut och insatser som övervägs påverkar barnet"),
    bestInterest: z
      .string()
      .trim()
      .min(1, "stops.impact.conclusionRequired")
      .max(SECTION_MAX, "stops.impact.sectionTooLong")
      .describe("Barnets bästa och slutsats"),
  }),
});
/** What a form or the API sends; the schema refuses a missing answer to "joint" with its message. */
export type ImpactInput = Omit<z.input<typeof impactInput>, "joint"> & { joint: boolean | null };

export const ratingInput = z.object({
  childId: z.uuid("stops.safety.childRequired").describe("Barnet som skattningen gäller"),
  ratedOn: date("stops.date.invalid").describe("Datum för skattningen, ÅÅÅÅ-MM-DD"),
  ratedBy: z.enum(raters, "stops.safety.ratedByRequired").describe("Vem som skattade: child, guardian, child_caseworker, adult_caseworker"),
  score: z
    .number("stops.safety.scoreRange")
    .int("stops.safety.scoreRange")
    .min(SCORE_MIN, "stops.safety.scoreRange")
    .max(SCORE_MAX, "stops.safety.scoreRange")
    .describe("0 (inte alls tryggt) till 10 (helt tryggt)"),
  note,
});
export type RatingInput = Omit<z.input<typeof ratingInput>, "ratedBy"> & { ratedBy: string };

export type DateProblem = "invalid" | "future" | "beforeRequest";

/** A date something was done: a real date, not in the future, and (when given) not before the request. */
export function doneDateProblem(text: string, today: IsoDate, notBefore?: IsoDate): DateProblem | null {
  const d = parseIsoDate(text);
  const now = parseIsoDate(today);
  if (!d || !now) return "invalid";
  if (compareDates(d, now) > 0) return "future";
  const first = notBefore ? parseIsoDate(notBefore) : null;
  if (first && compareDates(d, first) < 0) return "beforeRequest";
  return null;
}

/** The stop of the model, if it exists and fits the target: per child with a child, per family without. */
export function stopFor(content: Content, stopKey: string, childId: string | null): Stop | undefined {
  const stop = content.stops.find((s) => s.key === stopKey);
  if (!stop) return undefined;
  return (stop.scope === "child") === (childId !== null) ? stop : undefined;
}

/** Checklist ticks that are items of the stop, each once, in order. */
export function validTicks(stop: Stop, ticks: number[]): number[] | null {
  const unique = [...new Set(ticks)].sort((a, b) => a - b);
  return unique.every((i) => Number.isInteger(i) && i >= 0 && i < stop.checklist.length) ? unique : null;
}

export interface ChartPoint {
  x: number;
  y: number;
}

/**
 * The points of a small line chart of ratings over time: x by date (evenly spaced when all fall on
 * one day), y by score, inside a box of the given size with a margin.
 */
export function chartPoints(
  ratings: Array<{ ratedOn: IsoDate; score: number }>,
  width: number,
  height: number,
  margin: number,
): ChartPoint[] {
  if (ratings.length === 0) return [];
  const days = ratings.map((r) => {
    const d = parseIsoDate(r.ratedOn);
    return d ? Date.UTC(d.year, d.month - 1, d.day) / 86_400_000 : 0;
  });
  const first = Math.min(...days);
  const span = Math.max(...days) - first;
  const innerW = width - 2 * margin;
  const innerH = height - 2 * margin;
  return ratings.map((r, i) => {
    const fraction = span === 0 ? (ratings.length === 1 ? 0.5 : i / (ratings.length - 1)) : ((days[i] ?? first) - first) / span;
    const score = Math.min(SCORE_MAX, Math.max(SCORE_MIN, r.score));
    return {
      x: Math.round((margin + fraction * innerW) * 10) / 10,
      y: Math.round((margin + innerH - (score / SCORE_MAX) * innerH) * 10) / 10,
    };
  });
}
