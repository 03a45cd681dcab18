import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { calendarPages } from "./pages.tsx";

/** The calendar module's pages: the own settings and the public feed. */
export async function routes(app: App, deps: ModuleDeps): Promise<void> {
  calendarPages(app, deps);
}
