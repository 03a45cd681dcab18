import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createTestApp, get, login, postForm, type TestApp } from "../../test/helpers.ts";
import { auditLog, securityLog } from "../db/schema/index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("routes", () => {
  it("every route declares the permission it needs", () => {
    expect(t.app.undeclaredRoutes).toEqual([]);
  });
});

describe("audit log", () => {
  // The app's role is refused by its grants (src/security/least-privilege.test.ts); the triggers
  // hold for the owner as well.
  it("cannot be altered or removed through the application's database role", async () => {
    await login(t.app, "admin");
    const [{ n }] = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
    const refusal = (q: Promise<unknown>) =>
      q.then(
        () => "allowed",
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    const appendOnly = /permission denied|append-only/;
    expect(await refusal(t.database.db.execute(sql`update audit_log set action = 'forged'`))).toMatch(appendOnly);
    expect(await refusal(t.database.db.execute(sql`delete from audit_log`))).toMatch(appendOnly);
    expect(await refusal(t.database.db.execute(sql`truncate audit_log`))).toMatch(appendOnly);
    await t.database.db.insert(securityLog).values({ event: "test" });
    expect(await refusal(t.database.db.execute(sql`delete from security_log`))).toMatch(appendOnly);
    expect(await refusal(t.database.db.execute(sql`update security_log set event = 'x'`))).toMatch(appendOnly);
    const [{ n: after }] = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog)) as [{ n: number }];
    expect(after).toBe(n);
  });
});

describe("security headers and errors", () => {
  it("sends a nonce-based CSP and no inline script", async () => {
    const res = await get(t.app, null, "/logga-in");
    const csp = String(res.headers["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).not.toContain("unsafe-inline");
    const scripts = [...res.body.matchAll(/<script([^>]*)>(.*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toContain(`nonce="${nonce}"`);
      expect(attrs).toMatch(/src="\/static\//);
      expect(body).toBe("");
    }
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("answers an unknown page with a Swedish 404 page and an unknown API route with problem+json", async () => {
    const page = await get(t.app, null, "/finns-inte");
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain("Sidan finns inte");
    const api = await t.app.inject({ method: "GET", url: "/api/v1/finns-inte" });
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json()).toMatchObject({ status: 404, title: "Sidan finns inte" });
  });

  it("reports health with the database", async () => {
    const res = await get(t.app, null, "/healthz");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok", database: "ok", lastBackup: null });
  });

  it("serves Prometheus metrics", async () => {
    const res = await get(t.app, null, "/metrics");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("sofia_http_request_duration_seconds");
  });
});

describe("CSRF", () => {
  it("refuses a state-changing form without the token, in Swedish, and logs it", async () => {
    const anon = await anonymous(t.app);
    const res = await t.app.inject({
      method: "POST",
      url: "/logga-in",
      headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: "username=admin&password=x",
    });
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Formuläret kunde inte skickas");
    const rows = await t.database.db.select().from(securityLog).where(sql`event = 'csrf_rejected'`);
    expect(rows.length).toBeGreaterThan(0);
  });

  it("refuses a token from another session", async () => {
    const a = await login(t.app, "barnhandlaggare");
    const b = await login(t.app, "vuxenhandlaggare");
    const res = await postForm(t.app, { cookie: a.cookie, csrf: b.csrf }, "/logga-ut", {});
    expect(res.statusCode).toBe(403);
  });
});

describe("language", () => {
  it("switches to English and back", async () => {
    const anon = await anonymous(t.app);
    const res = await postForm(t.app, anon, "/sprak", { lang: "en", back: "/logga-in" });
    expect(res.statusCode).toBe(303);
    const lang = String(res.headers["set-cookie"]).match(/sofia_lang=(\w+)/)?.[1];
    expect(lang).toBe("en");
    const page = await t.app.inject({ method: "GET", url: "/logga-in", headers: { cookie: `${anon.cookie}; sofia_lang=en` } });
    expect(page.body).toContain('<html lang="en"');
    expect(page.body).toContain("Sign in");
  });
});

describe("bad input and failures", () => {
  it("answers an oversized form with a Swedish 413 page and changes nothing", async () => {
    const anon = await anonymous(t.app);
    const res = await t.app.inject({
      method: "POST",
      url: "/logga-in",
      headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: `_csrf=${anon.csrf}&username=${"a".repeat(2 * 1024 * 1024)}`,
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain("för stort");
  });

  it("shows a friendly 500 page without a stack trace when the database is gone", async () => {
    const broken = await createTestApp();
    const b = await login(broken.app, "admin");
    await broken.database.pool.end();
    const res = await get(broken.app, b, "/start");
    expect(res.statusCode).toBe(500);
    expect(res.body).toContain("Något gick fel");
    expect(res.body).not.toMatch(/at .*\.ts:\d+/);
    expect(res.body).not.toContain("Error:");
    const health = await get(broken.app, null, "/healthz");
    expect(health.statusCode).toBe(503);
    await broken.close();
  });
});
