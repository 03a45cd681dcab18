import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import { apiTokens, auditLog, processes, requests, securityLog, users, workModels, workModelVersions } from "../db/schema/index.ts";
import { addDays, daysBetween } from "../platform/dates.ts";
import { API_TOKEN_PREFIX, randomToken, sha256 } from "../platform/sessions.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/**
 * The dates of the story, counted back from the test clock's today: first written as November 2026
 * with today December 6 (`nov(2)` is the request), and kept at those distances from today.
 */
const nov = (day: number) => addDays(testClock().today(), day - 36);
const REQUEST_DATE = nov(2);
const idFrom = (location: unknown) => /\/forfragningar\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? "";
const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;

async function register(): Promise<string> {
  const browser = await login(t.app, "barnhandlaggare");
  const res = await postForm(t.app, browser, "/forfragningar/ny", {
    requestDate: REQUEST_DATE,
    household: "together",
    custody: "joint",
    custodyHolder: "",
    reason: "Anmälan om oro för missbruk i hemmet.",
    "guardians.0.name": "Tolvan Tolvansson",
    "guardians.0.identityNumber": "19121212-1212",
    "guardians.0.relation": "parent",
    "guardians.0.substanceProblem": "yes",
    "guardians.0.attitude": "ambivalent",
    "children.0.name": "Lilla Tolvansson",
    "children.0.birthDate": addDays(REQUEST_DATE, -3098),
    "children.0.gender": "girl",
  });
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  return idFrom(res.headers.location);
}

async function requestRow(id: string) {
  const [row] = await db().select().from(requests).where(eq(requests.id, id));
  if (!row) throw new Error("no request");
  return row;
}

const processesOf = (id: string) => db().select().from(processes).where(eq(processes.requestId, id));

async function publishedSofiaVersionId(): Promise<string> {
  const [leader] = await db().select({ m: users.municipalityId }).from(users).where(eq(users.username, "processledare"));
  const [row] = await db()
    .select({ id: workModelVersions.id })
    .from(workModelVersions)
    .innerJoin(workModels, eq(workModels.id, workModelVersions.workModelId))
    .where(
      and(eq(workModels.municipalityId, leader?.m ?? ""), eq(workModels.key, "sofiamodellen"), eq(workModelVersions.status, "published")),
    );
  if (!row) throw new Error("no published Sofiamodellen");
  return row.id;
}

async function tokenFor(username: string, scopes: string[]): Promise<string> {
  const [u] = await db().select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!u) throw new Error(`no user ${username}`);
  const token = `${API_TOKEN_PREFIX}${randomToken()}`;
  await db()
    .insert(apiTokens)
    .values({ userId: u.id, name: "test", tokenHash: sha256(token), prefix: token.slice(0, 14), scopes });
  return token;
}

function call(method: "GET" | "POST", url: string, token: string, body?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
}

describe("the wait in days", () => {
  it("counts calendar days, across months and a leap day", () => {
    expect(daysBetween("2026-11-02", "2026-11-10")).toBe(8);
    expect(daysBetween("2026-11-02", "2026-11-02")).toBe(0);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(daysBetween("2026-13-01", "2026-11-02")).toBeNull();
  });
});

describe("the Sofiamöte decision on the page", () => {
  it("lets the process leader decide to go on: a process starts with the published Sofiamodellen version", async () => {
    const id = await register();
    const leader = await login(t.app, "processledare");
    const page = await get(t.app, leader, `/forfragningar/${id}`);
    expect(page.body).toContain(`href="/forfragningar/${id}/sofiamote"`);
    const form = await get(t.app, leader, `/forfragningar/${id}/sofiamote`);
    expect(form.statusCode).toBe(200);
    expect(h1Count(form.body)).toBe(1);
    expect(form.body).toContain('for="f-meetingDate"');

    const version = String((await requestRow(id)).version);
    const res = await postForm(t.app, leader, `/forfragningar/${id}/sofiamote`, {
      version,
      meetingDate: nov(10),
      decision: "continue",
      reason: "",
      reasonText: "",
    });
    expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
    expect(res.headers.location).toBe(`/forfragningar/${id}?klart=beslut`);

    const row = await requestRow(id);
    expect(row.status).toBe("continued");
    expect(row.meetingDate).toBe(nov(10));
    const [process, ...more] = await processesOf(id);
    expect(more).toHaveLength(0);
    expect(process?.workModelVersionId).toBe(await publishedSofiaVersionId());
    expect(process?.status).toBe("active");
    expect(process?.municipalityId).toBe(row.municipalityId);

    const shown = await get(t.app, leader, `/forfragningar/${id}?klart=beslut`);
    expect(shown.body).toContain("Fortsätter – process startad");
    expect(shown.body).toContain("8 dagar");
    expect(shown.body).not.toContain(`href="/forfragningar/${id}/sofiamote"`);
    const list = await get(t.app, leader, "/forfragningar");
    expect(list.body).toContain("Fortsätter – process startad");

    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "request.decide"), eq(auditLog.recordId, id)));
    expect(audits).toHaveLength(1);
    expect(audits[0]?.detail).toMatchObject({ decision: "continue", meetingDate: nov(10), waitDays: 8, processId: process?.id });
  });

  it("refuses a stop without a reason, 'Annat' without text and bad dates, field by field, changing nothing", async () => {
    const id = await register();
    const leader = await login(t.app, "processledare");
    const version = String((await requestRow(id)).version);
    const post = (fields: Record<string, string>) =>
      postForm(t.app, leader, `/forfragningar/${id}/sofiamote`, { version, meetingDate: nov(10), decision: "stop", ...fields });

    const noReason = await post({ reason: "", reasonText: "" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('href="#f-reason"');
    expect(noReason.body).toContain("Välj ett skäl till att familjen inte går vidare.");

    const otherNoText = await post({ reason: "other", reasonText: "  " });
    expect(otherNoText.statusCode).toBe(400);
    expect(otherNoText.body).toContain('href="#f-reasonText"');
    expect(otherNoText.body).toContain("Beskriv skälet när du har valt Annat.");

    const future = await post({ meetingDate: "2999-01-01", reason: "declined" });
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain("Sofiamötets datum kan inte ligga i framtiden.");
    const early = await post({ meetingDate: nov(1), reason: "declined" });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('href="#f-meetingDate"');
    expect(early.body).toContain("Sofiamötets datum kan inte ligga före förfrågans datum.");

    const row = await requestRow(id);
    expect(row.status).toBe("new");
    expect(row.meetingDate).toBeNull();
    expect(String(row.version)).toBe(version);
  });

  it("records a stop with 'Annat' and text, then refuses a second decision with 409 and changes nothing", async () => {
    const id = await register();
    const leader = await login(t.app, "processledare");
    const version = String((await requestRow(id)).version);
    const stop = await postForm(t.app, leader, `/forfragningar/${id}/sofiamote`, {
      version,
      meetingDate: REQUEST_DATE,
      decision: "stop",
      reason: "other",
      reasonText: "Familjen flyttar från kommunen.",
    });
    expect(stop.statusCode, stop.body.slice(0, 2000)).toBe(303);
    const after = await requestRow(id);
    expect(after.status).toBe("stopped");
    expect(after.stopReason).toBe("other");
    expect(await processesOf(id)).toHaveLength(0);
    const shown = await get(t.app, leader, `/forfragningar/${id}`);
    expect(shown.body).toContain("Fortsätter inte (Annat)");
    expect(shown.body).toContain("0 dagar");

    const again = await postForm(t.app, leader, `/forfragningar/${id}/sofiamote`, {
      version: String(after.version),
      meetingDate: nov(10),
      decision: "continue",
      reason: "",
      reasonText: "",
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Sofiamötets beslut om förfrågan är redan registrerat.");
    expect(again.body).toContain('id="f-decision"');
    expect(await requestRow(id)).toEqual(after);
    expect(await processesOf(id)).toHaveLength(0);
  });

  it("refuses a stale version with 409", async () => {
    const id = await register();
    const leader = await login(t.app, "processledare");
    const res = await postForm(t.app, leader, `/forfragningar/${id}/sofiamote`, {
      version: "999",
      meetingDate: nov(10),
      decision: "continue",
      reason: "",
      reasonText: "",
    });
    expect(res.statusCode).toBe(409);
    expect((await requestRow(id)).status).toBe("new");
    expect(await processesOf(id)).toHaveLength(0);
  });

  it("does not let a caseworker decide: 403, logged, no link, nothing changed", async () => {
    const id = await register();
    const worker = await login(t.app, "barnhandlaggare");
    const page = await get(t.app, worker, `/forfragningar/${id}`);
    expect(page.body).not.toContain(`/forfragningar/${id}/sofiamote`);
    const version = String((await requestRow(id)).version);
    const res = await postForm(t.app, worker, `/forfragningar/${id}/sofiamote`, {
      version,
      meetingDate: nov(10),
      decision: "continue",
      reason: "",
      reasonText: "",
    });
    expect(res.statusCode).toBe(403);
    const logged = await db()
      .select()
      .from(securityLog)
      .where(and(eq(securityLog.username, "barnhandlaggare"), eq(securityLog.action, "requests.decide")));
    expect(logged.length).toBeGreaterThanOrEqual(1);
    expect((await requestRow(id)).status).toBe("new");
    expect(await processesOf(id)).toHaveLength(0);
  });
});

describe("the Sofiamöte decision over the API", () => {
  it("decides, shows the decision in GET and answers bad input and a second decision with problem+json", async () => {
    const id = await register();
    const token = await tokenFor("processledare", ["requests.view", "requests.decide"]);
    const before = await call("GET", `/api/v1/requests/${id}`, token);
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ status: "new", decision: null });
    const version = before.json().version as number;

    const bad = await call("POST", `/api/v1/requests/${id}/decision`, token, {
      version,
      meetingDate: nov(10),
      decision: "stop",
      reason: null,
      reasonText: "",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toContainEqual({ field: "reason", message: "Välj ett skäl till att familjen inte går vidare." });

    const ok = await call("POST", `/api/v1/requests/${id}/decision`, token, {
      version,
      meetingDate: nov(5),
      decision: "continue",
    });
    expect(ok.statusCode, ok.body).toBe(201);
    const processId = ok.json().processId as string;
    const [process] = await processesOf(id);
    expect(process?.id).toBe(processId);
    expect(process?.workModelVersionId).toBe(await publishedSofiaVersionId());

    const shown = await call("GET", `/api/v1/requests/${id}`, token);
    expect(shown.json()).toMatchObject({
      status: "continued",
      decision: { meetingDate: nov(5), waitDays: 3, reason: null, processId },
    });

    const again = await call("POST", `/api/v1/requests/${id}/decision`, token, {
      version: shown.json().version,
      meetingDate: nov(5),
      decision: "stop",
      reason: "declined",
    });
    expect(again.statusCode).toBe(409);
    expect(again.headers["content-type"]).toContain("application/problem+json");
    expect(again.json().errors).toContainEqual({
      field: "decision",
      message: "Sofiamötets beslut om förfrågan är redan registrerat. Ingenting ändrades.",
    });
    expect(await processesOf(id)).toHaveLength(1);
  });

  it("refuses a caseworker's key with 403", async () => {
    const id = await register();
    const token = await tokenFor("barnhandlaggare", ["requests.view", "requests.decide"]);
    const res = await call("POST", `/api/v1/requests/${id}/decision`, token, {
      version: 1,
      meetingDate: nov(5),
      decision: "continue",
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(await processesOf(id)).toHaveLength(0);
  });
});
