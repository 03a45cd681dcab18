import { path } from "../../platform/paths.ts";

/** Every route of answering a survey through a link, the pages and the API: registered from here, linked from here. */
export const paths = {
  answer: path("/svar/:token"),
  thanks: path("/svar/tack"),
  apiAnswers: path("/api/v1/survey-answers"),
};
