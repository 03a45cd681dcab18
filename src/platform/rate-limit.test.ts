/**
 * The rate limit for the API and the forms beyond login (decision 0057), with a low limit set for
 * this test app: per token and per address, writes and reads apart, 429 with Retry-After (problem+
 * json with a Swedish title on the API, a Swedish page for forms), nothing done for the refused
 * request, the login and page views not counted, and a new window starting afresh. The clock is
 * the test's own, set in the middle of a window and moved by hand.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, apiToken, type Browser, createTestApp, login, type TestApp, testClock } from "../../test/helpers.ts";
import { economyProjects } from "../db/schema/index.ts";
import type { Clock } from "./clock.ts";
import { calendarDateInSweden } from "./dates.ts";
import { rateKeys, rateKind, windowOf } from "./rate-limit.ts";

let t: TestApp;
// Ten seconds into a minute: 50 seconds left of the window.
let at = Math.floor(testClock().now().getTime() / 60_000) * 60_000 + 10_000;
const clock: Clock = { now: () => new Date(at), today: () => calendarDateInSweden(new Date(at)) };

beforeAll(async () => {
  t = await createTestApp({ rateLimit: { writes: 3, reads: 5, windowSeconds: 60 } }, { clock });
});
afterAll(() => t.close());

function api(method: "GET" | "POST", url: string, token: string, address: string, body?: unknown) {
  return t.app.inject({
    method,
    url,
    remoteAddress: address,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
}

const project = (name: string) => ({
  name,
  fundingSource: "Lokala utvecklingsmedel",
  fundingKind: "local_development",
  fromYear: 2024,
  toYear: 2024,
  grants: [{ year: 2024, amount: 100_000 }],
});
const projectsNamed = async (name: string) => t.database.db.select().from(economyProjects).where(eq(economyProjects.name, name));

describe("the rules", () => {
  it("counts the API's reads and writes and the forms beyond login, nothing else", () => {
    expect(rateKind("GET", "/api/v1/me")).toBe("r");
    expect(rateKind("POST", "/api/v1/search")).toBe("w");
    expect(rateKind("DELETE", "/api/v1/comparison-groups/x")).toBe("w");
    expect(rateKind("POST", "/sprak")).toBe("w");
    expect(rateKind("POST", "/logga-in")).toBeNull();
    expect(rateKind("POST", "/logga-in?next=/start")).toBeNull();
    expect(rateKind("GET", "/start")).toBeNull();
    expect(rateKind("GET", "/static/css/sofia.css")).toBeNull();
    expect(rateKeys("w", "tok", "10.0.0.1")).toEqual(["rate:w:addr:10.0.0.1", "rate:w:token:tok"]);
    expect(rateKeys("r", undefined, "10.0.0.1")).toEqual(["rate:r:addr:10.0.0.1"]);
    expect(windowOf(new Date("2026-12-07T09:00:10.200Z"), 60)).toEqual({ start: new Date("2026-12-07T09:00:00Z"), secondsLeft: 50 });
  });
});

describe("the API", () => {
  it("refuses the write beyond the limit with 429, a Swedish problem and Retry-After, and does nothing", async () => {
    const token = await apiToken(t, "processledare", ["economy.view", "economy.manage"]);
    for (let i = 1; i <= 3; i++) {
      const res = await api("POST", "/api/v1/economy/projects", token, "10.1.0.1", project(`Begränsad ${i}`));
      expect(res.statusCode, res.body).toBe(201);
    }
    const refused = await api("POST", "/api/v1/economy/projects", token, "10.1.0.1", project("Begränsad 4"));
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.headers["retry-after"]).toBe("50");
    expect(refused.json()).toEqual({
      type: "about:blank",
      title: "För många förfrågningar från den här nyckeln eller adressen. Ingenting sparades. Försök igen om 50 sekunder (Retry-After).",
      status: 429,
    });
    expect(await projectsNamed("Begränsad 4")).toHaveLength(0);

    // The token is counted wherever it comes from; the address whichever token it carries.
    expect((await api("POST", "/api/v1/economy/projects", token, "10.1.0.2", project("Begränsad 5"))).statusCode).toBe(429);
    const other = await apiToken(t, "processledare", ["economy.view", "economy.manage"]);
    expect((await api("POST", "/api/v1/economy/projects", other, "10.1.0.1", project("Begränsad 6"))).statusCode).toBe(429);
    // Another token from another address is not held back, and reads have their own count.
    expect((await api("POST", "/api/v1/economy/projects", other, "10.1.0.3", project("Begränsad 7"))).statusCode).toBe(201);
    expect((await api("GET", "/api/v1/me", token, "10.1.0.1")).statusCode).toBe(200);
    expect(await projectsNamed("Begränsad 5")).toHaveLength(0);
    expect(await projectsNamed("Begränsad 6")).toHaveLength(0);

    // The next window starts afresh.
    at += 60_000;
    expect((await api("POST", "/api/v1/economy/projects", token, "10.1.0.1", project("Begränsad 8"))).statusCode).toBe(201);
  });

  it("lets reads go to their own, higher limit", async () => {
    const token = await apiToken(t, "analytiker", []);
    for (let i = 1; i <= 5; i++) expect((await api("GET", "/api/v1/me", token, "10.2.0.1")).statusCode).toBe(200);
    const refused = await api("GET", "/api/v1/me", token, "10.2.0.1");
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(refused.json().title).toMatch(/^För många förfrågningar/);
  });

  it("does not count an anonymous call, which is refused 401 before", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: "POST", url: "/api/v1/search", remoteAddress: "10.3.0.1", payload: {} });
      expect(res.statusCode).toBe(401);
    }
  });
});

describe("the forms beyond login", () => {
  it("answers the form beyond the limit with a Swedish 429 page and Retry-After; logging in and page views are not counted", async () => {
    const address = "127.0.0.1";
    // Four logins and their pages from the same address: none is counted.
    let browser: Browser | undefined;
    for (let i = 0; i < 4; i++) browser = await login(t.app, "analytiker");
    if (!browser) throw new Error("no login");
    for (let i = 0; i < 4; i++)
      expect((await t.app.inject({ method: "GET", url: "/start", headers: { cookie: browser.cookie } })).statusCode).toBe(200);

    const switchTo = (lang: string) =>
      t.app.inject({
        method: "POST",
        url: "/sprak",
        remoteAddress: address,
        headers: { cookie: browser?.cookie ?? "", "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: browser?.csrf ?? "", lang, back: "/start" }).toString(),
      });
    for (let i = 0; i < 3; i++) expect((await switchTo("sv")).statusCode).toBe(303);
    const refused = await switchTo("en");
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["content-type"]).toContain("text/html");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(refused.body).toContain("För många förfrågningar");
    expect(refused.body).toContain("Ingenting sparades");
    // The refused switch did nothing: no language cookie.
    expect(String(refused.headers["set-cookie"] ?? "")).not.toContain("sofia_lang");

    // An anonymous visitor's form counts by address too.
    const anon = await anonymous(t.app);
    const res = await t.app.inject({
      method: "POST",
      url: "/sprak",
      remoteAddress: address,
      headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: anon.csrf, lang: "en" }).toString(),
    });
    expect(res.statusCode).toBe(429);
  });
});
