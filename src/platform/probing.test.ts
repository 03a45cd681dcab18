/**
 * The holes the probing of issue 17 found in the HTTP frame (items 1, 6 and 9): text that cannot be
 * stored, personal data in caches, and what a request meets before its body is read.
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, apiCall, apiToken, createTestApp, get, login, postForm, type TestApp, testClock } from "../../test/helpers.ts";
import { auditLog, economyProjects, implementationActivities, interimReports, processes, securityLog, units } from "../db/schema/index.ts";
import { fieldId } from "./forms.tsx";

let t: TestApp;
let leader: string;
let admin: string;
const db = () => t.database.db;
const today = testClock().today();

beforeAll(async () => {
  t = await createTestApp();
  leader = await apiToken(t, "processledare", [
    "requests.view",
    "processes.view",
    "persons.reveal",
    "persons.search",
    "economy.view",
    "economy.manage",
    "implementation.view",
    "implementation.manage",
    "reports.view",
    "reports.manage",
  ]);
  admin = await apiToken(t, "admin", ["organisation.view", "organisation.manage", "users.view", "audit.review"]);
});
afterAll(() => t.close());

const NUL = "Anna\u0000Andersson";
const LONE = "Anna\ud800Andersson";
const rows = async () => ({
  units: (await db().select({ n: count() }).from(units))[0]?.n,
  projects: (await db().select({ n: count() }).from(economyProjects))[0]?.n,
  activities: (await db().select({ n: count() }).from(implementationActivities))[0]?.n,
  reports: (await db().select({ n: count() }).from(interimReports))[0]?.n,
  audit: (await db().select({ n: count() }).from(auditLog))[0]?.n,
});

/** A person the process leader may see, with their process: the first link of the process list, then the first person. */
async function aProcessPerson(): Promise<{ processId: string; personId: string }> {
  const browser = await login(t.app, "processledare");
  const list = (await get(t.app, browser, "/processer")).body;
  for (const [, processId] of list.matchAll(/href="\/processer\/([0-9a-f-]{36})"/g)) {
    const page = (await get(t.app, browser, `/processer/${processId}`)).body;
    const personId = /personnummer\/([0-9a-f-]{36})/.exec(page)?.[1];
    if (processId && personId) return { processId, personId };
  }
  throw new Error("no process with a person to reveal");
}

describe("text that PostgreSQL cannot store (item 1)", () => {
  it("is refused with 400 and the field on every write, whatever endpoint, and changes nothing", async () => {
    const { processId, personId } = await aProcessPerson();
    const calls: Array<{ url: string; token: string; body: (bad: string) => unknown; field: string }> = [
      { url: "/api/v1/units", token: admin, body: (bad) => ({ name: bad, kind: "other" }), field: "name" },
      {
        url: "/api/v1/economy/projects",
        token: leader,
        body: (bad) => ({
          name: "Probe",
          fundingSource: bad,
          fundingKind: "local_development",
          fromYear: 2025,
          toYear: 2026,
          grants: [{ year: 2025, amount: 1000 }],
        }),
        field: "fundingSource",
      },
      {
        url: "/api/v1/implementation/activities",
        token: leader,
        body: (bad) => ({ activityDate: "2024-05-10", kind: "analysis_seminar", theme: bad, status: "held", participants: 3 }),
        field: "theme",
      },
      {
        url: "/api/v1/reports",
        token: leader,
        body: (bad) => ({ title: "Probe", periodFrom: "2024-01-01", periodTo: today, texts: { summary: bad } }),
        field: "texts.summary",
      },
      { url: "/api/v1/search", token: leader, body: (bad) => ({ query: bad }), field: "query" },
      {
        url: `/api/v1/processes/${processId}/persons/${personId}/identity-number`,
        token: leader,
        body: (bad) => ({ reason: `Söka i journalen ${bad}` }),
        field: "reason",
      },
    ];
    const before = await rows();
    for (const call of calls) {
      for (const bad of [NUL, LONE]) {
        // The body as a client sends it: JSON escapes, a lone surrogate as \\ud800.
        const res = await apiCall(t.app, "POST", call.url, call.token, call.body(bad));
        expect(res.statusCode, `${call.url}: ${res.body}`).toBe(400);
        expect(res.headers["content-type"]).toContain("application/problem+json");
        const problem = res.json() as { errors?: Array<{ field: string; message: string }> };
        expect(problem.errors, call.url).toEqual([{ field: call.field, message: expect.stringContaining("tecken") }]);
      }
    }
    expect(await rows()).toEqual(before);
  });

  it("is refused in a key and inside a list too, with the path", async () => {
    const res = await apiCall(t.app, "POST", "/api/v1/economy/projects", leader, {
      name: "Probe",
      fundingSource: "Lokala medel",
      fundingKind: "local_development",
      fromYear: 2025,
      toYear: 2026,
      grants: [{ year: 2025, amount: 1000, note: "a\u0000" }],
    });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { errors: Array<{ field: string }> }).errors).toEqual([{ field: "grants.0.note", message: expect.any(String) }]);
  });

  it("is refused on a form with the error linked to its field, and on any other form without a 500", async () => {
    const browser = await login(t.app, "admin");
    const before = await rows();
    // A form cannot carry a lone surrogate (UTF-8 has none; a browser sends U+FFFD): a NUL it can.
    for (const bad of [NUL, `\u0000${NUL}`]) {
      const res = await postForm(t.app, browser, "/organisation/enheter/ny", { name: bad, kind: "other" });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(`href="#${fieldId("name")}"`);
      expect(res.body).toContain("tecken som inte kan sparas");
    }
    const anon = await anonymous(t.app);
    const loginRes = await t.app.inject({
      method: "POST",
      url: "/logga-in",
      headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ _csrf: anon.csrf, username: NUL, password: "x" }).toString(),
    });
    expect(loginRes.statusCode).toBe(400);
    const search = await get(t.app, await login(t.app, "processledare"), `/sok?q=${encodeURIComponent(NUL)}`);
    expect(search.statusCode).toBeLessThan(500);
    // The logins wrote their audit rows; nothing else changed.
    expect({ ...(await rows()), audit: 0 }).toEqual({ ...before, audit: 0 });
  });
});

describe("Cache-Control (item 6)", () => {
  it("is no-store on every API answer and every answer to a logged-in user; static files stay cacheable", async () => {
    const requests = (await apiCall(t.app, "GET", "/api/v1/requests", leader)).json() as Array<{ id: string }>;
    const request = requests[0];
    const [process] = await db().select({ id: processes.id }).from(processes).limit(1);
    const processId = process?.id;
    const urls: Array<[string, string]> = [
      ["/api/v1/requests", leader],
      [`/api/v1/requests/${request?.id}`, leader],
      [`/api/v1/processes/${processId}`, leader],
      ["/api/v1/users", admin],
      ["/api/v1/audit-log", admin],
      ["/api/v1/units", admin],
      ["/api/v1/economy/projects", leader],
    ];
    for (const [url, token] of urls) {
      const res = await apiCall(t.app, "GET", url, token);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
    const auditor = await login(t.app, "admin");
    for (const url of ["/logguppfoljning/export.csv", "/start", "/organisation"]) {
      const res = await get(t.app, auditor, url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
    const css = await get(t.app, auditor, "/static/ds/theme/designsystemet.css");
    expect(css.statusCode).toBe(200);
    expect(css.headers["cache-control"]).not.toContain("no-store");
  });
});

describe("framework answers and the order of the checks (item 9)", () => {
  it("answers a too long URI on the API with 414 problem+json", async () => {
    const res = await apiCall(t.app, "GET", `/api/v1/processes/${"a".repeat(200)}`, leader);
    expect(res.statusCode).toBe(414);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 414, title: expect.any(String) });
    const bad = await t.app.inject({ method: "GET", url: "/api/v1/units/%E0%A4%A" });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
  });

  it("answers a forbidden write 403 whatever its body, before validating it", async () => {
    const reader = await apiToken(t, "analytiker", ["implementation.view"]);
    for (const body of [{}, { activityDate: "x", kind: "castle" }, { theme: NUL }]) {
      const res = await apiCall(t.app, "POST", "/api/v1/implementation/activities", reader, body);
      expect(res.statusCode, res.body).toBe(403);
      expect(res.headers["content-type"]).toContain("application/problem+json");
    }
    // A token without the scope, though its user's roles have it: also 403 before the body.
    const narrow = await apiToken(t, "processledare", ["implementation.view"]);
    const res = await apiCall(t.app, "POST", "/api/v1/implementation/activities", narrow, { kind: "castle" });
    expect(res.statusCode).toBe(403);
  });

  it("checks an upload's CSRF token and permission before its file is read", async () => {
    const boundary = "----probe";
    const multipart = (parts: string) => ({
      "content-type": `multipart/form-data; boundary=${boundary}`,
      payload: `${parts}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nkonto;belopp\r\n`,
    });
    // A multipart body cut off in the file (no closing boundary) cannot be read: it must not be tried.
    const projectId = ((await apiCall(t.app, "GET", "/api/v1/economy/projects", leader)).json() as Array<{ id: string }>)[0]?.id;
    const url = `/ekonomi/${projectId}/import`;
    const owner = await login(t.app, "processledare");
    const refusedBefore = (await db().select({ n: count() }).from(securityLog).where(eq(securityLog.event, "csrf_rejected")))[0]?.n ?? 0;
    const noToken = multipart("");
    const res = await t.app.inject({
      method: "POST",
      url,
      headers: { cookie: owner.cookie, "content-type": noToken["content-type"] },
      payload: noToken.payload,
    });
    expect(res.statusCode).toBe(403);
    const refusedAfter = (await db().select({ n: count() }).from(securityLog).where(eq(securityLog.event, "csrf_rejected")))[0]?.n ?? 0;
    expect(refusedAfter).toBe(refusedBefore + 1);

    // A user without the permission, with a valid token: 403 before the file.
    const caseworker = await login(t.app, "barnhandlaggare");
    const withToken = multipart(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${caseworker.csrf}\r\n`);
    const forbidden = await t.app.inject({
      method: "POST",
      url,
      headers: { cookie: caseworker.cookie, "content-type": withToken["content-type"] },
      payload: withToken.payload,
    });
    expect(forbidden.statusCode).toBe(403);
  });
});
