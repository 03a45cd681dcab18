export { chosenLanguage, FETCH_HEADER, secretPage } from "./pages.tsx";
export { answerInput, answerInvitation, invitationContent, unreviewedOf } from "./service.ts";
export { AnswerPage, LANGUAGE_PARAM, RespondentLayout, respondentView } from "./views.tsx";
