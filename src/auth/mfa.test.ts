import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createTestApp, csrfFrom, get, login, postForm, TEST_PASSWORD, type TestApp } from "../../test/helpers.ts";
import { auditLog, mfaRecoveryCodes, municipalities, securityLog, userMfa, users } from "../db/schema/index.ts";
import { totpCodeAt } from "./mfa-model.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const sessionCookie = (res: { headers: Record<string, unknown> }) => /sofia_session=([^;]+)/.exec(String(res.headers["set-cookie"]))?.[1];
/** The code the user's app shows `stepsAhead` 30-second steps after the test clock's now (the window accepts one step either side). */
const codeAt = (secret: string, stepsAhead = 0) => totpCodeAt(secret, new Date(t.clock.now().getTime() + stepsAhead * 30_000));
const secretOn = (html: string) => /sofia-mfa__secret"><code>([A-Z2-7 ]+)<\/code>/.exec(html)?.[1]?.replaceAll(" ", "") ?? "";
const recoveryCodesOn = (html: string) =>
  [...html.matchAll(/<li><code>([0-9A-Z]{5}-[0-9A-Z]{5})<\/code><\/li>/g)].map((m) => m[1] as string);

async function userId(username: string): Promise<string> {
  const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!u) throw new Error(username);
  return u.id;
}

/** The password step as a browser at `ip`: its cookie (a half-session or a full one) and where it was sent. */
async function passwordStep(username: string, ip: string, password = TEST_PASSWORD) {
  const anon = await anonymous(t.app);
  const res = await t.app.inject({
    method: "POST",
    url: "/logga-in",
    remoteAddress: ip,
    headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ _csrf: anon.csrf, username, password }).toString(),
  });
  const cookie = `sofia_session=${sessionCookie(res)}; ${anon.cookie}`;
  return { res, cookie, location: res.headers.location };
}

/** The second step: GET the code page (for its CSRF token), then POST the code. */
async function codeStep(cookie: string, code: string, ip: string) {
  const page = await t.app.inject({ method: "GET", url: "/logga-in/kod", headers: { cookie }, remoteAddress: ip });
  expect(page.statusCode).toBe(200);
  return t.app.inject({
    method: "POST",
    url: "/logga-in/kod",
    remoteAddress: ip,
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ _csrf: csrfFrom(page.body), code }).toString(),
  });
}

/** Enrols a signed-in user from the account page's link; returns the secret and the recovery codes shown once. */
async function enrol(username: string): Promise<{ secret: string; codes: string[] }> {
  const b = await login(t.app, username);
  const page = await get(t.app, b, "/tvastegsverifiering");
  const secret = secretOn(page.body);
  const done = await postForm(t.app, b, "/tvastegsverifiering", { code: codeAt(secret) });
  expect(done.statusCode).toBe(201);
  return { secret, codes: recoveryCodesOn(done.body) };
}

describe("enrolling on the account page", () => {
  it("shows a QR code and the secret once, confirms with a first code, and shows ten recovery codes once, stored hashed", async () => {
    const b = await login(t.app, "barnhandlaggare");
    const account = await get(t.app, b, "/konto");
    expect(account.body).toContain('href="/tvastegsverifiering"');
    const page = await get(t.app, b, "/tvastegsverifiering");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<svg");
    const secret = secretOn(page.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const wrong = await postForm(t.app, b, "/tvastegsverifiering", { code: "000000" === codeAt(secret) ? "111111" : "000000" });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("Koden stämmer inte");
    const id = await userId("barnhandlaggare");
    const [pending] = await t.database.db.select().from(userMfa).where(eq(userMfa.userId, id));
    expect(pending?.confirmedAt).toBeNull();
    // The form shown again carries the same secret: the app already holds it.
    expect(secretOn(wrong.body)).toBe(secret);

    const empty = await postForm(t.app, b, "/tvastegsverifiering", { code: " " });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain("Skriv koden från din app");

    const done = await postForm(t.app, b, "/tvastegsverifiering", { code: codeAt(secret) });
    expect(done.statusCode).toBe(201);
    const codes = recoveryCodesOn(done.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const stored = await t.database.db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, id));
    expect(stored).toHaveLength(10);
    for (const row of stored) {
      expect(row.codeHash).toMatch(/^\$argon2id\$/);
      expect(codes.some((c) => row.codeHash.includes(c))).toBe(false);
    }
    const again = await get(t.app, b, "/tvastegsverifiering");
    expect(again.body).toContain("redan aktiverad");
    expect(again.body).not.toContain(`${secret.slice(0, 4)} `);
    expect(secretOn(again.body)).toBe("");
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.mfa_enrolled"), eq(auditLog.subjectUserId, id)));
    expect(audited).toHaveLength(1);
    expect((await get(t.app, b, "/konto")).body).toContain("Aktiverad");
  });
});

describe("logging in with a second factor", () => {
  let secret = "";
  let codes: string[] = [];
  beforeAll(async () => {
    ({ secret, codes } = await enrol("vuxenhandlaggare"));
  });

  it("asks for the code after the password; the half-session reaches nothing else; the code makes a new full session", async () => {
    const ip = "10.0.1.1";
    const step1 = await passwordStep("vuxenhandlaggare", ip);
    expect(step1.res.statusCode).toBe(303);
    expect(step1.location).toBe("/logga-in/kod");
    for (const url of ["/start", "/konto", "/processer"]) {
      const res = await t.app.inject({ method: "GET", url, headers: { cookie: step1.cookie } });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location, url).toBe("/logga-in/kod");
    }
    const page = await t.app.inject({ method: "GET", url: "/logga-in/kod", headers: { cookie: step1.cookie } });
    expect(page.body).toContain("Ange koden från din app");

    // The enrolment used the step of now: the app's next code is accepted.
    const done = await codeStep(step1.cookie, codeAt(secret, 1), ip);
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe("/start");
    const full = sessionCookie(done);
    expect(full).toBeTruthy();
    expect(step1.cookie).not.toContain(`sofia_session=${full};`);
    const start = await t.app.inject({ method: "GET", url: "/start", headers: { cookie: `sofia_session=${full}` } });
    expect(start.statusCode).toBe(200);
    // The half-session's cookie did not become the full session.
    const old = await t.app.inject({ method: "GET", url: "/start", headers: { cookie: step1.cookie } });
    expect(old.statusCode).toBe(303);
    expect(old.headers.location).toMatch(/^\/logga-in/);
    expect(old.headers.location).not.toBe("/logga-in/kod");

    const id = await userId("vuxenhandlaggare");
    const logins = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.login"), eq(auditLog.subjectUserId, id)));
    expect(logins.some((r) => (r.detail as { mfa?: string } | null)?.mfa === "totp")).toBe(true);
  });

  it("refuses the same code again (replay), audited and security-logged as auth.mfa_failed", async () => {
    const ip = "10.0.1.2";
    const used = codeAt(secret, 1);
    const step1 = await passwordStep("vuxenhandlaggare", ip);
    const replay = await codeStep(step1.cookie, used, ip);
    expect(replay.statusCode).toBe(401);
    expect(replay.body).toContain("Koden stämmer inte");
    const id = await userId("vuxenhandlaggare");
    const failed = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.mfa_failed"), eq(auditLog.subjectUserId, id)));
    expect(failed.map((r) => (r.detail as { reason: string }).reason)).toContain("replayed_code");
    const logged = await t.database.db.select().from(securityLog).where(eq(securityLog.event, "auth.mfa_failed"));
    expect(logged.some((r) => r.username === "vuxenhandlaggare" && r.ip === ip)).toBe(true);
    // Nothing of the code or the password in the security log.
    expect(JSON.stringify(logged)).not.toContain(used);
    expect(JSON.stringify(logged)).not.toContain(TEST_PASSWORD);
  });

  it("takes a recovery code once", async () => {
    const ip = "10.0.1.3";
    const code = codes[0] as string;
    const first = await passwordStep("vuxenhandlaggare", ip);
    const ok = await codeStep(first.cookie, code.toLowerCase().replace("-", " "), ip);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe("/start");
    const second = await passwordStep("vuxenhandlaggare", ip);
    const again = await codeStep(second.cookie, code, ip);
    expect(again.statusCode).toBe(401);
    const id = await userId("vuxenhandlaggare");
    const unused = await t.database.db.select().from(mfaRecoveryCodes).where(eq(mfaRecoveryCodes.userId, id));
    expect(unused.filter((r) => r.usedAt === null)).toHaveLength(9);
  });
});

describe("wrong codes count toward the lockout", () => {
  it("locks the account after five wrong codes: the right code and the password are refused until the lock ends", async () => {
    const { secret } = await enrol("handlaggare.syd");
    const ip = "10.0.2.1";
    const step1 = await passwordStep("handlaggare.syd", ip);
    const right = codeAt(secret, 1);
    const wrong = right === "123456" ? "654321" : "123456";
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await codeStep(step1.cookie, wrong, ip)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await codeStep(step1.cookie, right, ip);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain("För många misslyckade");
    // A new password login (from another address) does not reset the count: the account is locked.
    const password = await passwordStep("handlaggare.syd", "10.0.2.2");
    expect(password.res.statusCode).toBe(429);
    const rows = await t.database.db.select().from(securityLog).where(eq(securityLog.username, "handlaggare.syd"));
    expect(rows.filter((r) => r.event === "auth.mfa_failed")).toHaveLength(5);
  });
});

describe("required for a role by the municipality", () => {
  it("sends an administrator without a second factor to enrol right after the password, and nowhere else until enrolled", async () => {
    await t.database.db.update(municipalities).set({ mfaRequiredRoles: ["administrator", "process_leader"] });
    try {
      const ip = "10.0.3.1";
      const step1 = await passwordStep("admin", ip);
      expect(step1.res.statusCode).toBe(303);
      expect(step1.location).toBe("/tvastegsverifiering");
      for (const url of ["/start", "/konto", "/organisation", "/logga-in/kod"]) {
        const res = await t.app.inject({ method: "GET", url, headers: { cookie: step1.cookie } });
        expect(res.statusCode, url).toBe(303);
        expect(res.headers.location, url).toBe("/tvastegsverifiering");
      }
      const page = await t.app.inject({ method: "GET", url: "/tvastegsverifiering", headers: { cookie: step1.cookie } });
      expect(page.body).toContain("Din kommun kräver tvåstegsverifiering");
      const secret = secretOn(page.body);
      const done = await t.app.inject({
        method: "POST",
        url: "/tvastegsverifiering",
        remoteAddress: ip,
        headers: { cookie: step1.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: csrfFrom(page.body), code: codeAt(secret) }).toString(),
      });
      expect(done.statusCode).toBe(201);
      expect(recoveryCodesOn(done.body)).toHaveLength(10);
      const full = sessionCookie(done);
      const start = await t.app.inject({ method: "GET", url: "/start", headers: { cookie: `sofia_session=${full}` } });
      expect(start.statusCode).toBe(200);
      // The next login asks for the code.
      expect((await passwordStep("admin", ip)).location).toBe("/logga-in/kod");
      // A role the municipality does not name logs in with the password alone.
      expect((await passwordStep("analytiker", ip)).location).toBe("/start");
    } finally {
      await t.database.db.update(municipalities).set({ mfaRequiredRoles: [] });
    }
  });

  it("is on for administrators and process leaders in a new municipality, off in the demo", async () => {
    const [m] = await t.database.db.insert(municipalities).values({ name: "Nyby kommun", code: "0002" }).returning();
    expect(m?.mfaRequiredRoles).toEqual(["administrator", "process_leader"]);
    expect(m?.demo).toBe(false);
    const [demo] = await t.database.db.select().from(municipalities).where(eq(municipalities.code, "9999"));
    expect(demo?.mfaRequiredRoles).toEqual([]);
    expect(demo?.demo).toBe(true);
  });
});
