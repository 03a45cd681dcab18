export { seedDemoPlacements } from "./demo.ts";
export type { ActionStatus, EndDestination, LegalBasis, PlacementKind } from "./model.ts";
export { actionStatus, daysPlaced, endDestinations, legalBases, overlaps, placedOn, placementKinds } from "./model.ts";
export { paths as placementPaths } from "./paths.ts";
