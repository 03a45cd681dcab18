export { type ContactDetails, ContactFacts } from "./contact-view.tsx";
export type { HandoverRole, HandoverSummary, HandoverWaitFigure } from "./handovers/index.ts";
export { handoverPaths, handoverRoles, handoverWaitFigures } from "./handovers/index.ts";
export { luhnCheckDigit, maskIdentityNumber, parseIdentityNumber } from "./identity.ts";
export type { AgeBand, CaseTypeChange, CaseTypeInput, CaseTypeResult, FamilyName, IsoDate, NamedFamily } from "./model.ts";
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
  familyName,
  formatIsoDate,
  looksLikeCaseFileNumber,
  minimalView,
  parseCaseFileNumber,
  parseIsoDate,
} from "./model.ts";
export { FamilyNameLine } from "./name-view.tsx";
export { type LoadedName, loadFamilyNames, namedFamily } from "./names.ts";
export { paths as familyPaths } from "./paths.ts";
export {
  attitudes,
  custodies,
  type FamilyLanguage,
  familyLanguages,
  genders,
  guardianGenders,
  households,
  relations,
  requestStatuses,
  stopReasons,
  substanceAnswers,
} from "./schemas.ts";
