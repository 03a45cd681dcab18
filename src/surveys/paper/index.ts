export { paperInput, recordPaperResponse, surveyRate } from "./service.ts";
export { SurveyRefusedPage } from "./views.tsx";
