/** The intake handover's front door (decision 0066): what the families pages and other modules use. */
export type { HandoverRole } from "./model.ts";
export { handoverRoles } from "./model.ts";
export { paths as handoverPaths } from "./paths.ts";
export type { HandoverSummary, HandoverWaitFigure } from "./service.ts";
export { handoverWaitFigures, listHandovers } from "./service.ts";
export { HandoverSection } from "./views.tsx";
