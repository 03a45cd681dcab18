import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Browser, createTestApp, get, login, postForm, type TestApp } from "../../../test/helpers.ts";
import { municipalities, processes, units } from "../../db/schema/index.ts";
import { auditRows, count, h1Count, securityRows, unitId, versionIn } from "../testing.ts";

let t: TestApp;
let admin: Browser;
beforeAll(async () => {
  t = await createTestApp();
  admin = await login(t.app, "admin");
});
afterAll(() => t.close());

const unitRow = async (id: string) => (await t.database.db.select().from(units).where(eq(units.id, id)))[0];

describe("the municipality page", () => {
  it("shows the municipality and its units with active user counts", async () => {
    const res = await get(t.app, admin, "/organisation");
    expect(res.statusCode).toBe(200);
    expect(h1Count(res.body)).toBe(1);
    expect(res.body).toContain('value="Exempelby kommun"');
    expect(res.body).toContain("<caption>Kommunens enheter med antal aktiva användare</caption>");
    expect(res.body).toContain('<th scope="col">Verksamhet</th>');
    // Barn och unga Norr: processledare, barnhandlaggare, enhetschef and the six other demo caseworkers (src/demo/followup-data.ts).
    const norr = await unitId(t.database.db, "Barn och unga Norr");
    expect(res.body).toMatch(
      new RegExp(
        `href="/organisation/enheter/${norr}">Barn och unga Norr</a></td><td>Barn och unga</td><td>Aktiv</td><td class="sofia-num">9</td>`,
      ),
    );
  });

  it("saves the name and kommunkod, and audits the change", async () => {
    const page = await get(t.app, admin, "/organisation");
    const res = await postForm(t.app, admin, "/organisation", {
      name: "Exempelby stadsdel",
      code: "0380",
      waitLimitDays: "14",
      version: versionIn(page.body),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/organisation?klart=kommun");
    const after = await get(t.app, admin, "/organisation?klart=kommun");
    expect(after.body).toContain("Kommunens uppgifter är sparade.");
    const [m] = await t.database.db.select().from(municipalities);
    expect(m).toMatchObject({ name: "Exempelby stadsdel", code: "0380" });
    const [row] = await auditRows(t.database.db, "municipality.update");
    expect(row?.detail).toEqual({
      changes: { name: { from: "Exempelby kommun", to: "Exempelby stadsdel" }, code: { from: "9999", to: "0380" } },
    });
  });

  it("refuses a bad kommunkod with a field-linked message and a stale version with the conflict message", async () => {
    const page = await get(t.app, admin, "/organisation");
    const version = versionIn(page.body);
    const bad = await postForm(t.app, admin, "/organisation", { name: "", code: "38", waitLimitDays: "14", version });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-code"');
    expect(bad.body).toContain("Kommunkoden ska vara fyra siffror");
    expect(bad.body).toContain("Skriv kommunens eller stadsdelens namn");

    const stale = await postForm(t.app, admin, "/organisation", {
      name: "Någon annan",
      code: "",
      waitLimitDays: "14",
      version: String(Number(version) - 1),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Någon annan har ändrat uppgifterna sedan du öppnade sidan. Ingenting sparades.");
    const [m] = await t.database.db.select().from(municipalities);
    expect(m?.name).toBe("Exempelby stadsdel");
  });
});

describe("the wait limit", () => {
  const municipality = async () => (await t.database.db.select().from(municipalities))[0];

  it("shows the wait limit in the municipality's facts and in the form", async () => {
    const res = await get(t.app, admin, "/organisation");
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("<dt>Gräns för väntetid</dt><dd>14 dagar</dd>");
    expect(res.body).toContain('<label class="ds-label" for="f-waitLimitDays">Gräns för väntetid (dagar)</label>');
    expect(res.body).toMatch(/id="f-waitLimitDays" name="waitLimitDays" type="text" value="14"/);
  });

  it("an administrator changes it on the page; the change is audited and shown", async () => {
    const before = await municipality();
    const page = await get(t.app, admin, "/organisation");
    const auditsBefore = (await auditRows(t.database.db, "municipality.update")).length;
    const res = await postForm(t.app, admin, "/organisation", {
      name: before?.name ?? "",
      code: before?.code ?? "",
      waitLimitDays: " 21 ",
      version: versionIn(page.body),
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/organisation?klart=kommun");
    expect(await municipality()).toMatchObject({ waitLimitDays: 21, version: (before?.version ?? 0) + 1 });
    const rows = await auditRows(t.database.db, "municipality.update");
    expect(rows).toHaveLength(auditsBefore + 1);
    expect(rows.at(-1)?.detail).toEqual({ changes: { waitLimitDays: { from: 14, to: 21 } } });
    const after = await get(t.app, admin, "/organisation?klart=kommun");
    expect(after.body).toContain("Kommunens uppgifter är sparade.");
    expect(after.body).toContain("<dt>Gräns för väntetid</dt><dd>21 dagar</dd>");
    // The process leader's page flags waits against the new limit.
    const [process] = await t.database.db.select({ id: processes.id }).from(processes).limit(1);
    const leader = await login(t.app, "processledare");
    const processPage = await get(t.app, leader, `/processer/${process?.id}`);
    expect(processPage.statusCode).toBe(200);
    expect(processPage.body).toContain("Väntetider i dagar. Gränsen är 21 dagar.");
  });

  it("refuses anything but a whole number from 1 to 365 with a field-linked message and changes nothing", async () => {
    const before = await municipality();
    const auditsBefore = (await auditRows(t.database.db, "municipality.update")).length;
    const page = await get(t.app, admin, "/organisation");
    for (const bad of ["0", "366", "-5", "7.5", "1e2", "två veckor", ""]) {
      const res = await postForm(t.app, admin, "/organisation", {
        name: "Ändrat namn",
        code: before?.code ?? "",
        waitLimitDays: bad,
        version: versionIn(page.body),
      });
      expect(res.statusCode, bad).toBe(400);
      expect(res.body).toContain('href="#f-waitLimitDays"');
      expect(res.body).toContain("Skriv ett antal dagar mellan 1 och 365");
      expect(res.body).toContain('aria-invalid="true" aria-describedby="f-waitLimitDays-hint f-waitLimitDays-error"');
      expect(res.body).toContain(`name="waitLimitDays" type="text" value${bad === "" ? "" : `="${bad}"`} inputmode="numeric"`);
    }
    expect(await municipality()).toEqual(before);
    expect(await auditRows(t.database.db, "municipality.update")).toHaveLength(auditsBefore);
  });

  it("accepts the bounds 1 and 365", async () => {
    for (const limit of ["1", "365"]) {
      const page = await get(t.app, admin, "/organisation");
      const m = await municipality();
      const res = await postForm(t.app, admin, "/organisation", {
        name: m?.name ?? "",
        code: m?.code ?? "",
        waitLimitDays: limit,
        version: versionIn(page.body),
      });
      expect(res.statusCode).toBe(303);
      expect((await municipality())?.waitLimitDays).toBe(Number(limit));
    }
  });

  it("is refused with the conflict message when someone else saved first", async () => {
    const before = await municipality();
    const res = await postForm(t.app, admin, "/organisation", {
      name: before?.name ?? "",
      code: before?.code ?? "",
      waitLimitDays: "30",
      version: String((before?.version ?? 1) - 1),
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Någon annan har ändrat uppgifterna sedan du öppnade sidan. Ingenting sparades.");
    expect(await municipality()).toEqual(before);
  });
});

describe("the placement limits (issue 18)", () => {
  const municipality = async () => (await t.database.db.select().from(municipalities))[0];
  const post = async (fields: Record<string, string>) => {
    const page = await get(t.app, admin, "/organisation");
    const m = await municipality();
    return postForm(t.app, admin, "/organisation", {
      name: m?.name ?? "",
      code: m?.code ?? "",
      waitLimitDays: String(m?.waitLimitDays),
      placementReviewLimitDays: String(m?.placementReviewLimitDays),
      emergencyPlacementLimitDays: String(m?.emergencyPlacementLimitDays),
      ...fields,
      version: versionIn(page.body),
    });
  };

  it("shows the two limits, 30 and 60 days by default, in the facts and in the form", async () => {
    const res = await get(t.app, admin, "/organisation");
    expect(res.body).toContain("<dt>Gräns för placeringsforum (dagar)</dt><dd>30 dagar</dd>");
    expect(res.body).toContain("<dt>Gräns för jourhemsplacering (dagar)</dt><dd>60 dagar</dd>");
    expect(res.body).toMatch(/id="f-placementReviewLimitDays" name="placementReviewLimitDays" type="text" value="30"/);
    expect(res.body).toMatch(/id="f-emergencyPlacementLimitDays" name="emergencyPlacementLimitDays" type="text" value="60"/);
  });

  it("refuses a limit outside 1–365 or not a whole number with a field-linked message and changes nothing", async () => {
    const before = await municipality();
    const audits = (await auditRows(t.database.db, "municipality.update")).length;
    for (const bad of ["0", "366", "7,5", "en månad", ""]) {
      const res = await post({ placementReviewLimitDays: bad, emergencyPlacementLimitDays: bad });
      expect(res.statusCode, bad).toBe(400);
      expect(res.body).toContain('href="#f-placementReviewLimitDays"');
      expect(res.body).toContain('href="#f-emergencyPlacementLimitDays"');
      expect(res.body).toContain("Skriv ett antal dagar mellan 1 och 365 för placeringsforum");
      expect(res.body).toContain("Skriv ett antal dagar mellan 1 och 365 för jourhemsplacering");
      expect(res.body).toContain('aria-describedby="f-emergencyPlacementLimitDays-hint f-emergencyPlacementLimitDays-error"');
    }
    expect(await municipality()).toEqual(before);
    expect(await auditRows(t.database.db, "municipality.update")).toHaveLength(audits);
  });

  it("saves both limits, audits the change, and refuses a stale version", async () => {
    const before = await municipality();
    const res = await post({ placementReviewLimitDays: " 21 ", emergencyPlacementLimitDays: "45" });
    expect(res.statusCode).toBe(303);
    expect(await municipality()).toMatchObject({
      placementReviewLimitDays: 21,
      emergencyPlacementLimitDays: 45,
      version: (before?.version ?? 0) + 1,
    });
    expect((await auditRows(t.database.db, "municipality.update")).at(-1)?.detail).toEqual({
      changes: { placementReviewLimitDays: { from: 30, to: 21 }, emergencyPlacementLimitDays: { from: 60, to: 45 } },
    });
    const after = await municipality();
    const stale = await postForm(t.app, admin, "/organisation", {
      name: after?.name ?? "",
      code: after?.code ?? "",
      placementReviewLimitDays: "10",
      version: String((after?.version ?? 1) - 1),
    });
    expect(stale.statusCode).toBe(409);
    expect(await municipality()).toEqual(after);
    expect((await post({ placementReviewLimitDays: "30", emergencyPlacementLimitDays: "60" })).statusCode).toBe(303);
  });
});

describe("the decimals of shares and means", () => {
  const municipality = async () => (await t.database.db.select().from(municipalities))[0];
  const post = async (fields: Record<string, string>) => {
    const page = await get(t.app, admin, "/organisation");
    const m = await municipality();
    return postForm(t.app, admin, "/organisation", {
      name: m?.name ?? "",
      code: m?.code ?? "",
      waitLimitDays: String(m?.waitLimitDays),
      minGroupSize: String(m?.minGroupSize),
      ...fields,
      version: versionIn(page.body),
    });
  };

  it("shows whole percent and two decimals by default, in the facts and as the chosen options", async () => {
    const res = await get(t.app, admin, "/organisation");
    expect(res.body).toContain("<dt>Decimaler i andelar</dt><dd>Hela procent (43 %)</dd>");
    expect(res.body).toContain("<dt>Decimaler i medelvärden</dt><dd>Två decimaler (3,25)</dd>");
    expect(res.body).toMatch(/<option value="0" selected>Hela procent/);
    expect(res.body).toMatch(/<option value="2" selected>Två decimaler/);
  });

  it("an administrator chooses one decimal in shares and none in means; the change is audited", async () => {
    const res = await post({ shareDecimals: "1", meanDecimals: "0" });
    expect(res.statusCode, res.body).toBe(303);
    expect(await municipality()).toMatchObject({ shareDecimals: 1, meanDecimals: 0 });
    expect((await auditRows(t.database.db, "municipality.update")).at(-1)?.detail).toEqual({
      changes: { shareDecimals: { from: 0, to: 1 }, meanDecimals: { from: 2, to: 0 } },
    });
    const after = await get(t.app, admin, "/organisation?klart=kommun");
    expect(after.body).toContain("<dt>Decimaler i andelar</dt><dd>En decimal (42,5 %)</dd>");
    expect(await post({ shareDecimals: "0", meanDecimals: "2" })).toMatchObject({ statusCode: 303 });
  });

  it("refuses a value that is not among the choices with a field-linked message and changes nothing", async () => {
    const before = await municipality();
    const auditsBefore = (await auditRows(t.database.db, "municipality.update")).length;
    for (const [field, bad, message] of [
      ["shareDecimals", "2", "Välj hela procent eller en decimal"],
      ["shareDecimals", "en", "Välj hela procent eller en decimal"],
      ["meanDecimals", "3", "Välj noll, en eller två decimaler"],
      ["meanDecimals", "", "Välj noll, en eller två decimaler"],
    ] as const) {
      const res = await post({ [field]: bad });
      expect(res.statusCode, `${field}=${bad}`).toBe(400);
      expect(res.body).toContain(`href="#f-${field}"`);
      expect(res.body).toContain(message);
      expect(res.body).toContain(`aria-invalid="true" aria-describedby="f-${field}-hint f-${field}-error"`);
    }
    expect(await municipality()).toEqual(before);
    expect(await auditRows(t.database.db, "municipality.update")).toHaveLength(auditsBefore);
  });
});

describe("units", () => {
  let created = "";

  it("an administrator adds a unit; the change is audited", async () => {
    const form = await get(t.app, admin, "/organisation/enheter/ny");
    expect(form.statusCode).toBe(200);
    expect(h1Count(form.body)).toBe(1);
    expect(form.body).toContain('<label class="ds-label" for="f-kind">Verksamhet</label>');

    const res = await postForm(t.app, admin, "/organisation/enheter/ny", { name: "  Familjeenheten ", kind: "domestic_violence" });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/organisation?klart=enhet-tillagd");
    created = await unitId(t.database.db, "Familjeenheten");
    expect(await unitRow(created)).toMatchObject({ kind: "domestic_violence", active: true, version: 1 });
    const [row] = await auditRows(t.database.db, "unit.create", created);
    expect(row?.detail).toEqual({ name: "Familjeenheten", kind: "domestic_violence" });
    expect(row?.actorUsername).toBe("admin");
  });

  it("refuses a duplicate name, whatever its case, with a field-linked Swedish message", async () => {
    const before = await count(t.database.db, units);
    const res = await postForm(t.app, admin, "/organisation/enheter/ny", { name: "barn OCH unga norr", kind: "child_youth" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a class="ds-link" href="#f-name">Det finns redan en enhet med det namnet. Välj ett annat namn.</a>');
    expect(res.body).toContain('id="f-name-error"');
    expect(res.body).toContain('value="barn OCH unga norr"');
    expect(await count(t.database.db, units)).toBe(before);
  });

  it("refuses a missing name and kind, linking each field", async () => {
    const res = await postForm(t.app, admin, "/organisation/enheter/ny", { name: " ", kind: "" });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-name">Skriv enhetens namn</a>');
    expect(res.body).toContain('href="#f-kind">Välj enhetens verksamhet</a>');
    const long = await postForm(t.app, admin, "/organisation/enheter/ny", { name: "x".repeat(201), kind: "other" });
    expect(long.body).toContain("Enhetens namn får ha högst 200 tecken");
  });

  it("renames and changes the kind with the current version; a stale version changes nothing", async () => {
    const page = await get(t.app, admin, `/organisation/enheter/${created}`);
    expect(page.statusCode).toBe(200);
    expect(h1Count(page.body)).toBe(1);
    const version = versionIn(page.body);
    const res = await postForm(t.app, admin, `/organisation/enheter/${created}`, { name: "Familjeteamet", kind: "other", version });
    expect(res.statusCode).toBe(303);
    expect(await unitRow(created)).toMatchObject({ name: "Familjeteamet", kind: "other", version: 2 });
    const [row] = await auditRows(t.database.db, "unit.update", created);
    expect(row?.detail).toEqual({
      changes: { name: { from: "Familjeenheten", to: "Familjeteamet" }, kind: { from: "domestic_violence", to: "other" } },
    });

    const stale = await postForm(t.app, admin, `/organisation/enheter/${created}`, { name: "Gammalt namn", kind: "intake", version });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Någon annan har ändrat uppgifterna sedan du öppnade sidan. Ingenting sparades.");
    expect(await unitRow(created)).toMatchObject({ name: "Familjeteamet", kind: "other", version: 2 });
    expect(await auditRows(t.database.db, "unit.update", created)).toHaveLength(1);
  });

  it("refuses an emptied name and kind on the edit form, linking each field, and changes nothing", async () => {
    const page = await get(t.app, admin, `/organisation/enheter/${created}`);
    const before = await unitRow(created);
    const res = await postForm(t.app, admin, `/organisation/enheter/${created}`, { name: " ", kind: "", version: versionIn(page.body) });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-name">Skriv enhetens namn</a>');
    expect(res.body).toContain('href="#f-kind">Välj enhetens verksamhet</a>');
    expect(await unitRow(created)).toMatchObject({ name: before?.name, kind: before?.kind, version: before?.version });
  });

  it("refuses renaming to another unit's name", async () => {
    const res = await postForm(t.app, admin, `/organisation/enheter/${created}`, {
      name: "Mottagningsenheten",
      kind: "other",
      version: "2",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-name">Det finns redan en enhet med det namnet.');
    expect((await unitRow(created))?.name).toBe("Familjeteamet");
  });

  it("deactivates and reactivates a unit, audited", async () => {
    const off = await postForm(t.app, admin, `/organisation/enheter/${created}/status`, { version: "2", active: "false" });
    expect(off.statusCode).toBe(303);
    expect(off.headers.location).toBe(`/organisation/enheter/${created}?klart=inaktiverad`);
    expect(await unitRow(created)).toMatchObject({ active: false, version: 3 });
    expect(await auditRows(t.database.db, "unit.deactivate", created)).toHaveLength(1);
    const page = await get(t.app, admin, `/organisation/enheter/${created}?klart=inaktiverad`);
    expect(page.body).toContain("Enheten är inaktiverad.");
    expect(page.body).toContain("Aktivera enheten igen");

    const on = await postForm(t.app, admin, `/organisation/enheter/${created}/status`, { version: "3", active: "true" });
    expect(on.statusCode).toBe(303);
    expect(await unitRow(created)).toMatchObject({ active: true, version: 4 });
    expect(await auditRows(t.database.db, "unit.reactivate", created)).toHaveLength(1);
  });

  it("answers an unknown or malformed unit id with 404", async () => {
    expect((await get(t.app, admin, "/organisation/enheter/00000000-0000-4000-8000-000000000000")).statusCode).toBe(404);
    expect((await get(t.app, admin, "/organisation/enheter/inte-ett-id")).statusCode).toBe(404);
  });
});

describe("who may manage the organisation", () => {
  it("a caseworker gets 403 on /organisation and the refusal is in the security log", async () => {
    const caseworker = await login(t.app, "barnhandlaggare");
    const before = (await securityRows(t.database.db, "permission_denied")).length;
    const res = await get(t.app, caseworker, "/organisation");
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain("Du har inte behörighet till den här sidan");
    const rows = await securityRows(t.database.db, "permission_denied");
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toMatchObject({
      username: "barnhandlaggare",
      action: "organisation.manage",
      route: "/organisation",
      method: "GET",
    });

    const post = await postForm(t.app, caseworker, "/organisation/enheter/ny", { name: "Smygenheten", kind: "other" });
    expect(post.statusCode).toBe(403);
    expect(await t.database.db.select().from(units).where(eq(units.name, "Smygenheten"))).toHaveLength(0);
  });

  it("a unit manager cannot change units either", async () => {
    const manager = await login(t.app, "enhetschef");
    expect((await get(t.app, manager, "/organisation")).statusCode).toBe(403);
  });
});
