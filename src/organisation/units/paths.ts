import { path } from "../../platform/paths.ts";

/** Every route of the municipality and its units, pages and API: registered from here, linked from here. */
export const paths = {
  organisation: path("/organisation"),
  newUnit: path("/organisation/enheter/ny"),
  unit: path("/organisation/enheter/:id"),
  unitStatus: path("/organisation/enheter/:id/status"),
  apiMunicipality: path("/api/v1/municipality"),
  apiUnits: path("/api/v1/units"),
  apiUnit: path("/api/v1/units/:id"),
};
