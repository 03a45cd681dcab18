/**
 * The calendar module through the HTTP app, a real PostgreSQL and a real SMTP listener: a meeting
 * planned, moved and cancelled sends the invited staff an iCalendar REQUEST, an update and a CANCEL
 * with one UID and a rising SEQUENCE (parsed with ical.js), none naming the family; a failed send
 * is retried; the personal feed (valid, renewed, revoked → 404, rate-limited); the daily reminder
 * (content, once per user and day, off by the setting).
 */
import { eq, inArray } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily } from "../../test/fixtures.ts";
import { anonymous, createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import { mimePart, startSmtp, type TestSmtp } from "../../test/smtp.ts";
import { auditLog, outbox, processes, users } from "../db/schema/index.ts";
import { addDays } from "../platform/dates.ts";
import { createMailer } from "../platform/mail.ts";
import { calendarJobs, DELIVER_MAIL, QUEUE_REMINDERS } from "./jobs.ts";
import { CALENDAR_REMINDER, deliverInvitations, deliverReminders, type MailDeps, queueReminders } from "./service.ts";

const PUBLIC = "https://sofia.exempelby.se";
const FROM = "Sofia <sofia@exempelby.se>";
const MAIL = { child: "bo.barn@exempelby.se", adult: "vera.vuxen@exempelby.se", leader: "pia.process@exempelby.se" };
/** What must never leave: the family's names and identity numbers, from the default test family. */
const SECRETS = ["Tolvan", "Tolvansson", "Lilla", "19121212", "1212-1212", "121212"];

let t: TestApp;
let smtp: TestSmtp;
let deps: MailDeps;
const db = () => t.database.db;
const TODAY = testClock().today();
/** A delivery run's time: a moment after the rows were queued (the database stamps them in microseconds, a Date has milliseconds). */
const aMomentLater = () => new Date(Date.now() + 1000);

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({ smtpUrl: smtp.url, mailFrom: FROM, publicUrl: PUBLIC });
  deps = { db: db(), mailer: createMailer({ smtpUrl: smtp.url, mailFrom: FROM }), config: t.config };
  for (const [username, email] of [
    ["barnhandlaggare", MAIL.child],
    ["vuxenhandlaggare", MAIL.adult],
    ["processledare", MAIL.leader],
  ] as const) {
    await db().update(users).set({ email }).where(eq(users.username, username));
  }
});
afterAll(async () => {
  deps.mailer.close();
  await t.close();
  await smtp.close();
});

interface Invitation {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  summary: string;
  location: string;
  start: string;
}

function invitationOf(raw: string): Invitation {
  const part = mimePart(raw, "text/calendar");
  if (!part) throw new Error("no text/calendar part");
  expect(part.headers["content-type"]).toMatch(/method=(REQUEST|CANCEL)/);
  const cal = new ICAL.Component(ICAL.parse(part.text));
  const event = cal.getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT");
  return {
    method: String(cal.getFirstPropertyValue("method")),
    uid: String(event.getFirstPropertyValue("uid")),
    sequence: Number(event.getFirstPropertyValue("sequence")),
    status: String(event.getFirstPropertyValue("status")),
    summary: String(event.getFirstPropertyValue("summary")),
    location: String(event.getFirstPropertyValue("location")),
    start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
  };
}

const expectNothingIdentifying = (text: string) => {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
};

const meetingIdFrom = (location: unknown) => /\/moten\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? "";

async function planFirstMeeting(f: Awaited<ReturnType<typeof decidedFamily>>, date: string, userIds: string[]) {
  const worker = await login(t.app, "barnhandlaggare");
  const res = await postForm(t.app, worker, `/processer/${f.processId}/moten/ny?typ=familjemote-1`, {
    plannedDate: date,
    plannedTime: "09:30",
    durationMinutes: "90",
    place: "Sofiarummet, plan 3",
    invitedPersonIds: f.guardianIds,
    invitedUserIds: userIds,
  });
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  return { worker, id: meetingIdFrom(res.headers.location) };
}

describe("invitations by e-mail", () => {
  it("sends a REQUEST, an update and a CANCEL with one UID and a rising SEQUENCE, to the invited staff only, naming no one", async () => {
    smtp.clear();
    const f = await decidedFamily(t);
    const date = addDays(TODAY, 3);
    const { worker, id } = await planFirstMeeting(f, date, [f.staff.child, f.staff.adult]);
    // The write queued the invitation in its transaction; nothing is sent until the job delivers it.
    expect(smtp.messages).toHaveLength(0);
    expect(await deliverInvitations(deps, new Date())).toMatchObject({ sent: 1, retried: 0 });
    expect(smtp.messages.map((m) => m.to[0]).sort()).toEqual([MAIL.child, MAIL.adult].sort());
    const first = invitationOf(smtp.to(MAIL.child)[0]?.raw ?? "");
    expect(first).toMatchObject({
      method: "REQUEST",
      uid: `${id}@sofia`,
      sequence: 0,
      summary: "Sofia: Familjemöte 1",
      location: "Sofiarummet, plan 3",
    });
    // 09:30 in Stockholm (winter, UTC+1).
    expect(first.start).toBe(`${date}T08:30:00.000Z`);
    const mail = smtp.to(MAIL.child)[0];
    expect(mail?.subject).toContain("Inbjudan: Familjemöte 1");
    expect(mimePart(mail?.raw ?? "", "text/plain")?.text).toContain(`${PUBLIC}/processer/${f.processId}/moten/${id}`);

    // Moved (and the adult caseworker no longer invited): an update to the one still invited, a cancellation to the other.
    smtp.clear();
    const moved = addDays(TODAY, 4);
    const edit = await postForm(t.app, worker, `/processer/${f.processId}/moten/${id}/andra`, {
      part: "plan",
      version: "1",
      plannedDate: moved,
      plannedTime: "13:00",
      durationMinutes: "60",
      place: "Rum 4",
      invitedPersonIds: f.guardianIds,
      invitedUserIds: [f.staff.child],
    });
    expect(edit.statusCode, edit.body.slice(0, 2000)).toBe(303);
    await deliverInvitations(deps, new Date());
    const update = invitationOf(smtp.to(MAIL.child)[0]?.raw ?? "");
    expect(update).toMatchObject({ method: "REQUEST", uid: first.uid, sequence: 1, location: "Rum 4", start: `${moved}T12:00:00.000Z` });
    expect(smtp.to(MAIL.child)[0]?.subject).toContain("Ändrat möte");
    const dropped = invitationOf(smtp.to(MAIL.adult)[0]?.raw ?? "");
    expect(dropped).toMatchObject({ method: "CANCEL", uid: first.uid, sequence: 1, status: "CANCELLED" });

    // Cancelled: a CANCEL with a higher SEQUENCE to the staff still invited.
    smtp.clear();
    const cancel = await postForm(t.app, worker, `/processer/${f.processId}/moten/${id}/installt`, {
      version: "2",
      outcome: "cancelled",
      reason: "family_cancelled",
      reasonText: "",
      confirmed: "yes",
    });
    expect(cancel.statusCode, cancel.body.slice(0, 2000)).toBe(303);
    await deliverInvitations(deps, new Date());
    expect(smtp.messages.map((m) => m.to[0])).toEqual([MAIL.child]);
    const cancelled = invitationOf(smtp.messages[0]?.raw ?? "");
    expect(cancelled).toMatchObject({ method: "CANCEL", uid: first.uid, sequence: 2, status: "CANCELLED" });
    expect(smtp.messages[0]?.subject).toContain("Inställt möte");

    // Nothing that identifies the family, in any header, text or calendar part.
    const all = (await db().select().from(outbox)).map((r) => JSON.stringify(r.payload)).join("\n");
    expectNothingIdentifying(all);
  });

  it("keeps an invitation the SMTP server refused and sends it on a later run; the meeting write does not fail", async () => {
    smtp.clear();
    smtp.reject = true;
    const f = await decidedFamily(t);
    const { id } = await planFirstMeeting(f, addDays(TODAY, 5), [f.staff.leader]);
    const now = new Date();
    expect(await deliverInvitations(deps, now)).toMatchObject({ sent: 0, retried: 1 });
    const [row] = (await db().select().from(outbox)).filter((r) => (r.payload as { meetingId?: string }).meetingId === id);
    expect(row).toMatchObject({ attempts: 1, lastError: "550", sentAt: null });
    smtp.reject = false;
    // Not before its retry time …
    expect(await deliverInvitations(deps, now)).toMatchObject({ sent: 0, retried: 0 });
    // … and then it goes.
    expect(await deliverInvitations(deps, new Date(now.getTime() + 5 * 60_000))).toMatchObject({ sent: 1 });
    expect(invitationOf(smtp.to(MAIL.leader)[0]?.raw ?? "")).toMatchObject({ method: "REQUEST", uid: `${id}@sofia`, sequence: 0 });
  });
});

describe("an interrupted process", () => {
  it("sends the invited staff a CANCEL for each planned meeting it cancels", async () => {
    smtp.clear();
    const f = await decidedFamily(t);
    const { id } = await planFirstMeeting(f, addDays(TODAY, 8), [f.staff.adult]);
    await deliverInvitations(deps, new Date());
    smtp.clear();
    const leader = await login(t.app, "processledare");
    const [process] = await db().select({ version: processes.version }).from(processes).where(eq(processes.id, f.processId));
    const version = String(process?.version);
    const res = await postForm(t.app, leader, `/processer/${f.processId}/avbryt`, {
      version,
      interruptedOn: TODAY,
      reason: "family_declined",
      reasonText: "",
      confirmed: "yes",
    });
    expect(res.statusCode, res.body.slice(0, 1500)).toBe(303);
    await deliverInvitations(deps, new Date());
    expect(smtp.messages.map((m) => m.to[0])).toEqual([MAIL.adult]);
    expect(invitationOf(smtp.messages[0]?.raw ?? "")).toMatchObject({ method: "CANCEL", uid: `${id}@sofia`, sequence: 1 });
    expectNothingIdentifying(smtp.messages[0]?.raw ?? "");
  });
});

describe("the jobs", () => {
  it("deliver every minute and queue the reminders at 06:30 Swedish time; the delivery waits while mail is not configured", async () => {
    // On the test clock, which is not the database's: a new outbox row is due whatever the clock.
    const jobs = calendarJobs(db(), testClock(), { config: t.config, mailer: deps.mailer });
    expect(jobs.map((j) => [j.name, j.cron, j.timeZone ?? "Europe/Stockholm"])).toEqual([
      [DELIVER_MAIL, "* * * * *", "Europe/Stockholm"],
      [QUEUE_REMINDERS, "30 6 * * *", "Europe/Stockholm"],
    ]);
    smtp.clear();
    const f = await decidedFamily(t);
    await planFirstMeeting(f, addDays(TODAY, 9), [f.staff.child]);
    const unconfigured = calendarJobs(db(), testClock(), {
      config: t.config,
      mailer: createMailer({ smtpUrl: undefined, mailFrom: FROM }),
    });
    expect(await unconfigured[0]?.handler()).toEqual({ skipped: "mail not configured" });
    expect(smtp.messages).toHaveLength(0);
    expect(await jobs[0]?.handler()).toMatchObject({ invitations: { sent: 1 } });
    expect(smtp.to(MAIL.child)).toHaveLength(1);
  });
});

describe("the personal calendar feed", () => {
  it("is created on the settings page, shown once, serves the user's meetings without names, and gives 404 once renewed or revoked", async () => {
    const f = await decidedFamily(t);
    const { id } = await planFirstMeeting(f, addDays(TODAY, 6), [f.staff.adult]);
    const worker = await login(t.app, "vuxenhandlaggare");
    const account = await get(t.app, worker, "/konto");
    expect(account.body).toContain('href="/konto/kalender"');
    const settings = await get(t.app, worker, "/konto/kalender");
    expect(settings.statusCode).toBe(200);
    expect(settings.body).toContain("aldrig namn, aktnummer eller personnummer");
    expect(settings.body).toContain("Du har ingen kalenderadress.");

    const created = await postForm(t.app, worker, "/konto/kalender/prenumeration", {});
    expect(created.statusCode).toBe(201);
    const url = /value="(https:\/\/sofia\.exempelby\.se\/kalender\/[A-Za-z0-9_-]{43}\.ics)"/.exec(created.body)?.[1] ?? "";
    expect(url).not.toBe("");
    const feedPath = url.slice(PUBLIC.length);
    // Shown once: the page afterwards says when it was made, not what it is.
    const again = await get(t.app, worker, "/konto/kalender");
    expect(again.body).not.toContain(feedPath);

    const nobody = await anonymous(t.app);
    const feed = await get(t.app, nobody, feedPath);
    expect(feed.statusCode).toBe(200);
    expect(feed.headers["content-type"]).toContain("text/calendar");
    expect(feed.headers["cache-control"]).toBe("no-store");
    const cal = new ICAL.Component(ICAL.parse(feed.body));
    const uids = cal.getAllSubcomponents("vevent").map((e) => String(e.getFirstPropertyValue("uid")));
    expect(uids).toContain(`${id}@sofia`);
    expectNothingIdentifying(feed.body);
    expect(feed.body).not.toContain("Vera");

    // Renewed: the old address is gone.
    const renewed = await postForm(t.app, worker, "/konto/kalender/prenumeration", {});
    const newPath = (/value="https:\/\/sofia\.exempelby\.se(\/kalender\/[A-Za-z0-9_-]{43}\.ics)"/.exec(renewed.body)?.[1] ?? "") as string;
    expect(newPath).not.toBe(feedPath);
    expect((await get(t.app, nobody, feedPath)).statusCode).toBe(404);
    expect((await get(t.app, nobody, newPath)).statusCode).toBe(200);

    // Revoked: 404.
    const revoked = await postForm(t.app, worker, "/konto/kalender/prenumeration/aterkalla", {});
    expect(revoked.statusCode).toBe(303);
    expect((await get(t.app, nobody, newPath)).statusCode).toBe(404);
    expect((await get(t.app, nobody, "/kalender/inte-en-hemlighet.ics")).statusCode).toBe(404);
    expect((await get(t.app, worker, "/konto/kalender?aterkallad=1")).body).toContain("Kalenderadressen är återkallad");

    const actor = (await db().select().from(users).where(eq(users.username, "vuxenhandlaggare")))[0]?.id ?? "";
    const logged = await db()
      .select()
      .from(auditLog)
      .where(inArray(auditLog.action, ["calendar_feed.create", "calendar_feed.revoke"]));
    expect(
      logged
        .filter((r) => r.recordId === actor)
        .map((r) => r.action)
        .sort(),
    ).toEqual(["calendar_feed.create", "calendar_feed.create", "calendar_feed.revoke"]);
  });

  it("needs a login for the settings and refuses a form without the CSRF token", async () => {
    const nobody = await anonymous(t.app);
    const res = await get(t.app, nobody, "/konto/kalender");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain("/logga-in");
    const worker = await login(t.app, "barnhandlaggare");
    const forged = await t.app.inject({
      method: "POST",
      url: "/konto/kalender/prenumeration",
      headers: { cookie: worker.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(forged.statusCode).toBe(403);
  });
});

describe("the daily reminder", () => {
  it("names tomorrow's meetings with links and no names, is queued once per user and day, and is not sent when turned off", async () => {
    smtp.clear();
    const f = await decidedFamily(t);
    const tomorrow = addDays(TODAY, 1);
    const { id } = await planFirstMeeting(f, tomorrow, [f.staff.child, f.staff.leader]);
    const first = await queueReminders(db(), TODAY, PUBLIC);
    expect(first.queued).toBeGreaterThanOrEqual(2);
    expect(await deliverReminders(deps, aMomentLater())).toMatchObject({ retried: 0, failed: 0 });
    const mail = smtp.to(MAIL.child)[0];
    expect(mail?.subject).toMatch(/^Sofia: påminnelse /);
    expect(mail?.text).toContain("Dina möten i morgon");
    expect(mail?.text).toContain(`09:30 Familjemöte 1, Sofiarummet, plan 3: ${PUBLIC}/processer/${f.processId}/moten/${id}`);
    expect(mail?.text).toContain(`${PUBLIC}/konto/kalender`);
    for (const m of smtp.messages) {
      expectNothingIdentifying(m.raw);
      expectNothingIdentifying(m.text);
    }

    // Again the same day (a retry, a second instance): nothing new is queued or sent.
    const count = smtp.messages.length;
    expect((await queueReminders(db(), TODAY, PUBLIC)).queued).toBe(0);
    await deliverReminders(deps, aMomentLater());
    expect(smtp.messages).toHaveLength(count);
    const rows = await db().select().from(outbox).where(eq(outbox.kind, CALENDAR_REMINDER));
    expect(new Set(rows.map((r) => r.dedupeKey)).size).toBe(rows.length);

    // Turned off: the next day's run leaves this user out.
    const worker = await login(t.app, "barnhandlaggare");
    const off = await postForm(t.app, worker, "/konto/kalender/paminnelser", {});
    expect(off.statusCode).toBe(303);
    expect((await get(t.app, worker, "/konto/kalender")).body).not.toMatch(/name="reminders"[^>]*checked/);
    smtp.clear();
    const g = await decidedFamily(t);
    const { id: later } = await planFirstMeeting(g, addDays(TODAY, 2), [g.staff.child, g.staff.leader]);
    await queueReminders(db(), tomorrow, PUBLIC);
    await deliverReminders(deps, aMomentLater());
    expect(smtp.to(MAIL.child)).toHaveLength(0);
    expect(smtp.to(MAIL.leader).some((m) => m.text.includes(later))).toBe(true);

    // And on again.
    const on = await postForm(t.app, worker, "/konto/kalender/paminnelser", { reminders: "on" });
    expect(on.statusCode).toBe(303);
    expect((await get(t.app, worker, "/konto/kalender")).body).toMatch(/name="reminders"[^>]*checked/);
  });
});

describe("the feed's rate limit", () => {
  it("answers 429 with Retry-After when one address asks too often, before looking at the secret", async () => {
    const nobody = await anonymous(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 40 && !statuses.includes(429); i++) statuses.push((await get(t.app, nobody, "/kalender/okand.ics")).statusCode);
    expect(statuses.at(-1)).toBe(429);
    expect(new Set(statuses.slice(0, -1))).toEqual(new Set([404]));
    const limited = await get(t.app, nobody, "/kalender/okand.ics");
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
  });
});
