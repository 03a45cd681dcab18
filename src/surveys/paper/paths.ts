import { path } from "../../platform/paths.ts";

/** The routes of the paper answers: a meeting's paper form, and the import of many from a file. Registered from here, linked from here. */
export const paths = {
  paper: path("/processer/:id/moten/:meetingId/enkat/papper"),
  importUpload: path("/enkater/papper/import"),
  importConfirm: path("/enkater/papper/import/bekrafta"),
};
