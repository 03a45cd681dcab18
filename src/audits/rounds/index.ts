export { idParams, problems, tags } from "./api.ts";
export type { RoundStatus } from "./model.ts";
export { difference, nextCodes, roundStatuses } from "./model.ts";
export { roundNotices } from "./pages.tsx";
export { paths as roundPaths } from "./paths.ts";
export { isReviewer, round } from "./store.ts";
export type { Failure, Values } from "./views.tsx";
export { familyName } from "./views.tsx";
