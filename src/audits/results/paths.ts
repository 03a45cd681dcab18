import { path } from "../../platform/paths.ts";

/** Every route of an audit round's results, page and API: registered from here, linked from here. */
export const paths = {
  results: path("/aktgranskning/:id/resultat"),
  csv: path("/aktgranskning/:id/resultat/csv"),
  apiResults: path("/api/v1/audit-rounds/:id/results"),
};
