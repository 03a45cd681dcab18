import { path } from "../platform/paths.ts";

/** Every route of the retention module: the page, its rules form and its run (preview, then confirmation), and the API. */
export const paths = {
  page: path("/gallring"),
  rules: path("/gallring/regler"),
  run: path("/gallring/genomfor"),
  apiRetention: path("/api/v1/retention"),
  apiRules: path("/api/v1/retention/rules"),
};
