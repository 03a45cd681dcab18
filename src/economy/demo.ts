/**
 * The demo municipality's project economy: the first social-investment project with the seed
 * report's figures (2019–2021, 4 335 000 kr over three years, the costs of year 1 and 2 per
 * category), and the project that runs now, over the demo families' years (counted from the
 * clock's today), with its budget per year and cost category, the costs of every half-year begun
 * imported from the finance system, a repayment plan and a savings estimate; example unit costs
 * and assumptions that are marked as such.
 */
import { and, eq } from "drizzle-orm";
import { users } from "../db/schema/index.ts";
import type { DbOrTx } from "../platform/database.ts";
import { addDays, type IsoDate } from "../platform/dates.ts";
import type { BudgetLine, CostCategory } from "./model.ts";
import * as store from "./store.ts";

export const DEMO_PROJECT_NAME = "Sofiamodellen – social investering";
export const DEMO_CURRENT_PROJECT_NAME = "Sofiamodellen i hela socialtjänsten";

/** The demo families go back this many days from today (src/demo/seed.ts, the follow-up's families). */
export const DEMO_FAMILY_DAYS = 600;

/** The current project's years: from the year of the demo's first family, three years, so that today is inside. */
export function demoProjectYears(today: IsoDate): { fromYear: number; toYear: number } {
  const fromYear = Number(addDays(today, -DEMO_FAMILY_DAYS).slice(0, 4));
  return { fromYear, toYear: fromYear + 2 };
}

/** A year's budget per category (the application's budget): 1 500 000 kr a year. */
const budgetPerYear: Array<{ category: CostCategory; amount: number }> = [
  { category: "labour", amount: 1_000_000 },
  { category: "payroll_overhead", amount: 320_000 },
  { category: "premises", amount: 40_000 },
  { category: "other_operating", amount: 45_000 },
  { category: "other_services", amount: 60_000 },
  { category: "training", amount: 35_000 },
];

/** The finance system's rows of a half-year: account, its text, category, amount. */
const halfYearCosts: Record<1 | 2, Array<{ account: string; text: string; category: CostCategory; amount: number }>> = {
  1: [
    { account: "7010", text: "Löner", category: "labour", amount: 492_350 },
    { account: "7510", text: "Arbetsgivaravgifter", category: "payroll_overhead", amount: 157_560 },
    { account: "5010", text: "Lokalhyra", category: "premises", amount: 20_000 },
    { account: "5460", text: "Förbrukningsmaterial", category: "other_operating", amount: 26_480 },
    { account: "6550", text: "Konsultarvoden", category: "other_services", amount: 34_000 },
    { account: "7610", text: "Utbildning", category: "training", amount: 22_500 },
  ],
  2: [
    { account: "7010", text: "Löner", category: "labour", amount: 492_350 },
    { account: "7510", text: "Arbetsgivaravgifter", category: "payroll_overhead", amount: 157_560 },
    { account: "5010", text: "Lokalhyra", category: "premises", amount: 20_000 },
    { account: "5460", text: "Förbrukningsmaterial", category: "other_operating", amount: 21_950 },
    { account: "7610", text: "Utbildning", category: "training", amount: 18_000 },
  ],
};

/** The half-years of the years that have begun by today, first to last. */
export function begunHalfYears(fromYear: number, toYear: number, today: IsoDate): Array<{ year: number; halfYear: 1 | 2 }> {
  const out: Array<{ year: number; halfYear: 1 | 2 }> = [];
  for (let year = fromYear; year <= toYear; year++)
    for (const halfYear of [1, 2] as const) if (`${year}-${halfYear === 1 ? "01" : "07"}-01` <= today) out.push({ year, halfYear });
  return out;
}

export async function seedDemoEconomy(db: DbOrTx, municipalityId: string, today: IsoDate): Promise<void> {
  const { id } = await store.insertProject(db, municipalityId, {
    name: DEMO_PROJECT_NAME,
    fundingSource: "Socialnämndens fond för sociala investeringar",
    fundingKind: "social_investment_fund",
    fromYear: 2019,
    toYear: 2021,
    ownContribution: 0,
  });
  await store.replaceGrants(db, id, [
    { year: 2019, amount: 1_445_000 },
    { year: 2020, amount: 1_445_000 },
    { year: 2021, amount: 1_445_000 },
  ]);
  // A reduced budget frame for five years after the project, repaying the whole grant.
  await store.replaceRepayments(
    db,
    id,
    [2022, 2023, 2024, 2025, 2026].map((year) => ({ year, amount: 867_000 })),
  );
  await store.insertCosts(
    db,
    id,
    null,
    [
      { year: 2019, halfYear: null, category: "labour", label: null, amount: 1_019_848 },
      { year: 2019, halfYear: null, category: "premises", label: null, amount: 16_356 },
      { year: 2019, halfYear: null, category: "other_operating", label: null, amount: 80_183 },
      { year: 2019, halfYear: null, category: "other_services", label: null, amount: 26_850 },
      { year: 2020, halfYear: null, category: "labour", label: null, amount: 954_170 },
      { year: 2020, halfYear: null, category: "premises", label: null, amount: 5_829 },
      { year: 2020, halfYear: null, category: "other_operating", label: null, amount: 15_317 },
      { year: 2020, halfYear: null, category: "other_services", label: null, amount: 97_925 },
    ],
    { kind: "manual" },
  );
  const unitCosts = [
    { label: "Jourhemsplacering av barn", unit: "månad", amount: 62_000, avoided: 12 },
    { label: "Familjehemsplacering av barn", unit: "månad", amount: 31_500, avoided: 18 },
    { label: "Öppenvård för förälder", unit: "månad", amount: 14_250, avoided: 10 },
  ];
  const assumptions: Array<{ unitCostId: string; avoidedPerYear: number; basis: string }> = [];
  for (const u of unitCosts) {
    const { id: unitCostId } = await store.insertUnitCost(db, municipalityId, { label: u.label, unit: u.unit, amount: u.amount });
    assumptions.push({ unitCostId, avoidedPerYear: u.avoided, basis: "Exempel i demodata: antagande, inte uppmätt" });
  }
  await store.replaceAssumptions(db, id, assumptions);
  await seedCurrentProject(
    db,
    municipalityId,
    today,
    unitCosts.map((u, i) => ({ ...u, unitCostId: assumptions[i]?.unitCostId ?? "" })),
  );
}

async function seedCurrentProject(
  db: DbOrTx,
  municipalityId: string,
  today: IsoDate,
  unitCosts: Array<{ unitCostId: string; avoided: number }>,
): Promise<void> {
  const { fromYear, toYear } = demoProjectYears(today);
  const years = [fromYear, fromYear + 1, toYear];
  const { id } = await store.insertProject(db, municipalityId, {
    name: DEMO_CURRENT_PROJECT_NAME,
    fundingSource: "Socialnämndens fond för sociala investeringar, andra omgången",
    fundingKind: "social_investment_fund",
    fromYear,
    toYear,
    ownContribution: 250_000,
  });
  await store.replaceGrants(
    db,
    id,
    years.map((year) => ({ year, amount: 1_500_000 })),
  );
  const lines: BudgetLine[] = years.flatMap((year) =>
    budgetPerYear.map((b) => ({ year, category: b.category, label: null, amount: b.amount })),
  );
  await store.replaceBudgetLines(db, id, lines);
  await store.replaceRepayments(
    db,
    id,
    [1, 2, 3, 4, 5].map((n) => ({ year: toYear + n, amount: 900_000 })),
  );
  // The costs come as the finance system's export, imported by the process leader.
  const [leader] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.municipalityId, municipalityId), eq(users.username, "processledare")));
  if (!leader) throw new Error("the demo process leader is missing");
  const rows = begunHalfYears(fromYear, toYear, today).flatMap(({ year, halfYear }) =>
    halfYearCosts[halfYear].map((c) => ({ ...c, year, halfYear })),
  );
  const total = rows.reduce((n, r) => n + r.amount, 0);
  const { id: batchId } = await store.insertBatch(db, {
    projectId: id,
    fileName: "ekonomisystemet-export.xlsx",
    format: "xlsx",
    rowCount: rows.length,
    total,
    createdBy: leader.id,
  });
  await store.insertCosts(
    db,
    id,
    leader.id,
    rows.map((r) => ({ year: r.year, halfYear: r.halfYear, category: r.category, label: r.text, amount: r.amount, account: r.account })),
    { kind: "import", batchId },
  );
  const mapped = new Map(rows.map((r) => [r.account, r.category]));
  await store.saveMappings(
    db,
    id,
    [...mapped].map(([account, category]) => ({ account, category, label: null })),
  );
  await store.replaceAssumptions(
    db,
    id,
    unitCosts.map((u) => ({
      unitCostId: u.unitCostId,
      avoidedPerYear: u.avoided,
      basis: "Exempel i demodata: antagande utifrån den första omgången, inte uppmätt",
    })),
  );
}
