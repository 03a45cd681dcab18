import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { workmodelsApi } from "./api.ts";
import { workmodelsPages } from "./pages.tsx";

/** The workmodels module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  workmodelsPages(app);
  workmodelsApi(app);
}
