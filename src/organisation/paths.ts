import { path } from "../platform/paths.ts";

/** Every route of the organisation module (the municipality, its units, the users) and its API: registered from here, linked from here. */
export const paths = {
  organisation: path("/organisation"),
  newUnit: path("/organisation/enheter/ny"),
  unit: path("/organisation/enheter/:id"),
  unitStatus: path("/organisation/enheter/:id/status"),
  users: path("/anvandare"),
  newUser: path("/anvandare/ny"),
  user: path("/anvandare/:id"),
  userStatus: path("/anvandare/:id/status"),
  passwordLink: path("/anvandare/:id/losenordslank"),
  apiMunicipality: path("/api/v1/municipality"),
  apiUnits: path("/api/v1/units"),
  apiUnit: path("/api/v1/units/:id"),
  apiUsers: path("/api/v1/users"),
  apiUser: path("/api/v1/users/:id"),
};
