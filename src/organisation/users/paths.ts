import { path } from "../../platform/paths.ts";

/** Every route of the users, pages and API: registered from here, linked from here. */
export const paths = {
  users: path("/anvandare"),
  newUser: path("/anvandare/ny"),
  user: path("/anvandare/:id"),
  userStatus: path("/anvandare/:id/status"),
  passwordLink: path("/anvandare/:id/losenordslank"),
  apiUsers: path("/api/v1/users"),
  apiUser: path("/api/v1/users/:id"),
};
