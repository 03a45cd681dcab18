import { path } from "../../platform/paths.ts";

/** Every route of the list of processes, page and API: registered from here, linked from here. */
export const paths = {
  list: path("/processer"),
  apiProcesses: path("/api/v1/processes"),
};
