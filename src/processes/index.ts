import { breakGlassPaths } from "./break-glass/index.ts";
import { listPaths } from "./list/index.ts";
import { paths } from "./paths.ts";
import { searchPaths } from "./search/index.ts";

export { findPersons, type SearchHit } from "./search/index.ts";

import { teamPaths } from "./team/index.ts";

/** The minimal view's one rule (issue 17, hole 8), owned by families (the requests' module, below processes) and used by both. */
export { minimalView } from "../families/index.ts";
export type { LoadedProcess } from "./access.ts";
export { auditDisplay, loadForWork, loadProcess, visibilityFor } from "./access.ts";
export type { InvitationPayload } from "./invitations.ts";
export { calendarUid, MEETING_INVITATION } from "./invitations.ts";
export type { MeetingRow, outcomeReasons } from "./meetings/index.ts";
export { findMeeting, lockMeeting, meetingPaths, participantsOf } from "./meetings/index.ts";
export type {
  AssignmentRole,
  HeldConsultation,
  HeldMeeting,
  InterruptReason,
  MeetingStatus,
  Phase,
  ProcessStatus,
  StopDue,
} from "./model.ts";
export {
  childrenFor,
  derivePhase,
  interruptReasons,
  meetingSeries,
  meetingStatuses,
  nextStep,
  phases,
  processState,
  processStatus,
  processStatuses,
  stopsDue,
} from "./model.ts";
export type { ImpactSection } from "./stops/index.ts";
export type { Visibility } from "./store.ts";
export { assignedTo, involvesUnits, visibleProcess, visibleProcesses } from "./store.ts";
export type { SupportKind } from "./support/index.ts";
export { supportKinds } from "./support/index.ts";
export type { MeetingRate, Rate, SurveySectionData, TypeRate } from "./survey-rates/index.ts";
export { loadSurveySection, meetingRate, paperHref, rateText, SurveySection } from "./survey-rates/index.ts";
export { meetingHref, processHref } from "./views.tsx";

/** The module's routes for other modules' links: the family page's, the list's, the team's and the search's. */
export const processPaths = { ...paths, ...listPaths, ...teamPaths, ...searchPaths, ...breakGlassPaths };
export { DEFAULT_BREAK_GLASS_MINUTES } from "./break-glass/index.ts";
