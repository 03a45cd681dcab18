import type { App } from "../platform/http.ts";
import { paths } from "./paths.ts";

/** The OpenAPI 3.1 document of every /api/v1 route, built by @fastify/swagger from their zod schemas. */
export function apidocsApi(app: App): void {
  app.get(paths.openapi.pattern, { config: { permission: "public" }, schema: { hide: true } }, async (_req, reply) =>
    reply.header("cache-control", "no-cache").send(app.swagger()),
  );
}
