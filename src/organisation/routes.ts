import type { App } from "../platform/http.ts";
import type { ModuleDeps } from "../platform/module.ts";
import { ssoSettingsPages } from "./sso/pages.tsx";
import { unitsApi } from "./units/api.ts";
import { unitPages } from "./units/pages.tsx";
import { usersApi } from "./users/api.ts";
import { userPages } from "./users/pages.tsx";

/** The organisation module's pages and API, in the order they are registered: the municipality and its units, then the users. */
export async function routes(app: App, deps: ModuleDeps): Promise<void> {
  unitPages(app);
  ssoSettingsPages(app, deps.config);
  userPages(app, deps.sessions);
  unitsApi(app);
  usersApi(app, deps.sessions);
}
