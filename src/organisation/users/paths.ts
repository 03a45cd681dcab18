import { path } from "../../platform/paths.ts";

/** Every route of the users, pages and API: registered from here, linked from here. */
export const paths = {
  users: path("/anvandare"),
  newUser: path("/anvandare/ny"),
  user: path("/anvandare/:id"),
  userStatus: path("/anvandare/:id/status"),
  passwordLink: path("/anvandare/:id/losenordslank"),
  endSessions: path("/anvandare/:id/avsluta-inloggningar"),
  lock: path("/anvandare/:id/las"),
  unlock: path("/anvandare/:id/las-upp"),
  resetMfa: path("/anvandare/:id/tvastegsverifiering/aterstall"),
  apiUsers: path("/api/v1/users"),
  apiUser: path("/api/v1/users/:id"),
};
