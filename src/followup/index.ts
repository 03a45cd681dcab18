export { groupLabel } from "./export.ts";
export type { Definition } from "./indicator-model.ts";
export { isShare, isStatistic, percentOf, perPeriodUnits } from "./indicator-model.ts";
export { seededIndicators } from "./indicator-seed.ts";
export { seedIndicators } from "./indicator-service.ts";
export type { ResultRow } from "./results.ts";
export { indicatorResults } from "./results.ts";
export { byFollowupOrder, countsNothing, publishedIndicators } from "./service.ts";
