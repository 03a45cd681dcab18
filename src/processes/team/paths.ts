import { path } from "../../platform/paths.ts";

/** Every route of the team's pages and API (assignment and handover): registered from here, linked from here. */
export const paths = {
  handover: path("/processer/overlamning"),
  assign: path("/processer/:id/tilldela"),
  apiAssignments: path("/api/v1/processes/:id/assignments"),
  apiTeam: path("/api/v1/processes/:id/team"),
  apiHandoverPreview: path("/api/v1/handovers/:userId"),
  apiHandover: path("/api/v1/handovers"),
};
