import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createTestApp, csrfFrom, get, login, postForm, TEST_PASSWORD, type TestApp } from "../../test/helpers.ts";
import { auditLog, securityLog, sessions, users } from "../db/schema/index.ts";
import { loadActor } from "../platform/sessions.ts";
import { createPasswordLink } from "./service.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const tryLogin = async (username: string, password: string, ip = "127.0.0.1") => {
  const anon = await anonymous(t.app);
  return t.app.inject({
    method: "POST",
    url: "/logga-in",
    remoteAddress: ip,
    headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ _csrf: anon.csrf, username, password }).toString(),
  });
};

describe("login", () => {
  it("takes every role to its start page", async () => {
    for (const username of ["admin", "processledare", "barnhandlaggare", "enhetschef", "analytiker"]) {
      const b = await login(t.app, username);
      const res = await get(t.app, b, "/start");
      expect(res.statusCode, username).toBe(200);
      expect(res.body).toContain("Välkommen");
    }
  });

  it("sets an HttpOnly, SameSite=Lax session cookie and writes an audit row", async () => {
    const res = await tryLogin("barnhandlaggare", TEST_PASSWORD);
    expect(res.statusCode).toBe(303);
    const cookie = String(res.headers["set-cookie"]);
    expect(cookie).toMatch(/sofia_session=[^;]+;.*HttpOnly/);
    expect(cookie).toContain("SameSite=Lax");
    const rows = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "auth.login"));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]?.actorRoles.length).toBeGreaterThan(0);
  });

  it("uses a __Host- Secure cookie behind a TLS proxy", async () => {
    const proxied = await createTestApp({ trustProxy: true });
    try {
      const page = await proxied.app.inject({ method: "GET", url: "/logga-in", headers: { "x-forwarded-proto": "https" } });
      const csrfCookie = String(page.headers["set-cookie"]).match(/sofia_csrf=([^;]+)/)?.[1];
      expect(String(page.headers["set-cookie"])).toContain("Secure");
      expect(page.headers["strict-transport-security"]).toBeTruthy();
      const res = await proxied.app.inject({
        method: "POST",
        url: "/logga-in",
        headers: { "x-forwarded-proto": "https", cookie: `sofia_csrf=${csrfCookie}`, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: csrfFrom(page.body), username: "admin", password: TEST_PASSWORD }).toString(),
      });
      expect(res.statusCode).toBe(303);
      const cookie = String(res.headers["set-cookie"]);
      expect(cookie).toMatch(/__Host-sofia_session=[^;]+; Path=\/; HttpOnly; Secure; SameSite=Lax/);
    } finally {
      await proxied.close();
    }
  });

  it("gives a new session id at every login", async () => {
    const a = await login(t.app, "analytiker");
    const b = await login(t.app, "analytiker");
    expect(a.cookie).not.toBe(b.cookie);
  });

  it("answers a wrong password with a field-linked Swedish message and logs it", async () => {
    const res = await tryLogin("processledare", "fel-lösenord", "10.0.0.9");
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("Fel användarnamn eller lösenord");
    expect(res.body).toContain('href="#f-username"');
    const rows = await t.database.db.select().from(securityLog).where(eq(securityLog.event, "login_failed"));
    expect(rows.some((r) => r.username === "processledare")).toBe(true);
  });

  it("asks for the missing fields", async () => {
    const res = await tryLogin("", "");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Skriv ditt användarnamn");
    expect(res.body).toContain("Skriv ditt lösenord");
  });

  it("throttles per account, even with the right password, in Swedish", async () => {
    for (let i = 0; i < 5; i++) await tryLogin("vuxenhandlaggare", "fel-lösenord", `10.1.0.${i}`);
    const res = await tryLogin("vuxenhandlaggare", TEST_PASSWORD, "10.1.0.99");
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain("För många misslyckade inloggningsförsök");
  });

  it("throttles per address across accounts", async () => {
    for (let i = 0; i < 20; i++) await tryLogin(`okand${i}`, "fel-lösenord", "10.2.0.1");
    const res = await tryLogin("handlaggare.syd", TEST_PASSWORD, "10.2.0.1");
    expect(res.statusCode).toBe(429);
    const other = await tryLogin("handlaggare.syd", TEST_PASSWORD, "10.2.0.2");
    expect(other.statusCode).toBe(303);
  });
});

describe("sessions", () => {
  const sessionCount = async () => {
    const [row] = await t.database.db.select({ n: sql<number>`count(*)::int` }).from(sessions);
    return row?.n ?? 0;
  };

  it("logout ends the session on the server", async () => {
    const b = await login(t.app, "enhetschef");
    const before = await sessionCount();
    const res = await postForm(t.app, b, "/logga-ut", {});
    expect(res.statusCode).toBe(303);
    expect(await sessionCount()).toBe(before - 1);
    const again = await get(t.app, b, "/start");
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toMatch(/^\/logga-in/);
  });

  it("ends after 30 idle minutes, with the Swedish notice", async () => {
    const b = await login(t.app, "barnhandlaggare");
    await t.database.db.execute(sql`update sessions set idle_expires_at = ${new Date(t.clock.now().getTime() - 1000)}`);
    const res = await get(t.app, b, "/start");
    expect(res.headers.location).toBe("/logga-in?orsak=inaktiv");
    const page = await get(t.app, null, "/logga-in?orsak=inaktiv");
    expect(page.body).toContain("Du har loggats ut eftersom du inte varit aktiv");
  });

  it("ends at the absolute timeout even when active", async () => {
    const b = await login(t.app, "barnhandlaggare");
    await t.database.db.execute(sql`update sessions set absolute_expires_at = ${new Date(t.clock.now().getTime() - 1000)}`);
    const res = await get(t.app, b, "/start");
    expect(res.statusCode).toBe(303);
  });

  it("is created with a 30-minute idle and a 10-hour absolute limit, and can be extended", async () => {
    const b = await login(t.app, "processledare");
    const [row] = await t.database.db.select().from(sessions).orderBy(sql`created_at desc`).limit(1);
    if (!row) throw new Error("no session");
    expect(Math.round((row.idleExpiresAt.getTime() - row.createdAt.getTime()) / 60_000)).toBe(30);
    expect(Math.round((row.absoluteExpiresAt.getTime() - row.createdAt.getTime()) / 3_600_000)).toBe(10);
    await t.database.db.execute(sql`update sessions set idle_expires_at = ${new Date(t.clock.now().getTime() + 60_000)}`);
    const before = t.clock.now().getTime();
    const res = await t.app.inject({
      method: "POST",
      url: "/session/forlang",
      headers: { cookie: b.cookie, "x-csrf-token": b.csrf, accept: "application/json" },
    });
    const served = t.clock.now().getTime();
    expect(res.statusCode).toBe(200);
    const [after] = await t.database.db.select().from(sessions).where(eq(sessions.tokenHash, row.tokenHash));
    // 30 minutes from when the request was served, however long it took.
    expect(after!.idleExpiresAt.getTime()).toBeGreaterThanOrEqual(before + 30 * 60_000);
    expect(after!.idleExpiresAt.getTime()).toBeLessThanOrEqual(served + 30 * 60_000);
  });

  it("ends when the user is deactivated", async () => {
    const b = await login(t.app, "handlaggare.mottagning");
    await t.database.db.update(users).set({ active: false }).where(eq(users.username, "handlaggare.mottagning"));
    const res = await get(t.app, b, "/start");
    expect(res.statusCode).toBe(303);
    await t.database.db.update(users).set({ active: true }).where(eq(users.username, "handlaggare.mottagning"));
  });
});

describe("one-time password link", () => {
  it("lets the user choose a password once, ending their sessions", async () => {
    const [admin] = await t.database.db.select().from(users).where(eq(users.username, "admin"));
    const [target] = await t.database.db.select().from(users).where(eq(users.username, "analytiker"));
    const actor = await loadActor(t.database.db, admin!.id);
    const { token } = await createPasswordLink({ db: t.database.db, actor, ip: "127.0.0.1", clock: t.clock }, target!.id);
    const old = await login(t.app, "analytiker");

    const anon = await anonymous(t.app);
    const page = await get(t.app, anon, `/losenord/${token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers["referrer-policy"]).toBe("no-referrer");
    expect(page.body).toContain("Anna Analytiker");

    const weak = await postForm(t.app, anon, `/losenord/${token}`, { password: "kort", confirm: "kort" });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain("minst 12 tecken");

    // A common, breached password is refused on its field, whatever its case, and changes nothing (decision 0057).
    const common = await postForm(t.app, anon, `/losenord/${token}`, { password: "Password1234", confirm: "Password1234" });
    expect(common.statusCode).toBe(400);
    expect(common.body).toContain("ett av de vanligaste lösenorden");
    expect(common.body).toMatch(/aria-describedby="[^"]*password/);
    expect((await get(t.app, anon, `/losenord/${token}`)).statusCode).toBe(200);

    const ok = await postForm(t.app, anon, `/losenord/${token}`, { password: "en lång fras om kaffe", confirm: "en lång fras om kaffe" });
    expect(ok.statusCode).toBe(303);
    expect((await get(t.app, old, "/start")).statusCode).toBe(303);
    await login(t.app, "analytiker", "en lång fras om kaffe");

    const reused = await get(t.app, anon, `/losenord/${token}`);
    expect(reused.statusCode).toBe(404);
    expect(reused.body).toContain("Länken går inte att använda");
  });

  it("cannot be made by a non-administrator", async () => {
    const [caseworker] = await t.database.db.select().from(users).where(eq(users.username, "barnhandlaggare"));
    const actor = await loadActor(t.database.db, caseworker!.id);
    await expect(createPasswordLink({ db: t.database.db, actor, ip: "127.0.0.1", clock: t.clock }, caseworker!.id)).rejects.toThrow();
    const rows = await t.database.db.select().from(securityLog).where(eq(securityLog.action, "users.manage"));
    expect(rows.length).toBeGreaterThan(0);
  });
});

describe("the return path at login and at the language switch (issue 17 item 5)", () => {
  const evil = ["/\t/evil.example", "/\n/evil.example", "/\r\n//evil.example", "/\\evil.example", "//evil.example"];

  it("goes only to a path of this site, and a control character gives no 500", async () => {
    for (const next of evil) {
      const anon = await anonymous(t.app);
      const res = await t.app.inject({
        method: "POST",
        url: "/logga-in",
        headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: anon.csrf, username: "processledare", password: TEST_PASSWORD, next }).toString(),
      });
      expect(res.statusCode, JSON.stringify(next)).toBe(303);
      expect(res.headers.location).toBe("/start");
    }
    const anon = await anonymous(t.app);
    const good = await t.app.inject({
      method: "POST",
      url: "/logga-in",
      headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: anon.csrf, username: "processledare", password: TEST_PASSWORD, next: "/processer" }).toString(),
    });
    expect(good.headers.location).toBe("/processer");

    const browser = await login(t.app, "processledare");
    for (const back of evil) {
      const res = await postForm(t.app, browser, "/sprak", { lang: "en", back });
      expect(res.statusCode, JSON.stringify(back)).toBe(303);
      expect(res.headers.location).toBe("/start");
    }
    expect((await postForm(t.app, browser, "/sprak", { lang: "sv", back: "/processer" })).headers.location).toBe("/processer");
  });
});
