/**
 * Break-glass (nödåtkomst, decision 0062) through the HTTP app, a real PostgreSQL and a real SMTP
 * listener: refused without a reason, opens the family with one (read only), audited as
 * family.break_glass with the reason, expires at the clock + 61 minutes, the process leader and the
 * unit manager are told by e-mail without the family's names, and other roles cannot use it.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contextOf, type DecidedFamily, decidedFamily } from "../../../test/fixtures.ts";
import { createTestApp, get, login, postForm, type TestApp } from "../../../test/helpers.ts";
import { startSmtp, type TestSmtp } from "../../../test/smtp.ts";
import { auditLog, breakGlassGrants, processes, users } from "../../db/schema/index.ts";
import { luhnCheckDigit } from "../../families/index.ts";
import { fixedClock } from "../../platform/clock.ts";
import { NotFoundError } from "../../platform/errors.ts";
import { createMailer, type Mailer } from "../../platform/mail.ts";
import { paths as processPaths } from "../paths.ts";
import { searchPaths } from "../search/index.ts";
import { getProcessPage } from "../service.ts";
import { paths } from "./paths.ts";
import { deliverBreakGlassNotices } from "./service.ts";

const FROM = "Sofia <sofia@exempelby.se>";
const LEADER_MAIL = "petra.process@exempelby.se";
const MANAGER_MAIL = "erik.chef@exempelby.se";
const OPENER_MAIL = "sara.syd@exempelby.se";

/** A valid identity number no demo family has: 1985-03-17, the serial 274 and its check digit. */
const NINE = "850317274";
const IDENTITY = `19${NINE}${luhnCheckDigit(NINE)}`;
const REASON = "Polisen ringer om barnet i natt, ansvarig handläggare nås inte.";

let t: TestApp;
let smtp: TestSmtp;
let mailer: Mailer;
let family: DecidedFamily;
const db = () => t.database.db;
const aMomentLater = () => new Date(Date.now() + 1000);

beforeAll(async () => {
  smtp = await startSmtp();
  t = await createTestApp({ smtpUrl: smtp.url, mailFrom: FROM, publicUrl: "https://sofia.exempelby.se" });
  mailer = createMailer({ smtpUrl: smtp.url, mailFrom: FROM });
  for (const [username, email] of [
    ["processledare", LEADER_MAIL],
    ["enhetschef", MANAGER_MAIL],
    ["handlaggare.syd", OPENER_MAIL],
  ] as const) {
    await db().update(users).set({ email }).where(eq(users.username, username));
  }
  family = await decidedFamily(t, {
    guardians: [{ name: "Nora Nödström", identityNumber: IDENTITY }],
    children: [{ name: "Nils Nödström", age: 6, gender: "boy", unit: "Barn och unga Norr" }],
  });
});
afterAll(async () => {
  mailer.close();
  await t.close();
  await smtp.close();
});

const grants = () => db().select().from(breakGlassGrants).where(eq(breakGlassGrants.processId, family.processId));
const breakGlassRows = () =>
  db()
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, "family.break_glass"), eq(auditLog.recordId, family.processId)));

describe("break-glass", () => {
  it("is offered after an exact identity number finds no family one works with, without saying whether one exists", async () => {
    const syd = await login(t.app, "handlaggare.syd");
    const res = await postForm(t.app, syd, searchPaths.search.href(), { q: IDENTITY });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Ingen åtkomst – öppna i nödläge?");
    expect(res.body).not.toContain("Nödström");
    // A name search offers nothing.
    const byName = await postForm(t.app, syd, searchPaths.search.href(), { q: "Nödström" });
    expect(byName.body).not.toContain("öppna i nödläge");
  });

  it("is refused without a reason, and changes nothing", async () => {
    const syd = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, syd, processPaths.process.href({ id: family.processId }))).statusCode).toBe(404);
    const res = await postForm(t.app, syd, paths.breakGlass.href(), { identityNumber: IDENTITY, reason: "  " });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Skriv skälet till att du behöver öppna familjen i nödläge.");
    expect(res.body).toContain('aria-invalid="true"');
    const unknown = await postForm(t.app, syd, paths.breakGlass.href(), {
      identityNumber: `19${"850317275"}${luhnCheckDigit("850317275")}`,
      reason: REASON,
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain("Det finns ingen familj med en process och det här personnumret i kommunen.");
    expect(await grants()).toHaveLength(0);
    expect(await breakGlassRows()).toHaveLength(0);
    expect((await get(t.app, syd, processPaths.process.href({ id: family.processId }))).statusCode).toBe(404);
  });

  it("cannot be used by a role without it (process leader, analyst, administrator)", async () => {
    for (const username of ["processledare", "analytiker", "admin"]) {
      const b = await login(t.app, username);
      const res = await postForm(t.app, b, paths.breakGlass.href(), { identityNumber: IDENTITY, reason: REASON });
      expect(res.statusCode, username).toBe(403);
    }
    expect(await grants()).toHaveLength(0);
  });

  it("opens the family with a reason, read only, audited with the reason, and tells the process leader and the unit manager", async () => {
    const syd = await login(t.app, "handlaggare.syd");
    const res = await postForm(t.app, syd, paths.breakGlass.href(), { identityNumber: IDENTITY, reason: REASON });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(processPaths.process.href({ id: family.processId }));
    expect(res.headers.location).not.toContain(NINE);

    const page = await get(t.app, syd, processPaths.process.href({ id: family.processId }));
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Nora Nödström");
    expect(page.body).toContain("Du ser familjen med nödåtkomst till");
    // Read only: the work forms are refused.
    const interrupt = await postForm(t.app, syd, processPaths.interrupt.href({ id: family.processId }), {
      version: "1",
      interruptedOn: t.clock.today(),
      reason: "family_declined",
      reasonText: "",
    });
    expect(interrupt.statusCode).toBe(404);
    const [after] = await db().select({ status: processes.status }).from(processes).where(eq(processes.id, family.processId));
    expect(after?.status).toBe("active");

    const [grant] = await grants();
    expect(grant?.reason).toBe(REASON);
    expect((grant?.expiresAt.getTime() ?? 0) - (grant?.grantedAt.getTime() ?? 0)).toBe(60 * 60_000);
    const [row] = await breakGlassRows();
    expect(row?.reason).toBe(REASON);
    expect(row?.actorUsername).toBe("handlaggare.syd");
    expect([...(row?.subjectPersonIds ?? [])].sort()).toEqual([...family.guardianIds, ...family.childIds].sort());
    const views = await db()
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.action, "process.view"), eq(auditLog.recordId, family.processId), eq(auditLog.actorUsername, "handlaggare.syd")),
      );
    expect(views.map((v) => (v.detail as { breakGlass?: boolean }).breakGlass)).toEqual([true]);

    expect(await deliverBreakGlassNotices({ db: db(), mailer, config: t.config }, aMomentLater())).toMatchObject({ sent: 2, retried: 0 });
    for (const address of [LEADER_MAIL, MANAGER_MAIL]) {
      const [mail] = smtp.to(address);
      expect(mail?.subject).toBe("Sofia: nödåtkomst till en familj du ansvarar för");
      expect(mail?.text).toContain("Sara Sydström");
      expect(mail?.text).toContain(`https://sofia.exempelby.se/processer/${family.processId}`);
      for (const secret of ["Nora", "Nödström", "Nils", NINE, REASON]) expect(mail?.text).not.toContain(secret);
    }
    expect(smtp.to(OPENER_MAIL)).toHaveLength(0);
  });

  it("holds for that family only, and ends at the clock + 61 minutes", async () => {
    const ctx = await contextOf(t, "handlaggare.syd");
    const now = t.clock.now();
    const at = (minutes: number) => ({ ...ctx, clock: fixedClock(new Date(now.getTime() + minutes * 60_000)) });
    expect((await getProcessPage(at(59), family.processId)).breakGlassUntil).not.toBeNull();
    await expect(getProcessPage(at(61), family.processId)).rejects.toBeInstanceOf(NotFoundError);
    const other = await decidedFamily(t);
    await expect(getProcessPage(ctx, other.processId)).rejects.toBeInstanceOf(NotFoundError);
  });
});
