export type { Invitation } from "./invitations-store.ts";
export { answerPath, findByToken, insertKioskTurn, insertLink, lockById, lockByToken, markUsed, refusalOf } from "./invitations-store.ts";
