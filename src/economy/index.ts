export { budgetForPeriod, type ProjectBudget } from "./budget.ts";
export { seedDemoEconomy } from "./demo.ts";
export type { Cell, Table } from "./import.ts";
export type { BudgetFigures, CategoryBudget, SavingsEstimate, YearBudget } from "./model.ts";
export { summarise } from "./model.ts";
export { readUpload } from "./service.ts";
export { costsOf, grantsOf, projectsOf } from "./store.ts";
