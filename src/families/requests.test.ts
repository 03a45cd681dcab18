import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, get, login, postForm, TEST_PASSWORD, type TestApp, testClock } from "../../test/helpers.ts";
import {
  apiTokens,
  auditLog,
  municipalities,
  requestPersons,
  requests,
  securityLog,
  units,
  userRoles,
  users,
  userUnits,
} from "../db/schema/index.ts";
import { addDays } from "../platform/dates.ts";
import { openIdentityNumber } from "../platform/identity-crypto.ts";
import { hashPassword } from "../platform/passwords.ts";
import { API_TOKEN_PREFIX, randomToken, sha256 } from "../platform/sessions.ts";

let t: TestApp;
const db = () => t.database.db;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Written here from the definition, apart from the code under test. */
function luhn(nine: string): string {
  const sum = [...nine].map((c, i) => Number(c) * (i % 2 === 0 ? 2 : 1)).reduce((s, p) => s + Math.floor(p / 10) + (p % 10), 0);
  return String((10 - (sum % 10)) % 10);
}
const personnummer = (yyyymmdd: string, nnn: string) => `${yyyymmdd}-${nnn}${luhn(yyyymmdd.slice(2) + nnn)}`;

/** Counted back from the test clock's today, with the children's ages as first written (November 2026). */
const REQUEST_DATE = addDays(testClock().today(), -34);
const bornDaysBefore = (days: number) => addDays(REQUEST_DATE, -days);
const GUARDIAN = "19121212-1212";
const CHILD_8 = personnummer(bornDaysBefore(3098).replaceAll("-", ""), "238");
const CHILD_14 = personnummer(bornDaysBefore(5357).replaceAll("-", ""), "242");

async function unitId(name: string): Promise<string> {
  const [row] = await db().select({ id: units.id }).from(units).where(eq(units.name, name));
  if (!row) throw new Error(`no unit ${name}`);
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

function call(method: "GET" | "POST" | "PATCH", url: string, token: string, body?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
}

const requestCount = async () => (await db().select({ n: sql<number>`count(*)::int` }).from(requests))[0]?.n ?? 0;
const idFrom = (location: unknown) => /\/forfragningar\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? "";
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const h1Count = (html: string) => (html.match(/<h1[\s>]/g) ?? []).length;

/** A form with one guardian and one child; `extra` overrides or adds fields. */
function form(extra: Record<string, string> = {}): Record<string, string> {
  return {
    requestDate: REQUEST_DATE,
    household: "together",
    custody: "joint",
    custodyHolder: "",
    reason: "Anmälan om oro för missbruk i hemmet.",
    "guardians.0.name": "Tolvan Tolvansson",
    "guardians.0.identityNumber": GUARDIAN,
    "guardians.0.relation": "parent",
    "guardians.0.substanceProblem": "yes",
    "guardians.0.attitude": "ambivalent",
    "children.0.name": "Lilla Tolvansson",
    "children.0.identityNumber": CHILD_8,
    "children.0.gender": "girl",
    ...extra,
  };
}

async function register(extra: Record<string, string> = {}, username = "barnhandlaggare") {
  const browser = await login(t.app, username);
  const res = await postForm(t.app, browser, "/forfragningar/ny", form(extra));
  expect(res.statusCode, res.body.slice(0, 2000)).toBe(303);
  return { browser, id: idFrom(res.headers.location) };
}

describe("registering a request", () => {
  it("shows an accessible form with a fieldset per guardian and child", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    const res = await get(t.app, browser, "/forfragningar/ny");
    expect(res.statusCode).toBe(200);
    expect(h1Count(res.body)).toBe(1);
    expect(res.body).toContain("<legend");
    // One guardian and one child to begin with; more are added one at a time.
    expect(res.body).toContain("Vårdnadshavare 1");
    expect(res.body).not.toContain("Vårdnadshavare 2");
    expect(res.body).not.toContain("Barn 2");
    expect(res.body).toContain('value="add:guardians"');
    expect(res.body).toContain('value="add:children"');
    expect(res.body).toContain('for="f-children-0-identityNumber"');
  });

  it("saves a Typ 3 request with normalized numbers, shows the case type and writes an audit row per person", async () => {
    const { browser, id } = await register({ "guardians.0.unitId": await unitId("Beroendeenheten Vuxen 1") });
    const persons = await db().select().from(requestPersons).where(eq(requestPersons.requestId, id));
    expect(persons.map((p) => openIdentityNumber(p.identityNumberSealed)).sort()).toEqual(
      ["191212121212", CHILD_8.replace("-", "")].sort(),
    );
    // Stored encrypted with a blind index, never in the clear (decision 0061).
    for (const p of persons) {
      expect(p.clearIdentityNumber).toBeNull();
      expect(p.identityNumberSealed).toMatch(/^v1:[\w-]+:[\w-]{16}:[\w-]+$/);
      expect(p.identityNumberSealed).not.toMatch(/\d{10}/);
      expect(p.identityNumberIndex).toMatch(/^[\w-]{43}$/);
    }
    const page = await get(t.app, browser, `/forfragningar/${id}?klart=sparad`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Typ 3");
    expect(page.body).toContain("En anmälan ska skickas till barnenheten");
    expect(page.body).toContain("19121212-****");
    expect(page.body).not.toContain("19121212-1212");
    const created = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "request.create"), eq(auditLog.recordId, id)));
    expect(created.map((r) => r.subjectPersonId).sort()).toEqual(persons.map((p) => p.id).sort());
    const viewed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "request.view"), eq(auditLog.recordId, id)));
    // Each view is one row naming every person shown (decision 0051).
    expect(viewed.length).toBeGreaterThanOrEqual(1);
    for (const row of viewed) expect([...row.subjectPersonIds].sort()).toEqual(persons.map((p) => p.id).sort());
  });

  it("refuses an invalid personnummer with a field-linked message and saves nothing", async () => {
    const before = await requestCount();
    const browser = await login(t.app, "barnhandlaggare");
    const res = await postForm(t.app, browser, "/forfragningar/ny", form({ "children.0.identityNumber": "20180510-2381" }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-children-0-identityNumber"');
    expect(res.body).toContain("fel kontrollsiffra");
    expect(await requestCount()).toBe(before);
  });

  it("maps errors of a later block to that block and requires a guardian and a reason", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    const res = await postForm(
      t.app,
      browser,
      "/forfragningar/ny",
      form({
        "guardians.0.name": "",
        "guardians.0.identityNumber": "",
        "children.0.name": "",
        "children.0.identityNumber": "",
        "children.2.name": "Tredje",
        "children.2.birthDate": "2019-02-30",
        "children.2.gender": "boy",
        reason: "",
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-guardians-0-name"');
    expect(res.body).toContain('href="#f-reason"');
    expect(res.body).toContain('href="#f-children-2-birthDate"');
    const second = await postForm(
      t.app,
      browser,
      "/forfragningar/ny",
      form({ "children.2.name": "Tredje", "children.2.birthDate": "2019-02-30", "children.2.gender": "boy" }),
    );
    expect(second.statusCode).toBe(400);
    expect(second.body).toContain('href="#f-children-2-birthDate"');
  });

  it("refuses a request date in the future", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    const res = await postForm(t.app, browser, "/forfragningar/ny", form({ requestDate: "2999-01-01" }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("kan inte ligga i framtiden");
  });

  it("asks to confirm a child aged 14 and saves once confirmed", async () => {
    const before = await requestCount();
    const browser = await login(t.app, "barnhandlaggare");
    const first = await postForm(t.app, browser, "/forfragningar/ny", form({ "children.0.identityNumber": CHILD_14 }));
    expect(first.statusCode).toBe(400);
    expect(first.body).toContain("Barnet är 14 år");
    expect(first.body).toContain('href="#f-children-0-confirmAge"');
    expect(first.body).toContain('id="f-children-0-confirmAge"');
    expect(await requestCount()).toBe(before);
    const second = await postForm(
      t.app,
      browser,
      "/forfragningar/ny",
      form({ "children.0.identityNumber": CHILD_14, "children.0.confirmAge": "on" }),
    );
    expect(second.statusCode).toBe(303);
    const [child] = await db()
      .select()
      .from(requestPersons)
      .where(and(eq(requestPersons.requestId, idFrom(second.headers.location)), eq(requestPersons.kind, "child")));
    expect(child?.ageConfirmed).toBe(true);
  });
});

describe("a guardian's gender", () => {
  const guardianOf = async (id: string) =>
    (
      await db()
        .select()
        .from(requestPersons)
        .where(and(eq(requestPersons.requestId, id), eq(requestPersons.kind, "guardian")))
    )[0];

  it("is an optional choice on the form, stored and shown with the guardian", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    const blank = await get(t.app, browser, "/forfragningar/ny");
    expect(blank.body).toContain('<select class="ds-input" id="f-guardians-0-gender" name="guardians.0.gender"');
    expect(blank.body).toContain("<option value selected>Inte ifyllt</option>");
    expect(blank.body).toContain('<option value="not_stated">Vill inte uppge</option>');

    const { id } = await register({ "guardians.0.gender": "woman" });
    expect((await guardianOf(id))?.gender).toBe("woman");
    const page = await get(t.app, browser, `/forfragningar/${id}`);
    expect(page.body).toContain("<td>Kvinna</td>");

    const none = await register();
    expect((await guardianOf(none.id))?.gender).toBeNull();
    expect((await get(t.app, browser, `/forfragningar/${none.id}`)).body).toContain("<td>Inte ifyllt</td>");
  });

  it("refuses a value outside the list with a field-linked message and saves nothing", async () => {
    const before = await requestCount();
    const browser = await login(t.app, "barnhandlaggare");
    const res = await postForm(t.app, browser, "/forfragningar/ny", form({ "guardians.0.gender": "girl" }));
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-guardians-0-gender"');
    expect(res.body).toContain("Välj kön i listan, eller Inte ifyllt.");
    expect(res.body).toContain('aria-invalid="true" aria-describedby="f-guardians-0-gender-hint f-guardians-0-gender-error"');
    expect(await requestCount()).toBe(before);
  });

  it("is changed on the edit page, left as it is when not posted, and a bad value changes nothing", async () => {
    const { browser, id } = await register({ "guardians.0.gender": "man" });
    const guardian = await guardianOf(id);
    const edit = await get(t.app, browser, `/forfragningar/${id}/andra`);
    expect(edit.body).toContain(`id="f-${guardian?.id}-gender"`);
    expect(edit.body).toContain('<option value="man" selected>Man</option>');

    const bad = await postForm(t.app, browser, `/forfragningar/${id}/andra`, {
      version: versionIn(edit.body),
      [`${guardian?.id}.gender`]: "woman ",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(`href="#f-${guardian?.id}-gender"`);
    expect((await guardianOf(id))?.gender).toBe("man");
    const [unchanged] = await db().select().from(requests).where(eq(requests.id, id));
    expect(unchanged?.version).toBe(Number(versionIn(edit.body)));

    const saved = await postForm(t.app, browser, `/forfragningar/${id}/andra`, {
      version: versionIn(edit.body),
      [`${guardian?.id}.gender`]: "",
    });
    expect(saved.statusCode).toBe(303);
    expect((await guardianOf(id))?.gender).toBeNull();
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "request.update"), eq(auditLog.recordId, id)));
    expect(audited.map((a) => a.subjectPersonId)).toEqual([guardian?.id]);

    const again = await get(t.app, browser, `/forfragningar/${id}/andra`);
    await postForm(t.app, browser, `/forfragningar/${id}/andra`, { version: versionIn(again.body), [`${guardian?.id}.gender`]: "other" });
    const later = await get(t.app, browser, `/forfragningar/${id}/andra`);
    // The old edit form without the field: the gender stays.
    const kept = await postForm(t.app, browser, `/forfragningar/${id}/andra`, {
      version: versionIn(later.body),
      [`${guardian?.id}.applied`]: "on",
    });
    expect(kept.statusCode).toBe(303);
    expect(await guardianOf(id)).toMatchObject({ gender: "other", applied: true });
  });

  it("is written and read over the API, optional for older clients, and a bad value is a problem+json with nothing stored", async () => {
    const token = await tokenFor("barnhandlaggare", ["requests.view", "requests.create", "requests.update"]);
    const body = {
      requestDate: REQUEST_DATE,
      household: "together",
      custody: "joint",
      custodyHolder: "",
      reason: "Anmälan om oro.",
      guardians: [
        {
          name: "Tolvan",
          identityNumber: GUARDIAN,
          birthDate: "",
          relation: "parent",
          substanceProblem: "yes",
          attitude: "positive",
          gender: "woman",
          unitId: null,
          applied: false,
        },
      ],
      children: [
        {
          name: "Barn",
          identityNumber: CHILD_8,
          birthDate: "",
          gender: "girl",
          unitId: null,
          investigationOpened: false,
          confirmAge: false,
        },
      ],
    };
    const created = await call("POST", "/api/v1/requests", token, body);
    expect(created.statusCode, created.body).toBe(201);
    const json = created.json();
    expect(json.guardians[0].gender).toBe("woman");
    expect((await call("GET", `/api/v1/requests/${json.id}`, token)).json().guardians[0].gender).toBe("woman");

    const { gender: _, ...older } = body.guardians[0] ?? {};
    const withoutGender = await call("POST", "/api/v1/requests", token, { ...body, guardians: [older] });
    expect(withoutGender.statusCode, withoutGender.body).toBe(201);
    expect(withoutGender.json().guardians[0].gender).toBeNull();

    const before = await requestCount();
    const bad = await call("POST", "/api/v1/requests", token, { ...body, guardians: [{ ...older, gender: "female" }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual([{ field: "guardians.0.gender", message: "Välj kön i listan, eller Inte ifyllt." }]);
    expect(await requestCount()).toBe(before);

    const guardianId = json.guardians[0].id;
    const patched = await call("PATCH", `/api/v1/requests/${json.id}`, token, {
      version: json.version,
      guardians: [{ id: guardianId, unitId: null, applied: false, gender: "not_stated" }],
      children: [],
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await call("GET", `/api/v1/requests/${json.id}`, token)).json().guardians[0].gender).toBe("not_stated");
    const badPatch = await call("PATCH", `/api/v1/requests/${json.id}`, token, {
      version: patched.json().version,
      guardians: [{ id: guardianId, unitId: null, applied: false, gender: "boy" }],
      children: [],
    });
    expect(badPatch.statusCode).toBe(400);
    expect(badPatch.headers["content-type"]).toContain("application/problem+json");
    expect(badPatch.json().errors).toEqual([{ field: "guardians.0.gender", message: "Välj kön i listan, eller Inte ifyllt." }]);
    const kept = await call("PATCH", `/api/v1/requests/${json.id}`, token, {
      version: patched.json().version,
      guardians: [{ id: guardianId, unitId: null, applied: true }],
      children: [],
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await call("GET", `/api/v1/requests/${json.id}`, token)).json().guardians[0]).toMatchObject({
      gender: "not_stated",
      applied: true,
    });
  });
});

describe("who may register a request", () => {
  const UNIT_REQUIRED = "Du behöver tillhöra en barnenhet, en beroendeenhet eller mottagningen för att registrera en förfrågan.";
  const createAudits = async () =>
    (await db().select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, "request.create")))[0]?.n ?? 0;

  /** A caseworker of the financial aid unit, who also belongs to a child unit that is no longer active. */
  async function financialAidCaseworker(): Promise<string> {
    const [m] = await db().select({ id: municipalities.id }).from(municipalities);
    if (!m) throw new Error("no municipality");
    const [aid, closed] = await db()
      .insert(units)
      .values([
        { municipalityId: m.id, name: "Ekonomiskt bistånd", kind: "financial_aid" },
        { municipalityId: m.id, name: "Barn och unga Stängd", kind: "child_youth", active: false },
      ])
      .returning({ id: units.id });
    const [user] = await db()
      .insert(users)
      .values({
        municipalityId: m.id,
        username: "handlaggare.ekonomi",
        displayName: "Eva Ekonomi",
        passwordHash: await hashPassword(TEST_PASSWORD),
      })
      .returning({ id: users.id });
    if (!aid || !closed || !user) throw new Error("could not create the caseworker");
    await db().insert(userRoles).values({ userId: user.id, role: "caseworker" });
    await db()
      .insert(userUnits)
      .values([
        { userId: user.id, unitId: aid.id },
        { userId: user.id, unitId: closed.id },
      ]);
    return user.id;
  }

  it("refuses a caseworker outside the child, addiction and intake units, on the page and over the API; nothing is written", async () => {
    await financialAidCaseworker();
    const requestsBefore = await requestCount();
    const auditsBefore = await createAudits();

    const browser = await login(t.app, "handlaggare.ekonomi");
    const page = await postForm(t.app, browser, "/forfragningar/ny", form());
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain(UNIT_REQUIRED);
    expect(page.body).toContain('class="ds-error-summary"');
    expect(page.body).toContain('value="Tolvan Tolvansson"');

    const token = await tokenFor("handlaggare.ekonomi", ["requests.create"]);
    const api = await call("POST", "/api/v1/requests", token, {
      requestDate: REQUEST_DATE,
      household: "together",
      custody: "joint",
      custodyHolder: "",
      reason: "Anmälan om oro.",
      guardians: [
        {
          name: "Tolvan",
          identityNumber: GUARDIAN,
          birthDate: "",
          relation: "parent",
          substanceProblem: "yes",
          attitude: "positive",
          unitId: null,
          applied: false,
        },
      ],
      children: [
        {
          name: "Barn",
          identityNumber: CHILD_8,
          birthDate: "",
          gender: "girl",
          unitId: null,
          investigationOpened: false,
          confirmAge: false,
        },
      ],
    });
    expect(api.statusCode).toBe(400);
    expect(api.headers["content-type"]).toContain("application/problem+json");
    expect(api.json().errors).toEqual([{ field: "_form", message: UNIT_REQUIRED }]);

    expect(await requestCount()).toBe(requestsBefore);
    expect(await createAudits()).toBe(auditsBefore);
  });

  it("lets the caseworkers of a child unit, an addiction unit and intake register", async () => {
    for (const username of ["barnhandlaggare", "vuxenhandlaggare", "handlaggare.mottagning"]) {
      const before = await requestCount();
      const { id } = await register({}, username);
      expect(id, username).not.toBe("");
      expect(await requestCount()).toBe(before + 1);
    }
  });
});

describe("editing who is open where", () => {
  it("turns Typ 3 into Typ 1 when the child unit opens an investigation", async () => {
    const { browser, id } = await register({ "guardians.0.unitId": await unitId("Beroendeenheten Vuxen 1") });
    const edit = await get(t.app, browser, `/forfragningar/${id}/andra`);
    expect(edit.statusCode).toBe(200);
    const [child] = await db()
      .select()
      .from(requestPersons)
      .where(and(eq(requestPersons.requestId, id), eq(requestPersons.kind, "child")));
    const [guardian] = await db()
      .select()
      .from(requestPersons)
      .where(and(eq(requestPersons.requestId, id), eq(requestPersons.kind, "guardian")));
    const res = await postForm(t.app, browser, `/forfragningar/${id}/andra`, {
      version: versionIn(edit.body),
      [`${guardian?.id}.unitId`]: guardian?.unitId ?? "",
      [`${child?.id}.unitId`]: "",
      [`${child?.id}.investigationOpened`]: "on",
    });
    expect(res.statusCode).toBe(303);
    const page = await get(t.app, browser, String(res.headers.location));
    expect(page.body).toContain("Ärendetypen ändrades från Typ 3 till Typ 1");
    const [row] = await db().select().from(requests).where(eq(requests.id, id));
    expect(row?.caseType).toBe(1);
    const updates = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "request.update"), eq(auditLog.recordId, id)));
    expect(updates.map((u) => u.subjectPersonId)).toEqual([child?.id]);

    const stale = await postForm(t.app, browser, `/forfragningar/${id}/andra`, {
      version: versionIn(edit.body),
      [`${child?.id}.unitId`]: await unitId("Barn och unga Norr"),
    });
    expect(stale.statusCode).toBe(409);
    const [after] = await db()
      .select()
      .from(requestPersons)
      .where(eq(requestPersons.id, child?.id ?? ""));
    expect(after?.unitId).toBeNull();
  });

  it("turns Typ 2 into Typ 1 when the parent applies at the addiction unit (API)", async () => {
    const { id } = await register({ "children.0.unitId": await unitId("Barn och unga Norr") });
    const manager = await login(t.app, "enhetschef");
    expect((await get(t.app, manager, "/forfragningar")).body).toContain(id);
    const token = await tokenFor("barnhandlaggare", ["requests.view", "requests.update"]);
    const read = await call("GET", `/api/v1/requests/${id}`, token);
    expect(read.statusCode).toBe(200);
    const detail = read.json();
    expect(detail.caseType.caseType).toBe(2);
    const guardian = detail.guardians[0];
    const res = await call("PATCH", `/api/v1/requests/${id}`, token, {
      version: detail.version,
      guardians: [{ id: guardian.id, unitId: null, applied: true }],
      children: [],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().caseType.caseType).toBe(1);
    expect(res.json().change).toContain("från Typ 2 till Typ 1");
    const stale = await call("PATCH", `/api/v1/requests/${id}`, token, { version: detail.version, guardians: [], children: [] });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("who may see a request", () => {
  it("refuses an analyst and logs the attempt", async () => {
    const { id } = await register();
    const analyst = await login(t.app, "analytiker");
    expect((await get(t.app, analyst, "/forfragningar")).statusCode).toBe(403);
    expect((await get(t.app, analyst, `/forfragningar/${id}`)).statusCode).toBe(403);
    const logged = await db()
      .select()
      .from(securityLog)
      .where(and(eq(securityLog.username, "analytiker"), eq(securityLog.action, "requests.view")));
    expect(logged.length).toBeGreaterThanOrEqual(2);
  });

  it("shows it to the one who registered it and the process leader, not to other caseworkers before they are assigned", async () => {
    const { id } = await register({ "guardians.0.unitId": await unitId("Beroendeenheten Vuxen 1") });
    const other = await login(t.app, "handlaggare.syd");
    expect((await get(t.app, other, `/forfragningar/${id}`)).statusCode).toBe(404);
    expect((await get(t.app, other, "/forfragningar")).body).not.toContain(id);
    const leader = await login(t.app, "processledare");
    expect((await get(t.app, leader, `/forfragningar/${id}`)).statusCode).toBe(200);
    const list = await get(t.app, leader, "/forfragningar");
    expect(list.body).toContain(id);
    // Need to know: a caseworker of the unit where the parent is open sees the family once assigned, not before.
    const adult = await login(t.app, "vuxenhandlaggare");
    expect((await get(t.app, adult, `/forfragningar/${id}`)).statusCode).toBe(404);
    expect((await get(t.app, adult, "/forfragningar")).body).not.toContain(id);
    const manager = await login(t.app, "enhetschef");
    expect((await get(t.app, manager, "/forfragningar")).body).not.toContain(id);
    const admin = await login(t.app, "admin");
    expect((await get(t.app, admin, `/forfragningar/${id}`)).statusCode).toBe(403);
  });
});

describe("the unit manager's minimal view (issue 17, hole 8)", () => {
  it("shows a family of the manager's unit without names, identity numbers, substance answers or contact details, and audits no person", async () => {
    const { browser, id } = await register({
      "children.0.unitId": await unitId("Barn och unga Norr"),
      "guardians.0.substanceProblem": "yes",
      "guardians.0.attitude": "denies",
    });
    const manager = await login(t.app, "enhetschef");
    const page = await get(t.app, manager, `/forfragningar/${id}`);
    expect(page.statusCode).toBe(200);
    for (const shown of ["Tolvan", "Tolvansson", "19121212", CHILD_8.slice(0, 8), "Anmälan om oro"]) expect(page.body).not.toContain(shown);
    // Neither the substance-problem question nor the attitude is on the page.
    expect(page.body).not.toContain("Missbruksproblem");
    expect(page.body).not.toContain("Förnekar");
    expect(page.body).toContain("Vårdnadshavare 1");
    expect(page.body).toContain("Barn 1");
    expect(page.body).toContain("begränsad vy");
    const list = await get(t.app, manager, "/forfragningar");
    expect(list.body).toContain(id);
    expect(list.body).not.toContain("Tolvansson");
    // The API answers the same view: no names, no numbers, no answers.
    const token = await tokenFor("enhetschef", ["requests.view"]);
    const api = await call("GET", `/api/v1/requests/${id}`, token);
    expect(api.statusCode).toBe(200);
    const json = api.json();
    expect(json.minimal).toBe(true);
    expect(JSON.stringify(json)).not.toContain("Tolvan");
    expect(json.guardians[0].maskedIdentityNumber).toBeNull();
    expect(json.guardians[0].substanceProblem).toBeNull();
    expect(json.children[0].birthDate).toBeNull();
    // Nobody's personal data was shown, so no audit row names a person of the family.
    const viewed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "request.view"), eq(auditLog.recordId, id), eq(auditLog.actorUsername, "enhetschef")));
    expect(viewed.length).toBe(2);
    for (const row of viewed) expect(row.subjectPersonIds).toEqual([]);
    // The one who registered the family still sees it whole.
    const own = await get(t.app, browser, `/forfragningar/${id}`);
    expect(own.body).toContain("Tolvan Tolvansson");
    expect(own.body).toContain("19121212-****");
    expect(own.body).toContain("Förnekar");
  });
});

describe("the API", () => {
  it("registers a request, lists it and answers bad input with problem+json", async () => {
    const token = await tokenFor("vuxenhandlaggare", ["requests.view", "requests.create"]);
    const body = {
      requestDate: REQUEST_DATE,
      household: "separated",
      custody: "sole",
      custodyHolder: "Mamman",
      reason: "Förälder aktuell på beroendeenheten.",
      guardians: [
        {
          name: "Tolvan",
          identityNumber: GUARDIAN,
          birthDate: "",
          relation: "parent",
          substanceProblem: "yes",
          attitude: "positive",
          unitId: await unitId("Beroendeenheten Vuxen 1"),
          applied: false,
        },
      ],
      children: [
        {
          name: "Barn",
          identityNumber: "",
          birthDate: bornDaysBefore(2483),
          gender: "boy",
          unitId: null,
          investigationOpened: false,
          confirmAge: false,
        },
      ],
    };
    const created = await call("POST", "/api/v1/requests", token, body);
    expect(created.statusCode, created.body).toBe(201);
    const json = created.json();
    expect(json.caseType.caseType).toBe(3);
    expect(json.guardians[0].maskedIdentityNumber).toBe("19121212-****");
    expect(created.body).not.toContain("191212121212");
    const list = await call("GET", "/api/v1/requests", token);
    // The demo's own families are listed too (newest first), so look the new one up by id.
    expect(list.json().find((r: { id: string }) => r.id === json.id)).toMatchObject({
      id: json.id,
      status: "new",
      caseType: 3,
      children: 1,
    });

    const bad = await call("POST", "/api/v1/requests", token, {
      ...body,
      guardians: [{ ...body.guardians[0], identityNumber: "19121212-1213" }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual([{ field: "guardians.0.identityNumber", message: expect.stringContaining("kontrollsiffra") }]);
    expect((await call("GET", "/api/v1/requests/00000000-0000-4000-8000-000000000000", token)).statusCode).toBe(404);
  });

  it("is documented in the OpenAPI document under Förfrågningar", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    expect(Object.keys(doc.paths["/api/v1/requests"])).toEqual(expect.arrayContaining(["get", "post"]));
    expect(Object.keys(doc.paths["/api/v1/requests/{id}"])).toEqual(expect.arrayContaining(["get", "patch"]));
    expect(doc.paths["/api/v1/requests"].post.tags).toEqual(["Förfrågningar"]);
  });
});

describe("the case-file number and the family's contact details (issue 14)", () => {
  it("refuses a bad case-file number, phone or e-mail on the form with field-linked Swedish messages and saves nothing", async () => {
    const browser = await login(t.app, "barnhandlaggare");
    const before = await requestCount();
    const res = await postForm(
      t.app,
      browser,
      "/forfragningar/ny",
      form({ caseFileNumber: "se journalen", contactPhone: "ring", contactEmail: "inte-en-adress", interpreterNeeded: "on" }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-caseFileNumber"');
    expect(res.body).toContain("Aktnumret känns inte igen");
    expect(res.body).toContain("SN 2026/123");
    expect(res.body).toContain('href="#f-contactPhone"');
    expect(res.body).toContain('href="#f-contactEmail"');
    expect(res.body).toContain("Skriv vilket språk tolken ska tala.");
    expect(await requestCount()).toBe(before);
  });

  it("stores them normalised, names the family with the number, and changes them later with an audit row without the values", async () => {
    const { browser, id } = await register({
      caseFileNumber: " ifn-2026-0123 ",
      contactPhone: "070-123 45 67",
      contactEmail: "familjen@example.se",
      "guardians.0.contactPerson": "on",
    });
    const page = (await get(t.app, browser, `/forfragningar/${id}`)).body;
    expect(page).toContain("Förfrågan för Familjen Tolvansson</h1>");
    expect(page).toContain("akt IFN-2026-0123");
    expect(page).toContain("070-123 45 67");
    expect(page).toContain("mailto:familjen@example.se");
    const list = (await get(t.app, browser, "/forfragningar")).body;
    expect(list).toContain("Familjen Tolvansson");
    const listed = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "request.list"), sql`${auditLog.detail}->'requestIds' ? ${id}::text`));
    // The list shown once: one row, naming the family's two persons among the others shown.
    expect(listed.length).toBe(1);
    expect(listed[0]?.subjectPersonIds.length).toBeGreaterThanOrEqual(2);

    const edit = await get(t.app, browser, `/forfragningar/${id}/kontakt`);
    expect(edit.statusCode).toBe(200);
    const version = versionIn(edit.body);
    const bad = await postForm(t.app, browser, `/forfragningar/${id}/kontakt`, { version, caseFileNumber: "<b>", contactPersonId: "" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Aktnumret känns inte igen");
    const saved = await postForm(t.app, browser, `/forfragningar/${id}/kontakt`, {
      version,
      caseFileNumber: "2026/00456",
      contactPhone: "",
      contactEmail: "",
      interpreterNeeded: "on",
      interpreterLanguage: "arabiska",
      contactPersonId: "",
    });
    expect(saved.statusCode, saved.body.slice(0, 1500)).toBe(303);
    const after = (await get(t.app, browser, `/forfragningar/${id}`)).body;
    expect(after).toContain("akt 2026/00456");
    expect(after).toContain("Tolk: arabiska");
    expect(after).not.toContain("070-123 45 67");
    const [row] = await db().select().from(requests).where(eq(requests.id, id));
    expect(row).toMatchObject({ caseFileNumber: "2026/00456", contactPhone: null, interpreterLanguage: "arabiska" });
    const rows = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "request.contact"), eq(auditLog.recordId, id)));
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("2026/00456");
    expect(JSON.stringify(rows)).not.toContain("arabiska");
    // A stale version changes nothing.
    const stale = await postForm(t.app, browser, `/forfragningar/${id}/kontakt`, { version, caseFileNumber: "1234", contactPersonId: "" });
    expect(stale.statusCode).toBe(409);
  });
});

describe("the requests list sorts and filters without JavaScript (issue 14)", () => {
  /** The rows of the list: the family's name and the texts of the other cells, in order. */
  const rows = (html: string) =>
    (html.split("<tbody>")[1]?.split("</tbody>")[0] ?? "")
      .split("<tr>")
      .slice(1)
      .map((tr) => ({
        name: /<a class="ds-link" href="\/forfragningar\/[0-9a-f-]{36}">([^<]*)<\/a>/.exec(tr)?.[1] ?? "",
        cells: [...tr.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1] ?? ""),
      }));
  const days = (cell: string) => Number(/^(\d+) /.exec(cell)?.[1] ?? -1);
  /** How many requests pass the filter, on every page (the table's caption). */
  const totalIn = (html: string) => Number(/Förfrågningar som du får se: (\d+)/.exec(html)?.[1] ?? -1);

  it("sorts by date (newest first) by default and by a header link, with aria-sort on the sorted column", async () => {
    const leader = await login(t.app, "processledare");
    const first = await get(t.app, leader, "/forfragningar");
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(
      /<th scope="col" aria-sort="descending"><a class="ds-link" href="\/forfragningar\?sortera=datum&amp;ordning=stigande">Datum/,
    );
    const dates = rows(first.body).map((r) => r.cells[0] ?? "");
    expect(dates.length).toBeGreaterThan(5);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(first.body).toContain('href="/forfragningar?sortera=namn&amp;ordning=stigande"');

    const byName = await get(t.app, leader, "/forfragningar?sortera=namn&ordning=stigande");
    expect(byName.body).toMatch(
      /<th scope="col" aria-sort="ascending"><a class="ds-link" href="\/forfragningar\?sortera=namn&amp;ordning=fallande">Familj/,
    );
    const surnames = rows(byName.body).map((r) => r.name.replace(/^Familjen /, ""));
    expect(surnames).toEqual([...surnames].sort((a, b) => a.localeCompare(b, "sv")));

    const byWait = rows((await get(t.app, leader, "/forfragningar?sortera=vantan&ordning=fallande")).body).map((r) =>
      days(r.cells[5] ?? ""),
    );
    expect(byWait).toEqual([...byWait].sort((a, b) => b - a));
    expect(byWait[0]).toBeGreaterThan(0);

    const byStatus = rows((await get(t.app, leader, "/forfragningar?sortera=status")).body).map((r) => r.cells[4] ?? "");
    const order = ["Ny", "Fortsätter – process startad", "Fortsätter inte"];
    const rank = (cell: string) => order.findIndex((s) => cell.startsWith(s));
    expect(byStatus.map(rank)).toEqual(byStatus.map(rank).sort((a, b) => a - b));

    // An unknown choice is left out: the default list.
    const unknown = await get(t.app, leader, "/forfragningar?sortera=personnummer&ordning=upp&status=klar");
    expect(unknown.statusCode).toBe(200);
    expect(rows(unknown.body).map((r) => r.cells[0])).toEqual(dates);
  });

  it("filters by status, unit and a wait over the limit, keeping the sort in the form", async () => {
    const leader = await login(t.app, "processledare");
    const stopped = rows((await get(t.app, leader, "/forfragningar?status=stopped")).body);
    expect(stopped.length).toBeGreaterThan(0);
    for (const r of stopped) expect(r.cells[4]).toMatch(/^Fortsätter inte/);

    const norr = await unitId("Barn och unga Norr");
    const inNorr = await get(t.app, leader, `/forfragningar?enhet=${norr}&sortera=enhet`);
    expect(inNorr.body).toContain('<input type="hidden" name="sortera" value="enhet"/>');
    expect(inNorr.body).toContain(`<option value="${norr}" selected>Barn och unga Norr</option>`);
    const norrRows = rows(inNorr.body);
    expect(norrRows.length).toBeGreaterThan(0);
    for (const r of norrRows) expect(r.cells[1]).toContain("Barn och unga Norr");
    const [{ n } = { n: 0 }] = await db()
      .select({ n: sql<number>`count(distinct ${requestPersons.requestId})::int` })
      .from(requestPersons)
      .where(eq(requestPersons.unitId, norr));
    expect(totalIn(inNorr.body)).toBe(n);
    expect(norrRows.length).toBe(Math.min(n, 50));

    const overPage = (await get(t.app, leader, "/forfragningar?vantan=over")).body;
    const over = rows(overPage);
    expect(over.length).toBeGreaterThan(0);
    expect(totalIn(overPage)).toBeLessThan(totalIn((await get(t.app, leader, "/forfragningar")).body));
    for (const r of over) expect(r.cells[5]).toContain("över gränsen");
  });

  it("shows 50 requests a page, with links to the other pages, and names and audits only the page shown", async () => {
    const leader = await login(t.app, "processledare");
    const totalOf = async () => totalIn((await get(t.app, leader, "/forfragningar")).body);
    for (let total = await totalOf(); total <= 50; total++) await register();
    const total = await totalOf();
    // The persons the list's rows name (one row per page shown, decision 0051).
    const listAudits = async () =>
      (
        await db()
          .select({ n: sql<number>`coalesce(sum(cardinality(${auditLog.subjectPersonIds})), 0)::int` })
          .from(auditLog)
          .where(eq(auditLog.action, "request.list"))
      )[0]?.n ?? 0;

    const before = await listAudits();
    const first = await get(t.app, leader, "/forfragningar?sortera=namn");
    const onFirst = rows(first.body);
    expect(onFirst.length).toBe(50);
    expect(first.body).toContain(`Förfrågningar som du får se: ${total}`);
    expect(first.body).toContain(`Sida 1 av ${Math.ceil(total / 50)}`);
    expect(first.body).toContain('href="/forfragningar?sortera=namn&amp;sida=2">Nästa sida</a>');
    expect(first.body).not.toContain("Föregående sida");
    // Only the persons of the 50 families shown are named, so only they are audited.
    const audited = (await listAudits()) - before;
    expect(audited).toBeGreaterThanOrEqual(50);
    expect(audited).toBeLessThan(50 * 8);

    const second = await get(t.app, leader, "/forfragningar?sortera=namn&sida=2");
    const onSecond = rows(second.body);
    expect(onSecond.length).toBe(Math.min(50, total - 50));
    expect(second.body).toContain('href="/forfragningar?sortera=namn">Föregående sida</a>');
    // A page past the last shows the last; a sort link starts again at page 1.
    expect(rows((await get(t.app, leader, "/forfragningar?sortera=namn&sida=999")).body).length).toBeGreaterThan(0);
    expect(second.body).not.toMatch(/href="\/forfragningar\?sortera=datum[^"]*sida=2/);
  });

  it("audits each person the names show, as before", async () => {
    const leader = await login(t.app, "processledare");
    const before =
      (await db().select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, "request.list")))[0]?.n ?? 0;
    const norr = await unitId("Barn och unga Norr");
    await get(t.app, leader, `/forfragningar?enhet=${norr}`);
    const after =
      (await db().select({ n: sql<number>`count(*)::int` }).from(auditLog).where(eq(auditLog.action, "request.list")))[0]?.n ?? 0;
    expect(after).toBeGreaterThan(before);
  });
});
