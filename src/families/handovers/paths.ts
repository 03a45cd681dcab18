import { path } from "../../platform/paths.ts";

/** Every route of the intake handover's pages and API (decision 0066): registered from here, linked from here. */
export const paths = {
  list: path("/overlamningar"),
  newHandover: path("/forfragningar/:id/overlamning"),
  handover: path("/overlamningar/:id"),
  team: path("/overlamningar/:id/team"),
  firstContact: path("/overlamningar/:id/forsta-kontakt"),
  apiRequestHandovers: path("/api/v1/requests/:id/intake-handovers"),
  apiHandover: path("/api/v1/intake-handovers/:id"),
  apiTeam: path("/api/v1/intake-handovers/:id/team"),
  apiFirstContact: path("/api/v1/intake-handovers/:id/first-contact"),
};
