export { chosenLanguage, FETCH_HEADER, secretPage } from "./pages.tsx";
export { answerInvitation, answersFromForm, completeFromForm, formValues, invitationContent, unreviewedOf } from "./service.ts";
export { AnswerPage, LANGUAGE_PARAM, RespondentLayout, respondentView } from "./views.tsx";
