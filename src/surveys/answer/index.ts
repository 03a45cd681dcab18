export { FETCH_HEADER, secretPage } from "./pages.tsx";
export { answerInput, answerInvitation, invitationContent } from "./service.ts";
export { AnswerPage, RespondentLayout } from "./views.tsx";
