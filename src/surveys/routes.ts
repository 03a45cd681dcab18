import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { answerApi } from "./answer/api.ts";
import { answerPages } from "./answer/pages.tsx";
import { surveysApi } from "./api.ts";
import { campaignEntryApi, campaignsApi } from "./campaigns/api.ts";
import { campaignEntryPages, campaignsPages } from "./campaigns/pages.tsx";
import { kioskApi } from "./kiosk/api.ts";
import { kioskPages } from "./kiosk/pages.tsx";
import { linksApi } from "./links/api.ts";
import { linksPages } from "./links/pages.tsx";
import { surveysPages } from "./pages.tsx";
import { paperImportPages, paperPages } from "./paper/pages.tsx";
import { responsesApi } from "./responses/api.ts";
import { resultsApi } from "./results/api.ts";
import { resultsPages } from "./results/pages.tsx";

/** The surveys module's pages and API, in the order they are registered. */
export async function routes(app: App, deps: ModuleDeps): Promise<void> {
  const campaigns = { mailer: deps.mailer, publicUrl: deps.config.publicUrl };
  resultsPages(app);
  resultsApi(app);
  surveysPages(app);
  surveysApi(app);
  campaignsPages(app, campaigns);
  campaignEntryPages(app);
  campaignsApi(app, campaigns);
  campaignEntryApi(app);
  paperPages(app);
  paperImportPages(app);
  responsesApi(app);
  kioskPages(app);
  kioskApi(app);
  linksPages(app);
  linksApi(app);
  answerPages(app);
  answerApi(app);
}
