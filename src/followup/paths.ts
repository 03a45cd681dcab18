import { path } from "../platform/paths.ts";

/** Every route of the follow-up page, its exports and its API: registered from here, linked from here. */
export const paths = {
  followup: path("/uppfoljning"),
  exportCsv: path("/uppfoljning/export.csv"),
  exportXlsx: path("/uppfoljning/export.xlsx"),
  apiFollowup: path("/api/v1/followup"),
};
