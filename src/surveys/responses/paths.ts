import { path } from "../../platform/paths.ts";

/** Every route of the survey responses' API: registered from here. */
export const paths = {
  apiPaperResponses: path("/api/v1/processes/:id/meetings/:meetingId/paper-responses"),
  apiProcessRate: path("/api/v1/processes/:id/survey-rate"),
  apiPaperImports: path("/api/v1/survey-responses/paper-imports"),
};
