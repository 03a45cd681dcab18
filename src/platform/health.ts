import { lastGoodBackup } from "./backup-status.ts";
import type { Database } from "./database.ts";
import type { App } from "./http.ts";
import { observeLastBackup } from "./metrics.ts";

export function healthRoutes(app: App, database: Database): void {
  const stopObserving = observeLastBackup(() => lastGoodBackup(database.pool));
  app.addHook("onClose", async () => {
    stopObserving();
  });
  app.get("/healthz", { config: { permission: "public" } }, async (_req, reply) => {
    try {
      await database.pool.query("select 1");
      // When the last good backup was taken (decision 0067): null when none is recorded.
      const lastBackup = (await lastGoodBackup(database.pool))?.toISOString() ?? null;
      return reply.header("cache-control", "no-store").send({ status: "ok", database: "ok", lastBackup });
    } catch {
      return reply.code(503).header("cache-control", "no-store").send({ status: "fail", database: "unreachable" });
    }
  });
}
