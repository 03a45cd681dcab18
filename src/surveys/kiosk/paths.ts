import { path } from "../../platform/paths.ts";

/** Every route of the tablet (kiosk) mode, its pages and its API: registered from here, linked from here. */
export const paths = {
  start: path("/processer/:id/moten/:meetingId/surfplatta"),
  home: path("/kiosk"),
  next: path("/kiosk/nasta"),
  turn: path("/kiosk/svar/:position"),
  skip: path("/kiosk/hoppa-over"),
  exit: path("/kiosk/avsluta"),
  apiMeetingRate: path("/api/v1/processes/:id/meetings/:meetingId/survey-rate"),
};
