export { responsesMessages } from "./messages.ts";
export type { AnswerInput, RespondentRole } from "./service.ts";
export { answerField, checkAnswers, recordResponse, respondentRoles } from "./service.ts";
export { lockByKey } from "./store.ts";
