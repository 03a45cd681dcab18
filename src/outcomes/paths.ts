import { path } from "../platform/paths.ts";

/** Every route of the outcomes module, its pages and its API: registered from here, linked from here. */
export const paths = {
  list: path("/utfall"),
  importUpload: path("/utfall/import"),
  importPreview: path("/utfall/import/:uploadId"),
  groups: path("/utfall/jamforelsegrupper"),
  newGroup: path("/utfall/jamforelsegrupper/ny"),
  groupImportPreview: path("/utfall/jamforelsegrupper/import/:uploadId"),
  deleteGroup: path("/utfall/jamforelsegrupper/:id/ta-bort"),
  results: path("/utfall/resultat"),
  followup: path("/utfall/:id"),
  apiFollowups: path("/api/v1/outcomes/followups"),
  apiFollowup: path("/api/v1/outcomes/followups/:id"),
  apiImports: path("/api/v1/outcomes/imports"),
  apiComparison: path("/api/v1/outcomes/comparison"),
  apiGroups: path("/api/v1/comparison-groups"),
  apiGroup: path("/api/v1/comparison-groups/:id"),
};
