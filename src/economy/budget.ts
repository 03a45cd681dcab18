/**
 * The front door for the interim report (and anyone who reports on a period): the budget of every
 * project the period touches, per year and cost category (granted, spent, deviation, remaining),
 * with each project's savings estimate. No personal data; the caller decides who may see it.
 */

import type { DbOrTx } from "../platform/database.ts";
import { compareText } from "../platform/i18n.ts";
import {
  type BudgetFigures,
  budgetByCategory,
  type CategoryBudget,
  estimateSavings,
  periodYears,
  type SavingsEstimate,
  type YearBudget,
} from "./model.ts";
import * as store from "./store.ts";

export interface ProjectBudget {
  projectId: string;
  name: string;
  fundingSource: string;
  fromYear: number;
  toYear: number;
  /** The project's years inside the period, each with its categories. */
  years: YearBudget[];
  /** Each category over those years. */
  categories: CategoryBudget[];
  /** Those years together. */
  total: BudgetFigures;
  /** The whole project, every year of it. */
  project: BudgetFigures;
  /** The savings estimate beside the repayment plan (assumptions, not measured results). */
  savings: SavingsEstimate;
}

/**
 * The projects whose years meet the period (ISO dates, e.g. 2025-01-01 to 2025-06-30: the years
 * 2025), first by their first year, then by name; each with the years of the period only.
 */
export async function budgetForPeriod(db: DbOrTx, municipalityId: string, period: { from: string; to: string }): Promise<ProjectBudget[]> {
  const firstYear = Number(period.from.slice(0, 4));
  const lastYear = Number(period.to.slice(0, 4));
  const projects = (await store.projectsOf(db, municipalityId))
    .filter((p) => p.fromYear <= lastYear && p.toYear >= firstYear)
    .sort((a, b) => a.fromYear - b.fromYear || compareText("sv")(a.name, b.name));
  const ids = projects.map((p) => p.id);
  const [grants, lines, costs, unitCosts] = await Promise.all([
    store.grantsOf(db, ids),
    store.budgetLinesOf(db, ids),
    store.costsOf(db, ids),
    store.unitCostsOf(db, municipalityId),
  ]);
  const out: ProjectBudget[] = [];
  for (const p of projects) {
    const own = <T extends { projectId: string }>(rows: T[]) => rows.filter((r) => r.projectId === p.id);
    const years = periodYears(Math.max(p.fromYear, firstYear), Math.min(p.toYear, lastYear));
    const input = { grants: own(grants), lines: own(lines), costs: own(costs) };
    const table = budgetByCategory({ years, ...input });
    const whole = budgetByCategory({ years: periodYears(p.fromYear, p.toYear), ...input });
    const [assumptions, repayments] = await Promise.all([store.assumptionsOf(db, p.id), store.repaymentsOf(db, p.id)]);
    const used = unitCosts.flatMap((u) => {
      const a = assumptions.find((x) => x.unitCostId === u.id);
      return a ? [{ label: u.label, unit: u.unit, unitCost: u.amount, avoidedPerYear: a.avoidedPerYear, basis: a.basis }] : [];
    });
    used.sort((a, b) => compareText("sv")(a.label, b.label));
    out.push({
      projectId: p.id,
      name: p.name,
      fundingSource: p.fundingSource,
      fromYear: p.fromYear,
      toYear: p.toYear,
      years: table.years,
      categories: table.categories,
      total: table.total,
      project: whole.total,
      savings: estimateSavings({ horizonYears: p.savingsHorizonYears, assumptions: used, repayments }),
    });
  }
  return out;
}
