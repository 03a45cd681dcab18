import { path } from "../platform/paths.ts";

/** Every route of the auth module: registered from here, linked from here. */
export const paths = {
  root: path("/"),
  login: path("/logga-in"),
  logout: path("/logga-ut"),
  extendSession: path("/session/forlang"),
  language: path("/sprak"),
  password: path("/losenord/:token"),
};
