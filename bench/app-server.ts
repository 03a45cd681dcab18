/**
 * The real application in a process of its own, for bench/run.ts: the composition root on the
 * benchmark's database, logger silent, on a free port of 127.0.0.1. Started with fork(); told the
 * database by message; answers with its port; stops on "stop".
 *
 * BENCH_WORKERS=N (N > 1) runs the app as `npm start` does with SOFIA_WORKERS=N instead
 * (scripts/start.mjs: the built dist/main.js, a primary and N workers on the benchmark's database,
 * decision 0052); this process then only starts it, waits until every worker listens, and stops
 * it with SIGTERM. The messages stay the same (bench/protocol.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/platform/config.ts";
import { connect, freePort } from "../src/platform/database.ts";
import { installIdentityKeys, readIdentityKeys } from "../src/platform/identity-crypto.ts";
import type { ServerReady, ServerStart } from "./protocol.ts";

const workers = Math.max(1, Math.floor(Number(process.env.BENCH_WORKERS) || 1));
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

async function inThisProcess(message: ServerStart): Promise<{ port: number; stop(): Promise<void> }> {
  // The rate limit off (decision 0057): the bench sends thousands of requests a minute from one address on purpose.
  const config = { ...loadConfig({}), databaseUrl: message.databaseUrl, logLevel: "silent", host: "127.0.0.1", port: 0, rateLimit: null };
  // The key bench/run.ts put in the environment (decision 0061).
  installIdentityKeys(readIdentityKeys(loadConfig().identityKeys, config.dataDir, false).keyring);
  const database = connect(message.databaseUrl, undefined, { waitMs: config.databaseWaitMs });
  const app = await buildApp({ config, database });
  await app.listen({ host: config.host, port: 0 });
  const address = app.server.address();
  return {
    port: typeof address === "object" && address ? address.port : 0,
    async stop() {
      await app.close();
      await database.close();
    },
  };
}

async function asWorkers(message: ServerStart): Promise<{ port: number; stop(): Promise<void> }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], {
    cwd: root,
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: message.databaseUrl,
      SOFIA_WORKERS: String(workers),
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "silent",
      // As in one process above: the bench's thousands of requests a minute from one address are not an attack.
      SOFIA_RATE_LIMIT: "off",
    },
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`npm start with SOFIA_WORKERS=${workers} ended with ${code}: ${output}`)));
    child.stdout?.on("data", (chunk) => {
      output += chunk;
      if (output.includes(`Alla ${workers} processer tar emot anrop.`)) resolve();
    });
  });
  child.removeAllListeners("exit");
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

process.once("message", async (message: ServerStart) => {
  const server = workers > 1 ? await asWorkers(message) : await inThisProcess(message);
  const ready: ServerReady = { port: server.port };
  process.send?.(ready);
  process.once("message", async () => {
    await server.stop();
    process.exit(0);
  });
});
