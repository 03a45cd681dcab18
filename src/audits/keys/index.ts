export type { AnswerValue, Content } from "./model.ts";
export { answerValues, contentSchema, questionsFor } from "./model.ts";
export { seedReviewKeys, skarpnackKey } from "./seed.ts";
export { reviewKeyDocuments } from "./service.ts";
