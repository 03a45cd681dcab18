import { path } from "../../platform/paths.ts";

/** Every route of the consultation stops' pages and API: registered from here, linked from here. */
export const paths = {
  newConsultation: path("/processer/:id/samrad/ny"),
  impact: path("/processer/:id/barnkonsekvensanalys/:childId"),
  newRating: path("/processer/:id/trygghetsskala/ny"),
  apiConsultations: path("/api/v1/processes/:id/consultations"),
  apiImpact: path("/api/v1/processes/:id/child-impact-analyses/:childId"),
  apiRatings: path("/api/v1/processes/:id/safety-ratings"),
};
