import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { accountApi } from "./api.ts";
import { accountPages } from "./pages.tsx";

/** The account module's pages and API, in the order they are registered. */
export async function routes(app: App, deps: ModuleDeps): Promise<void> {
  accountPages(app, deps.sessions);
  accountApi(app);
}
