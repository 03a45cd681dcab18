import { accountMessages } from "./account/messages.ts";
import { apidocsMessages } from "./apidocs/messages.ts";
import { auditlogMessages } from "./auditlog/messages.ts";
import { auditsMessages } from "./audits/audits-messages.ts";
import { reviewKeysMessages } from "./audits/key-messages.ts";
import { authMessages } from "./auth/messages.ts";
import { economyMessages } from "./economy/messages.ts";
import { familiesMessages } from "./families/messages.ts";
import { followupMessages } from "./followup/messages.ts";
import { followupPageMessages } from "./followup/page-messages.ts";
import { implementationMessages } from "./implementation/messages.ts";
import { organisationMessages } from "./organisation/messages.ts";
import { outcomesMessages } from "./outcomes/messages.ts";
import type { Catalog } from "./platform/i18n.ts";
import { platformMessages } from "./platform/messages.ts";
import { meetingsMessages } from "./processes/meetings-messages.ts";
import { processesMessages } from "./processes/messages.ts";
import { stopsMessages } from "./processes/stops-messages.ts";
import { supportMessages } from "./processes/support-messages.ts";
import { reportsMessages } from "./reports/messages.ts";
import { researchMessages } from "./research/messages.ts";
import { startMessages } from "./start/messages.ts";
import { answerMessages } from "./surveys/answer-messages.ts";
import { campaignsMessages } from "./surveys/campaigns-messages.ts";
import { kioskMessages } from "./surveys/kiosk-messages.ts";
import { surveysMessages } from "./surveys/messages.ts";
import { responsesMessages } from "./surveys/responses-messages.ts";
import { resultsMessages } from "./surveys/results-messages.ts";
import { worklistsMessages } from "./worklists/messages.ts";
import { workmodelsMessages } from "./workmodels/messages.ts";

/** Every slice's message catalog. Add a slice's catalog here. */
export const catalogs: Catalog[] = [
  platformMessages,
  authMessages,
  startMessages,
  organisationMessages,
  outcomesMessages,
  accountMessages,
  apidocsMessages,
  auditlogMessages,
  workmodelsMessages,
  surveysMessages,
  familiesMessages,
  followupMessages,
  followupPageMessages,
  processesMessages,
  worklistsMessages,
  stopsMessages,
  supportMessages,
  meetingsMessages,
  responsesMessages,
  economyMessages,
  implementationMessages,
  reportsMessages,
  researchMessages,
  resultsMessages,
  answerMessages,
  kioskMessages,
  campaignsMessages,
  reviewKeysMessages,
  auditsMessages,
];
