export { LEGAL_MINIMUM, type RetentionKind, retentionKinds } from "./model.ts";
export { paths as retentionPaths } from "./paths.ts";
