export type { ThrottleRule } from "./model.ts";
export { afterFailure, lockedMinutes } from "./model.ts";
export { createPasswordLink, issuePasswordLink } from "./service.ts";
