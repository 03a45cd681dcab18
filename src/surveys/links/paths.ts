import { path } from "../../platform/paths.ts";

/** Every route of the survey links of a meeting, the page and the API: registered from here, linked from here. */
export const paths = {
  links: path("/processer/:id/moten/:meetingId/enkatlankar"),
  apiLinks: path("/api/v1/processes/:id/meetings/:meetingId/survey-links"),
};
