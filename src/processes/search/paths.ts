import { path } from "../../platform/paths.ts";

/** Every route of the search, page and API: registered from here, linked from here. */
export const paths = {
  search: path("/sok"),
  apiSearch: path("/api/v1/search"),
};
