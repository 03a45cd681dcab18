import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, apiCall, apiToken, createTestApp, get, login, postForm, TEST_PASSWORD, type TestApp } from "../../../test/helpers.ts";
import { auditLog, municipalities, users } from "../../db/schema/index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function idOf(username: string): Promise<string> {
  const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, username));
  return u?.id ?? "";
}

async function tryLogin(username: string) {
  const anon = await anonymous(t.app);
  return t.app.inject({
    method: "POST",
    url: "/logga-in",
    remoteAddress: "10.9.0.1",
    headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams({ _csrf: anon.csrf, username, password: TEST_PASSWORD }).toString(),
  });
}

describe("an administrator's hold on a user's sign-ins", () => {
  it("ends all of a user's sessions, locks the account (same answer as a wrong password, no API token), and unlocks it", async () => {
    const admin = await login(t.app, "admin");
    const worker = await login(t.app, "barnhandlaggare");
    const token = await apiToken(t, "barnhandlaggare", ["processes.view"]);
    const id = await idOf("barnhandlaggare");

    const page = await get(t.app, admin, `/anvandare/${id}`);
    expect(page.body).toContain("Avsluta alla inloggningar");
    expect(page.body).toContain("Lås kontot");

    const ended = await postForm(t.app, admin, `/anvandare/${id}/avsluta-inloggningar`, {});
    expect(ended.statusCode).toBe(303);
    expect((await get(t.app, worker, "/start")).statusCode).toBe(303);

    const again = await login(t.app, "barnhandlaggare");
    const locked = await postForm(t.app, admin, `/anvandare/${id}/las`, {});
    expect(locked.statusCode).toBe(303);
    expect((await get(t.app, again, "/start")).statusCode).toBe(303);
    const refused = await tryLogin("barnhandlaggare");
    const wrong = await tryLogin("finns.inte");
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain("Fel användarnamn eller lösenord");
    expect(wrong.statusCode).toBe(401);
    const message = (body: string) => /id="f-username-error">([^<]+)</.exec(body)?.[1];
    expect(message(refused.body)).toBe(message(wrong.body));
    expect((await apiCall(t.app, "GET", "/api/v1/me", token)).statusCode).toBe(401);
    expect((await get(t.app, admin, `/anvandare/${id}`)).body).toContain("Låst sedan");

    const unlocked = await postForm(t.app, admin, `/anvandare/${id}/las-upp`, {});
    expect(unlocked.statusCode).toBe(303);
    expect((await tryLogin("barnhandlaggare")).statusCode).toBe(303);
    expect((await apiCall(t.app, "GET", "/api/v1/me", token)).statusCode).toBe(200);

    const actions = (await t.database.db.select().from(auditLog).where(eq(auditLog.subjectUserId, id))).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(["user.sessions_end", "user.lock", "user.unlock"]));
  });

  it("refuses locking one's own account and a caseworker's attempt, changing nothing", async () => {
    const admin = await login(t.app, "admin");
    const self = await postForm(t.app, admin, `/anvandare/${await idOf("admin")}/las`, {});
    expect(self.statusCode).toBe(409);
    const worker = await login(t.app, "vuxenhandlaggare");
    const denied = await postForm(t.app, worker, `/anvandare/${await idOf("processledare")}/las`, {});
    expect(denied.statusCode).toBe(403);
    const lockedRows = await t.database.db.select({ username: users.username, lockedAt: users.lockedAt }).from(users);
    expect(lockedRows.filter((r) => r.lockedAt !== null).map((r) => r.username)).toEqual([]);
    const rows = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "user.lock")));
    expect(rows).toHaveLength(1);
  });

  it("saves the roles that require two-step verification on the municipality's page, and says the demo has none", async () => {
    const admin = await login(t.app, "admin");
    const page = await get(t.app, admin, "/organisation");
    expect(page.body).toContain("demokommunen");
    const [m] = await t.database.db.select().from(municipalities);
    const saved = await postForm(t.app, admin, "/organisation", {
      version: String(m?.version),
      name: m?.name ?? "",
      code: m?.code ?? "",
      waitLimitDays: String(m?.waitLimitDays),
      minGroupSize: String(m?.minGroupSize),
      shareDecimals: String(m?.shareDecimals),
      meanDecimals: String(m?.meanDecimals),
      mfaRequiredRoles: ["process_leader", "administrator"],
    });
    expect(saved.statusCode).toBe(303);
    const [after] = await t.database.db.select().from(municipalities);
    expect(after?.mfaRequiredRoles).toEqual(["administrator", "process_leader"]);
    const bad = await postForm(t.app, admin, "/organisation", {
      version: String(after?.version),
      name: m?.name ?? "",
      code: m?.code ?? "",
      waitLimitDays: String(m?.waitLimitDays),
      minGroupSize: String(m?.minGroupSize),
      shareDecimals: String(m?.shareDecimals),
      meanDecimals: String(m?.meanDecimals),
      mfaRequiredRoles: ["kung"],
    });
    expect(bad.statusCode).toBe(400);
    const [unchanged] = await t.database.db.select().from(municipalities);
    expect(unchanged?.version).toBe(after?.version);
  });
});
