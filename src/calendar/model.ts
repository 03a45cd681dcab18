/**
 * Pure rules of the calendar module (decision 0039): the feed's secret, Swedish local time to an
 * instant, the iCalendar documents (ical-generator), the e-mail texts, and the feed's rate limit.
 * Nothing here may put a name, a case-file number or an identity number into what it writes: the
 * inputs are the meeting type's name, the time, the place and a link.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { z } from "zod";
import { addDays, type IsoDate } from "../platform/dates.ts";
import type { Translate } from "../platform/i18n.ts";

// ---------------------------------------------------------------------------------------------
// The feed's secret

/** 32 random bytes in base64url: 43 characters. */
export const FEED_SECRET = /^[A-Za-z0-9_-]{43}$/;
export const FEED_SUFFIX = ".ics";

/** The secret of a feed file name `<secret>.ics`, or null when it cannot be one. */
export function secretOfFile(file: string): string | null {
  if (!file.endsWith(FEED_SUFFIX)) return null;
  const secret = file.slice(0, -FEED_SUFFIX.length);
  return FEED_SECRET.test(secret) ? secret : null;
}

/** The feed holds the planned meetings and those of this many past days. */
export const FEED_PAST_DAYS = 42;
export const feedFrom = (today: IsoDate) => addDays(today, -FEED_PAST_DAYS);

// ---------------------------------------------------------------------------------------------
// Time

const partsFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/Stockholm",
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});

/** Minutes Stockholm is ahead of UTC at an instant (60 in winter, 120 in summer). */
function stockholmOffsetMinutes(instant: Date): number {
  const p = Object.fromEntries(partsFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/** The instant of a date and "HH:MM" on the clocks in Sweden. */
export function stockholmInstant(date: IsoDate, time: string): Date {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  const [hh, mm] = time.split(":").map(Number) as [number, number];
  const local = Date.UTC(y, m - 1, d, hh, mm);
  let instant = local - stockholmOffsetMinutes(new Date(local)) * 60_000;
  // Once more with the offset at the instant found (the day the clocks change).
  instant = local - stockholmOffsetMinutes(new Date(instant)) * 60_000;
  return new Date(instant);
}

// ---------------------------------------------------------------------------------------------
// iCalendar

export interface CalendarEvent {
  uid: string;
  sequence: number;
  /** The meeting type's name: "Familjemöte 1". */
  typeName: string;
  date: IsoDate;
  /** "HH:MM" Swedish time; null for a whole day. */
  time: string | null;
  durationMinutes: number;
  place: string | null;
  /** The meeting page in Sofia (absolute). */
  url: string;
  cancelled: boolean;
}

const PRODUCT = { company: "Sofia", product: "Sofia", language: "SV" } as const;

export const eventSummary = (typeName: string) => `Sofia: ${typeName}`;

function addEvent(cal: ReturnType<typeof ical>, e: CalendarEvent, stamp: Date, description: string) {
  const start = e.time ? stockholmInstant(e.date, e.time) : stockholmInstant(e.date, "00:00");
  const end = new Date(start.getTime() + (e.time ? e.durationMinutes : 24 * 60) * 60_000);
  return cal.createEvent({
    id: e.uid,
    sequence: e.sequence,
    stamp,
    start,
    end,
    allDay: e.time === null,
    summary: eventSummary(e.typeName),
    location: e.place ?? null,
    description: `${description}\n${e.url}`,
    url: e.url,
    status: e.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
  });
}

/**
 * The e-mail invitation (METHOD:REQUEST) or cancellation (METHOD:CANCEL) of one meeting, to one
 * staff member, from Sofia's sender address as the organiser.
 */
export function invitationIcs(
  e: CalendarEvent,
  opts: { method: "REQUEST" | "CANCEL"; organizer: string; attendee: string; stamp: Date; description: string },
): string {
  const cal = ical({ prodId: PRODUCT, method: opts.method === "CANCEL" ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST });
  const event = addEvent(cal, { ...e, cancelled: e.cancelled || opts.method === "CANCEL" }, opts.stamp, opts.description);
  event.organizer({ name: "Sofia", email: opts.organizer });
  event.createAttendee({ email: opts.attendee, rsvp: false });
  return cal.toString();
}

/** The personal subscription: the user's meetings, no method (a published calendar). */
export function feedIcs(events: CalendarEvent[], opts: { name: string; stamp: Date; description: string }): string {
  const cal = ical({ prodId: PRODUCT, name: opts.name, ttl: 60 * 60 });
  for (const e of events) addEvent(cal, e, opts.stamp, opts.description);
  return cal.toString();
}

/** The address in "Sofia <sofia@kommun.se>" (MAIL_FROM), for the ORGANIZER. */
export function addressOf(from: string): string {
  const m = /<([^>]+)>/.exec(from);
  return (m?.[1] ?? from).trim();
}

// ---------------------------------------------------------------------------------------------
// E-mail texts (Swedish, the caseworkers' language; nothing that identifies a family)

const dayFormat = new Intl.DateTimeFormat("sv-SE", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** "tisdag 8 december 2026" */
export function swedishDay(date: IsoDate): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return dayFormat.format(new Date(Date.UTC(y, m - 1, d)));
}

export function invitationMail(
  t: Translate,
  e: CalendarEvent,
  method: "REQUEST" | "CANCEL",
  update: boolean,
): { subject: string; text: string } {
  const when = e.time ? `${swedishDay(e.date)} ${e.time}` : swedishDay(e.date);
  const kind = method === "CANCEL" ? "cancelled" : update ? "updated" : "invited";
  const subject = t(`calendar.mail.subject.${kind}`, { type: e.typeName, when });
  const lines = [
    t(`calendar.mail.intro.${kind}`, { type: e.typeName }),
    "",
    `${t("calendar.mail.when")}: ${when}${e.time ? ` (${e.durationMinutes} min)` : ""}`,
    `${t("calendar.mail.where")}: ${e.place ?? "–"}`,
    `${t("calendar.mail.link")}: ${e.url}`,
    "",
    t("calendar.mail.privacy"),
  ];
  return { subject, text: lines.join("\n") };
}

export interface ReminderContent {
  day: IsoDate;
  meetings: Array<{ typeName: string; time: string | null; place: string | null; url: string }>;
  stops: Array<{ stopName: string; forChild: boolean; dueOn: IsoDate; overdue: boolean; url: string }>;
  waits: Array<{ waitingFor: "caseworker" | "first_meeting"; days: number; limit: number; over: boolean; url: string }>;
}

export const reminderIsEmpty = (c: ReminderContent) => c.meetings.length + c.stops.length + c.waits.length === 0;

/** The daily reminder: tomorrow's meetings, the stops due or overdue, the waits near the limit; links, never names. */
export function reminderMail(t: Translate, c: ReminderContent, settingsUrl: string): { subject: string; text: string } {
  const subject = t("calendar.reminder.subject", { day: swedishDay(c.day) });
  const lines: string[] = [t("calendar.reminder.intro", { day: swedishDay(c.day) }), ""];
  if (c.meetings.length > 0) {
    lines.push(t("calendar.reminder.meetings", { date: swedishDay(addDays(c.day, 1)) }));
    for (const m of c.meetings) lines.push(`- ${m.time ?? ""} ${m.typeName}, ${m.place ?? "–"}: ${m.url}`.replace("-  ", "- "));
    lines.push("");
  }
  if (c.stops.length > 0) {
    lines.push(t("calendar.reminder.stops"));
    for (const s of c.stops) {
      const state = t(s.overdue ? "calendar.reminder.stopOverdue" : "calendar.reminder.stopDue", { date: s.dueOn });
      const child = s.forChild ? ` ${t("calendar.reminder.forChild")}` : "";
      lines.push(`- ${s.stopName}${child}, ${state}: ${s.url}`);
    }
    lines.push("");
  }
  if (c.waits.length > 0) {
    lines.push(t("calendar.reminder.waits"));
    for (const w of c.waits) {
      const what = t(`calendar.reminder.waitingFor.${w.waitingFor}`);
      const state = t(w.over ? "calendar.reminder.waitOver" : "calendar.reminder.waitNear", { days: w.days, limit: w.limit });
      lines.push(`- ${what}, ${state}: ${w.url}`);
    }
    lines.push("");
  }
  lines.push(t("calendar.mail.privacy"), t("calendar.reminder.settings", { url: settingsUrl }));
  return { subject, text: lines.join("\n") };
}

// ---------------------------------------------------------------------------------------------
// Settings form and the feed's rate limit

export const remindersInput = z.object({ reminders: z.boolean("calendar.settings.remindersInvalid").default(false) });
export type RemindersInput = z.input<typeof remindersInput>;

/**
 * A fixed-window count per key (the caller's address): at most `limit` requests per `windowMs`.
 * In memory, per instance: it protects the feed from a client polling too often or someone trying
 * secrets; the secret's 256 bits are what keep it unguessable.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  /** Counts a request; returns the seconds to wait when it is over the limit, otherwise 0. */
  hit(key: string, now: number): number {
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.prune(now);
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    w.count++;
    return w.count > this.limit ? Math.ceil((w.start + this.windowMs - now) / 1000) : 0;
  }

  private prune(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}

/** A calendar program polls a feed at most every few minutes; 30 requests in 10 minutes per address is plenty. */
export const FEED_RATE = { limit: 30, windowMs: 10 * 60_000 };
