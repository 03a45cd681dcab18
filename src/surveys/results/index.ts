export { paths } from "./paths.ts";
export { buildGroups } from "./service.ts";
export type { Scope } from "./store.ts";
export { answerCounts, groupCounts } from "./store.ts";
