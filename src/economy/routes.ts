import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { economyApi } from "./api.ts";
import { economyPages } from "./pages.tsx";

/** The economy module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  economyPages(app);
  economyApi(app);
}
