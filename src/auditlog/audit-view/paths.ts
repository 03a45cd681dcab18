import { path } from "../../platform/paths.ts";

/** Every route of the audit log view, its page, its CSV export and its API: registered from here, linked from here. */
export const paths = {
  audit: path("/logguppfoljning"),
  export: path("/logguppfoljning/export.csv"),
  apiAuditLog: path("/api/v1/audit-log"),
};
