import type { Database } from "./database.ts";
import type { App } from "./http.ts";

export function healthRoutes(app: App, database: Database): void {
  app.get("/healthz", { config: { permission: "public" } }, async (_req, reply) => {
    try {
      await database.pool.query("select 1");
      return reply.header("cache-control", "no-store").send({ status: "ok", database: "ok" });
    } catch {
      return reply.code(503).header("cache-control", "no-store").send({ status: "fail", database: "unreachable" });
    }
  });
}
