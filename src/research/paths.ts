import { path } from "../platform/paths.ts";

/** Every route of the research module, its page and its API: registered from here, linked from here. */
export const paths = {
  exportForm: path("/forskningsuttag"),
  apiExports: path("/api/v1/research-exports"),
};
