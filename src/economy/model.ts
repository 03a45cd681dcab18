/**
 * The pure rules of a project's economy: what was granted, spent and remains per year and in total,
 * and the savings estimate beside the repayment plan. Amounts are whole kronor (see money.ts).
 */
import { multiply, subtract, sum } from "./money.ts";

export const fundingKinds = ["social_investment_fund", "local_development", "state_grant", "other"] as const;
export type FundingKind = (typeof fundingKinds)[number];

export const costCategories = ["labour", "payroll_overhead", "premises", "other_operating", "other_services", "training", "other"] as const;
export type CostCategory = (typeof costCategories)[number];

export const NAME_MAX = 200;
export const LABEL_MAX = 120;
export const YEAR_MIN = 2000;
export const YEAR_MAX = 2100;
export const PERIOD_MAX_YEARS = 10;
export const HORIZON_MAX_YEARS = 20;
export const AVOIDED_MAX = 100_000;
export const REPAYMENT_ROWS_MAX = 20;

export interface Grant {
  year: number;
  amount: number;
}

export interface Cost {
  year: number;
  halfYear: number | null;
  category: CostCategory;
  label: string | null;
  amount: number;
}

export interface YearSummary {
  year: number;
  granted: number;
  spent: number;
  /** granted − spent */
  remaining: number;
  /** spent − granted: above zero means over budget */
  deviation: number;
}

export interface CategoryRow {
  /** `labour`, … or `other:<label>` for a free category */
  key: string;
  category: CostCategory;
  label: string | null;
  perYear: number[];
  total: number;
}

export interface Summary {
  years: YearSummary[];
  total: Omit<YearSummary, "year">;
  lastYear: number;
  /** What is left for the last year: the whole grant minus the costs of the years before it. */
  lastYearRemainder: number;
  categories: CategoryRow[];
  ownContribution: number;
}

/** The project's years, first to last. */
export function periodYears(fromYear: number, toYear: number): number[] {
  const years: number[] = [];
  for (let y = fromYear; y <= toYear; y++) years.push(y);
  return years;
}

const categoryKey = (c: Pick<Cost, "category" | "label">) => (c.category === "other" ? `other:${(c.label ?? "").trim()}` : c.category);

/**
 * Granted, spent, remaining and deviation per year and in total, costs per category and year, and
 * the last year's remainder. Costs outside the period are counted in the total but in no year.
 */
export function summarise(input: { fromYear: number; toYear: number; grants: Grant[]; costs: Cost[]; ownContribution: number }): Summary {
  const years = periodYears(input.fromYear, input.toYear);
  const grantOf = (y: number) => sum(input.grants.filter((g) => g.year === y).map((g) => g.amount));
  const spentOf = (y: number) => sum(input.costs.filter((c) => c.year === y).map((c) => c.amount));
  const rows: YearSummary[] = years.map((year) => {
    const granted = grantOf(year);
    const spent = spentOf(year);
    return { year, granted, spent, remaining: subtract(granted, spent), deviation: subtract(spent, granted) };
  });
  const granted = sum(input.grants.map((g) => g.amount));
  const spent = sum(input.costs.map((c) => c.amount));
  const lastYear = input.toYear;
  const spentBeforeLast = sum(input.costs.filter((c) => c.year < lastYear).map((c) => c.amount));

  const categories = new Map<string, CategoryRow>();
  for (const c of input.costs) {
    const key = categoryKey(c);
    let row = categories.get(key);
    if (!row) {
      row = {
        key,
        category: c.category,
        label: c.category === "other" ? (c.label ?? "").trim() : null,
        perYear: years.map(() => 0),
        total: 0,
      };
      categories.set(key, row);
    }
    const i = years.indexOf(c.year);
    if (i >= 0) row.perYear[i] = sum([row.perYear[i] ?? 0, c.amount]);
    row.total = sum([row.total, c.amount]);
  }
  const order = (r: CategoryRow) => costCategories.indexOf(r.category);
  const sorted = [...categories.values()].sort((a, b) => order(a) - order(b) || (a.label ?? "").localeCompare(b.label ?? "", "sv"));

  return {
    years: rows,
    total: { granted, spent, remaining: subtract(granted, spent), deviation: subtract(spent, granted) },
    lastYear,
    lastYearRemainder: subtract(granted, spentBeforeLast),
    categories: sorted,
    ownContribution: input.ownContribution,
  };
}

// ---- Budget per year and cost category ----

/** One year's grant for one cost category (the application's budget). */
export interface BudgetLine {
  year: number;
  category: CostCategory;
  label: string | null;
  amount: number;
}

export interface BudgetFigures {
  granted: number;
  spent: number;
  /** spent − granted: above zero means over budget */
  deviation: number;
  /** granted − spent */
  remaining: number;
}

export interface CategoryBudget extends BudgetFigures {
  /** `labour`, … or `other:<label>` */
  key: string;
  category: CostCategory;
  label: string | null;
}

export interface YearBudget extends BudgetFigures {
  year: number;
  /** The year's grant not split on a category (the grant minus the budget lines). */
  unallocated: number;
  categories: CategoryBudget[];
}

export interface CategoryBudgetTable {
  years: YearBudget[];
  /** Every category over the years, in the categories' order. */
  categories: CategoryBudget[];
  total: BudgetFigures;
}

const figures = (granted: number, spent: number): BudgetFigures => ({
  granted,
  spent,
  deviation: subtract(spent, granted),
  remaining: subtract(granted, spent),
});

/**
 * Granted (the year's grant; per category the budget lines), spent, deviation and remaining per
 * year and cost category, for the given years only. A category with costs but no budget line has
 * granted 0; a year's grant not split on categories is its `unallocated`.
 */
export function budgetByCategory(input: { years: number[]; grants: Grant[]; lines: BudgetLine[]; costs: Cost[] }): CategoryBudgetTable {
  const inYear = <T extends { year: number }>(rows: T[], year: number) => rows.filter((r) => r.year === year);
  const order = (key: string, category: CostCategory) => [costCategories.indexOf(category), key] as const;
  const byOrder = (a: CategoryBudget, b: CategoryBudget) => {
    const [ca, ka] = order(a.key, a.category);
    const [cb, kb] = order(b.key, b.category);
    return ca - cb || ka.localeCompare(kb, "sv");
  };
  const categoriesOf = (lines: BudgetLine[], costs: Cost[]): CategoryBudget[] => {
    const keys = new Map<string, { category: CostCategory; label: string | null }>();
    for (const r of [...lines, ...costs]) {
      const key = categoryKey(r);
      if (!keys.has(key)) keys.set(key, { category: r.category, label: r.category === "other" ? (r.label ?? "").trim() : null });
    }
    return [...keys]
      .map(([key, c]) => ({
        key,
        ...c,
        ...figures(
          sum(lines.filter((l) => categoryKey(l) === key).map((l) => l.amount)),
          sum(costs.filter((x) => categoryKey(x) === key).map((x) => x.amount)),
        ),
      }))
      .sort(byOrder);
  };
  const years = input.years.map((year) => {
    const lines = inYear(input.lines, year);
    const granted = sum(inYear(input.grants, year).map((g) => g.amount));
    const costs = inYear(input.costs, year);
    return {
      year,
      ...figures(granted, sum(costs.map((c) => c.amount))),
      unallocated: subtract(granted, sum(lines.map((l) => l.amount))),
      categories: categoriesOf(lines, costs),
    };
  });
  const inYears = <T extends { year: number }>(rows: T[]) => rows.filter((r) => input.years.includes(r.year));
  return {
    years,
    categories: categoriesOf(inYears(input.lines), inYears(input.costs)),
    total: figures(sum(years.map((y) => y.granted)), sum(years.map((y) => y.spent))),
  };
}

/** The budget lines of each year add up to at most the year's grant, inside the period, once per category: field → message key. */
export function budgetProblems(
  lines: Array<BudgetLine & { index?: number }>,
  grants: Grant[],
  period: { fromYear: number; toYear: number },
) {
  const errors: Record<string, string> = {};
  const seen = new Set<string>();
  lines.forEach((l, i) => {
    const at = `lines.${l.index ?? i}`;
    const key = `${l.year}:${categoryKey(l)}`;
    if (l.year < period.fromYear || l.year > period.toYear) errors[`${at}.year`] = "economy.budget.yearOutside";
    else if (l.category === "other" && !(l.label ?? "").trim()) errors[`${at}.label`] = "economy.cost.labelRequired";
    else if (seen.has(key)) errors[`${at}.category`] = "economy.budget.categoryTwice";
    seen.add(key);
  });
  for (const year of new Set(lines.map((l) => l.year))) {
    const granted = sum(grants.filter((g) => g.year === year).map((g) => g.amount));
    const budgeted = sum(lines.filter((l) => l.year === year).map((l) => l.amount));
    const i = lines.findIndex((l) => l.year === year);
    if (budgeted > granted && !errors[`lines.${lines[i]?.index ?? i}.year`])
      errors[`lines.${lines[i]?.index ?? i}.amount`] = "economy.budget.overGrant";
  }
  return errors;
}

// ---- Savings estimate ----

export interface Assumption {
  label: string;
  unit: string;
  /** What one unit costs, set by the municipality. */
  unitCost: number;
  /** How many units a year the project is assumed to avoid. */
  avoidedPerYear: number;
  /** Where the number comes from (e.g. the follow-up against a comparison group). */
  basis: string;
}

export interface SavingsLine extends Assumption {
  perYear: number;
  overHorizon: number;
}

export interface SavingsEstimate {
  horizonYears: number;
  lines: SavingsLine[];
  perYear: number;
  overHorizon: number;
  repayments: Grant[];
  repaymentTotal: number;
  /** Estimated savings over the horizon minus the whole repayment plan: above zero, the savings cover it. */
  balance: number;
}

/** Unit cost × avoided units a year × the years of the horizon, per assumption and in all; beside the repayment plan. */
export function estimateSavings(input: { horizonYears: number; assumptions: Assumption[]; repayments: Grant[] }): SavingsEstimate {
  const lines = input.assumptions.map((a) => {
    const perYear = multiply(a.unitCost, a.avoidedPerYear);
    return { ...a, perYear, overHorizon: multiply(perYear, input.horizonYears) };
  });
  const overHorizon = sum(lines.map((l) => l.overHorizon));
  const repayments = [...input.repayments].sort((a, b) => a.year - b.year);
  const repaymentTotal = sum(repayments.map((r) => r.amount));
  return {
    horizonYears: input.horizonYears,
    lines,
    perYear: sum(lines.map((l) => l.perYear)),
    overHorizon,
    repayments,
    repaymentTotal,
    balance: subtract(overHorizon, repaymentTotal),
  };
}

// ---- Bars of the chart ----

export interface Bar {
  year: number;
  granted: number;
  spent: number;
  /** Heights in whole pixels of a chart `height` high, scaled to the largest amount. */
  grantedHeight: number;
  spentHeight: number;
}

/** Granted and spent per year as bar heights (integer division: no floating point). */
export function bars(years: YearSummary[], height: number): Bar[] {
  const max = Math.max(1, ...years.map((y) => Math.max(y.granted, y.spent)));
  const scale = (n: number) => (n <= 0 ? 0 : Math.max(1, Math.floor((n * height) / max)));
  return years.map((y) => ({
    year: y.year,
    granted: y.granted,
    spent: y.spent,
    grantedHeight: scale(y.granted),
    spentHeight: scale(y.spent),
  }));
}

// ---- Rules between fields ----

export interface YearAmountRow extends Grant {
  /** The row's place on the form, when it came from one. */
  index?: number;
}

/** The period, the grant years (inside it, once each) and the repayment years (once each): field → message key. */
export function projectProblems(p: {
  fromYear: number;
  toYear: number;
  grants: YearAmountRow[];
  repayments: YearAmountRow[];
}): Record<string, string> {
  const errors: Record<string, string> = {};
  if (p.toYear < p.fromYear) errors.toYear = "economy.project.periodOrder";
  else if (p.toYear - p.fromYear + 1 > PERIOD_MAX_YEARS) errors.toYear = "economy.project.periodTooLong";
  const seen = new Set<number>();
  p.grants.forEach((g, i) => {
    const field = `grants.${g.index ?? i}.year`;
    if (g.year < p.fromYear || g.year > p.toYear) errors[field] = "economy.project.grantOutside";
    else if (seen.has(g.year)) errors[field] = "economy.project.yearTwice";
    seen.add(g.year);
  });
  const repaid = new Set<number>();
  p.repayments.forEach((r, i) => {
    const field = `repayments.${r.index ?? i}.year`;
    if (repaid.has(r.year)) errors[field] = "economy.project.yearTwice";
    repaid.add(r.year);
  });
  if (p.repayments.length > REPAYMENT_ROWS_MAX) errors.repayments = "economy.project.tooManyRepayments";
  return errors;
}

/** A cost's year inside the period and a label for a free category: field → message key. */
export function costProblems(
  c: { year: number; category: CostCategory; label: string | null },
  period: { fromYear: number; toYear: number },
) {
  const errors: Record<string, string> = {};
  if (c.year < period.fromYear || c.year > period.toYear) errors.year = "economy.cost.yearOutside";
  if (c.category === "other" && !(c.label ?? "").trim()) errors.label = "economy.cost.labelRequired";
  return errors;
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID_PATTERN.test(value);
