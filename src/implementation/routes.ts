import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { implementationApi } from "./api.ts";
import { implementationPages } from "./pages.tsx";

/** The implementation module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  implementationPages(app);
  implementationApi(app);
}
