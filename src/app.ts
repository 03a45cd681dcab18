import { modules } from "./modules.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/database.ts";
import { healthRoutes } from "./platform/health.ts";
import { type App, createHttpServer } from "./platform/http.ts";
import { startJobRunner } from "./platform/jobs.ts";
import { createMailer } from "./platform/mail.ts";
import { installModules } from "./platform/module.ts";
import { SessionStore } from "./platform/sessions.ts";

export interface AppDeps {
  config: Config;
  database: Database;
}

/** The composition root: the platform first, then every module's pages and API (src/modules.ts), in order. */
export async function buildApp({ config, database }: AppDeps): Promise<App> {
  installModules(modules);
  const sessions = new SessionStore(config.session);
  const app = await createHttpServer({ config, database, sessions });
  healthRoutes(app, database);
  const mailer = createMailer(config);
  app.addHook("onClose", async () => mailer.close());
  for (const m of modules) await m.routes?.(app, { config, database, sessions, mailer });
  if (config.jobs) {
    // Background jobs (decision in docs): pg-boss on the same database, stopped before the pool closes.
    const definitions = [];
    for (const m of modules) definitions.push(...((await m.jobs?.(database.db)) ?? []));
    const jobs = await startJobRunner(
      { connectionString: database.url, onError: (e) => app.log.error({ err: e }, "background job") },
      definitions,
    );
    app.addHook("onClose", async () => jobs.stop());
  }
  await app.ready();
  return app;
}
