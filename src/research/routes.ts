import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { researchApi } from "./api.ts";
import { researchPages } from "./pages.tsx";

/** The research module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  researchPages(app);
  researchApi(app);
}
