/** The audit log view's front door: what its sibling (the security log view's tabs) links to. */
export { paths as auditViewPaths } from "./paths.ts";
