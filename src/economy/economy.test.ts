import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, type Browser, createTestApp, get, login, postForm, type TestApp } from "../../test/helpers.ts";
import {
  auditLog,
  economyAccountMappings,
  economyCosts,
  economyImportUploads,
  economyProjects,
  municipalities,
} from "../db/schema/index.ts";
import { DEMO_PROJECT_NAME } from "./demo.ts";
import { writeXlsx } from "./xlsx.ts";

let t: TestApp;
let leader: Browser;
let demoId: string;

beforeAll(async () => {
  t = await createTestApp();
  leader = await login(t.app, "processledare");
  const [p] = await t.database.db
    .select({ id: economyProjects.id })
    .from(economyProjects)
    .where(eq(economyProjects.name, DEMO_PROJECT_NAME));
  demoId = p?.id ?? "";
});
afterAll(() => t.close());

/** Amounts in the pages use no-break spaces; tests compare with ordinary ones. */
const plain = (html: string) => html.replace(/[\u00a0\u202f]/g, " ");
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const costCount = async (projectId: string) =>
  (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(economyCosts).where(eq(economyCosts.projectId, projectId)))[0]?.n ??
  0;
const audits = (action: string) => t.database.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(asc(auditLog.id));

/** A multipart form as a browser sends it: the CSRF token and one file. */
function upload(browser: Browser, url: string, file: { name: string; type: string; data: Buffer } | null, csrf = browser.csrf) {
  const boundary = "----sofiaTestBoundary7MA4YWxkTrZu0gW";
  const parts: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`)];
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from("\r\n"),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return t.app.inject({
    method: "POST",
    url,
    headers: { cookie: browser.cookie, "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat(parts),
  });
}

async function newProject(name: string, fields: Record<string, string> = {}) {
  const res = await postForm(t.app, leader, "/ekonomi/nytt", {
    name,
    fundingSource: "Lokala utvecklingsmedel",
    fundingKind: "local_development",
    fromYear: "2024",
    toYear: "2026",
    ownContribution: "300 000 kr",
    "grants.0.year": "2024",
    "grants.0.amount": "1 350 000",
    "grants.1.year": "2025",
    "grants.1.amount": "1350000",
    "grants.2.year": "",
    "grants.2.amount": "",
    "grants.3.year": "2026",
    "grants.3.amount": "1 350 000,00",
    ...fields,
  });
  expect(res.statusCode).toBe(303);
  const id = /\/ekonomi\/([0-9a-f-]{36})/.exec(res.headers.location as string)?.[1] ?? "";
  return id;
}

describe("the project page", () => {
  it("shows the seeds' figures per year and in total, with the last year's remainder", async () => {
    const list = await get(t.app, leader, "/ekonomi");
    expect(list.statusCode).toBe(200);
    expect(plain(list.body)).toContain(DEMO_PROJECT_NAME);
    expect(list.body).toContain('href="/ekonomi"');
    const res = await get(t.app, leader, `/ekonomi/${demoId}`);
    expect(res.statusCode).toBe(200);
    const html = plain(res.body);
    expect(html).toContain("Återstår till sista året (2021): <strong>2 118 522 kr</strong>");
    expect(html).toMatch(
      /<th scope="row">2019<\/th><td class="sofia-num"><span class="sofia-nowrap">1 445 000 kr<\/span><\/td><td class="sofia-num"><span class="sofia-nowrap">1 143 237 kr/,
    );
    expect(html).toContain("1 073 241 kr");
    expect(html).toContain("4 335 000 kr");
    expect(html).toContain("2 216 478 kr");
    expect(html).toContain("<svg");
    expect(html).toContain("Återbetalning per år");
  });
});

describe("projects: create and edit with optimistic locking", () => {
  it("creates a project with grants by year, audited", async () => {
    const id = await newProject("Växa och må bra");
    const page = plain((await get(t.app, leader, `/ekonomi/${id}?klart=skapat`)).body);
    expect(page).toContain("Projektet är upplagt.");
    expect(page).toContain("4 050 000 kr");
    expect(page).toContain("300 000 kr");
    const [row] = await audits("economy_project.create");
    expect(row).toMatchObject({ recordType: "economy_project", recordId: id });
  });

  it("refuses öre, a grant outside the period and a duplicate name with field-linked Swedish messages; nothing stored", async () => {
    const before = (await t.database.db.select().from(economyProjects)).length;
    const res = await postForm(t.app, leader, "/ekonomi/nytt", {
      name: "Nytt projekt",
      fundingSource: "Fonden",
      fundingKind: "social_investment_fund",
      fromYear: "2024",
      toYear: "2025",
      ownContribution: "12,50",
      "grants.0.year": "2030",
      "grants.0.amount": "100",
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('href="#f-ownContribution"');
    expect(res.body).toContain("Beloppet ska anges i hela kronor, utan ören.");
    const outside = await postForm(t.app, leader, "/ekonomi/nytt", {
      name: "Nytt projekt",
      fundingSource: "Fonden",
      fundingKind: "social_investment_fund",
      fromYear: "2024",
      toYear: "2025",
      ownContribution: "",
      "grants.0.year": "",
      "grants.0.amount": "",
      "grants.1.year": "2030",
      "grants.1.amount": "100",
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('href="#f-grants-1-year"');
    expect(outside.body).toContain("Året ligger utanför projektperioden.");
    const duplicate = await postForm(t.app, leader, "/ekonomi/nytt", {
      name: DEMO_PROJECT_NAME.toUpperCase(),
      fundingSource: "Fonden",
      fundingKind: "other",
      fromYear: "2024",
      toYear: "2024",
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain("Det finns redan ett projekt med det namnet.");
    expect((await t.database.db.select().from(economyProjects)).length).toBe(before);
  });

  it("saves an edit with the current version and refuses a stale one with 409", async () => {
    const id = await newProject("Låsningsprojektet");
    const form = await get(t.app, leader, `/ekonomi/${id}/andra`);
    const version = versionIn(form.body);
    expect(version).toBe("1");
    const fields = {
      name: "Låsningsprojektet",
      fundingSource: "Lokala utvecklingsmedel",
      fundingKind: "local_development",
      fromYear: "2024",
      toYear: "2026",
      ownContribution: "0",
      "grants.0.year": "2024",
      "grants.0.amount": "1 000 000",
      "repayments.0.year": "2027",
      "repayments.0.amount": "200 000",
      version,
    };
    const ok = await postForm(t.app, leader, `/ekonomi/${id}/andra`, fields);
    expect(ok.statusCode).toBe(303);
    const stale = await postForm(t.app, leader, `/ekonomi/${id}/andra`, { ...fields, name: "Någon annans namn" });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("f-_form");
    const [p] = await t.database.db.select().from(economyProjects).where(eq(economyProjects.id, id));
    expect(p).toMatchObject({ name: "Låsningsprojektet", version: 2, ownContribution: 0 });
    const [row] = await audits("economy_project.update");
    expect(row?.detail).toMatchObject({ changes: { ownContribution: { from: 300000, to: 0 } } });
  });
});

describe("costs", () => {
  it("enters a half-year's cost in a free category and deletes it with its version", async () => {
    const id = await newProject("Kostnadsprojektet");
    const bad = await postForm(t.app, leader, `/ekonomi/${id}/kostnader`, {
      year: "2024",
      halfYear: "1",
      category: "other",
      label: "",
      amount: "5 000",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Ange ett namn på den egna kategorin.");
    const res = await postForm(t.app, leader, `/ekonomi/${id}/kostnader`, {
      year: "2024",
      halfYear: "1",
      category: "other",
      label: "Resor",
      amount: "5 000 kr",
    });
    expect(res.statusCode).toBe(303);
    const page = plain((await get(t.app, leader, `/ekonomi/${id}/kostnader`)).body);
    expect(page).toContain("Resor");
    expect(page).toContain("5 000 kr");
    const [cost] = await t.database.db.select().from(economyCosts).where(eq(economyCosts.projectId, id));
    expect(cost).toMatchObject({ year: 2024, halfYear: 1, category: "other", label: "Resor", amount: 5000, source: "manual" });
    const stale = await postForm(t.app, leader, `/ekonomi/${id}/kostnader/${cost?.id}/ta-bort`, { version: "7" });
    expect(stale.statusCode).toBe(409);
    const del = await postForm(t.app, leader, `/ekonomi/${id}/kostnader/${cost?.id}/ta-bort`, { version: "1" });
    expect(del.statusCode).toBe(303);
    expect(await costCount(id)).toBe(0);
    expect((await audits("economy_cost.delete")).at(-1)?.detail).toMatchObject({ amount: 5000, label: "Resor" });
  });
});

describe("permissions", () => {
  it("refuses a caseworker the pages and the API (403) and shows no menu item", async () => {
    const cw = await login(t.app, "barnhandlaggare");
    expect((await get(t.app, cw, "/ekonomi")).statusCode).toBe(403);
    expect((await get(t.app, cw, `/ekonomi/${demoId}`)).statusCode).toBe(403);
    expect((await get(t.app, cw, "/start")).body).not.toContain('href="/ekonomi"');
    const token = await apiToken(t, "barnhandlaggare", ["economy.view"]);
    const res = await apiCall(t.app, "GET", "/api/v1/economy/projects", token);
    expect(res.statusCode).toBe(403);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });

  it("lets an analyst read but not change", async () => {
    const analyst = await login(t.app, "analytiker");
    const page = await get(t.app, analyst, `/ekonomi/${demoId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain(`href="/ekonomi/${demoId}/andra"`);
    expect((await get(t.app, analyst, "/ekonomi/nytt")).statusCode).toBe(403);
    const post = await postForm(t.app, analyst, `/ekonomi/${demoId}/kostnader`, {
      year: "2021",
      halfYear: "",
      category: "training",
      amount: "1",
    });
    expect(post.statusCode).toBe(403);
  });

  it("answers 404 for another municipality's project and for a malformed id", async () => {
    const [other] = await t.database.db
      .insert(municipalities)
      .values({ name: "Annan kommun", code: "0001" })
      .returning({ id: municipalities.id });
    const [p] = await t.database.db
      .insert(economyProjects)
      .values({
        municipalityId: other?.id as string,
        name: "Hemligt",
        fundingSource: "X",
        fundingKind: "other",
        fromYear: 2024,
        toYear: 2024,
      })
      .returning({ id: economyProjects.id });
    expect((await get(t.app, leader, `/ekonomi/${p?.id}`)).statusCode).toBe(404);
    expect((await get(t.app, leader, "/ekonomi/inte-ett-id")).statusCode).toBe(404);
    const token = await apiToken(t, "processledare", ["economy.view"]);
    const res = await apiCall(t.app, "GET", `/api/v1/economy/projects/${p?.id}`, token);
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toContain("application/problem+json");
  });
});

describe("import of the finance system's export", () => {
  it("imports nothing when any row fails and lists every bad row with row, column and reason", async () => {
    const id = await newProject("Importprojektet 1");
    const csv = [
      "Konto;Kontonamn;Period;Belopp",
      "7010;Löner;2024-03;100 000",
      "5010;Hyra;2024-03;12,50",
      "6550;Konsulter;2031-01;5 000",
      ";Utan konto;2024-05;7",
      "7510;Sociala avgifter;2024-09;31 420,00",
    ].join("\r\n");
    const up = await upload(leader, `/ekonomi/${id}/import`, { name: "export.csv", type: "text/csv", data: Buffer.from(csv, "utf8") });
    expect(up.statusCode).toBe(303);
    const previewUrl = up.headers.location as string;
    const preview = plain((await get(t.app, leader, previewUrl)).body);
    expect(preview).toContain("3 fel");
    expect(preview).toContain("Rad 3, kolumn Belopp: Beloppet ska anges i hela kronor, utan ören.");
    expect(preview).toContain("Rad 4, kolumn År: Året ligger utanför projektperioden 2024–2026.");
    expect(preview).toContain("Rad 5, kolumn Konto: Kontot saknas.");
    const confirm = await postForm(t.app, leader, previewUrl, { action: "confirm" });
    expect(confirm.statusCode).toBe(400);
    expect(plain(confirm.body)).toContain("Ingenting importerades: 3 fel");
    expect(await costCount(id)).toBe(0);
    expect(await t.database.db.select().from(economyAccountMappings).where(eq(economyAccountMappings.projectId, id))).toEqual([]);
    expect(await audits("economy_cost.import")).toEqual([]);
  });

  it("imports a good semicolon CSV with the chosen mapping, keeps the mapping and reuses it next time", async () => {
    const id = await newProject("Importprojektet 2");
    const csv =
      "\ufeffKonto;Kontonamn;År;Halvår;Belopp\n7010;Löner;2024;1;1 019 848\nP-99;Handledning;2024;2;26 850,00\n5010;Hyra;2025;;16 356 kr\n";
    const up = await upload(leader, `/ekonomi/${id}/import`, { name: "ekonomi.csv", type: "text/csv", data: Buffer.from(csv, "utf8") });
    const previewUrl = up.headers.location as string;
    const first = plain((await get(t.app, leader, previewUrl)).body);
    expect(first).toContain("Rad 3, kolumn Konto: Kontot P-99 har ingen kategori: välj en kategori för kontot.");
    const fields = {
      "mapping.0.account": "7010",
      "mapping.0.category": "labour",
      "mapping.1.account": "P-99",
      "mapping.1.category": "other",
      "mapping.1.label": "Handledning",
      "mapping.2.account": "5010",
      "mapping.2.category": "premises",
    };
    const refreshed = plain((await postForm(t.app, leader, previewUrl, { ...fields, action: "preview" })).body);
    expect(refreshed).toContain("3 rader, sammanlagt 1 063 054 kr, är klara att importeras.");
    const done = await postForm(t.app, leader, previewUrl, { ...fields, action: "confirm" });
    expect(done.statusCode).toBe(303);
    const costs = await t.database.db.select().from(economyCosts).where(eq(economyCosts.projectId, id)).orderBy(asc(economyCosts.amount));
    expect(costs.map((c) => [c.year, c.halfYear, c.category, c.amount, c.account, c.source])).toEqual([
      [2025, null, "premises", 16356, "5010", "import"],
      [2024, 2, "other", 26850, "P-99", "import"],
      [2024, 1, "labour", 1019848, "7010", "import"],
    ]);
    expect(new Set(costs.map((c) => c.importBatchId)).size).toBe(1);
    expect(await t.database.db.select().from(economyImportUploads).where(eq(economyImportUploads.projectId, id))).toEqual([]);
    const [audit] = await audits("economy_cost.import");
    expect(audit?.detail).toMatchObject({ rowCount: 3, total: 1063054, format: "csv" });
    // The next import of the same accounts needs no choices: the mapping was stored.
    const again = await upload(leader, `/ekonomi/${id}/import`, {
      name: "ekonomi2.csv",
      type: "text/csv",
      data: Buffer.from('Konto,År,Belopp\nP-99,2026,"1 000"\n', "utf8"),
    });
    const next = plain((await get(t.app, leader, again.headers.location as string)).body);
    expect(next).toContain("1 rader, sammanlagt 1 000 kr, är klara att importeras.");
    expect(next).toContain('value="Handledning"');
  });

  it("imports a good XLSX export", async () => {
    const id = await newProject("Importprojektet 3");
    const xlsx = await writeXlsx([
      ["Konto", "Kontonamn", "Datum", "Belopp"],
      [7010, "Löner", "2025-02-28", 954170],
      [6550, "Övriga tjänster", "2025-10-31", "97 925"],
    ]);
    const up = await upload(leader, `/ekonomi/${id}/import`, {
      name: "export.xlsx",
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      data: xlsx,
    });
    expect(up.statusCode).toBe(303);
    const done = await postForm(t.app, leader, up.headers.location as string, { action: "confirm" });
    expect(done.statusCode).toBe(303);
    const costs = await t.database.db.select().from(economyCosts).where(eq(economyCosts.projectId, id)).orderBy(asc(economyCosts.amount));
    expect(costs.map((c) => [c.year, c.halfYear, c.category, c.amount])).toEqual([
      [2025, 2, "other_services", 97925],
      [2025, 1, "labour", 954170],
    ]);
  });

  it("refuses an upload without a file, an unreadable file, and a missing CSRF token", async () => {
    const none = await upload(leader, `/ekonomi/${demoId}/import`, null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain("Välj en fil att ladda upp.");
    const zip = await upload(leader, `/ekonomi/${demoId}/import`, {
      name: "x.xlsx",
      type: "application/zip",
      data: Buffer.from("PK\u0003\u0004trasig"),
    });
    expect(zip.statusCode).toBe(400);
    expect(zip.body).toContain("Filen kunde inte läsas.");
    const csrf = await upload(
      leader,
      `/ekonomi/${demoId}/import`,
      { name: "a.csv", type: "text/csv", data: Buffer.from("Konto;År;Belopp\n") },
      "fel",
    );
    expect(csrf.statusCode).toBe(403);
  });
});

describe("the savings estimate", () => {
  it("shows every assumption, the estimate beside the repayment plan and says it is an estimate", async () => {
    const res = await get(t.app, leader, `/ekonomi/${demoId}/besparing`);
    expect(res.statusCode).toBe(200);
    const html = plain(res.body);
    expect(html).toContain("Uppskattning – antaganden, inte uppmätta resultat");
    // 62 000 × 12 + 31 500 × 18 + 14 250 × 10 = 1 453 500 a year; × 5 years = 7 267 500; repaid 4 335 000.
    expect(html).toContain("1 453 500 kr");
    expect(html).toContain("7 267 500 kr");
    expect(html).toContain("4 335 000 kr");
    expect(html).toContain("2 932 500 kr");
    expect(html).toContain("Exempel i demodata: antagande, inte uppmätt");
  });

  it("saves changed assumptions with the project's version", async () => {
    const page = await get(t.app, leader, `/ekonomi/${demoId}/besparing`);
    const ids = [...page.body.matchAll(/name="assumptions\.(\d)\.unitCostId" value="([^"]+)"/g)].map((m) => m[2] as string);
    expect(ids).toHaveLength(3);
    const bad = await postForm(t.app, leader, `/ekonomi/${demoId}/besparing`, {
      version: versionIn(page.body),
      horizonYears: "0",
      "assumptions.0.unitCostId": ids[0] as string,
      "assumptions.0.avoidedPerYear": "1,5",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-horizonYears"');
    expect(bad.body).toContain('href="#f-assumptions-0-avoidedPerYear"');
    // Blank rows are left out; the service's error on the second filled row still names its row on the form.
    const twice = await postForm(t.app, leader, `/ekonomi/${demoId}/besparing`, {
      version: versionIn(page.body),
      horizonYears: "3",
      "assumptions.0.unitCostId": ids[0] as string,
      "assumptions.0.avoidedPerYear": "",
      "assumptions.1.unitCostId": ids[1] as string,
      "assumptions.1.avoidedPerYear": "1",
      "assumptions.2.unitCostId": ids[1] as string,
      "assumptions.2.avoidedPerYear": "2",
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain('href="#f-assumptions-2-unitCostId"');
    expect(twice.body).toContain("Styckkostnaden finns redan på en annan rad.");
    expect(twice.body).not.toContain('href="#f-assumptions-1-unitCostId"');
    const res = await postForm(t.app, leader, `/ekonomi/${demoId}/besparing`, {
      version: versionIn(page.body),
      horizonYears: "3",
      "assumptions.0.unitCostId": ids[0] as string,
      "assumptions.0.avoidedPerYear": "2",
      "assumptions.0.basis": "Jämförelsegrupp",
      "assumptions.1.unitCostId": ids[1] as string,
      "assumptions.1.avoidedPerYear": "",
      "assumptions.2.unitCostId": ids[2] as string,
      "assumptions.2.avoidedPerYear": "",
    });
    expect(res.statusCode).toBe(303);
    const token = await apiToken(t, "processledare", ["economy.view"]);
    const api = await apiCall(t.app, "GET", `/api/v1/economy/projects/${demoId}/savings`, token);
    const body = api.json();
    expect(body).toMatchObject({
      kind: "estimate",
      notice: "Uppskattning – antaganden, inte uppmätta resultat",
      horizonYears: 3,
      repaymentTotal: 4335000,
    });
    expect(body.assumptions).toHaveLength(1);
    // Which unit cost sorts first depends on the Swedish collation: check the arithmetic instead.
    const a = body.assumptions[0];
    expect(body.overHorizon).toBe(a.unitCost * 2 * 3);
    const stale = await postForm(t.app, leader, `/ekonomi/${demoId}/besparing`, { version: versionIn(page.body), horizonYears: "4" });
    expect(stale.statusCode).toBe(409);
  });
});

describe("the API", () => {
  it("creates a project, adds costs and answers the summary in whole kronor", async () => {
    const token = await apiToken(t, "processledare", ["economy.view", "economy.manage"]);
    const created = await apiCall(t.app, "POST", "/api/v1/economy/projects", token, {
      name: "API-projektet",
      fundingSource: "Socialnämndens fond för sociala investeringar",
      fundingKind: "social_investment_fund",
      fromYear: 2019,
      toYear: 2021,
      grants: [2019, 2020, 2021].map((year) => ({ year, amount: 1445000 })),
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id as string;
    for (const [year, amount] of [
      [2019, 1143237],
      [2020, 1073241],
    ] as const) {
      const res = await apiCall(t.app, "POST", `/api/v1/economy/projects/${id}/costs`, token, { year, category: "labour", amount });
      expect(res.statusCode).toBe(201);
    }
    const summary = await apiCall(t.app, "GET", `/api/v1/economy/projects/${id}/summary`, token);
    expect(summary.json()).toMatchObject({ lastYear: 2021, lastYearRemainder: 2118522, total: { granted: 4335000, spent: 2216478 } });
  });

  it("answers problem+json for öre, a stale version and a cost outside the period", async () => {
    const token = await apiToken(t, "processledare", ["economy.view", "economy.manage"]);
    const ore = await apiCall(t.app, "POST", `/api/v1/economy/projects/${demoId}/costs`, token, {
      year: 2021,
      category: "labour",
      amount: 12.5,
    });
    expect(ore.statusCode).toBe(400);
    expect(ore.headers["content-type"]).toContain("application/problem+json");
    expect(ore.json().errors).toEqual([{ field: "amount", message: "Beloppet ska anges i hela kronor, utan ören." }]);
    // The form's schema is the API's: an amount may also be Swedish text, read the same way.
    const oreText = await apiCall(t.app, "POST", `/api/v1/economy/projects/${demoId}/costs`, token, {
      year: 2021,
      category: "labour",
      amount: "12,50 kr",
    });
    expect(oreText.statusCode).toBe(400);
    expect(oreText.json().errors).toEqual([{ field: "amount", message: "Beloppet ska anges i hela kronor, utan ören." }]);
    const outside = await apiCall(t.app, "POST", `/api/v1/economy/projects/${demoId}/costs`, token, {
      year: 2030,
      category: "labour",
      amount: 1,
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().errors).toEqual([{ field: "year", message: "Året ligger utanför projektperioden." }]);
    const stale = await apiCall(t.app, "PUT", `/api/v1/economy/projects/${demoId}`, token, {
      name: DEMO_PROJECT_NAME,
      fundingSource: "X",
      fundingKind: "other",
      fromYear: 2019,
      toYear: 2021,
      version: 99,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.headers["content-type"]).toContain("application/problem+json");
  });

  it("imports JSON rows all or nothing, naming each bad row", async () => {
    const token = await apiToken(t, "processledare", ["economy.view", "economy.manage"]);
    const before = await costCount(demoId);
    const bad = await apiCall(t.app, "POST", `/api/v1/economy/projects/${demoId}/imports`, token, {
      rows: [
        { account: "7010", year: 2021, amount: "100 000" },
        { account: "7010", year: 2021, amount: "1,25" },
        { account: "XYZ", year: 2021, amount: 5 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual([
      { field: "rows.2.amount", message: "Rad 2, kolumn Belopp: Beloppet ska anges i hela kronor, utan ören." },
      { field: "rows.3.account", message: "Rad 3, kolumn Konto: Kontot XYZ har ingen kategori: välj en kategori för kontot." },
    ]);
    expect(await costCount(demoId)).toBe(before);
    const good = await apiCall(t.app, "POST", `/api/v1/economy/projects/${demoId}/imports`, token, {
      fileName: "api-export",
      rows: [
        { account: "7010", period: "20/2 2021", amount: "100 000" },
        { account: "XYZ", year: 2021, halfYear: 2, amount: 5 },
      ],
      mapping: [{ account: "XYZ", category: "training" }],
    });
    expect(good.statusCode, good.body).toBe(201);
    expect(good.json()).toMatchObject({ rowCount: 2, total: 100005 });
    expect(await costCount(demoId)).toBe(before + 2);
    const [m] = await t.database.db
      .select()
      .from(economyAccountMappings)
      .where(and(eq(economyAccountMappings.projectId, demoId), eq(economyAccountMappings.account, "XYZ")));
    expect(m?.category).toBe("training");
  });

  it("documents the routes in the OpenAPI document, with their request and response schemas", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(res.statusCode).toBe(200);
    type Media = { content?: { "application/json"?: { schema?: Schema } } };
    type Schema = { $ref?: string; type?: string; properties?: Record<string, unknown>; items?: Schema; required?: string[] };
    type Operation = {
      tags?: string[];
      summary?: string;
      "x-permission"?: string;
      parameters?: Array<{ name: string; in: string }>;
      requestBody?: Media;
      responses?: Record<string, Media & { description?: string }>;
    };
    const doc = res.json() as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
    const economyOps = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith("/api/v1/economy/"))
      .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));

    // method, path, permission, request body fields (none: no body), success status, its fields (null: no body).
    const expected: Array<[string, string, string, string[] | null, string, string[] | null]> = [
      ["get", "/projects", "economy.view", null, "200", ["id", "name", "granted", "spent", "remaining", "version"]],
      [
        "post",
        "/projects",
        "economy.manage",
        ["name", "fundingSource", "fundingKind", "fromYear", "toYear", "grants"],
        "201",
        ["id", "version"],
      ],
      ["get", "/projects/{id}", "economy.view", null, "200", ["project", "grants", "repayments", "costs", "summary"]],
      ["put", "/projects/{id}", "economy.manage", ["name", "version", "grants", "repayments"], "200", ["id", "version"]],
      ["get", "/projects/{id}/summary", "economy.view", null, "200", ["years", "total", "lastYear", "categories"]],
      ["get", "/projects/{id}/budget", "economy.view", null, "200", ["version", "lines", "years", "categories", "total"]],
      ["put", "/projects/{id}/budget", "economy.manage", ["version", "lines"], "200", ["version", "years", "total"]],
      ["post", "/projects/{id}/costs", "economy.manage", ["year", "halfYear", "category", "amount"], "201", ["id", "amount", "version"]],
      ["delete", "/projects/{id}/costs/{costId}", "economy.manage", null, "204", null],
      ["post", "/projects/{id}/imports", "economy.manage", ["rows", "mapping", "fileName"], "201", ["batchId", "rowCount", "total"]],
      ["post", "/projects/{id}/imports/file", "economy.manage", ["file", "mapping"], "201", ["batchId", "rowCount", "total"]],
      ["get", "/unit-costs", "economy.view", null, "200", ["id", "label", "unit", "amount", "version"]],
      ["post", "/unit-costs", "economy.manage", ["label", "unit", "amount"], "201", ["id", "version"]],
      ["put", "/unit-costs/{id}", "economy.manage", ["label", "unit", "amount", "version"], "200", ["id", "version"]],
      ["get", "/projects/{id}/savings", "economy.view", null, "200", ["kind", "notice", "assumptions", "balance", "version"]],
      ["put", "/projects/{id}/savings", "economy.manage", ["version", "horizonYears", "assumptions"], "200", ["kind", "balance"]],
    ];
    expect(economyOps.sort()).toEqual(expected.map(([method, path]) => `${method} /api/v1/economy${path}`).sort());

    const fieldsOf = (schema: Schema | undefined) => Object.keys((schema?.type === "array" ? schema.items : schema)?.properties ?? {});
    for (const [method, path, permission, bodyFields, status, responseFields] of expected) {
      const where = `${method.toUpperCase()} /api/v1/economy${path}`;
      const op = doc.paths[`/api/v1/economy${path}`]?.[method] ?? {};
      expect(op.tags, where).toEqual(["Projektekonomi"]);
      expect(op.summary, where).toBeTruthy();
      expect(op["x-permission"], where).toBe(permission);
      const pathParams = (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name);
      expect(pathParams.sort(), where).toEqual([...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort());
      // The file import alone takes multipart/form-data (the file), the others JSON.
      const media = path.endsWith("/file") ? "multipart/form-data" : "application/json";
      if (bodyFields)
        expect(fieldsOf((op.requestBody?.content as Record<string, { schema?: Schema }> | undefined)?.[media]?.schema), where).toEqual(
          expect.arrayContaining(bodyFields),
        );
      else expect(op.requestBody, where).toBeUndefined();
      const success = op.responses?.[status];
      expect(success?.description, where).toBeTruthy();
      if (responseFields)
        expect(fieldsOf(success?.content?.["application/json"]?.schema), where).toEqual(expect.arrayContaining(responseFields));
      else expect(success?.content, where).toBeUndefined();
      // Each error answer is the shared problem+json schema, and that schema is in the document.
      const errors = Object.entries(op.responses ?? {}).filter(([code]) => Number(code) >= 400);
      expect(
        errors.map(([code]) => code),
        where,
      ).toEqual(expect.arrayContaining(["401", "403"]));
      // The file import's 400 is the Problem with every bad row (row, column, reason) beside the field errors.
      for (const [code, r] of errors)
        expect(r.content?.["application/json"]?.schema, `${where} ${code}`).toEqual({
          $ref: `#/components/schemas/${path.endsWith("/file") && code === "400" ? "ImportRowsProblem" : "Problem"}`,
        });
    }
    expect(doc.components.schemas.Problem?.properties).toHaveProperty("errors");
    expect(Object.keys(doc.components.schemas.ImportRowsProblem?.properties ?? {})).toEqual(
      expect.arrayContaining(["title", "errors", "rows"]),
    );
  });
});
