import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { apidocsApi } from "./api.ts";
import { apidocsPages } from "./pages.tsx";

/** The apidocs module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  apidocsPages(app);
  apidocsApi(app);
}
