import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { familiesApi } from "./api.ts";
import { handoverApi } from "./handovers/api.ts";
import { handoverPages } from "./handovers/pages.tsx";
import { familiesPages } from "./pages.tsx";

/** The families module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  familiesPages(app);
  familiesApi(app);
  handoverPages(app);
  handoverApi(app);
}
