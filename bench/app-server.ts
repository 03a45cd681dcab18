/**
 * The real application in a process of its own, for bench/run.ts: the composition root on the
 * benchmark's database, logger silent, on a free port of 127.0.0.1. Started with fork(); told the
 * database by message; answers with its port; stops on "stop".
 */
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/platform/config.ts";
import { connect } from "../src/platform/database.ts";
import type { ServerReady, ServerStart } from "./protocol.ts";

process.once("message", async (message: ServerStart) => {
  const config = { ...loadConfig({}), databaseUrl: message.databaseUrl, logLevel: "silent", host: "127.0.0.1", port: 0 };
  const database = connect(message.databaseUrl, undefined, { waitMs: config.databaseWaitMs });
  const app = await buildApp({ config, database });
  await app.listen({ host: config.host, port: 0 });
  const address = app.server.address();
  const ready: ServerReady = { port: typeof address === "object" && address ? address.port : 0 };
  process.send?.(ready);
  process.once("message", async () => {
    await app.close();
    await database.close();
    process.exit(0);
  });
});
