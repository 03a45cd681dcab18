/** The security log view's front door: what its sibling (the audit log view's tabs) links to. */
export { paths as securityViewPaths } from "./paths.ts";
