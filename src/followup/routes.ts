import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { followupApi } from "./api.ts";
import { indicatorsApi } from "./indicators/api.ts";
import { indicatorsPages } from "./indicators/pages.tsx";
import { followupPages } from "./pages.tsx";

/** The followup module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  followupPages(app);
  followupApi(app);
  indicatorsPages(app);
  indicatorsApi(app);
}
