import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createTestApp, csrfFrom, get, login, postForm, TEST_PASSWORD, type TestApp } from "../../test/helpers.ts";
import { auditLog, sessions, users } from "../db/schema/index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** A login from a browser with its own User-Agent. */
async function loginWith(username: string, userAgent: string) {
  const anon = await anonymous(t.app);
  const res = await t.app.inject({
    method: "POST",
    url: "/logga-in",
    headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded", "user-agent": userAgent },
    payload: new URLSearchParams({ _csrf: anon.csrf, username, password: TEST_PASSWORD }).toString(),
  });
  expect(res.statusCode).toBe(303);
  const cookie = `sofia_session=${/sofia_session=([^;]+)/.exec(String(res.headers["set-cookie"]))?.[1]}; ${anon.cookie}`;
  const start = await t.app.inject({ method: "GET", url: "/start", headers: { cookie } });
  return { cookie, csrf: csrfFrom(start.body) };
}

const FIREFOX = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

describe("Mina inloggningar", () => {
  it("lists my sessions with the browser shortened, ends one, and logs out everywhere else", async () => {
    const here = await loginWith("barnhandlaggare", FIREFOX);
    const phone = await loginWith("barnhandlaggare", SAFARI);
    const third = await loginWith("barnhandlaggare", FIREFOX);
    const other = await login(t.app, "vuxenhandlaggare");

    const page = await get(t.app, here, "/konto");
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Mina inloggningar");
    expect(page.body).toContain("Firefox, Windows");
    expect(page.body).toContain("Safari, iOS");
    expect(page.body).not.toContain("Gecko/20100101");
    expect(page.body).toContain("Den här inloggningen");
    const endForms = [...page.body.matchAll(/action="\/konto\/inloggningar\/([0-9a-f-]{36})\/avsluta"/g)].map((m) => m[1] as string);
    expect(endForms).toHaveLength(2);

    // Another user's session cannot be ended from my page: not found, nothing changes.
    const [otherUser] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, "vuxenhandlaggare"));
    const [otherSession] = await t.database.db
      .select({ id: sessions.id })
      .from(sessions)
      .where(eq(sessions.userId, otherUser?.id ?? ""));
    const refused = await postForm(t.app, here, `/konto/inloggningar/${otherSession?.id}/avsluta`, {});
    expect(refused.statusCode).toBe(404);
    expect((await get(t.app, other, "/start")).statusCode).toBe(200);

    // End the phone's session by its id.
    const phoneRow = await t.database.db.select().from(sessions).where(eq(sessions.userAgent, SAFARI));
    const ended = await postForm(t.app, here, `/konto/inloggningar/${phoneRow[0]?.id}/avsluta`, {});
    expect(ended.statusCode).toBe(303);
    expect((await get(t.app, phone, "/start")).statusCode).toBe(303);
    expect((await get(t.app, third, "/start")).statusCode).toBe(200);

    const everywhere = await postForm(t.app, here, "/konto/inloggningar/logga-ut-overallt", {});
    expect(everywhere.statusCode).toBe(303);
    const gone = await get(t.app, third, "/start");
    expect(gone.statusCode).toBe(303);
    expect(gone.headers.location).toMatch(/^\/logga-in/);
    expect((await get(t.app, here, "/start")).statusCode).toBe(200);
    expect((await get(t.app, other, "/start")).statusCode).toBe(200);
    const after = await get(t.app, here, String(everywhere.headers.location));
    expect(after.body).toContain("Du är utloggad överallt utom här.");
    expect([...after.body.matchAll(/\/avsluta"/g)]).toHaveLength(0);

    const [me] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, "barnhandlaggare"));
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectUserId, me?.id ?? ""), eq(auditLog.action, "account.sessions_end_others")));
    expect(audited).toHaveLength(1);
    expect(audited[0]?.detail).toEqual({ ended: 1 });
  });
});
