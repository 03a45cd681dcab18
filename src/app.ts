import { modules } from "./modules.ts";
import { type Clock, systemClock } from "./platform/clock.ts";
import type { Config } from "./platform/config.ts";
import type { Database } from "./platform/database.ts";
import { errorSummary } from "./platform/errors.ts";
import { healthRoutes } from "./platform/health.ts";
import { type App, createHttpServer } from "./platform/http.ts";
import { startJobRunner } from "./platform/jobs.ts";
import { createMailer } from "./platform/mail.ts";
import { installModules } from "./platform/module.ts";
import { SessionStore } from "./platform/sessions.ts";

export interface AppDeps {
  config: Config;
  database: Database;
  /** Where every service, session and job takes the time from: the system clock unless a test sets one. */
  clock?: Clock;
}

/** The composition root: the platform first, then every module's pages and API (src/modules.ts), in order. */
export async function buildApp({ config, database, clock = systemClock }: AppDeps): Promise<App> {
  installModules(modules);
  const sessions = new SessionStore(config.session, clock);
  const app = await createHttpServer({ config, database, sessions, clock });
  healthRoutes(app, database);
  const mailer = createMailer(config);
  app.addHook("onClose", async () => mailer.close());
  for (const m of modules) await m.routes?.(app, { config, database, sessions, mailer, clock });
  if (config.jobs) {
    // Background jobs (decision in docs): pg-boss on the same database, stopped before the pool closes.
    const definitions = [];
    for (const m of modules) definitions.push(...((await m.jobs?.(database.db, clock, { config, mailer })) ?? []));
    const jobs = await startJobRunner(
      { connectionString: database.url, onError: (e) => app.log.error({ error: errorSummary(e) }, "background job") },
      definitions,
    );
    app.addHook("onClose", async () => jobs.stop());
  }
  await app.ready();
  return app;
}
