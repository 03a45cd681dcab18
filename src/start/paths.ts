import { path } from "../platform/paths.ts";

/** Every route of the start module: registered from here, linked from here. */
export const paths = {
  start: path("/start"),
};
