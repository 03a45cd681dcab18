export type { ThrottleRule } from "./model.ts";
export { afterFailure, lockedMinutes } from "./model.ts";
export { paths } from "./paths.ts";
export { createPasswordLink, issueFirstPasswordLink, issuePasswordLink } from "./service.ts";
