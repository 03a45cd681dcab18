/**
 * Dates and times as Swedes type them (decision 0041): a form field takes "2026-12-20",
 * "20/12 2026", "20.12.2026" or "20 dec 2026", and "9", "9.00", "9:00" or "0930", and the schema
 * turns it into the one stored form ("YYYY-MM-DD", "HH:MM"). The API accepts the same. What cannot
 * be read is refused with the field's message; nothing is guessed (a date needs its year).
 */
import { z } from "zod";
import { dateExists, formatIsoDate, type IsoDate } from "./dates.ts";

/** Month names and their usual abbreviations, Swedish and English, by month number. */
const monthNames: Record<string, number> = {};
for (const [month, names] of [
  [1, ["januari", "jan", "january"]],
  [2, ["februari", "feb", "february"]],
  [3, ["mars", "mar", "march"]],
  [4, ["april", "apr"]],
  [5, ["maj", "may"]],
  [6, ["juni", "jun", "june"]],
  [7, ["juli", "jul", "july"]],
  [8, ["augusti", "aug", "august"]],
  [9, ["september", "sep", "sept"]],
  [10, ["oktober", "okt", "october", "oct"]],
  [11, ["november", "nov"]],
  [12, ["december", "dec"]],
] as const) {
  for (const name of names) monthNames[name] = month;
}

const existing = (year: number, month: number, day: number): IsoDate | null =>
  dateExists({ year, month, day }) ? formatIsoDate({ year, month, day }) : null;

/**
 * A typed date as "YYYY-MM-DD", or null when it cannot be read or does not exist. Year first
 * (2026-12-20, 2026/12/20, 20261220), day first with a four-digit year (20/12 2026, 20/12-2026,
 * 20.12.2026, 20-12-2026) or with the month's name (20 dec 2026, 20 december 2026, den 20:e dec. 2026).
 */
export function readDate(typed: string): IsoDate | null {
  const text = typed.trim().toLowerCase().replace(/\s+/g, " ");
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return existing(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})(?: ?[/.-] ?| )(\d{4})$/.exec(text);
  if (m) return existing(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(?:den )?(\d{1,2})(?::e|:a)? ([a-zåäö]+)\.? (\d{4})$/.exec(text);
  const month = m ? monthNames[m[2] as string] : undefined;
  if (m && month) return existing(Number(m[3]), month, Number(m[1]));
  return null;
}

/** A typed time of day as "HH:MM", or null: 9, 9.00, 9:00, 09.30, 0930, 930, "kl. 9.30". */
export function readTime(typed: string): string | null {
  const text = typed
    .trim()
    .toLowerCase()
    .replace(/^(klockan|kl\.?)\s*/, "");
  const m = /^(\d{1,2})(?:[.:,](\d{2}))?$/.exec(text) ?? /^(\d{1,2})(\d{2})$/.exec(text);
  if (!m) return null;
  const hours = Number(m[1]);
  const minutes = Number(m[2] ?? 0);
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** The longest text a date or time field takes (a date with the month's name and "den"). */
const TYPED_MAX = 40;

function reading(read: (text: string) => string | null, key: string) {
  return z
    .string(key)
    .max(TYPED_MAX, key)
    .transform((text, ctx) => {
      const value = read(text);
      if (value === null) {
        ctx.issues.push({ code: "custom", message: key, input: text });
        return z.NEVER;
      }
      return value;
    });
}

/** A date field: what a Swede types, stored as "YYYY-MM-DD"; `key` is the message when it cannot be read. */
export const dateInput = (key: string) =>
  reading(readDate, key).describe("Datum: ÅÅÅÅ-MM-DD (även 20/12 2026, 20.12.2026 och 20 dec 2026 tas emot)");

/** A time field: what a Swede types, stored as "HH:MM" (Swedish time); `key` is the message when it cannot be read. */
export const timeInput = (key: string) => reading(readTime, key).describe("Klockslag TT:MM, svensk tid (även 9, 9.30 och 0930 tas emot)");

/** A date for people: "söndag 20 december 2026" (Swedish) or "Sunday, 20 December 2026". */
export function spokenDate(date: IsoDate, locale: "sv" | "en"): string {
  const [year, month, day] = date.split("-").map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(locale === "sv" ? "sv-SE" : "en-GB", {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(Date.UTC(year, month - 1, day)));
}
