export { luhnCheckDigit, maskIdentityNumber, parseIdentityNumber } from "./identity.ts";
export type { AgeBand, CaseTypeChange, CaseTypeInput, CaseTypeResult, IsoDate } from "./model.ts";
export {
  addDays,
  ageBand,
  ageBands,
  ageOn,
  caseTypeChange,
  caseTypeLabelKey,
  daysBetween,
  daysInMonth,
  deriveCaseType,
  describeCaseTypeChange,
  formatIsoDate,
  parseIsoDate,
} from "./model.ts";
export { paths as familyPaths } from "./paths.ts";
export {
  attitudes,
  custodies,
  genders,
  guardianGenders,
  households,
  relations,
  requestStatuses,
  stopReasons,
  substanceAnswers,
} from "./schemas.ts";
