export { keptRows, refreshFacts } from "./facts.ts";
export type { Definition, Section } from "./model.ts";
export {
  definitionSchema,
  displays,
  isShare,
  isStatistic,
  measuresDays,
  meetsTarget,
  percentOf,
  perPeriodUnits,
  sections,
} from "./model.ts";
export { indicatorVersionHref, paths } from "./paths.ts";
export { seededIndicators } from "./seed.ts";
export { indicatorDocuments, seedIndicators } from "./service.ts";
export type { Count, Period } from "./sql.ts";
export { batchesOf, evaluateBatch, groupOrder } from "./sql.ts";
export { anchors } from "./views.tsx";
