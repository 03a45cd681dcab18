import { describe, expect, it } from "vitest";
import { accountsOf, applyMapping, effectiveMapping, guessCategory, parseCsv, readPeriod, readRows } from "./import.ts";
import { bars, budgetByCategory, budgetProblems, type Cost, estimateSavings, periodYears, summarise } from "./model.ts";

/** The seed report's costs (kr): year 1 and year 2 per category; year 3 not yet spent. */
const seedCosts: Cost[] = [
  { year: 2019, halfYear: null, category: "labour", label: null, amount: 1019848 },
  { year: 2019, halfYear: null, category: "premises", label: null, amount: 16356 },
  { year: 2019, halfYear: null, category: "other_operating", label: null, amount: 80183 },
  { year: 2019, halfYear: null, category: "other_services", label: null, amount: 26850 },
  { year: 2020, halfYear: 1, category: "labour", label: null, amount: 954170 },
  { year: 2020, halfYear: 1, category: "premises", label: null, amount: 5829 },
  { year: 2020, halfYear: 2, category: "other_operating", label: null, amount: 15317 },
  { year: 2020, halfYear: 2, category: "other_services", label: null, amount: 97925 },
];
const seedGrants = [
  { year: 2019, amount: 1445000 },
  { year: 2020, amount: 1445000 },
  { year: 2021, amount: 1445000 },
];

describe("summarise", () => {
  const s = summarise({ fromYear: 2019, toYear: 2021, grants: seedGrants, costs: seedCosts, ownContribution: 300000 });

  it("leaves 2 118 522 kr of a 4 335 000 kr grant for the last year after the seed's two years of costs", () => {
    expect(s.total.granted).toBe(4335000);
    expect(s.lastYear).toBe(2021);
    expect(s.lastYearRemainder).toBe(2118522);
  });

  it("gives granted, spent, remaining and deviation per year and in total", () => {
    expect(s.years).toEqual([
      { year: 2019, granted: 1445000, spent: 1143237, remaining: 301763, deviation: -301763 },
      { year: 2020, granted: 1445000, spent: 1073241, remaining: 371759, deviation: -371759 },
      { year: 2021, granted: 1445000, spent: 0, remaining: 1445000, deviation: -1445000 },
    ]);
    expect(s.total).toEqual({ granted: 4335000, spent: 2216478, remaining: 2118522, deviation: -2118522 });
    expect(s.ownContribution).toBe(300000);
  });

  it("sums costs per category and year in the categories' order", () => {
    expect(s.categories.map((c) => [c.key, c.perYear, c.total])).toEqual([
      ["labour", [1019848, 954170, 0], 1974018],
      ["premises", [16356, 5829, 0], 22185],
      ["other_operating", [80183, 15317, 0], 95500],
      ["other_services", [26850, 97925, 0], 124775],
    ]);
  });

  it("keeps free categories apart by label and shows an overspent year as a positive deviation", () => {
    const t = summarise({
      fromYear: 2022,
      toYear: 2023,
      grants: [{ year: 2022, amount: 100000 }],
      costs: [
        { year: 2022, halfYear: 1, category: "other", label: "Resor", amount: 70000 },
        { year: 2022, halfYear: 2, category: "other", label: "Tolk", amount: 40000 },
        { year: 2022, halfYear: 2, category: "other", label: " Resor ", amount: 1 },
        { year: 2023, halfYear: null, category: "training", label: null, amount: 5000 },
      ],
      ownContribution: 0,
    });
    expect(t.years[0]).toEqual({ year: 2022, granted: 100000, spent: 110001, remaining: -10001, deviation: 10001 });
    expect(t.years[1]).toEqual({ year: 2023, granted: 0, spent: 5000, remaining: -5000, deviation: 5000 });
    expect(t.lastYearRemainder).toBe(100000 - 110001);
    expect(t.categories.map((c) => [c.key, c.label, c.total])).toEqual([
      ["training", null, 5000],
      ["other:Resor", "Resor", 70001],
      ["other:Tolk", "Tolk", 40000],
    ]);
  });

  it("lists the period's years", () => {
    expect(periodYears(2019, 2021)).toEqual([2019, 2020, 2021]);
    expect(periodYears(2024, 2024)).toEqual([2024]);
  });
});

describe("estimateSavings", () => {
  it("multiplies unit cost, avoided units a year and the horizon, beside the repayment plan", () => {
    const e = estimateSavings({
      horizonYears: 5,
      assumptions: [
        { label: "Jourhemsplacering av barn", unit: "månad", unitCost: 62000, avoidedPerYear: 12, basis: "Jämförelsegrupp 2020" },
        { label: "Familjehemsplacering", unit: "månad", unitCost: 31500, avoidedPerYear: 18, basis: "" },
        { label: "Öppenvård", unit: "månad", unitCost: 14250, avoidedPerYear: 10, basis: "" },
      ],
      repayments: [2026, 2022, 2023, 2024, 2025].map((year) => ({ year, amount: 867000 })),
    });
    expect(e.lines.map((l) => [l.perYear, l.overHorizon])).toEqual([
      [744000, 3720000],
      [567000, 2835000],
      [142500, 712500],
    ]);
    expect(e.perYear).toBe(1453500);
    expect(e.overHorizon).toBe(7267500);
    expect(e.repaymentTotal).toBe(4335000);
    expect(e.balance).toBe(2932500);
    expect(e.repayments.map((r) => r.year)).toEqual([2022, 2023, 2024, 2025, 2026]);
    expect(e.lines[0]?.basis).toBe("Jämförelsegrupp 2020");
  });

  it("is zero without assumptions, and negative when the savings do not cover the plan", () => {
    const e = estimateSavings({ horizonYears: 3, assumptions: [], repayments: [{ year: 2022, amount: 1000 }] });
    expect([e.perYear, e.overHorizon, e.repaymentTotal, e.balance]).toEqual([0, 0, 1000, -1000]);
  });
});

describe("bars", () => {
  it("scales to the largest amount in whole pixels", () => {
    const s = summarise({ fromYear: 2019, toYear: 2021, grants: seedGrants, costs: seedCosts, ownContribution: 0 });
    expect(bars(s.years, 200).map((b) => [b.grantedHeight, b.spentHeight])).toEqual([
      [200, 158],
      [200, 148],
      [200, 0],
    ]);
  });
});

describe("import of the finance system's export", () => {
  it("reads semicolon CSV with Swedish amounts, quotes and a BOM", () => {
    const table = parseCsv(
      '\ufeffKonto;Kontonamn;Period;Belopp\r\n7010;"Löner; tjänstemän";2019-03;"1 019 848,00"\r\n5010;Lokalhyra;2019-09;16 356\r\n',
    );
    expect(table).toEqual([
      ["Konto", "Kontonamn", "Period", "Belopp"],
      ["7010", "Löner; tjänstemän", "2019-03", "1 019 848,00"],
      ["5010", "Lokalhyra", "2019-09", "16 356"],
    ]);
    expect(readRows(table)).toEqual({
      rows: [
        { row: 2, account: "7010", text: "Löner; tjänstemän", year: 2019, halfYear: 1, amount: 1019848 },
        { row: 3, account: "5010", text: "Lokalhyra", year: 2019, halfYear: 2, amount: 16356 },
      ],
      errors: [],
    });
  });

  it("reads comma CSV with a year and half-year column", () => {
    const table = parseCsv('account,year,half_year,amount\n6550,2020,2,"97 925"\n');
    expect(readRows(table).rows).toEqual([{ row: 2, account: "6550", text: null, year: 2020, halfYear: 2, amount: 97925 }]);
  });

  it("names every bad row, column and reason", () => {
    const table = parseCsv("Konto;År;Halvår;Belopp\n7010;2019;;100\n;2019;;5\n5010;19;3;12,50\n\n6550;2020;1;abc\n");
    const { rows, errors } = readRows(table);
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(errors).toEqual([
      { row: 3, column: "account", messageKey: "economy.import.accountMissing" },
      { row: 4, column: "year", messageKey: "economy.import.yearInvalid" },
      { row: 4, column: "halfYear", messageKey: "economy.import.halfYearInvalid" },
      { row: 4, column: "amount", messageKey: "economy.money.ore" },
      { row: 6, column: "amount", messageKey: "economy.money.invalid" },
    ]);
  });

  it("refuses a file without the needed header", () => {
    expect(readRows(parseCsv("a;b\n1;2\n")).errors).toEqual([{ row: 1, column: "_file", messageKey: "economy.import.noHeader" }]);
    expect(readRows(parseCsv("Konto;Belopp\n7010;5\n")).errors[0]?.messageKey).toBe("economy.import.noYearColumn");
  });

  it("reads periods and guesses categories from the chart of accounts", () => {
    expect(readPeriod("201911")).toEqual({ year: 2019, halfYear: 2 });
    expect(readPeriod("2020-06-30")).toEqual({ year: 2020, halfYear: 1 });
    expect(readPeriod("2020-13")).toBeNull();
    // Dates as Swedes type them (decision 0041) are read too; one without its year is not.
    expect(readPeriod("20/12 2026")).toEqual({ year: 2026, halfYear: 2 });
    expect(readPeriod("31 mars 2019")).toEqual({ year: 2019, halfYear: 1 });
    expect(readPeriod("20/12")).toBeNull();
    expect(["5010", "7010", "7510", "7610", "6550", "5460", "3010", "Löner"].map(guessCategory)).toEqual([
      "premises",
      "labour",
      "payroll_overhead",
      "training",
      "other_services",
      "other_operating",
      null,
      null,
    ]);
  });

  it("maps accounts to categories, preferring the choice, then the stored mapping, then the guess", () => {
    const rows = readRows(parseCsv("Konto;År;Belopp\n7010;2019;100\nX1;2019;5\n9999;2025;7\n")).rows;
    const accounts = accountsOf(rows);
    expect(accounts.map((a) => a.account)).toEqual(["7010", "X1", "9999"]);
    const mapping = effectiveMapping(accounts, { "7010": { category: "other", label: "Projektlön" } });
    expect(mapping).toEqual({ "7010": { category: "other", label: "Projektlön" }, X1: undefined, "9999": undefined });
    const { lines, errors } = applyMapping(rows, mapping, { fromYear: 2019, toYear: 2021 });
    expect(lines.map((l) => [l.row, l.category, l.label])).toEqual([[2, "other", "Projektlön"]]);
    expect(errors).toEqual([
      { row: 3, column: "account", messageKey: "economy.import.accountUnmapped", params: { account: "X1" } },
      { row: 4, column: "year", messageKey: "economy.import.yearOutside", params: { from: 2019, to: 2021 } },
      { row: 4, column: "account", messageKey: "economy.import.accountUnmapped", params: { account: "9999" } },
    ]);
  });
});

describe("budgetByCategory", () => {
  it("gives granted, spent, deviation and remaining per year and category, hand-counted", () => {
    const table = budgetByCategory({
      years: [2025, 2026],
      grants: [
        { year: 2025, amount: 100_000 },
        { year: 2026, amount: 80_000 },
        { year: 2027, amount: 999 },
      ],
      lines: [
        { year: 2025, category: "labour", label: null, amount: 70_000 },
        { year: 2025, category: "other", label: "Resor", amount: 10_000 },
        { year: 2026, category: "labour", label: null, amount: 80_000 },
      ],
      costs: [
        { year: 2025, halfYear: 1, category: "labour", label: "Löner", amount: 40_000 },
        { year: 2025, halfYear: 2, category: "labour", label: "Löner", amount: 35_000 },
        { year: 2025, halfYear: null, category: "other", label: "Resor ", amount: 4_000 },
        { year: 2025, halfYear: null, category: "premises", label: null, amount: 3_000 },
        { year: 2026, halfYear: 1, category: "labour", label: null, amount: 20_000 },
        { year: 2027, halfYear: 1, category: "labour", label: null, amount: 1 },
      ],
    });
    const row = (c: { key: string; granted: number; spent: number; deviation: number; remaining: number }) => [
      c.key,
      c.granted,
      c.spent,
      c.deviation,
      c.remaining,
    ];
    // 2025: labour 70 000 granted, 75 000 spent: 5 000 over; premises unbudgeted; Resor 10 000, 4 000 spent; 20 000 of the grant on no category.
    expect(table.years[0]).toMatchObject({
      year: 2025,
      granted: 100_000,
      spent: 82_000,
      deviation: -18_000,
      remaining: 18_000,
      unallocated: 20_000,
    });
    expect(table.years[0]?.categories.map(row)).toEqual([
      ["labour", 70_000, 75_000, 5_000, -5_000],
      ["premises", 0, 3_000, 3_000, -3_000],
      ["other:Resor", 10_000, 4_000, -6_000, 6_000],
    ]);
    expect(table.years[1]).toMatchObject({
      year: 2026,
      granted: 80_000,
      spent: 20_000,
      deviation: -60_000,
      remaining: 60_000,
      unallocated: 0,
    });
    // The two years together; 2027 is outside.
    expect(table.categories.map(row)).toEqual([
      ["labour", 150_000, 95_000, -55_000, 55_000],
      ["premises", 0, 3_000, 3_000, -3_000],
      ["other:Resor", 10_000, 4_000, -6_000, 6_000],
    ]);
    expect(table.total).toEqual({ granted: 180_000, spent: 102_000, deviation: -78_000, remaining: 78_000 });
  });

  it("refuses budget lines outside the period, twice for a category, or above the year's grant", () => {
    const grants = [{ year: 2025, amount: 100 }];
    expect(
      budgetProblems(
        [
          { year: 2025, category: "labour", label: null, amount: 60 },
          { year: 2025, category: "labour", label: null, amount: 10 },
          { year: 2025, category: "premises", label: null, amount: 50 },
          { year: 2030, category: "premises", label: null, amount: 1 },
          { year: 2025, category: "other", label: " ", amount: 1 },
        ],
        grants,
        { fromYear: 2025, toYear: 2026 },
      ),
    ).toEqual({
      "lines.1.category": "economy.budget.categoryTwice",
      "lines.3.year": "economy.budget.yearOutside",
      "lines.4.label": "economy.cost.labelRequired",
      "lines.0.amount": "economy.budget.overGrant",
    });
  });
});
