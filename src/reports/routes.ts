import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { reportsApi } from "./api.ts";
import { reportsPages } from "./pages.tsx";

/** The reports module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  reportsPages(app);
  reportsApi(app);
}
