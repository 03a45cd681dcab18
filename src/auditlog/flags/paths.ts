import { path } from "../../platform/paths.ts";

/** The reviewer's flags: the page of open flags, the form that marks one reviewed, and the API. */
export const paths = {
  flags: path("/logguppfoljning/flaggor"),
  review: path("/logguppfoljning/flaggor/granska"),
  apiFlags: path("/api/v1/audit-log/flags"),
  apiReview: path("/api/v1/audit-log/flags/reviews"),
};
