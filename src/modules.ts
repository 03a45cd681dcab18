import { accountModule } from "./account/module.ts";
import { apidocsModule } from "./apidocs/module.ts";
import { auditlogModule } from "./auditlog/module.ts";
import { auditsModule } from "./audits/module.ts";
import { authModule } from "./auth/module.ts";
import { backupModule } from "./backup/module.ts";
import { calendarModule } from "./calendar/module.ts";
import { economyModule } from "./economy/module.ts";
import { familiesModule } from "./families/module.ts";
import { followupModule } from "./followup/module.ts";
import { implementationModule } from "./implementation/module.ts";
import { organisationModule } from "./organisation/module.ts";
import { outcomesModule } from "./outcomes/module.ts";
import { placementsModule } from "./placements/module.ts";
import type { Module } from "./platform/module.ts";
import { processesModule } from "./processes/module.ts";
import { reportsModule } from "./reports/module.ts";
import { researchModule } from "./research/module.ts";
import { retentionModule } from "./retention/module.ts";
import { startModule } from "./start/module.ts";
import { surveysModule } from "./surveys/module.ts";
import { worklistsModule } from "./worklists/module.ts";
import { workmodelsModule } from "./workmodels/module.ts";

/**
 * Every module of Sofia, in the order its routes are registered and its reference data is seeded
 * (work models before the survey instruments, review keys and indicators that refer to them).
 * Add a module here, and nowhere else.
 */
export const modules: readonly Module[] = [
  authModule,
  startModule,
  organisationModule,
  auditlogModule,
  accountModule,
  apidocsModule,
  workmodelsModule,
  surveysModule,
  familiesModule,
  worklistsModule,
  processesModule,
  placementsModule,
  economyModule,
  implementationModule,
  researchModule,
  auditsModule,
  outcomesModule,
  followupModule,
  reportsModule,
  calendarModule,
  retentionModule,
  backupModule,
];
