import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { organisationApi } from "./api.ts";
import { organisationPages } from "./pages.tsx";

/** The organisation module's pages and API, in the order they are registered. */
export async function routes(app: App, deps: ModuleDeps): Promise<void> {
  organisationPages(app, deps.sessions);
  organisationApi(app, deps.sessions);
}
