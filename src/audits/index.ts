export { seedReviewKeys } from "./keys/index.ts";
