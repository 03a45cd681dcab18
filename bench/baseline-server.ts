/**
 * The baseline for bench/run.ts: bare Fastify and pg, no plugins, no hooks. It answers
 * - GET /logga-in with the app's login page as a constant string (same bytes, nothing rendered),
 * - GET /api/v1/me with the same SQL that the app runs for that call: the token lookup, the user,
 *   their roles and units, and the token's last-used update at most once a minute (see
 *   actorForApiToken and loadActor in src/platform/sessions.ts), with a pool of the same size as the app's.
 */
import crypto from "node:crypto";
import Fastify from "fastify";
import pg from "pg";
import type { ServerReady, ServerStart } from "./protocol.ts";

process.once("message", async (message: ServerStart) => {
  const pool = new pg.Pool({ connectionString: message.databaseUrl, max: 10 });
  const html = message.loginHtml ?? "";
  const app = Fastify({ logger: false });

  app.get("/logga-in", async (_req, reply) => reply.header("content-type", "text/html; charset=utf-8").send(html));

  app.get("/api/v1/me", async (req, reply) => {
    const header = req.headers.authorization ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    const hash = crypto.createHash("sha256").update(token).digest("hex");
    const tokens = await pool.query(
      "select * from api_tokens where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > now())",
      [hash],
    );
    const row = tokens.rows[0];
    if (!row) return reply.code(401).send({ status: 401 });
    const users = await pool.query("select * from users where id = $1 and active = true", [row.user_id]);
    const user = users.rows[0];
    if (!user) return reply.code(401).send({ status: 401 });
    const [roles, units] = await Promise.all([
      pool.query("select role from user_roles where user_id = $1", [user.id]),
      pool.query("select unit_id from user_units where user_id = $1", [user.id]),
    ]);
    const now = new Date();
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > 60_000) {
      await pool.query("update api_tokens set last_used_at = $1 where id = $2", [now, row.id]);
    }
    return {
      id: user.id,
      username: user.username,
      displayName: user.display_name,
      roles: roles.rows.map((r) => r.role),
      unitIds: units.rows.map((u) => u.unit_id),
      scopes: row.scopes,
    };
  });

  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const ready: ServerReady = { port: typeof address === "object" && address ? address.port : 0 };
  process.send?.(ready);
  process.once("message", async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  });
});
