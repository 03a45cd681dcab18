import { path } from "../platform/paths.ts";

/** Every route of the implementation module, its pages and its API: registered from here, linked from here. */
export const paths = {
  list: path("/implementering"),
  newActivity: path("/implementering/ny"),
  participation: path("/implementering/deltagande"),
  activity: path("/implementering/:id"),
  editActivity: path("/implementering/:id/andra"),
  apiActivities: path("/api/v1/implementation/activities"),
  apiActivity: path("/api/v1/implementation/activities/:id"),
  apiParticipation: path("/api/v1/implementation/participation"),
};
