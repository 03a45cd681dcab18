/**
 * Annual survey campaigns through the HTTP app on a real PostgreSQL and a real SMTP server in the
 * process: bad input refused with nothing stored, one e-mail per staff member with a link that
 * opens the survey, staff without an address listed, no duplicates on a second send, a refused
 * e-mail leaving nothing marked as sent, a reminder only to those who have not answered (with a
 * fresh link that replaces the first), closing ends the unused links, printed parent links,
 * e-mail not set up, who may do it, and the API's shapes. Plus the pure rules of the period.
 */
import { and, eq, gt, isNotNull, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  anonymous,
  apiCall,
  apiToken,
  createTestApp,
  get,
  leaveOutGeneratedCaseworkers,
  login,
  postForm,
  type TestApp,
  testClock,
} from "../../../test/helpers.ts";
import { startSmtp, type TestSmtp } from "../../../test/smtp.ts";
import {
  auditLog,
  surveyCampaignRecipients,
  surveyCampaigns,
  surveyInvitations,
  surveyResponses,
  units,
  users,
} from "../../db/schema/index.ts";
import { freePort } from "../../platform/database.ts";
import { addDays } from "../../platform/dates.ts";
import { createMailer, MailNotConfiguredError, MailSendError } from "../../platform/mail.ts";
import { tokenHashOf } from "../links/index.ts";
import { staffAnnual } from "../seed.ts";
import { campaignStatus, linksExpireAt, responseRate, startOfDayInSweden } from "./model.ts";

describe("campaign rules", () => {
  it("a Swedish day starts at 23:00 UTC in winter and 22:00 UTC in summer", () => {
    expect(startOfDayInSweden("2026-01-15").toISOString()).toBe("2026-01-14T23:00:00.000Z");
    expect(startOfDayInSweden("2026-07-01").toISOString()).toBe("2026-06-30T22:00:00.000Z");
    // The day after the spring clock change and the day of the autumn one.
    expect(startOfDayInSweden("2026-03-30").toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(startOfDayInSweden("2026-10-25").toISOString()).toBe("2026-10-24T22:00:00.000Z");
  });

  it("links work to the end of the closing day in Sweden", () => {
    expect(linksExpireAt("2026-12-31").toISOString()).toBe("2026-12-31T23:00:00.000Z");
  });

  it("a campaign is planned, open, then closed", () => {
    const c = { opensOn: "2026-12-01", closesOn: "2026-12-15", closedAt: null };
    expect(campaignStatus(c, "2026-11-30")).toBe("planned");
    expect(campaignStatus(c, "2026-12-01")).toBe("open");
    expect(campaignStatus(c, "2026-12-15")).toBe("open");
    expect(campaignStatus(c, "2026-12-16")).toBe("closed");
    expect(campaignStatus({ ...c, closedAt: new Date() }, "2026-12-05")).toBe("closed");
  });

  it("the response rate is a whole percent, none without invitations", () => {
    expect(responseRate(0, 0)).toBeNull();
    expect(responseRate(3, 1)).toBe(33);
    expect(responseRate(3, 2)).toBe(67);
  });
});

let t: TestApp;
let smtp: TestSmtp;
const db = () => t.database.db;
const today = testClock().today();
const PUBLIC = "https://sofia.example.se";

const MAIL = {
  barn: "bo.barn@exempelby.se",
  chef: "erik.chef@exempelby.se",
  syd: "sara.syd@exempelby.se",
  leader: "petra.pl@exempelby.se",
};

async function userId(username: string): Promise<string> {
  const [u] = await db().select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  return u.id;
}

async function unitId(name: string): Promise<string> {
  const [u] = await db().select({ id: units.id }).from(units).where(eq(units.name, name));
  if (!u) throw new Error(`no unit ${name}`);
  return u.id;
}

const countOf = async (table: typeof surveyCampaigns | typeof surveyInvitations | typeof surveyCampaignRecipients) =>
  (await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]?.n ?? 0;

/** The path of the link in an e-mail (the link itself starts with PUBLIC_URL). */
function linkIn(text: string): string {
  const m = /https:\/\/sofia\.example\.se(\/svar\/[A-Za-z0-9_-]+)/.exec(text);
  if (!m?.[1]) throw new Error("no link in the e-mail");
  return m[1];
}

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({ smtpUrl: smtp.url, mailFrom: "Sofia <sofia@exempelby.se>", publicUrl: PUBLIC });
  // The caseworker of Norr and the unit manager of Norr and Syd have addresses; the caseworker of
  // Syd has none; the process leader (Norr) has one but is not asked.
  await db().update(users).set({ email: MAIL.barn }).where(eq(users.username, "barnhandlaggare"));
  await db().update(users).set({ email: MAIL.chef }).where(eq(users.username, "enhetschef"));
  await db().update(users).set({ email: MAIL.leader }).where(eq(users.username, "processledare"));
  await leaveOutGeneratedCaseworkers(db()); // this test names every recipient
});
afterAll(async () => {
  await t.close();
  await smtp.close();
});

describe("mail module", () => {
  it("refuses to send without SMTP_URL", async () => {
    const mailer = createMailer({ smtpUrl: undefined, mailFrom: "Sofia <sofia@exempelby.se>" });
    expect(mailer.configured).toBe(false);
    await expect(mailer.send({ to: MAIL.barn, subject: "x", text: "x" })).rejects.toBeInstanceOf(MailNotConfiguredError);
  });

  it("delivers to the SMTP server, and reports a refusal by its code only", async () => {
    const mailer = createMailer({ smtpUrl: smtp.url, mailFrom: "Sofia <sofia@exempelby.se>" });
    smtp.clear();
    await mailer.send({ to: MAIL.chef, subject: "Hej åäö", text: "Rad ett\nRad två – ÅÄÖ" });
    expect(smtp.to(MAIL.chef)[0]).toMatchObject({ subject: "Hej åäö", text: "Rad ett\nRad två – ÅÄÖ\n" });
    smtp.reject = true;
    const refused = await mailer.send({ to: MAIL.chef, subject: "x", text: "x" }).catch((e: unknown) => e);
    smtp.reject = false;
    expect(refused).toBeInstanceOf(MailSendError);
    expect((refused as MailSendError).code).toBe("550");
    expect((refused as MailSendError).unreachable).toBe(false);
    expect(String((refused as Error).message)).not.toContain("@");
    mailer.close();
    smtp.clear();
  });

  it("says a relay that cannot be reached is unreachable", async () => {
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${await freePort()}`, mailFrom: "sofia@exempelby.se" });
    const failed = await mailer.send({ to: MAIL.chef, subject: "x", text: "x" }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(MailSendError);
    expect((failed as MailSendError).unreachable).toBe(true);
    mailer.close();
  });
});

describe("staff campaign", () => {
  let campaignId = "";
  const tokens: Record<string, string> = {};

  it("refuses bad input field by field and stores nothing", async () => {
    const leader = await login(t.app, "processledare");
    // The demo's campaigns of the families' two years (paper answers, no links) are there from the start.
    const demoCampaigns = await countOf(surveyCampaigns);
    expect(demoCampaigns).toBe(4);
    expect(await countOf(surveyInvitations)).toBe(0);
    const form = await get(t.app, leader, "/enkater/kampanjer/ny");
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain("Årlig enkät till medarbetare");
    expect(form.body).not.toContain("Sofiamodellens fyra frågor");

    const res = await postForm(t.app, leader, "/enkater/kampanjer/ny", {
      name: "",
      instrumentKey: "sofia-4q-parent",
      opensOn: "2026-02-30",
      closesOn: "2020-01-01",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Skriv ett namn på kampanjen");
    expect(res.body).toContain("Skriv första dagen som ett datum som finns");
    expect(res.body).toContain("Kryssa i minst en enhet");
    expect(res.body).toContain('href="#f-name"');

    // A past period is allowed (filled from paper and imports); a year in the future is not.
    const future = await postForm(t.app, leader, "/enkater/kampanjer/ny", {
      name: "Medarbetarenkät",
      instrumentKey: "arlig-medarbetarenkat",
      opensOn: "2020-01-01",
      closesOn: "2020-01-31",
      year: String(Number(today.slice(0, 4)) + 1),
      unitIds: [await unitId("Barn och unga Norr")],
    });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain("Året kan inte ligga i framtiden");
    expect(future.body).toContain('value="Medarbetarenkät"');
    expect(future.body).toContain('value="2020-01-31"');

    const reversed = await postForm(t.app, leader, "/enkater/kampanjer/ny", {
      name: "Medarbetarenkät",
      instrumentKey: "arlig-medarbetarenkat",
      opensOn: addDays(today, 10),
      closesOn: addDays(today, 5),
      unitIds: [await unitId("Barn och unga Norr")],
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.body).toContain("Sista dagen kan inte vara före första dagen");

    const meetingSurvey = await postForm(t.app, leader, "/enkater/kampanjer/ny", {
      name: "Medarbetarenkät",
      instrumentKey: "sofia-4q-parent",
      opensOn: today,
      closesOn: addDays(today, 14),
      unitIds: ["00000000-0000-4000-8000-000000000000"],
    });
    expect(meetingSurvey.statusCode).toBe(400);
    expect(meetingSurvey.body).toContain("Välj en årlig enkät med en publicerad version");
    expect(meetingSurvey.body).toContain("Välj bland de aktiva enheterna");

    // Dates as Swedes type them are read: "20/12 2026" and "19 dec 2026" are compared as dates.
    const swedish = await postForm(t.app, leader, "/enkater/kampanjer/ny", {
      name: "Medarbetarenkät",
      instrumentKey: "arlig-medarbetarenkat",
      opensOn: "20/12 2026",
      closesOn: "19 dec 2026",
      unitIds: [await unitId("Barn och unga Norr")],
    });
    expect(swedish.statusCode).toBe(400);
    expect(swedish.body).toContain("Sista dagen kan inte vara före första dagen");
    expect(swedish.body.replace(/[\u00a0\u202f]/g, " ")).toContain("Sofia läser det som söndag 20 december 2026.");
    expect(swedish.body).not.toContain("Skriv första dagen som ett datum som finns");
    expect(await countOf(surveyCampaigns)).toBe(demoCampaigns);
  });

  it("creates a campaign and shows it planned or open, with counts and no one named", async () => {
    const leader = await login(t.app, "processledare");
    const res = await postForm(t.app, leader, "/enkater/kampanjer/ny", {
      name: "Medarbetarenkät 2026",
      instrumentKey: "arlig-medarbetarenkat",
      opensOn: today,
      closesOn: addDays(today, 14),
      unitIds: [await unitId("Barn och unga Norr"), await unitId("Barn och unga Syd")],
    });
    expect(res.statusCode).toBe(303);
    campaignId = /\/enkater\/kampanjer\/([0-9a-f-]{36})/.exec(String(res.headers.location))?.[1] ?? "";
    expect(campaignId).not.toBe("");
    const page = await get(t.app, leader, String(res.headers.location));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Kampanjen är skapad.");
    expect(page.body).toContain("Pågår");
    expect(page.body).toContain("Barn och unga Norr, Barn och unga Syd");
    // Sara Sydström (caseworker, Syd) has no address and is listed for the administrator.
    expect(page.body).toContain("Saknar e-postadress (1)");
    expect(page.body).toContain("Sara Sydström");
    const list = await get(t.app, leader, "/enkater/kampanjer");
    expect(list.body).toContain("Medarbetarenkät 2026");
    const [created] = await db().select().from(auditLog).where(eq(auditLog.action, "survey_campaign.create"));
    expect(created?.recordId).toBe(campaignId);
  });

  it("sends one e-mail per caseworker and unit manager with a link that opens the survey", async () => {
    const leader = await login(t.app, "processledare");
    const res = await postForm(t.app, leader, `/enkater/kampanjer/${campaignId}/skicka`, {});
    expect(res.statusCode).toBe(303);
    expect(smtp.messages).toHaveLength(2);
    expect(smtp.to(MAIL.barn)).toHaveLength(1);
    expect(smtp.to(MAIL.chef)).toHaveLength(1);
    expect(smtp.to(MAIL.leader)).toHaveLength(0);
    const mail = smtp.to(MAIL.barn)[0];
    expect(mail?.subject).toBe("Enkät: Medarbetarenkät 2026");
    expect(mail?.from).toBe("sofia@exempelby.se");
    expect(mail?.text).toContain("Enkäten är anonym");
    tokens.barn = linkIn(mail?.text ?? "");
    tokens.chef = linkIn(smtp.to(MAIL.chef)[0]?.text ?? "");
    expect(tokens.barn).not.toBe(tokens.chef);

    const answerPage = await get(t.app, null, tokens.barn);
    expect(answerPage.statusCode).toBe(200);
    expect(answerPage.headers["cache-control"]).toBe("no-store");
    const token = tokens.barn.replace("/svar/", "");
    const [invitation] = await db()
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.tokenHash, tokenHashOf(token) ?? ""));
    expect(invitation?.campaignId).toBe(campaignId);
    expect(invitation?.respondentRole).toBe("staff");
    expect(invitation?.expiresAt.toISOString()).toBe(linksExpireAt(addDays(today, 14)).toISOString());

    const page = await get(t.app, leader, String(res.headers.location));
    expect(page.body).toContain("2 e-postmeddelanden skickades.");
    expect(page.body).toContain("1 saknar e-postadress.");
    const [sent] = await db().select().from(auditLog).where(eq(auditLog.action, "survey_campaign.send"));
    expect(sent?.detail).toEqual({ sent: 2, failed: 0, alreadySent: 0, withoutEmail: 1 });
    expect(JSON.stringify(sent)).not.toContain("@");
  });

  it("sending again makes no second invitation and sends nothing to those who got theirs", async () => {
    const leader = await login(t.app, "processledare");
    smtp.clear();
    const res = await postForm(t.app, leader, `/enkater/kampanjer/${campaignId}/skicka`, {});
    expect(res.statusCode).toBe(303);
    expect(smtp.messages).toHaveLength(0);
    expect(await countOf(surveyInvitations)).toBe(2);
    expect(await countOf(surveyCampaignRecipients)).toBe(2);
  });

  it("an e-mail the server refuses leaves nothing marked as sent; the next send delivers it", async () => {
    await db().update(users).set({ email: MAIL.syd }).where(eq(users.username, "handlaggare.syd"));
    const leader = await login(t.app, "processledare");
    smtp.clear();
    smtp.reject = (address) => address === MAIL.syd;
    const res = await postForm(t.app, leader, `/enkater/kampanjer/${campaignId}/skicka`, {});
    expect(res.statusCode).toBe(303);
    const page = await get(t.app, leader, String(res.headers.location));
    expect(page.body).toContain("1 kunde inte skickas");
    const syd = await userId("handlaggare.syd");
    expect(await db().select().from(surveyCampaignRecipients).where(eq(surveyCampaignRecipients.userId, syd))).toHaveLength(0);
    expect(await countOf(surveyInvitations)).toBe(2);

    smtp.reject = false;
    const again = await postForm(t.app, leader, `/enkater/kampanjer/${campaignId}/skicka`, {});
    expect(again.statusCode).toBe(303);
    expect(smtp.to(MAIL.syd)).toHaveLength(1);
    tokens.syd = linkIn(smtp.to(MAIL.syd)[0]?.text ?? "");
    expect(await countOf(surveyInvitations)).toBe(3);
    const [row] = await db().select().from(surveyCampaignRecipients).where(eq(surveyCampaignRecipients.userId, syd));
    expect(row?.sentAt).not.toBeNull();
  });

  it("reminds only those who have not answered, with a fresh link that replaces the first", async () => {
    // Bo answers the whole survey through his link.
    const answers = Object.fromEntries(staffAnnual.items.map((i) => [`answers.${i.key}`, "3"]));
    const answered = await postForm(t.app, await anonymous(t.app), tokens.barn ?? "", answers);
    expect(answered.statusCode).toBe(303);
    const [response] = await db().select().from(surveyResponses).where(eq(surveyResponses.campaignId, campaignId));
    expect(response?.respondentRole).toBe("staff");

    const leader = await login(t.app, "processledare");
    smtp.clear();
    const res = await postForm(t.app, leader, `/enkater/kampanjer/${campaignId}/paminn`, {});
    expect(res.statusCode).toBe(303);
    expect(smtp.to(MAIL.barn)).toHaveLength(0);
    expect(smtp.to(MAIL.chef)).toHaveLength(1);
    expect(smtp.to(MAIL.syd)).toHaveLength(1);
    const reminder = smtp.to(MAIL.chef)[0];
    expect(reminder?.subject).toBe("Påminnelse: Medarbetarenkät 2026");
    const fresh = linkIn(reminder?.text ?? "");
    expect(fresh).not.toBe(tokens.chef);
    // The first link no longer works; the new one opens the same invitation.
    expect((await get(t.app, null, tokens.chef ?? "")).statusCode).toBe(404);
    expect((await get(t.app, null, fresh)).statusCode).toBe(200);
    tokens.chef = fresh;
    expect(await countOf(surveyInvitations)).toBe(3);

    const page = await get(t.app, leader, String(res.headers.location));
    expect(page.body).toContain("2 påminnelser skickades.");
    // Counts only: 3 invited, 1 answered, 33 %.
    expect(page.body).toMatch(/<dt>Inbjudna<\/dt><dd>3<\/dd>/);
    expect(page.body).toMatch(/<dt>Har svarat<\/dt><dd>1<\/dd>/);
    expect(page.body).toContain("33 %");
    expect(page.body).not.toContain("Bo Barnhandläggare");
    const [reminded] = await db().select().from(auditLog).where(eq(auditLog.action, "survey_campaign.remind"));
    expect(reminded?.detail).toEqual({ reminded: 2, failed: 0 });
  });

  it("a refused reminder keeps the link that was sent before", async () => {
    const leader = await login(t.app, "processledare");
    smtp.clear();
    smtp.reject = true;
    const res = await postForm(t.app, leader, `/enkater/kampanjer/${campaignId}/paminn`, {});
    smtp.reject = false;
    expect(res.statusCode).toBe(303);
    expect((await get(t.app, null, tokens.chef ?? "")).statusCode).toBe(200);
    const page = await get(t.app, leader, String(res.headers.location));
    expect(page.body).toContain("0 påminnelser skickades.");
    expect(page.body).toContain("2 kunde inte skickas");
  });

  it("a caseworker may not see or run campaigns", async () => {
    const worker = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, worker, "/enkater/kampanjer")).statusCode).toBe(403);
    expect((await get(t.app, worker, `/enkater/kampanjer/${campaignId}`)).statusCode).toBe(403);
    expect((await postForm(t.app, worker, `/enkater/kampanjer/${campaignId}/skicka`, {})).statusCode).toBe(403);
    expect((await postForm(t.app, worker, `/enkater/kampanjer/${campaignId}/stang`, {})).statusCode).toBe(403);
    const surveys = await get(t.app, worker, "/enkater");
    expect(surveys.body).not.toContain("/enkater/kampanjer");
    const leaderSurveys = await get(t.app, await login(t.app, "processledare"), "/enkater");
    expect(leaderSurveys.body).toContain('href="/enkater/kampanjer"');
  });

  it("closing ends the unused links at once and links the results", async () => {
    const admin = await login(t.app, "admin");
    const res = await postForm(t.app, admin, `/enkater/kampanjer/${campaignId}/stang`, {});
    expect(res.statusCode).toBe(303);
    const [c] = await db().select().from(surveyCampaigns).where(eq(surveyCampaigns.id, campaignId));
    expect(c?.closedAt).not.toBeNull();
    const open = await db()
      .select()
      .from(surveyInvitations)
      .where(
        and(eq(surveyInvitations.campaignId, campaignId), isNull(surveyInvitations.usedAt), gt(surveyInvitations.expiresAt, t.clock.now())),
      );
    expect(open).toHaveLength(0);
    expect((await get(t.app, null, tokens.chef ?? "")).statusCode).toBe(410);
    const page = await get(t.app, admin, String(res.headers.location));
    expect(page.body).toContain("Kampanjen är stängd.");
    expect(page.body).toContain(`href="/enkater/resultat?instrument=arlig-medarbetarenkat&amp;from=${today}&amp;to=${addDays(today, 14)}"`);
    expect(page.body).not.toContain("Skicka länkar");
    const again = await postForm(t.app, admin, `/enkater/kampanjer/${campaignId}/skicka`, {});
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Kampanjen är stängd.");
  });
});

describe("parent campaign", () => {
  it("prints N links with QR codes and no names, no-store; a bad count stores nothing", async () => {
    const admin = await login(t.app, "admin");
    const res = await postForm(t.app, admin, "/enkater/kampanjer/ny", {
      name: "Föräldraenkät 2026",
      instrumentKey: "arlig-foraldraenkat",
      opensOn: today,
      closesOn: addDays(today, 30),
      unitIds: [await unitId("Barn och unga Öst")],
    });
    expect(res.statusCode).toBe(303);
    const href = String(res.headers.location).split("?")[0] ?? "";
    const id = href.split("/").pop() ?? "";
    const page = await get(t.app, admin, href);
    expect(page.body).toContain("Skriv ut länkar");
    expect(page.body).not.toContain("Skicka länkar");

    const before = await countOf(surveyInvitations);
    const bad = await postForm(t.app, admin, `${href}/utskrift`, { count: "501" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Skriv ett heltal från 1 till 500");
    expect(bad.body).toContain('href="#f-count"');
    expect(await countOf(surveyInvitations)).toBe(before);

    const printed = await postForm(t.app, admin, `${href}/utskrift`, { count: "3" });
    expect(printed.statusCode).toBe(200);
    expect(printed.headers["cache-control"]).toBe("no-store");
    expect(printed.headers["referrer-policy"]).toBe("no-referrer");
    expect(printed.body.match(/<svg/g)).toHaveLength(3);
    const urls = [...printed.body.matchAll(/<code>https:\/\/sofia\.example\.se(\/svar\/[A-Za-z0-9_-]+)<\/code>/g)].map((m) => m[1]);
    expect(new Set(urls).size).toBe(3);
    const rows = await db().select().from(surveyInvitations).where(eq(surveyInvitations.campaignId, id));
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.respondentRole === "parent" && r.processId === null)).toBe(true);
    expect((await get(t.app, null, urls[0] ?? "")).statusCode).toBe(200);
    const [audited] = await db().select().from(auditLog).where(eq(auditLog.action, "survey_campaign.print"));
    expect(audited?.detail).toEqual({ links: 3 });
  });
});

describe("API", () => {
  it("creates, reads, sends, closes with the documented shapes and problem+json errors", async () => {
    const token = await apiToken(t, "processledare", ["surveys.campaigns"]);
    const bad = await apiCall(t.app, "POST", "/api/v1/survey-campaigns", token, {
      name: " ",
      instrumentKey: "arlig-medarbetarenkat",
      opensOn: today,
      closesOn: addDays(today, -1),
      unitIds: [],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    const fields = (bad.json().errors as Array<{ field: string; message: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(["closesOn", "name", "unitIds"]);
    const before = await countOf(surveyCampaigns);

    const created = await apiCall(t.app, "POST", "/api/v1/survey-campaigns", token, {
      name: "Medarbetarenkät Norr",
      instrumentKey: "arlig-medarbetarenkat",
      opensOn: today,
      closesOn: addDays(today, 7),
      unitIds: [await unitId("Barn och unga Norr")],
    });
    expect(created.statusCode).toBe(201);
    const c = created.json();
    expect(c).toMatchObject({ name: "Medarbetarenkät Norr", audience: "staff", status: "open", invited: 0, answered: 0, rate: null });
    expect(await countOf(surveyCampaigns)).toBe(before + 1);

    const list = await apiCall(t.app, "GET", "/api/v1/survey-campaigns", token);
    expect(list.json().campaigns.map((x: { id: string }) => x.id)).toContain(c.id);

    smtp.clear();
    const sent = await apiCall(t.app, "POST", `/api/v1/survey-campaigns/${c.id}/send`, token, {});
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toEqual({ sent: 2, failed: 0, alreadySent: 0, withoutEmail: 0 });
    expect(smtp.messages).toHaveLength(2);

    const one = await apiCall(t.app, "GET", `/api/v1/survey-campaigns/${c.id}`, token);
    expect(one.json()).toMatchObject({ id: c.id, invited: 2, answered: 0, rate: 0, sent: 2, notYetSent: 0, withoutEmail: [] });
    expect(JSON.stringify(one.json())).not.toContain("@");

    const closed = await apiCall(t.app, "POST", `/api/v1/survey-campaigns/${c.id}/close`, token, {});
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe("closed");
    expect(closed.json().closedAt).not.toBeNull();
    const remind = await apiCall(t.app, "POST", `/api/v1/survey-campaigns/${c.id}/remind`, token, {});
    expect(remind.statusCode).toBe(409);
    expect(remind.headers["content-type"]).toContain("application/problem+json");

    expect((await apiCall(t.app, "GET", "/api/v1/survey-campaigns/00000000-0000-4000-8000-000000000000", token)).statusCode).toBe(404);
    // Documented: every operation with a summary, its permission and described answers.
    const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    for (const [path, method] of [
      ["/api/v1/survey-campaigns", "get"],
      ["/api/v1/survey-campaigns", "post"],
      ["/api/v1/survey-campaigns/{id}", "get"],
      ["/api/v1/survey-campaigns/{id}/send", "post"],
      ["/api/v1/survey-campaigns/{id}/remind", "post"],
      ["/api/v1/survey-campaigns/{id}/close", "post"],
    ] as const) {
      const op = doc.paths[path]?.[method];
      expect(op?.summary, `${method} ${path}`).toBeTruthy();
      expect(op?.["x-permission"]).toBe("surveys.campaigns");
      for (const r of Object.values(op?.responses ?? {})) expect(typeof (r as { description?: string }).description).toBe("string");
    }
    const worker = await apiToken(t, "barnhandlaggare", ["surveys.campaigns"]);
    expect((await apiCall(t.app, "GET", "/api/v1/survey-campaigns", worker)).statusCode).toBe(403);
    const sentRows = await db().select().from(surveyCampaignRecipients).where(isNotNull(surveyCampaignRecipients.sentAt));
    expect(sentRows.length).toBeGreaterThan(0);
  });
});

describe("without SMTP_URL", () => {
  let bare: TestApp;
  beforeAll(async () => {
    bare = await createTestApp();
    await bare.database.db.update(users).set({ email: MAIL.barn }).where(eq(users.username, "barnhandlaggare"));
  });
  afterAll(() => bare.close());

  it("says e-mail is not set up and sends nothing, stores nothing", async () => {
    const leader = await login(bare.app, "processledare");
    const [norr] = await bare.database.db.select({ id: units.id }).from(units).where(eq(units.name, "Barn och unga Norr"));
    const res = await postForm(bare.app, leader, "/enkater/kampanjer/ny", {
      name: "Medarbetarenkät",
      instrumentKey: "arlig-medarbetarenkat",
      opensOn: today,
      closesOn: addDays(today, 7),
      unitIds: [norr?.id ?? ""],
    });
    expect(res.statusCode).toBe(303);
    const href = String(res.headers.location).split("?")[0] ?? "";
    expect((await get(bare.app, leader, href)).body).toContain("E-post är inte inställd");
    const sent = await postForm(bare.app, leader, `${href}/skicka`, {});
    expect(sent.statusCode).toBe(503);
    expect(sent.body).toContain("E-post är inte inställd");
    const rows = await bare.database.db.select({ n: sql<number>`count(*)::int` }).from(surveyInvitations);
    expect(rows[0]?.n).toBe(0);
    const token = await apiToken(bare, "processledare", ["surveys.campaigns"]);
    const api = await apiCall(bare.app, "POST", `/api/v1/survey-campaigns/${href.split("/").pop()}/send`, token, {});
    expect(api.statusCode).toBe(503);
    expect(api.json().title).toContain("E-post är inte inställd");
  });
});
