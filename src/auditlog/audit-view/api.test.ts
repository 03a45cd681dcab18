import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, createTestApp, type TestApp } from "../../../test/helpers.ts";
import { auditLog, securityLog, users } from "../../db/schema/index.ts";
import { API_TOKEN_PREFIX } from "../../platform/sessions.ts";
import { addDays, stockholmDate } from "../model.ts";

let t: TestApp;
const id: Record<string, string> = {};
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000);
const today = () => stockholmDate(new Date());

const tokenFor = (username: string, scopes: string[]) => apiToken(t, username, scopes);
const call = (token: string | null, url: string) => apiCall(t.app, "GET", url, token);

beforeAll(async () => {
  t = await createTestApp();
  for (const u of await t.database.db.select({ id: users.id, username: users.username }).from(users)) id[u.username] = u.id;
  const row = (actor: string, subject: string, reason: string, at: Date) => ({
    actorUserId: id[actor],
    actorUsername: actor,
    actorRoles: ["caseworker"],
    actorUnitIds: [],
    action: "user.view",
    recordType: "user",
    recordId: id[subject],
    subjectUserId: id[subject],
    ip: "10.1.2.3",
    reason,
    at,
  });
  await t.database.db
    .insert(auditLog)
    .values([
      row("barnhandlaggare", "handlaggare.mottagning", "api-r1", daysAgo(3)),
      row("vuxenhandlaggare", "handlaggare.mottagning", "api-r2", daysAgo(2)),
      row("vuxenhandlaggare", "handlaggare.syd", "api-r3", daysAgo(1)),
    ]);
});
afterAll(() => t.close());

const reasons = (body: { entries: Array<{ reason: string | null }> }) =>
  body.entries.map((e) => e.reason).filter((r) => r?.startsWith("api-"));

describe("GET /api/v1/audit-log", () => {
  it("gives an administrator's token the municipality's rows, newest first, and audits the read", async () => {
    const token = await tokenFor("admin", ["audit.review"]);
    const res = await call(token, "/api/v1/audit-log?action=user.view");
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(reasons(body)).toEqual(["api-r3", "api-r2", "api-r1"]);
    expect(body).toMatchObject({ page: 1, pageSize: 50, pages: 1, total: 3, filter: { action: "user.view", to: today() } });
    expect(body.entries[0]).toMatchObject({
      actor: { userId: id.vuxenhandlaggare, username: "vuxenhandlaggare", displayName: "Vera Vuxenhandläggare", roles: ["caseworker"] },
      action: "user.view",
      actionLabel: "Visade användare",
      record: { type: "user", typeLabel: "Användare", id: id["handlaggare.syd"] },
      subject: { userId: id["handlaggare.syd"], displayName: "Sara Sydström", personId: null },
      ip: "10.1.2.3",
    });
    expect(new Date(body.entries[0].at).toISOString()).toBe(body.entries[0].at);

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "audit.view"), eq(auditLog.actorUsername, "admin")))
      .orderBy(desc(auditLog.id))
      .limit(1);
    expect(audit?.apiTokenId).not.toBeNull();
    expect(audit?.detail).toMatchObject({ filter: { action: "user.view" }, shown: 3, total: 3 });
  });

  it("takes the same filters as the page", async () => {
    const token = await tokenFor("admin", ["audit.review"]);
    const byUser = (await call(token, `/api/v1/audit-log?user=${id.vuxenhandlaggare}`)).json();
    expect(reasons(byUser)).toEqual(["api-r3", "api-r2"]);
    const byPerson = (await call(token, `/api/v1/audit-log?person=user:${id["handlaggare.mottagning"]}`)).json();
    expect(reasons(byPerson)).toEqual(["api-r2", "api-r1"]);
    const day = stockholmDate(daysAgo(2));
    const byPeriod = (await call(token, `/api/v1/audit-log?from=${day}&to=${day}&action=user.view`)).json();
    expect(reasons(byPeriod)).toEqual(["api-r2"]);
    const paged = (await call(token, "/api/v1/audit-log?action=user.view&pageSize=2&page=2")).json();
    expect(paged).toMatchObject({ page: 2, pageSize: 2, pages: 2, total: 3 });
    expect(reasons(paged)).toEqual(["api-r1"]);
  });

  it("gives a unit manager's token only the rows of the manager's units", async () => {
    const token = await tokenFor("enhetschef", ["audit.review"]);
    const res = await call(token, "/api/v1/audit-log?action=user.view");
    expect(res.statusCode).toBe(200);
    // api-r1: the actor is in Barn och unga Norr; api-r3: the person is in Barn och unga Syd.
    expect(reasons(res.json())).toEqual(["api-r3", "api-r1"]);
  });

  it("answers bad filters with field-linked problem+json in Swedish", async () => {
    const token = await tokenFor("admin", ["audit.review"]);
    const bad = await call(token, "/api/v1/audit-log?from=not-a-date&user=nobody");
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json()).toMatchObject({ status: 400, title: "Uppgifterna innehåller fel" });
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        { field: "from", message: "Skriv från-datumet som ett datum som finns, till exempel 2026-01-31 eller 31/1 2026" },
        { field: "user", message: "Välj en användare i listan" },
      ]),
    );
    const swedish = await call(token, `/api/v1/audit-log?from=${encodeURIComponent("1/12 2026")}&to=${encodeURIComponent("20 dec 2026")}`);
    expect(swedish.statusCode, swedish.body).toBe(200);
    expect(swedish.json().filter).toMatchObject({ from: "2026-12-01", to: "2026-12-20" });
    const reversed = await call(token, `/api/v1/audit-log?from=${today()}&to=${addDays(today(), -1)}`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toEqual([{ field: "to", message: "Till-datumet kan inte vara före från-datumet" }]);
    const unknown = await call(token, "/api/v1/audit-log?action=no.such.action");
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ field: "action", message: expect.stringContaining("Händelsen finns inte i loggen") }]);
    const size = await call(token, "/api/v1/audit-log?pageSize=1000");
    expect(size.json().errors).toEqual([{ field: "pageSize", message: expect.stringContaining("1 till 200") }]);
  });

  it("refuses a token without the scope, a caseworker's token and no token at all", async () => {
    const narrow = await tokenFor("admin", ["users.view"]);
    const res = await call(narrow, "/api/v1/audit-log");
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const denied = await t.database.db.select().from(securityLog).where(eq(securityLog.event, "token_scope_denied"));
    expect(denied.some((r) => r.userId === id.admin && r.action === "audit.review")).toBe(true);

    const caseworker = await tokenFor("barnhandlaggare", ["audit.review"]);
    expect((await call(caseworker, "/api/v1/audit-log")).statusCode).toBe(403);
    expect((await call(null, "/api/v1/audit-log")).statusCode).toBe(401);
    expect((await call(`${API_TOKEN_PREFIX}forged`, "/api/v1/audit-log")).statusCode).toBe(401);
  });

  it("is described in the OpenAPI document under its tag", async () => {
    const doc = t.app.swagger() as { paths: Record<string, { get?: { tags?: string[]; parameters?: Array<{ name: string }> } }> };
    const op = doc.paths["/api/v1/audit-log"]?.get;
    expect(op?.tags).toEqual(["Logguppföljning"]);
    expect(op?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(["from", "to", "user", "person", "action", "page", "pageSize"]),
    );
  });
});
