export type { outcomeReasons } from "./model.ts";
export { paths as meetingPaths } from "./paths.ts";
export { cancelMeeting, holdMeeting, planMeeting, recordConsent } from "./service.ts";
export type { MeetingRow } from "./store.ts";
export { findMeeting, lockMeeting, meetingsOf, participantsOf } from "./store.ts";
