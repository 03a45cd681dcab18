export { seedReviewKeys } from "./key-seed.ts";
