import { path } from "../../platform/paths.ts";

/** Every route of the further-support pages and API: registered from here, linked from here. */
export const paths = {
  newSupport: path("/processer/:id/stod/ny"),
  support: path("/processer/:id/stod/:supportId"),
  apiSupport: path("/api/v1/processes/:id/support"),
  apiSupportItem: path("/api/v1/processes/:id/support/:supportId"),
};
