import { authPages } from "./auth/pages.tsx";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/database.ts";
import { healthRoutes } from "./platform/health.ts";
import { type App, createHttpServer } from "./platform/http.ts";
import { SessionStore } from "./platform/sessions.ts";
import { startPages } from "./start/pages.tsx";

export interface AppDeps {
  config: Config;
  database: Database;
}

/** The composition root: the platform first, then each capability's pages and API, in order. */
export async function buildApp({ config, database }: AppDeps): Promise<App> {
  const sessions = new SessionStore(config.session);
  const app = await createHttpServer({ config, database, sessions });
  healthRoutes(app, database);
  authPages(app, sessions);
  startPages(app);
  await app.ready();
  return app;
}
