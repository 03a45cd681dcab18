/**
 * Use cases of the calendar module (decision 0039): the own settings (the personal feed and the
 * daily reminder), the feed itself (public by its secret), and what the background jobs do: deliver
 * the meetings' invitations from the outbox, queue the daily reminders and deliver them. Nothing
 * that leaves here names a family: the meeting type, the time, the place and a link.
 */
import { audit } from "../platform/audit.ts";
import type { Config } from "../platform/config.ts";
import { authorize, type ServiceContext } from "../platform/context.ts";
import type { Db, DbOrTx } from "../platform/database.ts";
import { addDays, type IsoDate } from "../platform/dates.ts";
import { parseOrThrow } from "../platform/errors.ts";
import { translator } from "../platform/i18n.ts";
import type { Mailer } from "../platform/mail.ts";
import { type DeliveryResult, deliver, enqueue } from "../platform/outbox.ts";
import { randomToken, sha256 } from "../platform/sessions.ts";
import { type InvitationPayload, MEETING_INVITATION, meetingHref, processHref } from "../processes/index.ts";
import { caseworkerReminders } from "../worklists/index.ts";
import {
  addressOf,
  type CalendarEvent,
  FEED_SUFFIX,
  feedFrom,
  feedIcs,
  invitationIcs,
  invitationMail,
  type ReminderContent,
  type RemindersInput,
  reminderIsEmpty,
  reminderMail,
  remindersInput,
} from "./model.ts";
import { paths } from "./paths.ts";
import * as store from "./store.ts";

/** The outbox kind of a daily reminder. */
export const CALENDAR_REMINDER = "calendar.reminder";

/** Where links in e-mail and calendars point: PUBLIC_URL, or the address the app listens on. */
export const baseUrlOf = (config: Pick<Config, "publicUrl" | "host" | "port">) =>
  (config.publicUrl ?? `http://${config.host}:${config.port}`).replace(/\/+$/, "");

export const feedUrl = (baseUrl: string, secret: string) => `${baseUrl}${paths.feed.href({ file: `${secret}${FEED_SUFFIX}` })}`;

const t = translator("sv");

// ---------------------------------------------------------------------------------------------
// Own settings

export interface CalendarSettings {
  feedActive: boolean;
  feedCreatedAt: Date | null;
  remindersEnabled: boolean;
  /** The user has an e-mail address (invitations and reminders go there). */
  hasEmail: boolean;
}

export async function calendarSettings(ctx: ServiceContext): Promise<CalendarSettings> {
  const { actor } = await authorize(ctx, "account.manage_own");
  const row = await store.settingsOf(ctx.db, actor.id);
  const [address] = await store.addressesOf(ctx.db, [actor.id]);
  return {
    feedActive: !!row?.feedTokenHash,
    feedCreatedAt: row?.feedTokenHash ? (row.feedCreatedAt ?? null) : null,
    remindersEnabled: row?.remindersEnabled ?? true,
    hasEmail: !!address,
  };
}

/**
 * A new secret feed address for the user; an earlier one stops working. The secret is returned
 * this once and stored only as its SHA-256.
 */
export async function createFeed(ctx: ServiceContext): Promise<{ secret: string }> {
  const { actor } = await authorize(ctx, "account.manage_own");
  const secret = randomToken(32);
  await ctx.db.transaction(async (tx) => {
    const renewed = !!(await store.settingsOf(tx, actor.id))?.feedTokenHash;
    await store.saveSettings(tx, actor.id, { feedTokenHash: sha256(secret), feedCreatedAt: ctx.clock.now() });
    await audit(tx, ctx, { action: "calendar_feed.create", recordType: "calendar_feed", recordId: actor.id, detail: { renewed } });
  });
  return { secret };
}

/** The feed address stops working (404). */
export async function revokeFeed(ctx: ServiceContext): Promise<void> {
  const { actor } = await authorize(ctx, "account.manage_own");
  await ctx.db.transaction(async (tx) => {
    await store.saveSettings(tx, actor.id, { feedTokenHash: null, feedCreatedAt: null });
    await audit(tx, ctx, { action: "calendar_feed.revoke", recordType: "calendar_feed", recordId: actor.id });
  });
}

/** The daily reminder on or off. */
export async function setReminders(ctx: ServiceContext, input: RemindersInput): Promise<void> {
  const { actor } = await authorize(ctx, "account.manage_own");
  const data = parseOrThrow(remindersInput, input);
  await ctx.db.transaction(async (tx) => {
    await store.saveSettings(tx, actor.id, { remindersEnabled: data.reminders });
    await audit(tx, ctx, {
      action: "calendar_settings.update",
      recordType: "calendar_feed",
      recordId: actor.id,
      detail: { reminders: data.reminders },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The feed (public by its secret)

const eventOf = (m: store.UserMeeting, baseUrl: string): CalendarEvent => ({
  uid: `${m.id}@sofia`,
  sequence: m.calendarSequence,
  typeName: m.typeName,
  date: m.plannedDate,
  time: m.plannedTime,
  durationMinutes: m.durationMinutes,
  place: m.place,
  url: `${baseUrl}${meetingHref(m.processId, m.id)}`,
  cancelled: m.status === "cancelled" || m.status === "not_attended",
});

/** The user's meetings as iCalendar, or null when the secret is no feed's (unknown, revoked, renewed, user inactive). */
export async function feedCalendar(db: Db, secret: string, today: IsoDate, now: Date, baseUrl: string): Promise<string | null> {
  const userId = await store.userOfFeed(db, sha256(secret));
  if (!userId) return null;
  const meetings = await store.meetingsOfUser(db, userId, feedFrom(today));
  return feedIcs(
    meetings.map((m) => eventOf(m, baseUrl)),
    { name: t("calendar.feed.name"), stamp: now, description: t("calendar.mail.privacy") },
  );
}

// ---------------------------------------------------------------------------------------------
// Jobs: invitations, reminders

export interface MailDeps {
  db: Db;
  mailer: Mailer;
  config: Pick<Config, "publicUrl" | "host" | "port" | "mailFrom">;
}

/** Sends the queued invitations, updates and cancellations of meetings; one e-mail per staff member. */
export async function deliverInvitations(deps: MailDeps, now: Date): Promise<DeliveryResult> {
  const baseUrl = baseUrlOf(deps.config);
  const organizer = addressOf(deps.config.mailFrom);
  return deliver(deps.db, MEETING_INVITATION, now, async (raw) => {
    const p = raw as unknown as InvitationPayload;
    const event: CalendarEvent = {
      uid: p.uid,
      sequence: p.sequence,
      typeName: p.meetingTypeName,
      date: p.date,
      time: p.time,
      durationMinutes: p.durationMinutes,
      place: p.place,
      url: `${baseUrl}${meetingHref(p.processId, p.meetingId)}`,
      cancelled: p.method === "CANCEL",
    };
    const { subject, text } = invitationMail(t, event, p.method, p.sequence > 0);
    for (const to of await store.addressesOf(deps.db, p.userIds)) {
      const content = invitationIcs(event, {
        method: p.method,
        organizer,
        attendee: to.email,
        stamp: now,
        description: t("calendar.mail.privacy"),
      });
      await deps.mailer.send({ to: to.email, subject, text, calendar: { method: p.method, content, filename: "sofia.ics" } });
    }
  });
}

/** What one user's reminder for `day` names: tomorrow's meetings, stops due or overdue, waits near the limit. */
export async function reminderContent(db: DbOrTx, userId: string, day: IsoDate, baseUrl: string): Promise<ReminderContent> {
  const meetings = await store.plannedOn(db, userId, addDays(day, 1));
  const { stops, waits } = await caseworkerReminders(db, userId, day);
  const processUrl = (id: string) => `${baseUrl}${processHref(id)}`;
  return {
    day,
    meetings: meetings.map((m) => ({
      typeName: m.typeName,
      time: m.plannedTime,
      place: m.place,
      url: `${baseUrl}${meetingHref(m.processId, m.id)}`,
    })),
    stops: stops.map((s) => ({
      stopName: s.stopName,
      forChild: s.forChild,
      dueOn: s.dueOn,
      overdue: s.overdue,
      url: processUrl(s.processId),
    })),
    waits: waits.map((w) => ({ waitingFor: w.waitingFor, days: w.days, limit: w.limit, over: w.over, url: processUrl(w.processId) })),
  };
}

/**
 * Queues the day's reminder of every user it concerns, once per user and day (the outbox's dedupe
 * key): a second run the same day queues nothing. A user who turned reminders off is skipped.
 */
export async function queueReminders(db: Db, day: IsoDate, baseUrl: string): Promise<{ users: number; queued: number }> {
  const candidates = await store.reminderCandidates(db, addDays(day, 1));
  let queued = 0;
  for (const userId of candidates) {
    const content = await reminderContent(db, userId, day, baseUrl);
    if (reminderIsEmpty(content)) continue;
    const { subject, text } = reminderMail(t, content, `${baseUrl}${paths.settings.href()}`);
    queued += await enqueue(db, [{ kind: CALENDAR_REMINDER, dedupeKey: `${userId}:${day}`, payload: { userId, day, subject, text } }]);
  }
  return { users: candidates.length, queued };
}

/** Sends the queued reminders; one turned off in between is dropped. */
export async function deliverReminders(deps: MailDeps, now: Date): Promise<DeliveryResult> {
  return deliver(deps.db, CALENDAR_REMINDER, now, async (raw) => {
    const p = raw as { userId: string; subject: string; text: string };
    if (!(await store.wantsReminder(deps.db, p.userId))) return;
    const [to] = await store.addressesOf(deps.db, [p.userId]);
    if (to) await deps.mailer.send({ to: to.email, subject: p.subject, text: p.text });
  });
}
