import type { App } from "../platform/http.ts";
import { retentionApi } from "./api.ts";
import { retentionPages } from "./pages.tsx";

/** The retention module's page and API. */
export async function routes(app: App): Promise<void> {
  retentionPages(app);
  retentionApi(app);
}
