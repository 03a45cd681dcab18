import { path } from "../platform/paths.ts";

/** Every route of the placements module, its pages and its API: registered from here, linked from here. */
export const paths = {
  list: path("/placeringar"),
  newChild: path("/placeringar/ny"),
  child: path("/placeringar/barn/:id"),
  newPlacement: path("/placeringar/barn/:id/placering"),
  editPlacement: path("/placeringar/placering/:id/andra"),
  endPlacement: path("/placeringar/placering/:id/avsluta"),
  forums: path("/placeringar/forum"),
  newForum: path("/placeringar/forum/ny"),
  forum: path("/placeringar/forum/:id"),
  forumAttendance: path("/placeringar/forum/:id/narvaro"),
  forumHeld: path("/placeringar/forum/:id/hallet"),
  review: path("/placeringar/forum/:id/barn/:childId"),
  actionDone: path("/placeringar/atgard/:id/klar"),
  apiChildren: path("/api/v1/placed-children"),
  apiChild: path("/api/v1/placed-children/:id"),
  apiChildPlacements: path("/api/v1/placed-children/:id/placements"),
  apiPlacement: path("/api/v1/placements/:id"),
  apiPlacementEnd: path("/api/v1/placements/:id/end"),
  apiForums: path("/api/v1/placement-forums"),
  apiForum: path("/api/v1/placement-forums/:id"),
  apiForumAttendance: path("/api/v1/placement-forums/:id/attendance"),
  apiForumHeld: path("/api/v1/placement-forums/:id/held"),
  apiForumReviews: path("/api/v1/placement-forums/:id/reviews"),
  apiActionDone: path("/api/v1/placement-forum-actions/:id/done"),
};
