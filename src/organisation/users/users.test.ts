import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous, type Browser, createTestApp, get, login, postForm, type TestApp } from "../../../test/helpers.ts";
import { apiTokens, sessions, userRoles, users, userUnits } from "../../db/schema/index.ts";
import { apiToken, auditRows, count, h1Count, linkTokenIn, securityRows, unitId, userId, versionIn } from "../testing.ts";

let t: TestApp;
let admin: Browser;
let norr = "";
let syd = "";
const NEW_PASSWORD = "en lång fras att minnas 2026";

beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, "admin");
  norr = await unitId(t.database.db, "Barn och unga Norr");
  syd = await unitId(t.database.db, "Barn och unga Syd");
});
afterAll(() => t.close());

const db = () => t.database.db;
const userRow = async (id: string) => (await db().select().from(users).where(eq(users.id, id)))[0];
const rolesOf = async (id: string) =>
  (await db().select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, id))).map((r) => r.role).sort();
const unitsOf = async (id: string) =>
  (await db().select({ id: userUnits.unitId }).from(userUnits).where(eq(userUnits.userId, id))).map((r) => r.id);

/** Sets a password through a one-time link as an anonymous browser. */
async function usePasswordLink(token: string) {
  const anon = await anonymous(t.app);
  const page = await get(t.app, anon, `/losenord/${token}`);
  if (page.statusCode !== 200) return page;
  return postForm(t.app, anon, `/losenord/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
}

describe("adding a user", () => {
  it("an administrator adds a user, who sets a password through the one-time link, logs in and reaches /start", async () => {
    const form = await get(t.app, admin, "/anvandare/ny");
    expect(form.statusCode).toBe(200);
    expect(h1Count(form.body)).toBe(1);
    expect(form.body).toContain('<legend class="ds-label">Roller</legend>');
    expect(form.body).toContain("Barn och unga Norr");

    const res = await postForm(t.app, admin, "/anvandare/ny", {
      username: " Nina.Ny ",
      displayName: "Nina Ny",
      email: "nina.ny@exempelby.se",
      roles: ["caseworker"],
      unitIds: [norr],
    });
    expect(res.statusCode).toBe(201);
    expect(h1Count(res.body)).toBe(1);
    expect(res.body).toContain("Användaren är tillagd");
    expect(res.body).toContain("Länken visas bara den här gången och gäller i 72 timmar");
    expect(res.body).toMatch(/<p class="sofia-secret">http:\/\/localhost(:\d+)?\/losenord\/[A-Za-z0-9_-]{40,}<\/p>/);
    const token = linkTokenIn(res.body);

    const id = await userId(db(), "nina.ny");
    expect(await userRow(id)).toMatchObject({ displayName: "Nina Ny", email: "nina.ny@exempelby.se", active: true, passwordHash: null });
    expect(await rolesOf(id)).toEqual(["caseworker"]);
    expect(await unitsOf(id)).toEqual([norr]);
    const [created] = await auditRows(db(), "user.create", id);
    expect(created).toMatchObject({ subjectUserId: id, actorUsername: "admin" });
    expect(created?.detail).toMatchObject({ username: "nina.ny", roles: ["caseworker"], unitIds: [norr] });
    expect(await auditRows(db(), "user.password_link", id)).toHaveLength(1);

    const set = await usePasswordLink(token);
    expect(set.statusCode).toBe(303);
    const nina = await login(t.app, "nina.ny", NEW_PASSWORD);
    const start = await get(t.app, nina, "/start");
    expect(start.statusCode).toBe(200);
    expect(start.body).toContain("Välkommen, Nina Ny");
  });

  it("refuses a duplicate username, whatever its case, with a field-linked message, and changes nothing", async () => {
    const before = await count(db(), users);
    const res = await postForm(t.app, admin, "/anvandare/ny", { username: "ADMIN", displayName: "Ännu en", roles: "analyst" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a class="ds-link" href="#f-username">Användarnamnet är redan upptaget. Välj ett annat.</a>');
    expect(res.body).toContain('id="f-username-error"');
    expect(await count(db(), users)).toBe(before);
    expect(res.body).not.toContain("/losenord/");
  });

  it("refuses bad input field by field, keeping what was typed", async () => {
    const res = await postForm(t.app, admin, "/anvandare/ny", { username: "å", displayName: "", email: "nina@", roles: [] });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-username">Användarnamnet måste ha minst 3 tecken</a>');
    expect(res.body).toContain('href="#f-displayName">Skriv användarens namn</a>');
    expect(res.body).toContain('href="#f-email">Skriv e-postadressen i formatet namn@exempel.se');
    expect(res.body).toContain('href="#f-roles">Välj minst en roll</a>');
    expect(res.body).toContain('value="nina@"');
  });

  it("requires a unit for caseworkers and unit managers, and refuses an unknown unit", async () => {
    const before = await count(db(), users);
    const res = await postForm(t.app, admin, "/anvandare/ny", { username: "utan.enhet", displayName: "Utan Enhet", roles: "unit_manager" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-unitIds">Handläggare och enhetschefer måste höra till minst en enhet.');
    const unknown = await postForm(t.app, admin, "/anvandare/ny", {
      username: "okand.enhet",
      displayName: "Okänd Enhet",
      roles: "caseworker",
      unitIds: "00000000-0000-4000-8000-000000000000",
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('href="#f-unitIds">Välj bland kommunens aktiva enheter</a>');
    expect(await count(db(), users)).toBe(before);
  });
});

describe("editing a user", () => {
  it("saves name, e-mail, roles and units with the current version, audited with what changed", async () => {
    const id = await userId(db(), "handlaggare.syd");
    const page = await get(t.app, admin, `/anvandare/${id}`);
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    const version = versionIn(page.body);
    const res = await postForm(t.app, admin, `/anvandare/${id}`, {
      displayName: "Sara Sydström-Berg",
      email: "sara@exempelby.se",
      roles: ["caseworker", "process_leader"],
      unitIds: [syd, norr],
      version,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/anvandare/${id}?klart=sparad`);
    expect(await userRow(id)).toMatchObject({
      displayName: "Sara Sydström-Berg",
      email: "sara@exempelby.se",
      version: Number(version) + 1,
    });
    expect(await rolesOf(id)).toEqual(["caseworker", "process_leader"]);
    expect((await unitsOf(id)).sort()).toEqual([syd, norr].sort());
    const [row] = await auditRows(db(), "user.update", id);
    expect(row?.subjectUserId).toBe(id);
    expect(row?.detail).toMatchObject({
      changes: {
        displayName: { from: "Sara Sydström", to: "Sara Sydström-Berg" },
        email: { from: null, to: "sara@exempelby.se" },
        roles: { from: ["caseworker"], to: ["caseworker", "process_leader"] },
      },
    });
  });

  it("refuses a stale version with the Swedish conflict message and changes nothing", async () => {
    const id = await userId(db(), "handlaggare.syd");
    const before = await userRow(id);
    const res = await postForm(t.app, admin, `/anvandare/${id}`, {
      displayName: "Gammal Uppgift",
      roles: "analyst",
      version: String((before?.version ?? 2) - 1),
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Någon annan har ändrat uppgifterna sedan du öppnade sidan. Ingenting sparades.");
    expect(await userRow(id)).toMatchObject({ displayName: before?.displayName, version: before?.version });
    expect(await rolesOf(id)).toEqual(["caseworker", "process_leader"]);
  });

  it("refuses an emptied name and no role ticked on the edit form, linking each field, and changes nothing", async () => {
    const id = await userId(db(), "handlaggare.syd");
    const page = await get(t.app, admin, `/anvandare/${id}`);
    const before = await userRow(id);
    const res = await postForm(t.app, admin, `/anvandare/${id}`, { displayName: "", email: "", version: versionIn(page.body) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-displayName">Skriv användarens namn</a>');
    expect(res.body).toContain('href="#f-roles">Välj minst en roll</a>');
    expect(await userRow(id)).toMatchObject({ displayName: before?.displayName, email: before?.email, version: before?.version });
  });

  it("an administrator cannot remove their own administrator role nor deactivate themself", async () => {
    const id = await userId(db(), "admin");
    const page = await get(t.app, admin, `/anvandare/${id}`);
    expect(page.body).not.toContain("Inaktivera användaren");
    const version = versionIn(page.body);
    const roles = await postForm(t.app, admin, `/anvandare/${id}`, { displayName: "Alva Administratör", roles: "process_leader", version });
    expect(roles.statusCode).toBe(400);
    expect(roles.body).toContain('href="#f-roles">Du kan inte ta bort din egen administratörsroll.');
    const off = await postForm(t.app, admin, `/anvandare/${id}/status`, { version, active: "false" });
    expect(off.statusCode).toBe(400);
    expect(off.body).toContain('href="#f-active">Du kan inte inaktivera ditt eget konto.');
    expect(await userRow(id)).toMatchObject({ active: true, version: Number(version) });
    expect(await rolesOf(id)).toEqual(["administrator"]);
  });
});

describe("deactivating a user", () => {
  it("ends their live session at once, revokes their API tokens, is audited, and can be undone", async () => {
    const id = await userId(db(), "barnhandlaggare");
    const bo = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, bo, "/start")).statusCode).toBe(200);
    await apiToken(db(), id, ["start.view"]);

    const page = await get(t.app, admin, `/anvandare/${id}`);
    const res = await postForm(t.app, admin, `/anvandare/${id}/status`, { version: versionIn(page.body), active: "false" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/anvandare/${id}?klart=inaktiverad`);

    const next = await get(t.app, bo, "/start");
    expect(next.statusCode).toBe(303);
    expect(next.headers.location).toMatch(/^\/logga-in/);
    expect(await db().select().from(sessions).where(eq(sessions.userId, id))).toHaveLength(0);
    expect(
      await db()
        .select()
        .from(apiTokens)
        .where(and(eq(apiTokens.userId, id), isNull(apiTokens.revokedAt))),
    ).toHaveLength(0);
    expect(await userRow(id)).toMatchObject({ active: false });
    const [row] = await auditRows(db(), "user.deactivate", id);
    expect(row?.detail).toEqual({ sessionsEnded: true, apiTokensRevoked: 1 });
    await expect(login(t.app, "barnhandlaggare")).rejects.toThrow(/401/);

    const shown = await get(t.app, admin, `/anvandare/${id}?klart=inaktiverad`);
    expect(shown.body).toContain("Användaren är inaktiverad.");
    const on = await postForm(t.app, admin, `/anvandare/${id}/status`, { version: versionIn(shown.body), active: "true" });
    expect(on.statusCode).toBe(303);
    expect(await auditRows(db(), "user.reactivate", id)).toHaveLength(1);
    expect((await get(t.app, await login(t.app, "barnhandlaggare"), "/start")).statusCode).toBe(200);
  });

  it("voids open password links, so that reactivating does not revive them", async () => {
    const created = await postForm(t.app, admin, "/anvandare/ny", { username: "vilande", displayName: "Vera Vilande", roles: "analyst" });
    const link = linkTokenIn(created.body);
    const id = await userId(db(), "vilande");
    await postForm(t.app, admin, `/anvandare/${id}/status`, { version: "1", active: "false" });
    await postForm(t.app, admin, `/anvandare/${id}/status`, { version: "2", active: "true" });
    expect(await userRow(id)).toMatchObject({ active: true, version: 3 });
    expect((await usePasswordLink(link)).statusCode).toBe(404);
  });
});

describe("password reset by an administrator", () => {
  it("shows a new one-time link once; the earlier link stops working", async () => {
    const created = await postForm(t.app, admin, "/anvandare/ny", { username: "lina.link", displayName: "Lina Link", roles: "analyst" });
    const first = linkTokenIn(created.body);
    const id = await userId(db(), "lina.link");
    const page = await get(t.app, admin, `/anvandare/${id}`);
    expect(page.body).toContain("Skapa länk för nytt lösenord");
    const res = await postForm(t.app, admin, `/anvandare/${id}/losenordslank`, {});
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("Ny länk för att välja lösenord");
    expect(res.body).toContain("visas bara den här gången");
    const second = linkTokenIn(res.body);
    expect(second).not.toBe(first);
    expect((await usePasswordLink(first)).statusCode).toBe(404);
    expect((await usePasswordLink(second)).statusCode).toBe(303);
    expect((await get(t.app, await login(t.app, "lina.link", NEW_PASSWORD), "/start")).statusCode).toBe(200);
    expect(await auditRows(db(), "user.password_link", id)).toHaveLength(2);
  });
});

describe("the user list", () => {
  it("lists users sorted by name in Swedish order, audits one row per user shown, and filters", async () => {
    for (const [username, displayName] of [
      ["osten", "Östen Öberg"],
      ["asa", "Åsa Åberg"],
      ["zack", "Zack Zetterlund"],
    ]) {
      await postForm(t.app, admin, "/anvandare/ny", { username: username ?? "", displayName: displayName ?? "", roles: "analyst" });
    }
    const auditBefore = (await auditRows(db(), "user.view")).length;
    const res = await get(t.app, admin, "/anvandare");
    expect(res.statusCode).toBe(200);
    expect(h1Count(res.body)).toBe(1);
    expect(res.body).toContain('<th scope="col">Användarnamn</th>');
    const names = [...res.body.matchAll(/href="\/anvandare\/[0-9a-f-]{36}">([^<]+)</g)].map((m) => m[1]);
    const zack = names.indexOf("Zack Zetterlund");
    expect(zack).toBeGreaterThan(-1);
    expect(names.indexOf("Åsa Åberg")).toBe(zack + 1);
    expect(names.indexOf("Östen Öberg")).toBe(zack + 2);
    expect(names[0]).toBe("Alva Administratör");
    const viewRows = (await auditRows(db(), "user.view")).slice(auditBefore);
    // One row for the list, naming every user shown (decision 0051).
    expect(viewRows).toHaveLength(1);
    expect(new Set(viewRows[0]?.subjectUserIds).size).toBe(names.length);
    expect(viewRows[0]?.detail).toEqual({ via: "list" });

    const caseworkers = await get(t.app, admin, "/anvandare?roll=caseworker");
    expect(caseworkers.body).toContain("Mats Mottagning");
    expect(caseworkers.body).not.toContain("Anna Analytiker");
    const inSyd = await get(t.app, admin, `/anvandare?enhet=${syd}`);
    expect(inSyd.body).toContain("Erik Enhetschef");
    expect(inSyd.body).not.toContain("Vera Vuxenhandläggare");
    const inactive = await get(t.app, admin, "/anvandare?status=inaktiva");
    expect(inactive.body).toContain("Inga användare matchar urvalet.");
  });

  it("audits viewing one user's details", async () => {
    const id = await userId(db(), "vuxenhandlaggare");
    const res = await get(t.app, admin, `/anvandare/${id}`);
    expect(res.statusCode).toBe(200);
    const rows = (await auditRows(db(), "user.view", id)).filter((r) => (r.detail as { via?: string }).via === "detail");
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subjectUserId: id, actorUsername: "admin" });
  });
});

describe("who may see and change users", () => {
  it("a caseworker gets 403 on /anvandare/ny and /anvandare, logged in the security log", async () => {
    const caseworker = await login(t.app, "vuxenhandlaggare");
    const before = (await securityRows(db(), "permission_denied")).length;
    const res = await get(t.app, caseworker, "/anvandare/ny");
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Du har inte behörighet till den här sidan");
    expect((await get(t.app, caseworker, "/anvandare")).statusCode).toBe(403);
    const rows = (await securityRows(db(), "permission_denied")).slice(before);
    expect(rows.map((r) => [r.username, r.action, r.route])).toEqual([
      ["vuxenhandlaggare", "users.manage", "/anvandare/ny"],
      ["vuxenhandlaggare", "users.view", "/anvandare"],
    ]);
  });

  it("a unit manager sees only users of their units, read-only; another unit's user is refused and logged", async () => {
    const manager = await login(t.app, "enhetschef");
    const list = await get(t.app, manager, "/anvandare");
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('href="/anvandare/ny"');
    for (const name of ["Bo Barnhandläggare", "Erik Enhetschef", "Petra Processledare", "Nina Ny"])
      expect(list.body).toContain(`>${name}</a>`);
    for (const name of ["Vera Vuxenhandläggare", "Mats Mottagning", "Alva Administratör</a>", "Anna Analytiker"]) {
      expect(list.body).not.toContain(name);
    }

    const bo = await get(t.app, manager, `/anvandare/${await userId(db(), "barnhandlaggare")}`);
    expect(bo.statusCode).toBe(200);
    expect(bo.body).not.toContain('name="displayName"');
    expect(bo.body).not.toContain("Inaktivera användaren");

    const veraId = await userId(db(), "vuxenhandlaggare");
    const before = (await securityRows(db(), "scope_denied")).length;
    const viewsBefore = (await auditRows(db(), "user.view", veraId)).length;
    const vera = await get(t.app, manager, `/anvandare/${veraId}`);
    expect(vera.statusCode).toBe(403);
    expect(vera.body).not.toContain("Vera");
    const rows = (await securityRows(db(), "scope_denied")).slice(before);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: "enhetschef", action: "users.view", detail: { userId: veraId } });
    expect(await auditRows(db(), "user.view", veraId)).toHaveLength(viewsBefore);

    const change = await postForm(t.app, manager, `/anvandare/${veraId}/status`, { version: "1", active: "false" });
    expect(change.statusCode).toBe(403);
    expect(await userRow(veraId)).toMatchObject({ active: true });
  });

  it("a process leader sees everyone but cannot add users", async () => {
    const leader = await login(t.app, "processledare");
    const list = await get(t.app, leader, "/anvandare");
    expect(list.body).toContain("Mats Mottagning");
    expect(list.body).toContain("Alva Administratör</a>");
    const res = await postForm(t.app, leader, "/anvandare/ny", { username: "smyg", displayName: "Smyg", roles: "administrator" });
    expect(res.statusCode).toBe(403);
    expect(await db().select().from(users).where(eq(users.username, "smyg"))).toHaveLength(0);
  });

  it("answers an unknown or malformed user id with 404", async () => {
    expect((await get(t.app, admin, "/anvandare/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await get(t.app, admin, "/anvandare/inte-ett-id")).statusCode).toBe(404);
  });
});
