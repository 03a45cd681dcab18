import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { startPages } from "./pages.tsx";

/** The start module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  startPages(app);
}
