export type { Content } from "./model.ts";
export { buildGroups } from "./results.ts";
export type { Scope } from "./results-store.ts";
export { answerCounts, groupCounts } from "./results-store.ts";
export { seedSurveyInstruments } from "./seed.ts";
export { instrumentDocuments } from "./service.ts";
