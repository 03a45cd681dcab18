export { seedDemoOutcomes } from "./demo.ts";
export { CREATE_FOLLOWUPS, outcomesJobs } from "./jobs.ts";
export { horizons, measures, yearsAfter } from "./model.ts";
export type { OutcomeComparison } from "./service.ts";
export { computeOutcomeComparison, showFigures } from "./service.ts";
