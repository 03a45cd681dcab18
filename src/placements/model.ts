/** The pure rules of placements and the placement forum (issue 18): no I/O, tested without a database. */
import { daysBetween, type IsoDate } from "../platform/dates.ts";

export const placementKinds = ["emergency_foster_home", "foster_home", "residential_care", "kinship", "other"] as const;
export type PlacementKind = (typeof placementKinds)[number];
export const legalBases = ["sol", "lvu"] as const;
export type LegalBasis = (typeof legalBases)[number];
export const endDestinations = ["home", "other_placement"] as const;
export type EndDestination = (typeof endDestinations)[number];
export const actionSubjects = ["child", "parent"] as const;
export type ActionSubject = (typeof actionSubjects)[number];

export const NAME_MAX = 200;
export const PLAN_MAX = 4000;
export const DECISION_MAX = 2000;
export const ACTION_MAX = 1000;
export const SUPPORT_MAX = 300;
export const PARENT_LABEL_MAX = 100;
/** The next steps one review may carry (the child and a few parents). */
export const ACTIONS_MAX = 12;
export const ATTENDEES_MAX = 50;

export interface Span {
  id?: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

/** Two placements overlap when each starts before the other ends (an open end never ends); a day shared counts. */
export function overlaps(a: Span, b: Span): boolean {
  const aEndsBeforeB = a.endDate !== null && a.endDate < b.startDate;
  const bEndsBeforeA = b.endDate !== null && b.endDate < a.startDate;
  return !aEndsBeforeB && !bEndsBeforeA;
}

/** The first of `others` (not `span` itself) that `span` overlaps, if any. */
export function overlapping(span: Span, others: readonly Span[]): Span | undefined {
  return others.find((o) => o.id !== span.id && overlaps(span, o));
}

/** Whether a placement goes on at the date: started on or before it, not ended before it. */
export function placedOn(p: Span, on: IsoDate): boolean {
  return p.startDate <= on && (p.endDate === null || p.endDate >= on);
}

/** Days placed at the date: from the start to the date (or the end, if earlier), the start day counted as day 0. */
export function daysPlaced(p: Span, on: IsoDate): number {
  const until = p.endDate !== null && p.endDate < on ? p.endDate : on;
  return Math.max(0, daysBetween(p.startDate, until) ?? 0);
}

export type ActionStatus = "done" | "due" | "open";

/** A next step at a date: done once marked done; due when its date has passed undone; open otherwise. */
export function actionStatus(a: { dueDate: IsoDate; doneOn: IsoDate | null }, on: IsoDate): ActionStatus {
  if (a.doneOn !== null) return "done";
  return a.dueDate < on ? "due" : "open";
}

/** The field errors of a placement's dates and end (catalog keys), empty when they agree. */
export function placementProblems(p: {
  startDate: IsoDate;
  plannedEndDate: IsoDate | null;
  endDate: IsoDate | null;
  endDestination: string | null;
}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (p.plannedEndDate !== null && p.plannedEndDate < p.startDate) errors.plannedEndDate = "placements.plannedEnd.beforeStart";
  if (p.endDate !== null && p.endDate < p.startDate) errors.endDate = "placements.end.beforeStart";
  if (p.endDate !== null && p.endDestination === null) errors.endDestination = "placements.destination.required";
  if (p.endDate === null && p.endDestination !== null) errors.endDate = "placements.end.required";
  return errors;
}
