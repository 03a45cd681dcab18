export { describeUserAgent } from "./mfa-model.ts";
export type { Enrolment, MfaStatus } from "./mfa-service.ts";
export { hasSecondFactor, mfaStatus, removeSecondFactor } from "./mfa-service.ts";
export type { ThrottleRule } from "./model.ts";
export { afterFailure, lockedMinutes } from "./model.ts";
export { paths } from "./paths.ts";
export { createPasswordLink, issueFirstPasswordLink, issuePasswordLink } from "./service.ts";
export type { RefusalReason } from "./sso-model.ts";
export { groupRoleLines, insecureAllowed, parseGroupRoleLines } from "./sso-model.ts";
