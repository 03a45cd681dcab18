export { CODE_ALPHABET, CODE_BITS, formatCode, newLinkCode, normaliseCode, tokenHashOf } from "./codes.ts";
export type { Invitation } from "./invitations-store.ts";
export {
  answerPath,
  findByToken,
  insertKioskTurn,
  insertLink,
  lockById,
  lockByToken,
  markAnswered,
  markUsed,
  refusalOf,
} from "./invitations-store.ts";
