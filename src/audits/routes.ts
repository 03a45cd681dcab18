import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { reviewKeysApi } from "./keys/api.ts";
import { reviewKeysPages } from "./keys/pages.tsx";
import { resultsApi } from "./results/api.ts";
import { resultsPages } from "./results/pages.tsx";
import { reviewApi } from "./review/api.ts";
import { reviewPages } from "./review/pages.tsx";
import { roundsApi } from "./rounds/api.ts";
import { roundsPages } from "./rounds/pages.tsx";

/** The audits module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  reviewKeysPages(app);
  reviewKeysApi(app);
  roundsPages(app);
  roundsApi(app);
  reviewPages(app);
  reviewApi(app);
  resultsPages(app);
  resultsApi(app);
}
