export { groupLabel } from "./export.ts";
export type { Definition } from "./indicators/index.ts";
export {
  isShare,
  isStatistic,
  keptRows,
  percentOf,
  perPeriodUnits,
  refreshFacts,
  seededIndicators,
  seedIndicators,
} from "./indicators/index.ts";
export type { ResultRow } from "./results.ts";
export { indicatorResults } from "./results.ts";
export { byFollowupOrder, countsNothing, publishedIndicators } from "./service.ts";
