export type { AnswerValue, Content } from "./model.ts";
export { answerValues, contentSchema, questionsFor } from "./model.ts";
export { paths as keyPaths } from "./paths.ts";
export { seedReviewKeys, skarpnackKey } from "./seed.ts";
export { reviewKeyDocuments } from "./service.ts";
