export { seedDemoOutcomes } from "./demo.ts";
export { horizons, measures } from "./model.ts";
export type { OutcomeComparison } from "./service.ts";
export { computeOutcomeComparison } from "./service.ts";
