import { path } from "../../platform/paths.ts";

/** The route of the security log view: registered from here, linked from here. */
export const paths = {
  security: path("/logguppfoljning/sakerhet"),
};
