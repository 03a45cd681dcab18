/**
 * The demo municipality's project economy: one social-investment project with the seed report's
 * figures (4 335 000 kr over three years, the costs of year 1 and 2 per category), a repayment plan,
 * and example unit costs and assumptions that are marked as such.
 */
import type { DbOrTx } from "../platform/database.ts";
import * as store from "./store.ts";

export const DEMO_PROJECT_NAME = "Sofiamodellen – social investering";

export async function seedDemoEconomy(db: DbOrTx, municipalityId: string): Promise<void> {
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
  const assumptions = [];
  for (const u of unitCosts) {
    const { id: unitCostId } = await store.insertUnitCost(db, municipalityId, { label: u.label, unit: u.unit, amount: u.amount });
    assumptions.push({ unitCostId, avoidedPerYear: u.avoided, basis: "Exempel i demodata: antagande, inte uppmätt" });
  }
  await store.replaceAssumptions(db, id, assumptions);
}
