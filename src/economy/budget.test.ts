/**
 * The front door `budgetForPeriod` on the demo data, with hand-counted figures: the demo's current
 * project covers the demo families' years (counted from the test clock), its budget per year and
 * cost category, and its savings estimate.
 */
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiCall, apiToken, createTestApp, get, login, postForm, type TestApp } from "../../test/helpers.ts";
import { auditLog, economyBudgetLines, economyProjects, meetings, municipalities, requests } from "../db/schema/index.ts";
import { begunHalfYears, DEMO_CURRENT_PROJECT_NAME, demoProjectYears } from "./demo.ts";
import { budgetForPeriod } from "./index.ts";

let t: TestApp;
let municipalityId: string;

beforeAll(async () => {
  t = await createTestApp();
  const [m] = await t.database.db.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.code, "9999"));
  municipalityId = m?.id ?? "";
});
afterAll(() => t.close());

describe("the demo's project economy", () => {
  it("covers every demo family's request and meeting, and today", async () => {
    const today = t.clock.today();
    const { fromYear, toYear } = demoProjectYears(today);
    const [r] = await t.database.db
      .select({ first: sql<string>`min(${requests.requestDate})::text`, last: sql<string>`max(${requests.requestDate})::text` })
      .from(requests);
    const [m] = await t.database.db
      .select({ first: sql<string>`min(${meetings.plannedDate})::text`, last: sql<string>`max(${meetings.plannedDate})::text` })
      .from(meetings);
    for (const date of [r?.first, r?.last, m?.first, m?.last, today]) {
      expect(Number(date?.slice(0, 4)), date).toBeGreaterThanOrEqual(fromYear);
      expect(Number(date?.slice(0, 4)), date).toBeLessThanOrEqual(toYear);
    }
    // The families' whole period: every year of it has a project with a budget per category and costs.
    const budgets = await budgetForPeriod(t.database.db, municipalityId, { from: r?.first ?? "", to: today });
    const current = budgets.find((b) => b.name === DEMO_CURRENT_PROJECT_NAME);
    expect(current?.years.map((y) => y.year)).toEqual(
      Array.from(
        { length: Number(today.slice(0, 4)) - Number((r?.first ?? "").slice(0, 4)) + 1 },
        (_, i) => Number((r?.first ?? "").slice(0, 4)) + i,
      ),
    );
    for (const y of current?.years ?? []) {
      expect(y.granted, String(y.year)).toBe(1_500_000);
      expect(y.spent, String(y.year)).toBeGreaterThan(0);
      expect(
        y.categories.map((c) => c.category),
        String(y.year),
      ).toEqual(expect.arrayContaining(["labour", "payroll_overhead", "premises", "other_operating", "training"]));
    }
  });

  it("gives a full year's budget per cost category with hand-counted figures, and the savings estimate", async () => {
    const { fromYear, toYear } = demoProjectYears(t.clock.today());
    const budgets = await budgetForPeriod(t.database.db, municipalityId, { from: `${fromYear}-01-01`, to: `${fromYear}-12-31` });
    const b = budgets.find((x) => x.name === DEMO_CURRENT_PROJECT_NAME);
    expect(b).toMatchObject({ fromYear, toYear });
    expect(b?.years).toHaveLength(1);
    const year = b?.years[0];
    // Granted from the budget lines; spent: both half-years of the export (7010 492 350 × 2, 7510 157 560 × 2, …).
    const rows = year?.categories.map((c) => [c.category, c.granted, c.spent, c.deviation, c.remaining]);
    expect(rows).toEqual([
      ["labour", 1_000_000, 984_700, -15_300, 15_300],
      ["payroll_overhead", 320_000, 315_120, -4_880, 4_880],
      ["premises", 40_000, 40_000, 0, 0],
      ["other_operating", 45_000, 48_430, 3_430, -3_430],
      ["other_services", 60_000, 34_000, -26_000, 26_000],
      ["training", 35_000, 40_500, 5_500, -5_500],
    ]);
    // 984 700 + 315 120 + 40 000 + 48 430 + 34 000 + 40 500 = 1 462 750 of 1 500 000.
    expect(year).toMatchObject({
      year: fromYear,
      granted: 1_500_000,
      spent: 1_462_750,
      deviation: -37_250,
      remaining: 37_250,
      unallocated: 0,
    });
    expect(b?.total).toEqual({ granted: 1_500_000, spent: 1_462_750, deviation: -37_250, remaining: 37_250 });
    // The whole project: three years granted, the costs of every half-year begun by today.
    const halves = begunHalfYears(fromYear, toYear, t.clock.today());
    const firstHalf = 492_350 + 157_560 + 20_000 + 26_480 + 34_000 + 22_500; // 752 890
    const secondHalf = 492_350 + 157_560 + 20_000 + 21_950 + 18_000; // 709 860
    const spent = halves.reduce((n, h) => n + (h.halfYear === 1 ? firstHalf : secondHalf), 0);
    expect(b?.project).toEqual({ granted: 4_500_000, spent, deviation: spent - 4_500_000, remaining: 4_500_000 - spent });
    // 62 000 × 12 + 31 500 × 18 + 14 250 × 10 = 1 453 500 a year; × 5 years = 7 267 500; repaid 900 000 × 5.
    expect(b?.savings).toMatchObject({
      horizonYears: 5,
      perYear: 1_453_500,
      overHorizon: 7_267_500,
      repaymentTotal: 4_500_000,
      balance: 2_767_500,
    });
    expect(b?.savings.lines.map((l) => l.label)).toEqual([
      "Familjehemsplacering av barn",
      "Jourhemsplacering av barn",
      "Öppenvård för förälder",
    ]);
  });

  it("leaves out the projects the period does not touch", async () => {
    const first = await budgetForPeriod(t.database.db, municipalityId, { from: "2020-01-01", to: "2020-06-30" });
    expect(first.map((b) => b.name)).toContain("Sofiamodellen – social investering");
    expect(first.find((b) => b.name === "Sofiamodellen – social investering")?.years.map((y) => [y.year, y.granted, y.spent])).toEqual([
      [2020, 1_445_000, 1_073_241],
    ]);
    expect(await budgetForPeriod(t.database.db, municipalityId, { from: "1990-01-01", to: "1990-12-31" })).toEqual([]);
  });
});

describe("the budget per category through the API", () => {
  it("answers the budget, replaces it with the project's version, and refuses lines above the grant, twice or outside, changing nothing", async () => {
    const token = await apiToken(t, "processledare", ["economy.view", "economy.manage"]);
    const created = await apiCall(t.app, "POST", "/api/v1/economy/projects", token, {
      name: "Budgetprojektet",
      fundingSource: "Lokala utvecklingsmedel",
      fundingKind: "local_development",
      fromYear: 2025,
      toYear: 2026,
      grants: [
        { year: 2025, amount: 100_000 },
        { year: 2026, amount: 50_000 },
      ],
    });
    const id = created.json().id as string;
    const url = `/api/v1/economy/projects/${id}/budget`;
    const cost = await apiCall(t.app, "POST", `/api/v1/economy/projects/${id}/costs`, token, {
      year: 2025,
      category: "labour",
      amount: 64_000,
    });
    expect(cost.statusCode).toBe(201);
    const first = await apiCall(t.app, "GET", url, token);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ lines: [], total: { granted: 150_000, spent: 64_000, remaining: 86_000 } });

    const bad = await apiCall(t.app, "PUT", url, token, {
      version: first.json().version,
      lines: [
        { year: 2025, category: "labour", amount: 90_000 },
        { year: 2025, category: "premises", amount: "20 000 kr" },
        { year: 2026, category: "training", amount: 1 },
        { year: 2026, category: "training", amount: 2 },
        { year: 2027, category: "labour", amount: 3 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        { field: "lines.0.amount", message: "Budgeten per kategori är större än det beviljade beloppet för året." },
        { field: "lines.3.category", message: "Kategorin finns redan för det året: ange den en gång." },
        { field: "lines.4.year", message: "Året ligger utanför projektperioden." },
      ]),
    );
    expect(await t.database.db.select().from(economyBudgetLines).where(eq(economyBudgetLines.projectId, id))).toEqual([]);

    const good = await apiCall(t.app, "PUT", url, token, {
      version: first.json().version,
      lines: [
        { year: 2025, category: "labour", amount: 80_000 },
        { year: 2025, category: "premises", amount: "20 000 kr" },
        { year: 2026, category: "labour", amount: 50_000 },
      ],
    });
    expect(good.statusCode, good.body).toBe(200);
    // 2025: labour 80 000 granted, 64 000 spent, 16 000 left; premises 20 000 untouched.
    expect(good.json().years[0].categories).toEqual([
      { key: "labour", category: "labour", label: null, granted: 80_000, spent: 64_000, deviation: -16_000, remaining: 16_000 },
      { key: "premises", category: "premises", label: null, granted: 20_000, spent: 0, deviation: -20_000, remaining: 20_000 },
    ]);
    const [p] = await t.database.db.select({ version: economyProjects.version }).from(economyProjects).where(eq(economyProjects.id, id));
    expect(good.json().version).toBe(p?.version);
    const stale = await apiCall(t.app, "PUT", url, token, { version: first.json().version, lines: [] });
    expect(stale.statusCode).toBe(409);
    const analyst = await apiToken(t, "analytiker", ["economy.view", "economy.manage"]);
    expect((await apiCall(t.app, "PUT", url, analyst, { version: p?.version, lines: [] })).statusCode).toBe(403);
    expect(await t.database.db.select().from(economyBudgetLines).where(eq(economyBudgetLines.projectId, id))).toHaveLength(3);
  });
});

describe("the project page", () => {
  it("shows the demo's current project's budget per category for each year, beside what was spent", async () => {
    const { fromYear } = demoProjectYears(t.clock.today());
    const [p] = await t.database.db
      .select({ id: economyProjects.id })
      .from(economyProjects)
      .where(eq(economyProjects.name, DEMO_CURRENT_PROJECT_NAME));
    const leader = await login(t.app, "processledare");
    const res = await get(t.app, leader, `/ekonomi/${p?.id}`);
    expect(res.statusCode).toBe(200);
    const html = res.body.replace(/[\u00a0\u202f]/g, " ");
    expect(html).toContain("Budget per kostnadskategori");
    expect(html).toContain(`<caption id="budget-${fromYear}-caption">Budget och utfall ${fromYear}</caption>`);
    // Labour in a full year: 1 000 000 granted, 984 700 spent, −15 300 deviation, 15 300 left.
    expect(html).toMatch(/<th scope="row">Löner<\/th>(<td class="sofia-num">.*?<\/td>){4}/);
    for (const amount of ["1 000 000 kr", "984 700 kr", "\u221215 300 kr", "15 300 kr", "1 462 750 kr"]) expect(html).toContain(amount);
  });
});

describe("the budget form on the project page", () => {
  it("saves the budget per year and category with the API's service, refuses a negative or unread amount field by field, changing nothing", async () => {
    const token = await apiToken(t, "processledare", ["economy.view", "economy.manage"]);
    const created = await apiCall(t.app, "POST", "/api/v1/economy/projects", token, {
      name: "Formulärprojektet",
      fundingSource: "Lokala utvecklingsmedel",
      fundingKind: "local_development",
      fromYear: 2025,
      toYear: 2026,
      grants: [
        { year: 2025, amount: 100_000 },
        { year: 2026, amount: 50_000 },
      ],
    });
    const id = created.json().id as string;
    const lines = () => t.database.db.select().from(economyBudgetLines).where(eq(economyBudgetLines.projectId, id));
    const [before] = await t.database.db
      .select({ version: economyProjects.version })
      .from(economyProjects)
      .where(eq(economyProjects.id, id));
    const leader = await login(t.app, "processledare");
    const page = await get(t.app, leader, `/ekonomi/${id}`);
    expect(page.statusCode).toBe(200);
    // Per year the six fixed categories and one free one: 2025 is lines 0–6, 2026 lines 7–13.
    expect(page.body).toContain(`action="/ekonomi/${id}/budget"`);
    expect(page.body.replace(/[\u00a0\u202f]/g, " ")).toContain('<legend class="ds-label">2025: beviljat 100 000 kr</legend>');
    for (const [i, year, category] of [
      [0, "2025", "labour"],
      [5, "2025", "training"],
      [6, "2025", "other"],
      [7, "2026", "labour"],
    ] as const) {
      expect(page.body).toContain(`name="lines.${i}.year" value="${year}"`);
      expect(page.body).toContain(`name="lines.${i}.category" value="${category}"`);
    }
    expect(page.body).toContain('<label class="ds-label" for="f-lines-0-amount">Löner</label>');

    // Bad amounts: each refused on its field, the page shown again with what was typed; nothing stored.
    const base = { version: String(before?.version), "lines.0.year": "2025", "lines.0.category": "labour" };
    const bad = await postForm(t.app, leader, `/ekonomi/${id}/budget`, {
      ...base,
      "lines.0.amount": "-5 000",
      "lines.2.year": "2025",
      "lines.2.category": "premises",
      "lines.2.amount": "mycket",
      "lines.7.year": "2026",
      "lines.7.category": "labour",
      "lines.7.amount": "",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#f-lines-0-amount">Löner 2025: Beloppet kan inte vara negativt.</a>');
    expect(bad.body).toMatch(/href="#f-lines-2-amount">Hyra och lokalkostnader 2025: [^<]+<\/a>/);
    expect(bad.body).toContain('aria-invalid="true"');
    expect(bad.body).toContain('value="mycket"');
    expect(bad.body).toContain('<details class="sofia-section" id="budget-form" open');
    expect(await lines()).toEqual([]);

    // Above the year's grant: refused on the year's first amount.
    const over = await postForm(t.app, leader, `/ekonomi/${id}/budget`, {
      ...base,
      "lines.0.amount": "90 000",
      "lines.1.year": "2025",
      "lines.1.category": "payroll_overhead",
      "lines.1.amount": "20 000",
    });
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain(
      'href="#f-lines-0-amount">Löner 2025: Budgeten per kategori är större än det beviljade beloppet för året.</a>',
    );
    expect(await lines()).toEqual([]);

    // A good form: blank categories are no lines; a free category by its name; post/redirect/get; audited as the API.
    const good = await postForm(t.app, leader, `/ekonomi/${id}/budget`, {
      ...base,
      "lines.0.amount": "60 000",
      "lines.1.year": "2025",
      "lines.1.category": "payroll_overhead",
      "lines.1.amount": "",
      "lines.6.year": "2025",
      "lines.6.category": "other",
      "lines.6.label": "Handledning",
      "lines.6.amount": "15 000 kr",
      "lines.7.year": "2026",
      "lines.7.category": "labour",
      "lines.7.amount": "50000",
    });
    expect(good.statusCode, good.body.slice(0, 2000)).toBe(303);
    expect(good.headers.location).toBe(`/ekonomi/${id}?klart=budget`);
    expect((await lines()).map((l) => [l.year, l.category, l.label, l.amount]).sort()).toEqual([
      [2025, "labour", null, 60_000],
      [2025, "other", "Handledning", 15_000],
      [2026, "labour", null, 50_000],
    ]);
    const logged = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "economy_project.update"), eq(auditLog.recordId, id)));
    expect(logged).toHaveLength(1);
    expect(logged[0]?.detail).toMatchObject({ changes: { budget: { to: expect.any(Array) } } });
    expect((logged[0]?.detail as { changes?: { budget?: { to?: unknown[] } } } | undefined)?.changes?.budget?.to).toHaveLength(3);
    const after = await get(t.app, leader, `/ekonomi/${id}?klart=budget`);
    expect(after.body).toContain("Budgeten per kostnadskategori är sparad.");
    expect(after.body.replace(/[\u00a0\u202f]/g, " ")).toContain('name="lines.0.amount" type="text" value="60 000"');
    // The free category stored comes back as its own row, with an empty one after it.
    expect(after.body).toContain('name="lines.6.label" type="text" value="Handledning"');
    expect(after.body).toContain('name="lines.7.category" value="other"');

    // A free category named twice in a year: refused on the second one's name.
    const twice = await postForm(t.app, leader, `/ekonomi/${id}/budget`, {
      version: String((before?.version ?? 0) + 1),
      "lines.6.year": "2025",
      "lines.6.category": "other",
      "lines.6.label": "Handledning",
      "lines.6.amount": "1 000",
      "lines.7.year": "2025",
      "lines.7.category": "other",
      "lines.7.label": "Handledning",
      "lines.7.amount": "2 000",
    });
    expect(twice.statusCode).toBe(400);
    expect(twice.body).toContain(
      'href="#f-lines-7-label">Annan kategori 2025: namn: Kategorin finns redan för det året: ange den en gång.</a>',
    );
    expect(await lines()).toHaveLength(3);

    // The form's address read again (a reload after a refusal) leads to the project page.
    const reread = await get(t.app, leader, `/ekonomi/${id}/budget`);
    expect(reread.statusCode).toBe(303);
    expect(reread.headers.location).toBe(`/ekonomi/${id}`);

    // The version read before: someone saved since, so nothing changes.
    const stale = await postForm(t.app, leader, `/ekonomi/${id}/budget`, { ...base, "lines.0.amount": "1" });
    expect(stale.statusCode).toBe(409);
    expect(await lines()).toHaveLength(3);

    // Who may only read sees the budget, not the form, and cannot post it.
    const analyst = await login(t.app, "analytiker");
    const read = await get(t.app, analyst, `/ekonomi/${id}`);
    expect(read.statusCode).toBe(200);
    expect(read.body).not.toContain(`action="/ekonomi/${id}/budget"`);
    const refused = await postForm(t.app, analyst, `/ekonomi/${id}/budget`, { ...base, version: String(before?.version) });
    expect(refused.statusCode).toBe(403);
  });
});
