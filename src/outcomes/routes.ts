import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { outcomesApi } from "./api.ts";
import { outcomesPages } from "./pages.tsx";

/** The outcomes module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  outcomesPages(app);
  outcomesApi(app);
}
