import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, createTestApp, get, login, postForm, type TestApp } from "../../test/helpers.ts";
import { apiTokens, auditLog, securityLog } from "../db/schema/index.ts";
import { ForbiddenError } from "../platform/errors.ts";
import { loadActor, sha256 } from "../platform/sessions.ts";
import { createToken } from "./service.ts";

let t: TestApp;
let caseworker: Browser;
beforeAll(async () => {
  t = await createTestApp();
  caseworker = await login(t.app, "barnhandlaggare");
});
afterAll(() => t.close());

const TOKEN = /sofia_pat_[A-Za-z0-9_-]{43}/;

async function createInUi(browser: Browser, fields: Record<string, string | string[]>) {
  const res = await postForm(t.app, browser, "/konto/api-nycklar", { expiresInDays: "90", ...fields });
  const token = TOKEN.exec(res.body)?.[0];
  return { res, token: token ?? "" };
}

const bearer = (token: string, method: "GET" | "DELETE", url: string) =>
  t.app.inject({ method, url, headers: { authorization: `Bearer ${token}` } });

const tokenRow = async (token: string) =>
  (
    await t.database.db
      .select()
      .from(apiTokens)
      .where(eq(apiTokens.tokenHash, sha256(token)))
  )[0];

const auditRows = (action: string, recordId: string) =>
  t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.recordId, recordId)));

const count = async (table: typeof apiTokens | typeof auditLog) =>
  ((await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n;

describe("My account", () => {
  it("shows the user's name, username, roles and units, and offers only the scopes the roles allow", async () => {
    const res = await get(t.app, caseworker, "/konto");
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<h1/g)).toHaveLength(1);
    expect(res.body).toContain("barnhandlaggare");
    expect(res.body).toContain("Handläggare");
    expect(res.body).toContain("API-nycklar");
    expect(res.body).toContain('value="organisation.view"');
    expect(res.body).toContain("Se kommunen, enheterna och deras medarbetare");
    expect(res.body).not.toContain('value="users.manage"');
    expect(res.body).toContain('href="/api-dokumentation"');

    const admin = await get(t.app, await login(t.app, "admin"), "/konto");
    expect(admin.body).toContain('value="users.manage"');
  });

  it("is for signed-in users only", async () => {
    const res = await get(t.app, null, "/konto");
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/logga-in");
  });
});

describe("a personal access token, from creation to revocation", () => {
  it("is shown once, stored hashed, works on the API, and stops working when revoked", async () => {
    const { res, token } = await createInUi(caseworker, {
      name: "Verksamhetssystemet",
      scopes: ["account.manage_own", "organisation.view"],
    });
    expect(res.statusCode).toBe(201);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body).toContain("visas bara den här gången");
    expect(token).toMatch(TOKEN);

    // Stored as its hash, with the first characters as prefix; the secret itself nowhere.
    const row = await tokenRow(token);
    expect(row).toBeDefined();
    expect(row!.prefix).toBe(token.slice(0, 14));
    expect(Object.values(row!)).not.toContain(token);
    expect(row!.scopes).toEqual(["account.manage_own", "organisation.view"]);
    const days = (row!.expiresAt!.getTime() - row!.createdAt.getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);

    const [created] = await auditRows("api_token.create", row!.id);
    expect(created).toMatchObject({ actorUsername: "barnhandlaggare", recordType: "api_token", subjectUserId: row!.userId });
    expect(JSON.stringify(created!.detail)).not.toContain(token);

    // The account page lists it by prefix, never the secret.
    const page = await get(t.app, caseworker, "/konto");
    expect(page.body).toContain(`${row!.prefix}…`);
    expect(page.body).toContain("Verksamhetssystemet");
    expect(page.body).not.toContain(token);

    const me = await bearer(token, "GET", "/api/v1/me");
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      id: row!.userId,
      username: "barnhandlaggare",
      roles: ["caseworker"],
      scopes: ["account.manage_own", "organisation.view"],
    });
    expect((await tokenRow(token))!.lastUsedAt).not.toBeNull();

    const list = await bearer(token, "GET", "/api/v1/tokens");
    expect(list.statusCode).toBe(200);
    const listed = list.json() as Array<Record<string, unknown>>;
    expect(listed.find((x) => x.id === row!.id)).toMatchObject({ name: "Verksamhetssystemet", prefix: row!.prefix, status: "active" });
    expect(list.body).not.toContain(token);
    expect(list.body).not.toContain(row!.tokenHash);

    const revoke = await postForm(t.app, caseworker, `/konto/api-nycklar/${row!.id}/aterkalla`, {});
    expect(revoke.statusCode).toBe(303);
    expect(revoke.headers.location).toBe("/konto?aterkallad=1");
    expect((await tokenRow(token))!.revokedAt).not.toBeNull();
    expect(await auditRows("api_token.revoke", row!.id)).toHaveLength(1);
    const after = await get(t.app, caseworker, "/konto?aterkallad=1");
    expect(after.body).toContain("Nyckeln är återkallad");

    const refused = await bearer(token, "GET", "/api/v1/me");
    expect(refused.statusCode).toBe(401);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.json()).toMatchObject({ status: 401, title: "Du behöver logga in" });
  });

  it("is refused once it has expired", async () => {
    const { token } = await createInUi(caseworker, { name: "Kortlivad", scopes: "start.view" });
    expect((await bearer(token, "GET", "/api/v1/me")).statusCode).toBe(200);
    await t.database.db
      .update(apiTokens)
      .set({ expiresAt: new Date(t.clock.now().getTime() - 60_000) })
      .where(eq(apiTokens.tokenHash, sha256(token)));
    const res = await bearer(token, "GET", "/api/v1/me");
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const page = await get(t.app, caseworker, "/konto");
    expect(page.body).toContain("Har gått ut");
  });

  it("can do only what its scopes allow: otherwise 403 problem+json and a security-log row", async () => {
    const { token } = await createInUi(caseworker, { name: "Bara organisation", scopes: "organisation.view" });
    const res = await bearer(token, "GET", "/api/v1/tokens");
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    expect(res.json()).toMatchObject({ status: 403 });
    const logged = await t.database.db
      .select()
      .from(securityLog)
      .where(and(eq(securityLog.event, "token_scope_denied"), eq(securityLog.action, "account.manage_own")));
    expect(logged.length).toBe(1);
    expect(logged[0]).toMatchObject({ username: "barnhandlaggare", route: "/api/v1/tokens", method: "GET" });
    // Asking who it is works with any valid token.
    expect((await bearer(token, "GET", "/api/v1/me")).json()).toMatchObject({ scopes: ["organisation.view"] });
  });

  it("cannot be given a scope the user's roles lack: field-linked Swedish error, nothing created", async () => {
    const [tokensBefore, auditBefore] = [await count(apiTokens), await count(auditLog)];
    const { res, token } = await createInUi(caseworker, { name: "För mycket", scopes: ["organisation.view", "users.manage"] });
    expect(res.statusCode).toBe(400);
    expect(token).toBe("");
    expect(res.body).toContain('href="#f-scopes"');
    expect(res.body).toContain("Du kan bara ge nyckeln behörigheter som dina roller har");
    expect(res.body).toContain('id="f-scopes-error"');
    // The form keeps what was entered.
    expect(res.body).toContain('value="För mycket"');
    expect([await count(apiTokens), await count(auditLog)]).toEqual([tokensBefore, auditBefore]);
  });

  it("refuses a form with bad fields, each linked, and creates nothing", async () => {
    const before = await count(apiTokens);
    const res = await postForm(t.app, caseworker, "/konto/api-nycklar", { name: "x".repeat(101), expiresInDays: "7" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-name"');
    expect(res.body).toContain('href="#f-scopes"');
    expect(res.body).toContain('href="#f-expiresInDays"');
    expect(res.body).toContain("Namnet får vara högst 100 tecken");
    expect(res.body).toContain("Välj minst en behörighet");
    expect(await count(apiTokens)).toBe(before);
  });

  it("cannot be revoked by anyone but its owner", async () => {
    const { token } = await createInUi(caseworker, { name: "Min", scopes: "account.manage_own" });
    const row = (await tokenRow(token))!;
    const other = await login(t.app, "vuxenhandlaggare");
    const page = await postForm(t.app, other, `/konto/api-nycklar/${row.id}/aterkalla`, {});
    expect(page.statusCode).toBe(404);
    const { token: otherToken } = await createInUi(other, { name: "Annans", scopes: "account.manage_own" });
    const api = await bearer(otherToken, "DELETE", `/api/v1/tokens/${row.id}`);
    expect(api.statusCode).toBe(404);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect((await tokenRow(token))!.revokedAt).toBeNull();
    expect(await auditRows("api_token.revoke", row.id)).toHaveLength(0);
    expect((await bearer(token, "GET", "/api/v1/me")).statusCode).toBe(200);
    // Another user's tokens are not in the list either.
    expect((await bearer(otherToken, "GET", "/api/v1/tokens")).body).not.toContain(row.id);
  });

  it("can be revoked over the API, audited with the token that did it, once", async () => {
    const { token } = await createInUi(caseworker, { name: "Självåterkallande", scopes: "account.manage_own" });
    const row = (await tokenRow(token))!;
    const res = await bearer(token, "DELETE", `/api/v1/tokens/${row.id}`);
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe("");
    const [revoked] = await auditRows("api_token.revoke", row.id);
    expect(revoked).toMatchObject({ apiTokenId: row.id, actorUsername: "barnhandlaggare" });
    // Revoked: the same token can no longer do anything.
    expect((await bearer(token, "DELETE", `/api/v1/tokens/${row.id}`)).statusCode).toBe(401);
    // Revoking again through the browser changes nothing and logs nothing.
    expect((await postForm(t.app, caseworker, `/konto/api-nycklar/${row.id}/aterkalla`, {})).statusCode).toBe(303);
    expect(await auditRows("api_token.revoke", row.id)).toHaveLength(1);
  });

  it("answers an id that is not an id with 400 problem+json on the API and 404 in the browser", async () => {
    const { token } = await createInUi(caseworker, { name: "Prövar", scopes: "account.manage_own" });
    const res = await bearer(token, "DELETE", "/api/v1/tokens/inte-ett-id");
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ status: 400, errors: [{ field: "id" }] });
    expect((await postForm(t.app, caseworker, "/konto/api-nycklar/inte-ett-id/aterkalla", {})).statusCode).toBe(404);
  });

  it("cannot mint tokens: there is no API route for it, and the service refuses a token actor", async () => {
    const { token } = await createInUi(caseworker, { name: "Försöker", scopes: "account.manage_own" });
    const row = (await tokenRow(token))!;
    const post = await t.app.inject({
      method: "POST",
      url: "/api/v1/tokens",
      headers: { authorization: `Bearer ${token}` },
      payload: { name: "x", scopes: ["account.manage_own"], expiresInDays: 30 },
    });
    expect(post.statusCode).toBe(404);
    const actor = (await loadActor(t.database.db, row.userId))!;
    const ctx = { db: t.database.db, ip: "127.0.0.1", clock: t.clock, actor: { ...actor, apiToken: { id: row.id, scopes: row.scopes } } };
    const before = await count(apiTokens);
    await expect(createToken(ctx, { name: "x", scopes: ["account.manage_own"], expiresInDays: 30 })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await count(apiTokens)).toBe(before);
    const [denied] = await t.database.db.select().from(securityLog).where(eq(securityLog.event, "token_create_denied"));
    expect(denied).toMatchObject({ username: "barnhandlaggare" });
  });

  it("is the only way into the API: a session cookie there is ignored", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/me", headers: { cookie: caseworker.cookie } });
    expect(res.statusCode).toBe(401);
    expect(res.headers["content-type"]).toContain("application/problem+json");
    const forged = await bearer("sofia_pat_forged", "GET", "/api/v1/me");
    expect(forged.statusCode).toBe(401);
  });
});
