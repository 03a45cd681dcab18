export type { AnswerInput, RespondentRole } from "./service.ts";
export { answerField, recordResponse, respondentRoles } from "./service.ts";
export { lockByKey } from "./store.ts";
