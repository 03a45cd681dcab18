export type { Content } from "./model.ts";
export { contentSchema } from "./model.ts";
export type { RespondentRole } from "./responses/index.ts";
export { recordResponse } from "./responses/index.ts";
export type { Scope } from "./results/index.ts";
export { answerCounts, buildGroups, groupCounts } from "./results/index.ts";
export { seedSurveyInstruments, sofiaAfterSeriesParent, sofiaChild, sofiaParent } from "./seed.ts";
export { instrumentDocuments } from "./service.ts";
