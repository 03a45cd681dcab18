/**
 * An outside client (a journal system's integration, a script) over real HTTP: the app listens on
 * a port, the user makes a personal API token on the account page as a person would, and from
 * then on only `fetch` with `Authorization: Bearer …` talks to Sofia, with no session and no
 * CSRF token. It reads a family's timeline, assigns a team, previews and tries a bulk handover to
 * someone outside the right unit (refused, and nothing changes), and a calendar client reads the
 * personal feed by its secret address. Status codes and problem+json are checked as a client
 * sees them, and what was refused is checked not to have changed anything.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decidedFamily, userId } from "../test/fixtures.ts";
import { createTestApp, get, login, postForm, type TestApp } from "../test/helpers.ts";
import { apiTokens, auditLog, processAssignments } from "./db/schema/index.ts";

let t: TestApp;
let base = "";
/** The process leader's token, made on the account page: view and assign. */
let token = "";
/** The same person's token with only the account scope. */
let narrowToken = "";

const TOKEN = /sofia_pat_[A-Za-z0-9_-]{43}/;

/** A token as its owner makes it: the account page's form, shown once. */
async function tokenFromAccountPage(username: string, name: string, scopes: string[]): Promise<string> {
  const browser = await login(t.app, username);
  const res = await postForm(t.app, browser, "/konto/api-nycklar", { name, scopes, expiresInDays: "90" });
  expect(res.statusCode, res.body.slice(0, 500)).toBe(201);
  return TOKEN.exec(res.body)?.[0] ?? "";
}

/** One request as a client makes it: JSON in and out, the bearer token, nothing else. */
async function call(method: "GET" | "POST", path: string, bearer: string | null, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      accept: "application/json",
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, type, text, json: () => JSON.parse(text) };
}

const ongoing = async (userIdValue: string) =>
  (
    await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(processAssignments)
      .where(and(eq(processAssignments.userId, userIdValue), isNull(processAssignments.endedOn)))
  )[0]?.n ?? 0;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  if (!address || typeof address === "string") throw new Error("the app does not listen on a port");
  base = `http://127.0.0.1:${address.port}`;
  token = await tokenFromAccountPage("processledare", "Journalsystemets koppling", ["processes.view", "processes.assign"]);
  narrowToken = await tokenFromAccountPage("processledare", "Bara kontot", ["account.manage_own"]);
  expect(token).toMatch(TOKEN);
  expect(narrowToken).toMatch(TOKEN);
});
afterAll(() => t.close());

describe("an outside client with an API token, over HTTP", () => {
  it("reads a family's timeline; without a token 401, without the scope 403, an unknown process 404, each as problem+json", async () => {
    const f = await decidedFamily(t);
    const timeline = await call("GET", `/api/v1/processes/${f.processId}/timeline`, token);
    expect(timeline.status, timeline.text.slice(0, 500)).toBe(200);
    expect(timeline.type).toContain("application/json");
    const data = timeline.json() as { id: string; minimal: boolean; events: Array<{ date: string }> };
    expect(data.id).toBe(f.processId);
    expect(data.minimal).toBe(false);
    expect(data.events.length).toBeGreaterThan(0);
    const dates = data.events.map((e) => e.date);
    expect(dates).toEqual([...dates].sort());
    // The reading was the token's: audited with it.
    const [tokenRow] = await t.database.db
      .select({ id: apiTokens.id })
      .from(apiTokens)
      .where(eq(apiTokens.name, "Journalsystemets koppling"));
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.recordId, f.processId), eq(auditLog.apiTokenId, tokenRow?.id ?? "")));
    expect(audited.length).toBeGreaterThan(0);

    for (const [bearer, status] of [
      [null, 401],
      [`sofia_pat_${"x".repeat(43)}`, 401],
      [narrowToken, 403],
    ] as const) {
      const res = await call("GET", `/api/v1/processes/${f.processId}/timeline`, bearer);
      expect(res.status, String(bearer)).toBe(status);
      expect(res.type).toContain("application/problem+json");
      expect(res.json()).toMatchObject({ status });
    }
    const unknown = await call("GET", "/api/v1/processes/00000000-0000-4000-8000-000000000000/timeline", token);
    expect(unknown.status).toBe(404);
    expect(unknown.type).toContain("application/problem+json");
  });

  it("assigns a team in one step, and refuses bad input and a person outside the right unit with problem+json, changing nothing", async () => {
    const f = await decidedFamily(t, { staff: { child: null, adult: null, leader: "processledare" } });
    const version = async () => (await call("GET", `/api/v1/processes/${f.processId}`, token)).json().version as number;
    const before = await version();
    const [bo, vera] = await Promise.all([userId(t, "barnhandlaggare"), userId(t, "vuxenhandlaggare")]);

    const badDate = await call("POST", `/api/v1/processes/${f.processId}/team`, token, {
      version: before,
      childCaseworker: bo,
      assignedOn: "32/12 2026",
    });
    expect(badDate.status).toBe(400);
    expect(badDate.type).toContain("application/problem+json");
    expect(badDate.json().errors).toEqual([expect.objectContaining({ field: "assignedOn" })]);

    const brokenJson = await call("POST", `/api/v1/processes/${f.processId}/team`, token, "{ version: 1");
    expect(brokenJson.status).toBe(400);
    expect(brokenJson.type).toContain("application/problem+json");

    // Vera is an adult caseworker: not a child caseworker of a child unit.
    const wrongUnit = await call("POST", `/api/v1/processes/${f.processId}/team`, token, {
      version: before,
      childCaseworker: vera,
      assignedOn: t.clock.today(),
    });
    expect(wrongUnit.status).toBe(400);
    expect(wrongUnit.type).toContain("application/problem+json");
    expect(wrongUnit.json().errors).toEqual([expect.objectContaining({ field: "childCaseworker" })]);
    expect(await version()).toBe(before);

    const assigned = await call("POST", `/api/v1/processes/${f.processId}/team`, token, {
      version: before,
      childCaseworker: bo,
      adultCaseworker: vera,
      assignedOn: t.clock.today(),
    });
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.json()).toEqual({ version: before + 1, changed: 2 });
    // A client that sends the version it read before the assignment changes nothing (409).
    const stale = await call("POST", `/api/v1/processes/${f.processId}/team`, token, {
      version: before,
      childCaseworker: await userId(t, "handlaggare.syd"),
      assignedOn: t.clock.today(),
    });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.type).toContain("application/problem+json");
    expect(await version()).toBe(before + 1);
  });

  it("previews a bulk handover, and a handover to someone outside the right unit is refused with the field and changes nothing", async () => {
    await decidedFamily(t, { staff: { child: "handlaggare.syd", adult: "vuxenhandlaggare", leader: null } });
    await decidedFamily(t, { staff: { child: "handlaggare.syd", adult: null, leader: null } });
    const [sara, vera] = await Promise.all([userId(t, "handlaggare.syd"), userId(t, "vuxenhandlaggare")]);
    const preview = await call("GET", `/api/v1/handovers/${sara}`, token);
    expect(preview.status, preview.text.slice(0, 500)).toBe(200);
    const p = preview.json() as {
      from: { id: string } | null;
      families: Array<{ processId: string; role: string; version: number }>;
      candidates: Record<string, Array<{ id: string }>>;
    };
    expect(p.from?.id).toBe(sara);
    expect(p.families.length).toBeGreaterThanOrEqual(2);
    expect(p.candidates.child_caseworker?.map((c) => c.id)).not.toContain(vera);
    const saraBefore = await ongoing(sara);
    const veraBefore = await ongoing(vera);

    const outside = await call("POST", "/api/v1/handovers", token, {
      fromUserId: sara,
      assignedOn: t.clock.today(),
      families: p.families.map((f) => ({ ...f, toUserId: vera })),
    });
    expect(outside.status).toBe(400);
    expect(outside.type).toContain("application/problem+json");
    const errors = outside.json().errors as Array<{ field: string; message: string }>;
    expect(errors.length).toBeGreaterThan(0);
    for (const e of errors) {
      expect(e.field).toMatch(/^families\.\d+\.toUserId$/);
      expect(e.message).toContain("inte handläggare på en barnenhet som du kan tilldela");
    }
    expect(await ongoing(sara)).toBe(saraBefore);
    expect(await ongoing(vera)).toBe(veraBefore);
    const again = (await call("GET", `/api/v1/handovers/${sara}`, token)).json() as typeof p;
    expect(again.families.map((f) => [f.processId, f.role, f.version])).toEqual(p.families.map((f) => [f.processId, f.role, f.version]));

    const nothing = await call("POST", "/api/v1/handovers", token, { fromUserId: sara, assignedOn: t.clock.today(), families: [] });
    expect(nothing.status).toBe(400);
    expect(nothing.type).toContain("application/problem+json");
    expect(nothing.json().errors).toEqual([expect.objectContaining({ field: "families" })]);
    const noScope = await call("POST", "/api/v1/handovers", narrowToken, {
      fromUserId: sara,
      assignedOn: t.clock.today(),
      families: p.families,
    });
    expect(noScope.status).toBe(403);
    expect(await ongoing(sara)).toBe(saraBefore);
  });

  it("lets a calendar client read the personal feed by its secret address, with no token, and gives 404 once revoked", async () => {
    const leader = await login(t.app, "processledare");
    const created = await postForm(t.app, leader, "/konto/kalender/prenumeration", {});
    expect(created.statusCode).toBe(201);
    const feedPath = /\/kalender\/[A-Za-z0-9_-]{43}\.ics/.exec(created.body)?.[0] ?? "";
    expect(feedPath).not.toBe("");

    const feed = await fetch(`${base}${feedPath}`);
    expect(feed.status).toBe(200);
    expect(feed.headers.get("content-type")).toContain("text/calendar");
    expect(feed.headers.get("cache-control")).toBe("no-store");
    expect(await feed.text()).toMatch(/^BEGIN:VCALENDAR\r\n/);
    // An API token is no key to someone's feed: a guessed address is 404 with or without one.
    const guessed = await fetch(`${base}/kalender/${"A".repeat(43)}.ics`, { headers: { authorization: `Bearer ${token}` } });
    expect(guessed.status).toBe(404);

    expect((await postForm(t.app, leader, "/konto/kalender/prenumeration/aterkalla", {})).statusCode).toBe(303);
    expect((await fetch(`${base}${feedPath}`)).status).toBe(404);
    // The account page no longer shows a feed address.
    expect((await get(t.app, leader, "/konto/kalender")).body).not.toContain(feedPath);
  });
});
