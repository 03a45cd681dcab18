import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { mfaPages } from "./mfa-pages.tsx";
import { authPages } from "./pages.tsx";
import { ssoPages } from "./sso-pages.tsx";

/** The auth module's pages and API, in the order they are registered. */
export async function routes(app: App, deps: ModuleDeps): Promise<void> {
  authPages(app, deps.sessions, deps.config);
  ssoPages(app, deps.sessions, deps.config);
  mfaPages(app, deps.sessions);
}
