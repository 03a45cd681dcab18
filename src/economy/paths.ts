import { path } from "../platform/paths.ts";

/** Every route of the economy module, its pages and its API: registered from here, linked from here. */
export const paths = {
  list: path("/ekonomi"),
  newProject: path("/ekonomi/nytt"),
  unitCosts: path("/ekonomi/styckkostnader"),
  unitCost: path("/ekonomi/styckkostnader/:id"),
  project: path("/ekonomi/:id"),
  editProject: path("/ekonomi/:id/andra"),
  budget: path("/ekonomi/:id/budget"),
  costs: path("/ekonomi/:id/kostnader"),
  deleteCost: path("/ekonomi/:id/kostnader/:costId/ta-bort"),
  importUpload: path("/ekonomi/:id/import"),
  importPreview: path("/ekonomi/:id/import/:uploadId"),
  savings: path("/ekonomi/:id/besparing"),
  apiProjects: path("/api/v1/economy/projects"),
  apiProject: path("/api/v1/economy/projects/:id"),
  apiSummary: path("/api/v1/economy/projects/:id/summary"),
  apiBudget: path("/api/v1/economy/projects/:id/budget"),
  apiCosts: path("/api/v1/economy/projects/:id/costs"),
  apiCost: path("/api/v1/economy/projects/:id/costs/:costId"),
  apiImports: path("/api/v1/economy/projects/:id/imports"),
  apiImportFile: path("/api/v1/economy/projects/:id/imports/file"),
  apiUnitCosts: path("/api/v1/economy/unit-costs"),
  apiUnitCost: path("/api/v1/economy/unit-costs/:id"),
  apiSavings: path("/api/v1/economy/projects/:id/savings"),
};
