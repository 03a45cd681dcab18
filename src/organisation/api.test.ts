import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, createTestApp, get, login, type TestApp } from "../../test/helpers.ts";
import { municipalities, units, users } from "../db/schema/index.ts";
import { demoCaseworkers } from "../demo/index.ts";
import { municipalityPrecision } from "./index.ts";
import { apiToken, auditRows, count, securityRows, unitId, userId } from "./testing.ts";

let t: TestApp;
let adminToken = "";
const allScopes = ["organisation.view", "organisation.manage", "users.view", "users.manage"];

beforeAll(async () => {
  t = await createTestApp();
  adminToken = await apiToken(t.database.db, await userId(t.database.db, "admin"), allScopes);
});
afterAll(() => t.close());

const db = () => t.database.db;

function call(method: "GET" | "POST" | "PATCH", url: string, body?: unknown, token = adminToken, headers: Record<string, string> = {}) {
  return t.app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    },
    payload: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

function expectProblem(res: { statusCode: number; headers: Record<string, unknown> }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers["content-type"])).toContain("application/problem+json");
}

describe("units over the API", () => {
  let id = "";

  it("lists the units", async () => {
    const res = await call("GET", "/api/v1/units");
    expect(res.statusCode).toBe(200);
    const list = res.json() as Array<{ name: string; activeUsers: number; version: number }>;
    expect(list.map((u) => u.name)).toEqual([
      "Barn och unga Norr",
      "Barn och unga Syd",
      "Barn och unga Väst",
      "Barn och unga Öst",
      "Beroendeenheten Vuxen 1",
      "Beroendeenheten Vuxen 2",
      "Mottagningsenheten",
    ]);
    expect(list[0]).toMatchObject({ kind: "child_youth", active: true, activeUsers: 9, version: 1 });
  });

  it("adds a unit (201), audited", async () => {
    const res = await call("POST", "/api/v1/units", { name: "Socialpsykiatrin", kind: "social_psychiatry" });
    expect(res.statusCode).toBe(201);
    const unit = res.json() as { id: string; version: number; createdAt: string };
    id = unit.id;
    expect(unit).toMatchObject({ name: "Socialpsykiatrin", kind: "social_psychiatry", active: true, activeUsers: 0, version: 1 });
    expect(new Date(unit.createdAt).getTime()).toBeGreaterThan(0);
    const [row] = await auditRows(db(), "unit.create", id);
    expect(row?.apiTokenId).toBeTruthy();
  });

  it("answers a duplicate name with 409 and the field", async () => {
    const before = await count(db(), units);
    const res = await call("POST", "/api/v1/units", { name: "SOCIALPSYKIATRIN", kind: "other" });
    expectProblem(res, 409);
    expect(res.json()).toMatchObject({
      status: 409,
      errors: [{ field: "name", message: "Det finns redan en enhet med det namnet. Välj ett annat namn." }],
    });
    expect(await count(db(), units)).toBe(before);
  });

  it("answers missing and wrong fields with 400 and Swedish messages per field", async () => {
    const res = await call("POST", "/api/v1/units", { kind: "castle", extra: 1 });
    expectProblem(res, 400);
    const body = res.json() as { title: string; errors: Array<{ field: string; message: string }> };
    expect(body.title).toBe("Uppgifterna innehåller fel");
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { field: "name", message: "Skriv enhetens namn" },
        { field: "kind", message: "Välj enhetens verksamhet" },
      ]),
    );
    expect(body.errors.find((e) => e.field === "body")?.message).toMatch(/extra/);
  });

  it("answers malformed JSON and a missing body with 400 problem+json", async () => {
    const broken = await call("POST", "/api/v1/units", '{"name": "Trasig",');
    expectProblem(broken, 400);
    expect(broken.json()).toMatchObject({ status: 400, title: "Innehållet är inte giltig JSON." });
    const empty = await call("POST", "/api/v1/units");
    expectProblem(empty, 400);
    expect(empty.json()).toMatchObject({ errors: [{ field: "body", message: "Innehållet ska vara ett JSON-objekt" }] });
  });

  it("changes a unit with its version; a stale version is a 409 and changes nothing", async () => {
    const ok = await call("PATCH", `/api/v1/units/${id}`, { version: 1, name: "Socialpsykiatri och LSS", active: false });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ name: "Socialpsykiatri och LSS", active: false, version: 2 });
    expect(await auditRows(db(), "unit.update", id)).toHaveLength(1);
    expect(await auditRows(db(), "unit.deactivate", id)).toHaveLength(1);

    const stale = await call("PATCH", `/api/v1/units/${id}`, { version: 1, name: "Gammalt" });
    expectProblem(stale, 409);
    expect(stale.json()).toMatchObject({ title: expect.stringContaining("Någon annan har ändrat uppgifterna") });
    const [row] = await db().select().from(units).where(eq(units.id, id));
    expect(row).toMatchObject({ name: "Socialpsykiatri och LSS", version: 2 });

    const noVersion = await call("PATCH", `/api/v1/units/${id}`, { name: "Utan version" });
    expectProblem(noVersion, 400);
    expect(noVersion.json()).toMatchObject({ errors: [{ field: "version", message: expect.stringContaining("Versionen saknas") }] });
  });

  it("answers an unknown id with 404 problem+json", async () => {
    const res = await call("PATCH", "/api/v1/units/00000000-0000-4000-8000-000000000000", { version: 1, name: "X" });
    expectProblem(res, 404);
    expect((await call("PATCH", "/api/v1/units/ingen", { version: 1 })).statusCode).toBe(404);
  });
});

describe("the municipality over the API", () => {
  const municipality = async () => (await db().select().from(municipalities))[0];

  it("reads the municipality with its wait limit", async () => {
    const res = await call("GET", "/api/v1/municipality");
    expect(res.statusCode).toBe(200);
    const m = await municipality();
    expect(res.json()).toEqual({
      id: m?.id,
      name: "Exempelby kommun",
      code: "9999",
      waitLimitDays: 14,
      placementReviewLimitDays: 30,
      emergencyPlacementLimitDays: 60,
      minGroupSize: 5,
      shareDecimals: 0,
      meanDecimals: 2,
      // The demo municipality requires two-step verification of no role (decision 0060).
      mfaRequiredRoles: [],
      version: m?.version,
      updatedAt: m?.updatedAt.toISOString(),
    });
  });

  it("changes the wait limit with its version; the change is audited with the diff", async () => {
    const before = await municipality();
    const res = await call("PATCH", "/api/v1/municipality", { version: before?.version, waitLimitDays: 30 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: "Exempelby kommun", code: "9999", waitLimitDays: 30, version: (before?.version ?? 0) + 1 });
    expect(await municipality()).toMatchObject({ waitLimitDays: 30, name: "Exempelby kommun" });
    const rows = await auditRows(db(), "municipality.update", before?.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ detail: { changes: { waitLimitDays: { from: 14, to: 30 } } } });
    expect(rows[0]?.apiTokenId).toBeTruthy();
  });

  it("refuses a wait limit outside 1–365 or not a whole number with 400 problem+json; nothing changes", async () => {
    const before = await municipality();
    for (const bad of [0, 366, 7.5, -1, "14", null]) {
      const res = await call("PATCH", "/api/v1/municipality", { version: before?.version, name: "Annat namn", waitLimitDays: bad });
      expectProblem(res, 400);
      expect(res.json(), String(bad)).toMatchObject({
        status: 400,
        errors: [{ field: "waitLimitDays", message: "Skriv ett antal dagar mellan 1 och 365" }],
      });
    }
    const english = await call("PATCH", "/api/v1/municipality", { version: before?.version, waitLimitDays: 0 }, adminToken, {
      "accept-language": "en",
    });
    expect(english.json()).toMatchObject({ errors: [{ field: "waitLimitDays", message: "Enter a number of days from 1 to 365" }] });
    expect(await municipality()).toEqual(before);
    expect(await auditRows(db(), "municipality.update", before?.id)).toHaveLength(1);
  });

  it("changes the two placement limits with the version; out of range or not whole is a field error and changes nothing", async () => {
    const before = await municipality();
    const audits = (await auditRows(db(), "municipality.update", before?.id)).length;
    for (const bad of [0, 366, 7.5, -1, "30", null]) {
      const review = await call("PATCH", "/api/v1/municipality", { version: before?.version, placementReviewLimitDays: bad });
      expectProblem(review, 400);
      expect(review.json(), String(bad)).toMatchObject({
        errors: [{ field: "placementReviewLimitDays", message: "Skriv ett antal dagar mellan 1 och 365 för placeringsforum" }],
      });
      const emergency = await call("PATCH", "/api/v1/municipality", { version: before?.version, emergencyPlacementLimitDays: bad });
      expectProblem(emergency, 400);
      expect(emergency.json(), String(bad)).toMatchObject({
        errors: [{ field: "emergencyPlacementLimitDays", message: "Skriv ett antal dagar mellan 1 och 365 för jourhemsplacering" }],
      });
    }
    expect(await municipality()).toEqual(before);
    expect(await auditRows(db(), "municipality.update", before?.id)).toHaveLength(audits);
    const stale = await call("PATCH", "/api/v1/municipality", { version: (before?.version ?? 1) - 1, placementReviewLimitDays: 20 });
    expectProblem(stale, 409);
    expect(await municipality()).toEqual(before);

    const res = await call("PATCH", "/api/v1/municipality", {
      version: before?.version,
      placementReviewLimitDays: 21,
      emergencyPlacementLimitDays: 45,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ placementReviewLimitDays: 21, emergencyPlacementLimitDays: 45 });
    expect(await municipality()).toMatchObject({ placementReviewLimitDays: 21, emergencyPlacementLimitDays: 45 });
    expect((await auditRows(db(), "municipality.update", before?.id)).at(-1)).toMatchObject({
      detail: { changes: { placementReviewLimitDays: { from: 30, to: 21 }, emergencyPlacementLimitDays: { from: 60, to: 45 } } },
    });
    const back = await call("PATCH", "/api/v1/municipality", {
      version: res.json().version,
      placementReviewLimitDays: 30,
      emergencyPlacementLimitDays: 60,
    });
    expect(back.statusCode, back.body).toBe(200);
  });

  it("changes the decimals of shares and means; other modules read them as the municipality's precision", async () => {
    const before = await municipality();
    expect(await municipalityPrecision(db(), before?.id ?? "")).toEqual({ shareDecimals: 0, meanDecimals: 2 });
    const res = await call("PATCH", "/api/v1/municipality", { version: before?.version, shareDecimals: 1, meanDecimals: 0 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ shareDecimals: 1, meanDecimals: 0 });
    expect(await municipalityPrecision(db(), before?.id ?? "")).toEqual({ shareDecimals: 1, meanDecimals: 0 });
    const rows = await auditRows(db(), "municipality.update", before?.id);
    expect(rows.at(-1)).toMatchObject({ detail: { changes: { shareDecimals: { from: 0, to: 1 }, meanDecimals: { from: 2, to: 0 } } } });
    const back = await call("PATCH", "/api/v1/municipality", { version: res.json().version, shareDecimals: 0, meanDecimals: 2 });
    expect(back.statusCode, back.body).toBe(200);
  });

  it("refuses decimals outside 0–1 for shares and 0–2 for means with the field's Swedish message; nothing changes", async () => {
    const before = await municipality();
    const audits = (await auditRows(db(), "municipality.update", before?.id)).length;
    for (const bad of [2, -1, 0.5, "1", null]) {
      const res = await call("PATCH", "/api/v1/municipality", { version: before?.version, shareDecimals: bad });
      expectProblem(res, 400);
      expect(res.json(), String(bad)).toMatchObject({
        errors: [{ field: "shareDecimals", message: "Välj hela procent eller en decimal" }],
      });
    }
    for (const bad of [3, -1, 1.5, "2"]) {
      const res = await call("PATCH", "/api/v1/municipality", { version: before?.version, meanDecimals: bad });
      expectProblem(res, 400);
      expect(res.json(), String(bad)).toMatchObject({ errors: [{ field: "meanDecimals", message: "Välj noll, en eller två decimaler" }] });
    }
    expect(await municipality()).toEqual(before);
    expect(await auditRows(db(), "municipality.update", before?.id)).toHaveLength(audits);
  });

  it("answers a stale version with 409 and changes nothing", async () => {
    const before = await municipality();
    const stale = await call("PATCH", "/api/v1/municipality", { version: (before?.version ?? 1) - 1, waitLimitDays: 7 });
    expectProblem(stale, 409);
    expect(await municipality()).toEqual(before);
  });

  it("lets only a token with organisation.manage change it", async () => {
    const narrow = await apiToken(db(), await userId(db(), "admin"), ["organisation.view"]);
    const before = await municipality();
    expect((await call("GET", "/api/v1/municipality", undefined, narrow)).statusCode).toBe(200);
    expectProblem(await call("PATCH", "/api/v1/municipality", { version: before?.version, waitLimitDays: 7 }, narrow), 403);
    const leader = await apiToken(db(), await userId(db(), "processledare"), ["organisation.view", "organisation.manage"]);
    expectProblem(await call("PATCH", "/api/v1/municipality", { version: before?.version, waitLimitDays: 7 }, leader), 403);
    expect(await municipality()).toEqual(before);
  });
});

describe("users over the API", () => {
  let id = "";

  it("adds a user (201) and returns the one-time link once; the link works", async () => {
    const before = t.clock.now().getTime();
    const res = await call("POST", "/api/v1/users", {
      username: "Api.Anvandare",
      displayName: "Api Användare",
      email: "api@exempelby.se",
      roles: ["caseworker"],
      unitIds: [await unitId(db(), "Mottagningsenheten")],
    });
    const after = t.clock.now().getTime();
    expect(res.statusCode).toBe(201);
    const body = res.json() as { user: { id: string; username: string }; passwordLink: { token: string; url: string; expiresAt: string } };
    id = body.user.id;
    expect(body.user).toMatchObject({
      username: "api.anvandare",
      roles: ["caseworker"],
      units: [{ name: "Mottagningsenheten", active: true }],
    });
    expect(body.passwordLink.url).toMatch(new RegExp(`/losenord/${body.passwordLink.token}$`));
    // 72 hours from when the request was served, however long it took.
    const expires = new Date(body.passwordLink.expiresAt).getTime();
    expect(expires).toBeGreaterThanOrEqual(before + 72 * 3_600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(after + 72 * 3_600_000);
    const page = await get(t.app, await anonymous(t.app), `/losenord/${body.passwordLink.token}`);
    expect(page.statusCode).toBe(200);
    expect(await auditRows(db(), "user.create", id)).toHaveLength(1);
  });

  it("refuses bad input field by field in Swedish, and a duplicate username with 409", async () => {
    const before = await count(db(), users);
    const bad = await call("POST", "/api/v1/users", { username: "a", email: "inte-en-adress", roles: [] });
    expectProblem(bad, 400);
    expect((bad.json() as { errors: unknown[] }).errors).toEqual(
      expect.arrayContaining([
        { field: "username", message: "Användarnamnet måste ha minst 3 tecken" },
        { field: "displayName", message: "Skriv användarens namn" },
        { field: "email", message: "Skriv e-postadressen i formatet namn@exempel.se, eller lämna fältet tomt" },
        { field: "roles", message: "Välj minst en roll" },
      ]),
    );
    const noUnit = await call("POST", "/api/v1/users", { username: "utan.enhet", displayName: "Utan", roles: ["caseworker"] });
    expectProblem(noUnit, 400);
    expect(noUnit.json()).toMatchObject({ errors: [{ field: "unitIds", message: expect.stringContaining("minst en enhet") }] });
    const badRole = await call("POST", "/api/v1/users", { username: "fel.roll", displayName: "Fel", roles: ["king"] });
    expect(badRole.json()).toMatchObject({ errors: [{ field: "roles.0", message: "Välj bland rollerna som finns" }] });
    const dup = await call("POST", "/api/v1/users", { username: "API.ANVANDARE", displayName: "Dubblett", roles: ["analyst"] });
    expectProblem(dup, 409);
    expect(dup.json()).toMatchObject({ errors: [{ field: "username", message: "Användarnamnet är redan upptaget. Välj ett annat." }] });
    expect(await count(db(), users)).toBe(before);
  });

  it("answers in English when asked to", async () => {
    const res = await call("POST", "/api/v1/units", { name: "" }, adminToken, { "accept-language": "en" });
    expect(res.json()).toMatchObject({
      title: "The data contains errors",
      errors: expect.arrayContaining([{ field: "name", message: "Enter the name of the unit" }]),
    });
  });

  it("lists users with filters and gets one user; both are audited disclosures", async () => {
    const before = (await auditRows(db(), "user.view")).length;
    const list = await call("GET", "/api/v1/users?role=caseworker&active=true");
    expect(list.statusCode).toBe(200);
    const names = (list.json() as Array<{ displayName: string }>).map((u) => u.displayName);
    // The demo's own caseworkers and the ones it generates for the follow-up (src/demo/followup-data.ts), by name.
    const expected = ["Api Användare", "Bo Barnhandläggare", "Mats Mottagning", "Sara Sydström", "Vera Vuxenhandläggare"];
    expect([...names].sort()).toEqual([...expected, ...demoCaseworkers.map((c) => c.displayName)].sort());
    // The list is one row naming every user shown (decision 0051).
    const listed = (await auditRows(db(), "user.view")).slice(before);
    expect(listed).toHaveLength(1);
    expect(listed[0]?.subjectUserIds).toHaveLength(names.length);

    const one = await call("GET", `/api/v1/users/${id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ id, displayName: "Api Användare", email: "api@exempelby.se", active: true });
    const rows = await auditRows(db(), "user.view", id);
    expect(rows.at(-1)).toMatchObject({ subjectUserId: id, detail: { via: "detail" } });

    expectProblem(await call("GET", "/api/v1/users/00000000-0000-4000-8000-000000000000"), 404);
    expectProblem(await call("GET", "/api/v1/users?role=king"), 400);
  });

  it("edits and deactivates a user; deactivation ends their sessions", async () => {
    const bo = await login(t.app, "barnhandlaggare");
    const boId = await userId(db(), "barnhandlaggare");
    const current = (await call("GET", `/api/v1/users/${boId}`)).json() as { version: number };
    const res = await call("PATCH", `/api/v1/users/${boId}`, { version: current.version, email: "bo@exempelby.se", active: false });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ email: "bo@exempelby.se", active: false, version: current.version + 1 });
    expect((await get(t.app, bo, "/start")).headers.location).toMatch(/^\/logga-in/);
    expect(await auditRows(db(), "user.deactivate", boId)).toHaveLength(1);

    const stale = await call("PATCH", `/api/v1/users/${boId}`, { version: current.version, active: true });
    expectProblem(stale, 409);
    const self = await call("PATCH", `/api/v1/users/${await userId(db(), "admin")}`, { version: 1, active: false });
    expectProblem(self, 400);
    expect(self.json()).toMatchObject({ errors: [{ field: "active", message: expect.stringContaining("ditt eget konto") }] });
  });
});

describe("API access", () => {
  it("needs a token: none is 401, a token without the scope is 403 and logged", async () => {
    expectProblem(await t.app.inject({ method: "GET", url: "/api/v1/units" }), 401);
    const narrow = await apiToken(db(), await userId(db(), "admin"), ["organisation.view"]);
    const res = await call("POST", "/api/v1/units", { name: "Utan behörighet", kind: "other" }, narrow);
    expectProblem(res, 403);
    expect((await securityRows(db(), "token_scope_denied")).at(-1)).toMatchObject({ action: "organisation.manage", username: "admin" });
    expect(await db().select().from(units).where(eq(units.name, "Utan behörighet"))).toHaveLength(0);
  });

  it("shows a caseworker only their own units", async () => {
    const token = await apiToken(db(), await userId(db(), "vuxenhandlaggare"), ["organisation.view"]);
    const res = await call("GET", "/api/v1/units", undefined, token);
    expect(res.statusCode).toBe(200);
    expect((res.json() as Array<{ name: string }>).map((u) => u.name)).toEqual(["Beroendeenheten Vuxen 1"]);
  });

  it("keeps a unit manager's token to the users of their units", async () => {
    const token = await apiToken(db(), await userId(db(), "enhetschef"), ["users.view"]);
    const list = await call("GET", "/api/v1/users", undefined, token);
    const names = (list.json() as Array<{ displayName: string }>).map((u) => u.displayName);
    expect(names).toContain("Erik Enhetschef");
    expect(names).not.toContain("Mats Mottagning");
    const mats = await call("GET", `/api/v1/users/${await userId(db(), "handlaggare.mottagning")}`, undefined, token);
    expectProblem(mats, 403);
    expect((await securityRows(db(), "scope_denied")).at(-1)).toMatchObject({ username: "enhetschef", action: "users.view" });
  });

  it("does not let a browser session use the API, nor an API token a page", async () => {
    const admin = await login(t.app, "admin");
    const res = await t.app.inject({ method: "GET", url: "/api/v1/units", headers: { cookie: admin.cookie } });
    expectProblem(res, 401);
    const page = await t.app.inject({ method: "GET", url: "/organisation", headers: { authorization: `Bearer ${adminToken}` } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe("/logga-in");
  });

  it("documents the routes in OpenAPI with the Organisation tag and Swedish summaries", () => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, { tags?: string[]; summary?: string; requestBody?: unknown }>> };
    for (const [path, methods] of [
      ["/api/v1/municipality", ["get", "patch"]],
      ["/api/v1/units", ["get", "post"]],
      ["/api/v1/units/{id}", ["patch"]],
      ["/api/v1/users", ["get", "post"]],
      ["/api/v1/users/{id}", ["get", "patch"]],
    ] as const) {
      for (const m of methods) {
        const op = doc.paths[path]?.[m];
        expect(op?.tags, `${m} ${path}`).toEqual(["Organisation"]);
        expect(op?.summary).toBeTruthy();
      }
    }
    expect(JSON.stringify(doc.paths["/api/v1/users"]?.post?.requestBody)).toContain("username");
    expect(JSON.stringify(doc.paths["/api/v1/municipality"]?.patch?.requestBody)).toContain("waitLimitDays");
  });
});
