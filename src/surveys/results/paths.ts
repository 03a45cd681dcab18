import { path } from "../../platform/paths.ts";

/** Every route of the survey results, their pages and their API: registered from here, linked from here. */
export const paths = {
  results: path("/enkater/resultat"),
  csv: path("/enkater/resultat/csv"),
  apiResults: path("/api/v1/survey-results"),
};
