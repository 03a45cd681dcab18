export { FETCH_HEADER, secretPage } from "./pages.tsx";
export { answerInvitation, answersFromForm, completeFromForm, formValues, invitationContent } from "./service.ts";
export { AnswerPage, RespondentLayout } from "./views.tsx";
