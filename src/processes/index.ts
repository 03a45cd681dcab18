export type { LoadedProcess } from "./access.ts";
export { auditDisplay, loadForWork, loadProcess, visibilityFor } from "./access.ts";
export type { outcomeReasons } from "./meetings-model.ts";
export type { MeetingRow } from "./meetings-store.ts";
export { findMeeting, lockMeeting, participantsOf } from "./meetings-store.ts";
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
export type { ImpactSection } from "./stops-model.ts";
export type { Visibility } from "./store.ts";
export { assignedTo, involvesUnits, visibleProcesses } from "./store.ts";
export type { SupportKind } from "./support-model.ts";
export { supportKinds } from "./support-model.ts";
export type { MeetingRate, Rate, SurveySectionData, TypeRate } from "./survey-rates.ts";
export { loadSurveySection, meetingRate } from "./survey-rates.ts";
export { paperHref, rateText, SurveySection } from "./survey-rates-view.tsx";
export { meetingHref, processHref } from "./views.tsx";
