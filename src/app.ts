import { accountApi } from "./account/api.ts";
import { accountPages } from "./account/pages.tsx";
import { apidocsApi } from "./apidocs/api.ts";
import { apidocsPages } from "./apidocs/pages.tsx";
import { auditlogApi } from "./auditlog/api.ts";
import { auditlogPages } from "./auditlog/pages.tsx";
import { authPages } from "./auth/pages.tsx";
import { familiesApi } from "./families/api.ts";
import { familiesPages } from "./families/pages.tsx";
import { organisationApi } from "./organisation/api.ts";
import { organisationPages } from "./organisation/pages.tsx";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/database.ts";
import { healthRoutes } from "./platform/health.ts";
import { type App, createHttpServer } from "./platform/http.ts";
import { SessionStore } from "./platform/sessions.ts";
import { processesApi } from "./processes/api.ts";
import { meetingsApi } from "./processes/meetings-api.ts";
import { meetingsPages } from "./processes/meetings-pages.tsx";
import { processesPages } from "./processes/pages.tsx";
import { stopsApi } from "./processes/stops-api.ts";
import { stopsPages } from "./processes/stops-pages.tsx";
import { supportApi } from "./processes/support-api.ts";
import { supportPages } from "./processes/support-pages.tsx";
import { startPages } from "./start/pages.tsx";
import { surveysApi } from "./surveys/api.ts";
import { surveysPages } from "./surveys/pages.tsx";
import { paperPages } from "./surveys/paper-pages.tsx";
import { responsesApi } from "./surveys/responses-api.ts";
import { workmodelsApi } from "./workmodels/api.ts";
import { workmodelsPages } from "./workmodels/pages.tsx";

export interface AppDeps {
  config: Config;
  database: Database;
}

/** The composition root: the platform first, then each capability's pages and API, in order. */
export async function buildApp({ config, database }: AppDeps): Promise<App> {
  const sessions = new SessionStore(config.session);
  const app = await createHttpServer({ config, database, sessions });
  healthRoutes(app, database);
  authPages(app, sessions);
  startPages(app);
  organisationPages(app, sessions);
  organisationApi(app, sessions);
  auditlogPages(app);
  auditlogApi(app);
  accountPages(app);
  accountApi(app);
  apidocsPages(app);
  apidocsApi(app);
  workmodelsPages(app);
  workmodelsApi(app);
  surveysPages(app);
  surveysApi(app);
  paperPages(app);
  responsesApi(app);
  familiesPages(app);
  familiesApi(app);
  stopsPages(app);
  stopsApi(app);
  supportPages(app);
  supportApi(app);
  meetingsPages(app);
  meetingsApi(app);
  processesPages(app);
  processesApi(app);
  await app.ready();
  return app;
}
