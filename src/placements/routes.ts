import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { placementsApi } from "./api.ts";
import { placementsPages } from "./pages.tsx";

/** The placements module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  placementsPages(app);
  placementsApi(app);
}
