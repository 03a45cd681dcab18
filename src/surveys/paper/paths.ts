import { path } from "../../platform/paths.ts";

/** The route of the paper answers of a meeting: registered from here, linked from here. */
export const paths = {
  paper: path("/processer/:id/moten/:meetingId/enkat/papper"),
};
