import { path } from "../../platform/paths.ts";

/** Every route of the family's timeline and the next meeting's agenda: registered from here, linked from here. */
export const paths = {
  timeline: path("/processer/:id/tidslinje"),
  agenda: path("/processer/:id/dagordning"),
  apiTimeline: path("/api/v1/processes/:id/timeline"),
};
