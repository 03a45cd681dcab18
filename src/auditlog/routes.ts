import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { auditlogApi } from "./audit-view/api.ts";
import { auditViewPages } from "./audit-view/pages.tsx";
import { clientViewApi } from "./client-view/api.ts";
import { clientViewPages } from "./client-view/pages.tsx";
import { flagsApi } from "./flags/api.ts";
import { flagsPages } from "./flags/pages.tsx";
import { securityViewPages } from "./security-view/pages.tsx";

/** The auditlog module's pages and API, in the order they are registered. */
export async function routes(app: App, _deps: ModuleDeps): Promise<void> {
  auditViewPages(app);
  clientViewPages(app);
  flagsPages(app);
  securityViewPages(app);
  auditlogApi(app);
  clientViewApi(app);
  flagsApi(app);
}
