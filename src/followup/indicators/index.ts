export type { Definition, Section } from "./model.ts";
export { definitionSchema, displays, isShare, isStatistic, meetsTarget, percentOf, perPeriodUnits, sections } from "./model.ts";
export { seededIndicators } from "./seed.ts";
export { indicatorDocuments, seedIndicators } from "./service.ts";
export type { Count, Period } from "./sql.ts";
export { batchesOf, evaluateBatch, groupOrder } from "./sql.ts";
export { anchors, FOLLOWUP_HREF, indicatorsHref, indicatorVersionHref } from "./views.tsx";
