export { type VersionContent, versionContent, versionContents } from "./contents.ts";
export type { Content, DueEvent, MeetingType, ProgressMark, Stop } from "./model.ts";
export {
  appliesToChildAge,
  contentSchema,
  decisionMeeting,
  dueEvents,
  localContent,
  localTexts,
  participantKinds,
  progressMarks,
  stopScopes,
} from "./model.ts";
export { familyProcessSupportModel, seedWorkModels, sofiaModel } from "./seed.ts";
export { workModelDocuments } from "./service.ts";
