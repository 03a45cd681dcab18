import { calendarDateInSweden, type IsoDate } from "./dates.ts";

/**
 * Where the application takes the time from. Every `ServiceContext` carries one, so that a rule
 * ("not after today", "expires in 72 hours", "this year") reads the same instant in production
 * (the system clock) and in a test (a clock set to a chosen instant), decision 0033.
 */
export interface Clock {
  /** The current instant. */
  now(): Date;
  /** Today's calendar date in Sweden. */
  today(): IsoDate;
}

const clockOf = (now: () => Date): Clock => ({ now, today: () => calendarDateInSweden(now()) });

/** The machine's clock. */
export const systemClock: Clock = clockOf(() => new Date());

/** A clock that shows `instant` and never moves. */
export function fixedClock(instant: Date): Clock {
  const at = instant.getTime();
  return clockOf(() => new Date(at));
}

/**
 * A clock set to `start` that then moves with the machine's clock: the date stays the chosen one
 * for the length of a test run, while instants keep their order (a session still expires, a
 * later row is still later).
 */
export function clockStartingAt(start: Date, machineNow: () => number = Date.now): Clock {
  const offset = start.getTime() - machineNow();
  return clockOf(() => new Date(machineNow() + offset));
}

/** Reads an instant such as "2041-03-15T10:00:00Z"; throws when the text is not one. */
export function parseInstant(text: string): Date {
  const instant = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text) || Number.isNaN(instant.getTime())) {
    throw new Error(`not an ISO 8601 instant (such as 2041-03-15T10:00:00Z): "${text}"`);
  }
  return instant;
}
