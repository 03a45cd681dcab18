/**
 * Single sign-on against a real OIDC provider (oidc-provider 8 in a child process, test/oidc.ts),
 * through Sofia's own routes: the login page's button, the provider's login, the callback.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, get, type TestApp, testClock } from "../../test/helpers.ts";
import { loginAtProvider, startTestProvider, type TestProvider } from "../../test/oidc.ts";
import { auditLog, securityLog, ssoPending, userRoles, users } from "../db/schema/index.ts";
import { clockStartingAt } from "../platform/clock.ts";
import type { OidcConfig } from "../platform/config.ts";

const PUBLIC = "http://sofia.test";
const REDIRECT = `${PUBLIC}/logga-in/sso/klar`;
const SECRET = "en-lang-klienthemlighet-for-testet-0123456789";

let provider: TestProvider;
let t: TestApp;
let oidc: OidcConfig;

beforeAll(async () => {
  const clock = testClock();
  provider = await startTestProvider(
    {
      clients: [
        { client_id: "sofia", client_secret: SECRET, redirect_uris: [REDIRECT] },
        { client_id: "sofia-fel-publik", client_secret: SECRET, redirect_uris: [REDIRECT] },
      ],
      accounts: {
        analytiker: { groups: ["sofia-processledare", "en-annan-grupp"] },
        "handlaggare.syd": { groups: ["en-annan-grupp"] },
      },
      wrongAudience: ["sofia-fel-publik"],
    },
    clock,
  );
  oidc = {
    issuer: provider.issuer,
    clientId: "sofia",
    clientSecret: SECRET,
    userClaim: "preferred_username",
    groupsClaim: undefined,
    groupRoles: {},
  };
  t = await createTestApp({ publicUrl: PUBLIC, oidc }, { clock });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

/** Starts at Sofia's button, logs in at the provider; returns the callback to call and the browser's SSO cookie. */
async function throughProvider(app: TestApp, account: string, start = "/logga-in/sso") {
  const started = await app.app.inject({ method: "GET", url: start });
  expect(started.statusCode).toBe(303);
  const ssoCookie = String(started.headers["set-cookie"]).match(/sofia_sso=([^;]+)/)?.[0];
  expect(ssoCookie).toBeTruthy();
  const callback = await loginAtProvider(String(started.headers.location), account);
  expect(callback.origin + callback.pathname).toBe(REDIRECT);
  return { path: callback.pathname + callback.search, cookie: ssoCookie as string };
}

const back = (app: TestApp, flow: { path: string; cookie?: string }) =>
  app.app.inject({ method: "GET", url: flow.path, headers: flow.cookie ? { cookie: flow.cookie } : {} });

async function lastRefusal(app: TestApp) {
  const [row] = await app.database.db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, "auth.sso_refused"))
    .orderBy(desc(auditLog.id))
    .limit(1);
  return row;
}

const sessionOf = (res: { headers: Record<string, unknown> }) => String(res.headers["set-cookie"]).match(/sofia_session=([^;]+)/)?.[1];

describe("single sign-on with the municipality's login", () => {
  it("shows the button on the login page, a plain link to /logga-in/sso", async () => {
    const page = await t.app.inject({ method: "GET", url: "/logga-in" });
    expect(page.body).toContain("Logga in med kommunens inloggning");
    expect(page.body).toContain('href="/logga-in/sso"');
    expect(page.body).toContain('name="password"');
  });

  it("sends the browser to the provider with PKCE, state and nonce, and keeps the started login in the database", async () => {
    const started = await t.app.inject({ method: "GET", url: "/logga-in/sso" });
    const location = new URL(String(started.headers.location));
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get("code_challenge_method")).toBe("S256");
    expect(location.searchParams.get("code_challenge")).toBeTruthy();
    expect(location.searchParams.get("nonce")).toBeTruthy();
    expect(location.searchParams.get("redirect_uri")).toBe(REDIRECT);
    const state = location.searchParams.get("state") as string;
    expect(String(started.headers["set-cookie"])).toMatch(/sofia_sso=[^;]+; Max-Age=600; Path=\/logga-in\/sso; HttpOnly; SameSite=Lax/);
    const rows = await t.database.db.select().from(ssoPending);
    // Only the state's hash is a key; the state itself is in the browser's cookie.
    expect(rows.some((r) => r.stateHash === state)).toBe(false);
    expect(rows.length).toBeGreaterThan(0);
  });

  it("logs a known user in: a normal session, back where they were going, audited as an OIDC login", async () => {
    const flow = await throughProvider(t, "barnhandlaggare", "/logga-in/sso?next=%2Fprocesser");
    const res = await back(t, flow);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/processer");
    const session = sessionOf(res);
    expect(String(res.headers["set-cookie"])).toMatch(/sofia_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    const start = await get(t.app, { cookie: `sofia_session=${session}`, csrf: "" }, "/start");
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain("Bo Barnhandläggare");
    const [user] = await t.database.db.select().from(users).where(eq(users.username, "barnhandlaggare"));
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.login"), eq(auditLog.actorUserId, user?.id as string)))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(row?.detail).toEqual({ method: "oidc" });
    expect(row?.actorRoles).toEqual(["caseworker"]);
  });

  it("refuses the same callback twice: the second is a replayed state", async () => {
    const flow = await throughProvider(t, "vuxenhandlaggare");
    expect((await back(t, flow)).statusCode).toBe(303);
    const replay = await back(t, flow);
    expect(replay.statusCode).toBe(401);
    expect(sessionOf(replay)).toBeUndefined();
    expect(replay.body).toContain("Inloggningen gick inte att slutföra");
    expect((await lastRefusal(t))?.detail).toMatchObject({ method: "oidc", reason: "state_used" });
  });

  it("refuses a callback in another browser (no state cookie) and an unknown state", async () => {
    const flow = await throughProvider(t, "processledare");
    const elsewhere = await back(t, { path: flow.path });
    expect(elsewhere.statusCode).toBe(401);
    expect((await lastRefusal(t))?.detail).toMatchObject({ reason: "state_mismatch" });
    const forged = await back(t, { path: "/logga-in/sso/klar?code=abc&state=gissat", cookie: "sofia_sso=gissat" });
    expect(forged.statusCode).toBe(401);
    expect((await lastRefusal(t))?.detail).toMatchObject({ reason: "state_unknown" });
    // The real browser still gets in: the other browser's attempt did not use its state up.
    expect((await back(t, flow)).statusCode).toBe(303);
  });

  it("refuses an unknown user with a Swedish message, audited and security-logged with the username claim only", async () => {
    const flow = await throughProvider(t, "okand.person");
    const res = await back(t, flow);
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("det finns inget aktivt konto i Sofia");
    expect(sessionOf(res)).toBeUndefined();
    const row = await lastRefusal(t);
    expect(row?.detail).toEqual({ method: "oidc", reason: "unknown_user", provider: "env", username: "okand.person" });
    expect(row?.actorUserId).toBeNull();
    const logged = await t.database.db.select().from(securityLog).where(eq(securityLog.event, "sso_refused"));
    expect(logged.some((r) => r.username === "okand.person" && (r.detail as { reason: string }).reason === "unknown_user")).toBe(true);
  });

  it("refuses an inactive user", async () => {
    await t.database.db.update(users).set({ active: false }).where(eq(users.username, "handlaggare.mottagning"));
    const res = await back(t, await throughProvider(t, "handlaggare.mottagning"));
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain("det finns inget aktivt konto i Sofia");
    expect((await lastRefusal(t))?.detail).toMatchObject({ reason: "inactive_user", username: "handlaggare.mottagning" });
  });

  it("refuses a locked account like an inactive one (decision 0060)", async () => {
    await t.database.db.update(users).set({ lockedAt: t.clock.now() }).where(eq(users.username, "barnhandlaggare"));
    try {
      const res = await back(t, await throughProvider(t, "barnhandlaggare"));
      expect(res.statusCode).toBe(401);
      expect(sessionOf(res)).toBeUndefined();
      expect((await lastRefusal(t))?.detail).toMatchObject({ reason: "inactive_user", username: "barnhandlaggare" });
    } finally {
      await t.database.db.update(users).set({ lockedAt: null }).where(eq(users.username, "barnhandlaggare"));
    }
  });

  it("refuses an ID token for another audience", async () => {
    // The provider's client "sofia-fel-publik" gets ID tokens whose aud names another service.
    const config = t.config as { oidc: OidcConfig };
    config.oidc = { ...oidc, clientId: "sofia-fel-publik" };
    try {
      const res = await back(t, await throughProvider(t, "barnhandlaggare"));
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain("uppgifter som Sofia inte kan godta");
      expect((await lastRefusal(t))?.detail).toMatchObject({ reason: "wrong_audience" });
    } finally {
      config.oidc = oidc;
    }
  });

  it("synchronises the roles with the groups when a mapping is set, audited; no mapped group: refused", async () => {
    const config = t.config as { oidc: OidcConfig };
    config.oidc = { ...oidc, groupsClaim: "groups", groupRoles: { "sofia-processledare": "process_leader", "sofia-analys": "analyst" } };
    try {
      const res = await back(t, await throughProvider(t, "analytiker"));
      expect(res.statusCode).toBe(303);
      const [user] = await t.database.db.select().from(users).where(eq(users.username, "analytiker"));
      const roles = await t.database.db
        .select()
        .from(userRoles)
        .where(eq(userRoles.userId, user?.id as string));
      expect(roles.map((r) => r.role)).toEqual(["process_leader"]);
      const [synced] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "user.roles_synced"));
      expect(synced?.detail).toEqual({ method: "oidc", changes: { roles: { from: ["analyst"], to: ["process_leader"] } } });
      expect(synced?.subjectUserId).toBe(user?.id);

      const none = await back(t, await throughProvider(t, "handlaggare.syd"));
      expect(none.statusCode).toBe(401);
      expect(none.body).toContain("inte med i någon grupp som ger en roll i Sofia");
      expect((await lastRefusal(t))?.detail).toMatchObject({ reason: "no_role", username: "handlaggare.syd" });
    } finally {
      config.oidc = oidc;
    }
  });

  it("says so on the login page when the provider cannot be reached", async () => {
    const config = t.config as { oidc: OidcConfig };
    config.oidc = { ...oidc, issuer: "http://127.0.0.1:9" };
    try {
      const res = await t.app.inject({ method: "GET", url: "/logga-in/sso" });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain("Kommunens inloggning går inte att nå just nu");
      expect((await lastRefusal(t))?.detail).toMatchObject({ reason: "provider_unreachable" });
    } finally {
      config.oidc = oidc;
    }
  });
});

describe("an expired ID token", () => {
  it("is refused: Sofia's clock is two hours past the provider's, and the token lives one hour", async () => {
    // openid-client judges expiry by Sofia's clock (clockSkew from the app's clock), so the test
    // moves Sofia's clock, not the machine's: the provider issues at the tests' time, valid for
    // an hour (its IdToken TTL), and Sofia reads it two hours later.
    const later = clockStartingAt(new Date(testClock().now().getTime() + 2 * 3_600_000));
    const ahead = await createTestApp({ publicUrl: PUBLIC, oidc }, { clock: later });
    try {
      const res = await back(ahead, await throughProvider(ahead, "barnhandlaggare"));
      expect(res.statusCode).toBe(401);
      expect(sessionOf(res)).toBeUndefined();
      expect((await lastRefusal(ahead))?.detail).toMatchObject({ reason: "token_expired" });
    } finally {
      await ahead.close();
    }
  });
});
