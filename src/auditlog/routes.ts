import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { auditlogApi } from "./api.ts";
import { auditlogPages } from "./pages.tsx";

/** The auditlog module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  auditlogPages(app);
  auditlogApi(app);
}
