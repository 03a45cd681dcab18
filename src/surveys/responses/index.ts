export type { AnswerInput, RespondentRole } from "./service.ts";
export { answerField, checkAnswers, recordResponse, respondentRoles } from "./service.ts";
export { responsesMessages } from "./messages.ts";
export { lockByKey } from "./store.ts";
