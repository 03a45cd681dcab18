/**
 * The municipality's single sign-on settings page (decision 0059): write-only secret, field-linked
 * Swedish errors, audited changes, and a login through a real OIDC provider set up here alone.
 */
import { desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createTestApp, get, login, postForm, type TestApp, testClock } from "../../../test/helpers.ts";
import { loginAtProvider, startTestProvider, type TestProvider } from "../../../test/oidc.ts";
import { auditLog, ssoSettings } from "../../db/schema/index.ts";

const PUBLIC = "http://sofia.test";
const REDIRECT = `${PUBLIC}/logga-in/sso/klar`;
const SECRET = "kommunens-klienthemlighet-4711-abcdefghij";

let provider: TestProvider;
let t: TestApp;

beforeAll(async () => {
  const clock = testClock();
  provider = await startTestProvider({ clients: [{ client_id: "sofia-kommun", client_secret: SECRET, redirect_uris: [REDIRECT] }] }, clock);
  t = await createTestApp({ publicUrl: PUBLIC }, { clock });
});
afterAll(async () => {
  await t?.close();
  await provider?.close();
});

const settingsRows = () => t.database.db.select().from(ssoSettings);

describe("the municipality's login on the settings page", () => {
  it("is the administrator's: others are refused", async () => {
    const caseworker = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, caseworker, "/organisation/inloggning")).statusCode).toBe(403);
    const admin = await login(t.app, "admin");
    const page = await get(t.app, admin, "/organisation/inloggning");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Kommunens inloggning (OIDC)");
    expect(page.body).toContain(REDIRECT);
    expect((await get(t.app, admin, "/organisation")).body).toContain('href="/organisation/inloggning"');
  });

  it("refuses a bad address and a bad group line with field-linked Swedish messages, and saves nothing", async () => {
    const admin = await login(t.app, "admin");
    const res = await postForm(t.app, admin, "/organisation/inloggning", {
      issuer: "http://login.example.se",
      clientId: "",
      clientSecret: "x",
      userClaim: "preferred_username",
      groupsClaim: "",
      groupRoles: "",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("Adressen ska börja med https://");
    expect(res.body).toContain('href="#f-issuer"');
    expect(res.body).toContain("Skriv klient-id");
    const mapping = await postForm(t.app, admin, "/organisation/inloggning", {
      issuer: "https://login.example.se",
      clientId: "sofia",
      groupsClaim: "groups",
      groupRoles: "sofia-chefer = chef",
    });
    expect(mapping.statusCode).toBe(400);
    expect(mapping.body).toContain("En rad har en roll som inte finns");
    expect(mapping.body).toContain('href="#f-groupRoles"');
    expect(await settingsRows()).toEqual([]);
  });

  it("before it is set, the login page has no button", async () => {
    const page = await t.app.inject({ method: "GET", url: "/logga-in" });
    expect(page.body).not.toContain("Logga in med kommunens inloggning");
  });

  it("saves the settings with a write-only secret, audited without it, and users can then log in through it", async () => {
    const admin = await login(t.app, "admin");
    const saved = await postForm(t.app, admin, "/organisation/inloggning", {
      issuer: provider.issuer,
      clientId: "sofia-kommun",
      clientSecret: SECRET,
      userClaim: "preferred_username",
      groupsClaim: "",
      groupRoles: "",
    });
    expect(saved.statusCode).toBe(303);
    const page = await get(t.app, admin, "/organisation/inloggning?klart=sparad");
    expect(page.body).toContain("Kommunens inloggning är sparad.");
    expect(page.body).not.toContain(SECRET);
    expect(page.body).toContain("En hemlighet är sparad");
    const [row] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "municipality.sso_update"))
      .orderBy(desc(auditLog.id));
    expect(JSON.stringify(row?.detail)).not.toContain(SECRET);
    expect(row?.detail).toMatchObject({ clientSecret: "changed", changes: { clientId: { to: "sofia-kommun" } } });

    // The login page's button starts at the municipality's provider; a demo user logs in.
    const loginPage = await t.app.inject({ method: "GET", url: "/logga-in" });
    expect(loginPage.body).toContain("Logga in med kommunens inloggning");
    const started = await t.app.inject({ method: "GET", url: "/logga-in/sso" });
    expect(started.statusCode).toBe(303);
    const cookie = String(started.headers["set-cookie"]).match(/sofia_sso=[^;]+/)?.[0] as string;
    const callback = await loginAtProvider(String(started.headers.location), "processledare");
    const res = await t.app.inject({ method: "GET", url: callback.pathname + callback.search, headers: { cookie } });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/start");
  });

  it("keeps the stored secret when the field is left empty, and removes the settings on request", async () => {
    const admin = await login(t.app, "admin");
    const again = await postForm(t.app, admin, "/organisation/inloggning", {
      issuer: provider.issuer,
      clientId: "sofia-kommun",
      clientSecret: "",
      userClaim: "preferred_username",
      groupsClaim: "groups",
      groupRoles: "sofia-analys = analyst\nsofia-admin = administrator",
    });
    expect(again.statusCode).toBe(303);
    const [row] = await settingsRows();
    expect(row?.clientSecret).toBe(SECRET);
    expect(row?.groupRoles).toEqual({ "sofia-analys": "analyst", "sofia-admin": "administrator" });

    const removed = await postForm(t.app, admin, "/organisation/inloggning/ta-bort", {});
    expect(removed.statusCode).toBe(303);
    expect(await settingsRows()).toEqual([]);
    const anon = await anonymous(t.app);
    const loginPage = await t.app.inject({ method: "GET", url: "/logga-in", headers: { cookie: anon.cookie } });
    expect(loginPage.body).not.toContain("Logga in med kommunens inloggning");
    const [audited] = await t.database.db.select().from(auditLog).where(eq(auditLog.action, "municipality.sso_remove"));
    expect(audited).toBeTruthy();
  });
});
