import { path } from "../../platform/paths.ts";

/** Every route of the meeting pages and API: registered from here, linked from here. */
export const paths = {
  newMeeting: path("/processer/:id/moten/ny"),
  meeting: path("/processer/:id/moten/:meetingId"),
  calendar: path("/processer/:id/moten/:meetingId/kalender.ics"),
  hold: path("/processer/:id/moten/:meetingId/halla"),
  consent: path("/processer/:id/moten/:meetingId/samtycke"),
  cancel: path("/processer/:id/moten/:meetingId/installt"),
  edit: path("/processer/:id/moten/:meetingId/andra"),
  apiMeetings: path("/api/v1/processes/:id/meetings"),
  apiMeeting: path("/api/v1/processes/:id/meetings/:meetingId"),
  apiHold: path("/api/v1/processes/:id/meetings/:meetingId/hold"),
  apiConsent: path("/api/v1/processes/:id/meetings/:meetingId/consent"),
  apiCancel: path("/api/v1/processes/:id/meetings/:meetingId/cancel"),
};
