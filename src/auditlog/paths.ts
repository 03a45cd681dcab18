import { path } from "../platform/paths.ts";

/** Every route of the log review, its pages and its API: registered from here, linked from here. */
export const paths = {
  audit: path("/logguppfoljning"),
  security: path("/logguppfoljning/sakerhet"),
  export: path("/logguppfoljning/export.csv"),
  apiAuditLog: path("/api/v1/audit-log"),
};
