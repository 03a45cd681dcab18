export type { Content } from "./model.ts";
export { contentSchema } from "./model.ts";
export type { RespondentRole } from "./responses.ts";
export { recordResponse } from "./responses.ts";
export { buildGroups } from "./results.ts";
export type { Scope } from "./results-store.ts";
export { answerCounts, groupCounts } from "./results-store.ts";
export { seedSurveyInstruments, sofiaAfterSeriesParent, sofiaChild, sofiaParent } from "./seed.ts";
export { instrumentDocuments } from "./service.ts";
