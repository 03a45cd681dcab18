export type { MeetingRate, Rate, SurveySectionData, TypeRate } from "./service.ts";
export { loadSurveySection, meetingRate } from "./service.ts";
export { MeetingSurveyPart, paperHref, rateText, SurveySection } from "./views.tsx";
