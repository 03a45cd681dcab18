export type { ThrottleRule } from "./model.ts";
export { afterFailure, lockedMinutes } from "./model.ts";
export { createPasswordLink, issueFirstPasswordLink, issuePasswordLink } from "./service.ts";
